"""Connecting a group's OSM account: OAuth 2.0 with PKCE against the fake OSM API."""

import logging
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from sqlalchemy import select, text

from server.extensions import db
from server.osm import tokens
from server.osm.models import OsmAccount, OsmAuthorisation
from server.osm.oauth import pkce_challenge
from server.types import utcnow

REDIRECT_URI = "http://camwalk.test/api/v1/osm/callback"


@pytest.fixture
def oauth(app, fake_osm, monkeypatch):
    """The app configured as an OSM OAuth client of the fake API, with a distinctive token."""
    monkeypatch.setitem(app.config, "OSM_CLIENT_ID", "camwalk-test-client")
    monkeypatch.setitem(app.config, "OSM_REDIRECT_URI", REDIRECT_URI)
    monkeypatch.setitem(app.config, "OSM_API_URL", fake_osm.url)
    monkeypatch.delitem(app.config, "OSM_TOKEN", raising=False)
    fake_osm.state.token = "osm-access-token-4f1c9e"
    return fake_osm


def authorize(client, group) -> str:
    answer = client.post(
        f"/api/v1/groups/{group.id}/osm-account/authorize", headers=group.headers("organiser")
    )
    assert answer.status_code == 200, answer.get_json()
    return answer.get_json()["authorization_url"]


def consent(authorization_url: str) -> dict:
    """What the organiser's browser does on OSM: the fake consents and redirects back."""
    answer = requests.get(authorization_url, allow_redirects=False, timeout=5)
    assert answer.status_code == 302
    back = urlsplit(answer.headers["Location"])
    assert f"{back.scheme}://{back.netloc}{back.path}" == REDIRECT_URI
    return {key: values[0] for key, values in parse_qs(back.query).items()}


def callback(client, query: dict):
    return client.get("/api/v1/osm/callback", query_string=query)


def test_the_authorisation_url_asks_osm_for_write_api_with_an_s256_challenge(client, group, oauth):
    url = urlsplit(authorize(client, group))
    query = {key: values[0] for key, values in parse_qs(url.query).items()}

    assert f"{url.scheme}://{url.netloc}{url.path}" == f"{oauth.url}/oauth2/authorize"
    assert query["response_type"] == "code"
    assert query["client_id"] == "camwalk-test-client"
    assert query["redirect_uri"] == REDIRECT_URI
    assert query["scope"] == "write_api"
    assert query["code_challenge_method"] == "S256"
    assert len(query["state"]) >= 40 and len(query["code_challenge"]) == 43
    pending = db.session.scalar(select(OsmAuthorisation))
    assert pending.group_id == group.id and pending.expires_at > utcnow()
    assert query["state"] not in pending.state_hash
    verifier = tokens.decrypt("test-secret", pending.verifier_encrypted)
    assert pkce_challenge(verifier) == query["code_challenge"]
    assert verifier not in pending.verifier_encrypted


def test_the_whole_dance_stores_the_token_encrypted_and_shows_the_osm_user(
    client, group, oauth, caplog
):
    caplog.set_level(logging.DEBUG)
    back = consent(authorize(client, group))
    answer = callback(client, back)

    assert answer.status_code == 302
    assert answer.headers["Location"].endswith("/?osm_account=connected")
    plain = oauth.state.token
    stored = db.session.execute(text("SELECT token_encrypted FROM osm_account")).scalar_one()
    assert plain not in stored
    assert tokens.decrypt("test-secret", stored) == plain
    assert db.session.scalar(select(OsmAuthorisation)) is None

    shown = client.get(
        f"/api/v1/groups/{group.id}/osm-account", headers=group.headers("organiser")
    )
    body = shown.get_json()
    assert body["connected"] is True
    assert (body["osm_user"], body["osm_user_id"]) == ("karim_osm", 4242)
    assert body["api_url"] == oauth.url and body["scope"] == "write_api"
    assert body["connected_by"] == "karim"
    assert plain not in shown.get_data(as_text=True)
    assert plain not in caplog.text


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda q: q | {"state": "not-a-state-camwalk-made"}, id="unknown state"),
        pytest.param(lambda q: q | {"state": q["state"][:-2]}, id="truncated state"),
    ],
)
def test_a_callback_with_a_wrong_state_is_refused_and_stores_nothing(client, group, oauth, spoil):
    back = consent(authorize(client, group))
    answer = callback(client, spoil(back))

    assert answer.status_code == 400
    assert answer.get_json()["code"] == "osm_oauth_state_invalid"
    assert db.session.scalar(select(OsmAccount)) is None


def test_a_replayed_state_is_refused_the_second_time(client, group, oauth):
    back = consent(authorize(client, group))
    assert callback(client, back).status_code == 302
    db.session.execute(text("DELETE FROM osm_account"))
    db.session.commit()

    replay = callback(client, back)
    assert replay.status_code == 400
    assert replay.get_json()["code"] == "osm_oauth_state_invalid"
    assert db.session.scalar(select(OsmAccount)) is None


def test_an_expired_state_is_refused(client, group, oauth):
    back = consent(authorize(client, group))
    pending = db.session.scalar(select(OsmAuthorisation))
    pending.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()

    answer = callback(client, back)
    assert answer.get_json()["code"] == "osm_oauth_state_invalid"
    assert db.session.scalar(select(OsmAccount)) is None


def test_a_verifier_that_does_not_match_the_challenge_gets_no_token(client, group, oauth):
    back = consent(authorize(client, group))
    pending = db.session.scalar(select(OsmAuthorisation))
    pending.verifier_encrypted = tokens.encrypt("test-secret", "x" * 64)
    db.session.commit()

    answer = callback(client, back)
    assert answer.status_code == 502
    assert answer.get_json()["code"] == "osm_oauth_refused"
    assert db.session.scalar(select(OsmAccount)) is None


def test_a_token_without_write_api_is_not_stored(client, group, oauth):
    oauth.state.granted_scope = "read_prefs"
    answer = callback(client, consent(authorize(client, group)))
    assert answer.get_json()["code"] == "osm_oauth_refused"
    assert db.session.scalar(select(OsmAccount)) is None


def test_declining_on_osm_spends_the_state_and_goes_back_to_the_app(client, group, oauth):
    authorize(client, group)
    state = parse_qs(urlsplit(authorize(client, group)).query)["state"][0]
    answer = callback(client, {"state": state, "error": "access_denied"})
    assert answer.headers["Location"].endswith("/?osm_account=declined")
    again = callback(client, {"state": state, "code": "whatever"})
    assert again.get_json()["code"] == "osm_oauth_state_invalid"


@pytest.mark.parametrize(
    "who, status",
    [("walker", 403), ("organiser of another group", 404)],
)
def test_only_the_groups_organisers_may_connect_or_see_the_account(
    client, group, make_group, oauth, who, status
):
    headers = group.headers() if who == "walker" else make_group("Belsunce").headers("organiser")
    base = f"/api/v1/groups/{group.id}/osm-account"
    assert client.post(f"{base}/authorize", headers=headers).status_code == status
    assert client.get(base, headers=headers).status_code == status
    assert client.delete(base, headers=headers).status_code == status


def test_connecting_needs_the_server_to_be_an_oauth_client(client, group, app, monkeypatch):
    monkeypatch.setitem(app.config, "OSM_CLIENT_ID", None)
    answer = client.post(
        f"/api/v1/groups/{group.id}/osm-account/authorize", headers=group.headers("organiser")
    )
    assert answer.status_code == 409
    assert answer.get_json()["code"] == "osm_oauth_not_configured"


def test_disconnecting_forgets_the_token(client, group, oauth):
    callback(client, consent(authorize(client, group)))
    url = f"/api/v1/groups/{group.id}/osm-account"
    assert client.delete(url, headers=group.headers("organiser")).status_code == 204
    assert client.get(url, headers=group.headers("organiser")).get_json() == {"connected": False}
    assert db.session.scalar(select(OsmAccount)) is None


def test_an_upload_uses_the_groups_connected_account(client, group, oauth, add_observation):
    group.group.hashtags = "#technopolice"
    db.session.commit()
    callback(client, consent(authorize(client, group)))
    new = add_observation(group, 5.385, 43.299)

    answer = client.post(
        f"/api/v1/walks/{group.walk.id}/osm-upload", json={}, headers=group.headers("organiser")
    )
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["counts"]["created"] == 1
    db.session.refresh(new)
    assert new.osm_node_id in oauth.state.nodes
    sent = [headers.get("Authorization") for method, path, headers in oauth.state.seen]
    assert f"Bearer {oauth.state.token}" in sent


def test_a_token_stored_under_another_secret_key_asks_to_connect_again(
    client, group, oauth, add_observation
):
    callback(client, consent(authorize(client, group)))
    group.group.hashtags = "#technopolice"
    account = db.session.scalar(select(OsmAccount))
    account.token_encrypted = tokens.encrypt("an-older-secret", oauth.state.token)
    db.session.commit()
    add_observation(group, 5.385, 43.299)

    answer = client.post(
        f"/api/v1/walks/{group.walk.id}/osm-upload", json={}, headers=group.headers("organiser")
    )
    assert answer.status_code == 409
    assert answer.get_json()["code"] == "osm_account_unreadable"
