"""Connecting a group's OSM account: OAuth 2.0 with PKCE against the fake OSM API."""

import logging
import socket
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


def landing(answer) -> tuple[str, dict]:
    """Where the callback sent the browser: (path, query) of its redirect."""
    assert answer.status_code == 302, answer.get_data(as_text=True)
    where = urlsplit(answer.headers["Location"])
    return where.path, {key: values[0] for key, values in parse_qs(where.query).items()}


def connect(client, group):
    answer = callback(client, consent(authorize(client, group)))
    assert landing(answer) == ("/", {"osm_account": "connected"})


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

    assert landing(answer) == ("/", {"osm_account": "connected"})
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
def test_a_callback_with_a_wrong_state_goes_back_to_the_app_and_stores_nothing(
    client, group, oauth, spoil
):
    back = consent(authorize(client, group))
    answer = callback(client, spoil(back))

    assert landing(answer) == ("/", {"osm_account": "error", "reason": "state_invalid"})
    assert db.session.scalar(select(OsmAccount)) is None


def test_a_replayed_state_is_refused_the_second_time(client, group, oauth):
    back = consent(authorize(client, group))
    assert landing(callback(client, back))[1] == {"osm_account": "connected"}
    db.session.execute(text("DELETE FROM osm_account"))
    db.session.commit()

    replay = callback(client, back)
    assert landing(replay)[1] == {"osm_account": "error", "reason": "state_invalid"}
    assert db.session.scalar(select(OsmAccount)) is None


def test_an_expired_state_goes_back_to_the_app_saying_so(client, group, oauth):
    back = consent(authorize(client, group))
    pending = db.session.scalar(select(OsmAuthorisation))
    pending.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()

    answer = callback(client, back)
    assert landing(answer)[1] == {"osm_account": "error", "reason": "state_expired"}
    assert db.session.scalar(select(OsmAccount)) is None
    assert db.session.scalar(select(OsmAuthorisation)) is None


def test_a_verifier_that_does_not_match_the_challenge_gets_no_token(client, group, oauth):
    back = consent(authorize(client, group))
    pending = db.session.scalar(select(OsmAuthorisation))
    pending.verifier_encrypted = tokens.encrypt("test-secret", "x" * 64)
    db.session.commit()

    answer = callback(client, back)
    assert landing(answer)[1] == {"osm_account": "error", "reason": "refused"}
    assert db.session.scalar(select(OsmAccount)) is None


def test_a_token_without_write_api_is_not_stored(client, group, oauth):
    oauth.state.granted_scope = "read_prefs"
    answer = callback(client, consent(authorize(client, group)))
    assert landing(answer)[1] == {"osm_account": "error", "reason": "refused"}
    assert db.session.scalar(select(OsmAccount)) is None


def test_declining_on_osm_spends_the_state_and_goes_back_to_the_app(client, group, oauth):
    authorize(client, group)
    state = parse_qs(urlsplit(authorize(client, group)).query)["state"][0]
    answer = callback(client, {"state": state, "error": "access_denied"})
    assert landing(answer) == ("/", {"osm_account": "declined"})
    again = callback(client, {"state": state, "code": "whatever"})
    assert landing(again)[1] == {"osm_account": "error", "reason": "state_invalid"}


@pytest.mark.parametrize(
    "sent, expected",
    [
        pytest.param(
            {"error": "access_denied", "error_description": "The user denied"},
            {"osm_account": "declined"},
            id="access denied",
        ),
        pytest.param(
            {"error": "server_error", "error_description": "<b>Call 0800 000</b>"},
            {"osm_account": "error", "reason": "osm_error"},
            id="another OSM error",
        ),
        pytest.param({}, {"osm_account": "error", "reason": "missing_code"}, id="missing code"),
        pytest.param(
            {"state": None, "code": "a-code"},
            {"osm_account": "error", "reason": "state_invalid"},
            id="missing state",
        ),
        pytest.param(
            {"state": "forged", "error": "access_denied"},
            {"osm_account": "error", "reason": "state_invalid"},
            id="access denied with a forged state",
        ),
    ],
)
def test_every_callback_outcome_is_a_redirect_to_the_app_with_words_of_our_own(
    client, group, oauth, sent, expected
):
    state = parse_qs(urlsplit(authorize(client, group)).query)["state"][0]
    query = {k: v for k, v in ({"state": state} | sent).items() if v is not None}
    answer = callback(client, query)

    assert landing(answer) == ("/", expected)
    assert state not in answer.headers["Location"]
    assert db.session.scalar(select(OsmAccount)) is None


def test_a_callback_in_a_browser_that_did_not_ask_connects_nothing(app, client, make_group, oauth):
    """An organiser of another group sends her consent URL to someone who consents on OSM:
    that person's token must not become her group's (RFC 6749, 10.12)."""
    theirs = make_group("Bravo")
    back = consent(authorize(client, theirs))

    answer = callback(app.test_client(), back)  # a browser that never asked to connect

    assert landing(answer) == ("/", {"osm_account": "error", "reason": "other_browser"})
    assert db.session.scalar(select(OsmAccount)) is None
    # And the state is spent: the link cannot be tried again.
    assert landing(callback(client, back))[1] == {
        "osm_account": "error",
        "reason": "state_invalid",
    }


def test_the_browser_that_asked_holds_a_cookie_only_the_callback_reads(client, group, oauth):
    answer = client.post(
        f"/api/v1/groups/{group.id}/osm-account/authorize", headers=group.headers("organiser")
    )

    cookie = next(v for k, v in answer.headers.items() if k == "Set-Cookie")
    assert cookie.startswith("camwalk_osm_connect=")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Path=/api/v1/osm/callback" in cookie and "Max-Age=600" in cookie
    state = parse_qs(urlsplit(answer.get_json()["authorization_url"]).query)["state"][0]
    assert state not in cookie


def test_the_redirect_never_carries_the_code_the_state_or_the_token(client, group, oauth):
    back = consent(authorize(client, group))
    location = callback(client, back).headers["Location"]

    for secret in (back["code"], back["state"], oauth.state.token):
        assert secret not in location
    assert "code=" not in location  # the app reads ?code= as an invite code


@pytest.mark.parametrize(
    "who, status",
    [("walker", 403), ("organiser of another group", 404)],
)
def test_only_the_groups_organisers_may_connect_see_or_disconnect_the_account(
    client, group, make_group, oauth, who, status
):
    connect(client, group)
    headers = group.headers() if who == "walker" else make_group("Belsunce").headers("organiser")
    base = f"/api/v1/groups/{group.id}/osm-account"
    assert client.post(f"{base}/authorize", headers=headers).status_code == status
    assert client.get(base, headers=headers).status_code == status
    assert client.delete(base, headers=headers).status_code == status
    assert oauth.state.revoked == []
    assert db.session.scalar(select(OsmAccount)) is not None


def test_connecting_needs_the_server_to_be_an_oauth_client(client, group, app, monkeypatch):
    monkeypatch.setitem(app.config, "OSM_CLIENT_ID", None)
    answer = client.post(
        f"/api/v1/groups/{group.id}/osm-account/authorize", headers=group.headers("organiser")
    )
    assert answer.status_code == 409
    assert answer.get_json()["code"] == "osm_oauth_not_configured"


def disconnect(client, group):
    answer = client.delete(
        f"/api/v1/groups/{group.id}/osm-account", headers=group.headers("organiser")
    )
    assert answer.status_code == 200, answer.get_json()
    return answer.get_json()


def still_connected(client, group) -> bool:
    shown = client.get(
        f"/api/v1/groups/{group.id}/osm-account", headers=group.headers("organiser")
    )
    return shown.get_json()["connected"]


def token_works_at_osm(oauth, token) -> bool:
    answer = requests.get(
        f"{oauth.url}/api/0.6/user/details.json",
        headers={"Authorization": f"Bearer {token}"},
        timeout=5,
    )
    assert answer.status_code in (200, 401)
    return answer.status_code == 200


@pytest.mark.parametrize("secret", [None, "camwalk-test-secret"], ids=["public", "confidential"])
def test_disconnecting_revokes_the_token_at_osm_then_forgets_it(
    client, group, oauth, app, monkeypatch, secret
):
    monkeypatch.setitem(app.config, "OSM_CLIENT_SECRET", secret)
    connect(client, group)
    token = oauth.state.token
    assert token_works_at_osm(oauth, token)

    assert disconnect(client, group) == {"connected": False, "revoked_at_osm": True}
    expected = {"token": token, "token_type_hint": "access_token"}
    expected |= {"client_id": "camwalk-test-client"} | (
        {"client_secret": secret} if secret else {}
    )
    assert oauth.state.revoked == [expected]
    assert not token_works_at_osm(oauth, token)
    assert not still_connected(client, group)
    assert db.session.scalar(select(OsmAccount)) is None


def closed_port_url() -> str:
    """A loopback URL nobody listens on: the connection is refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def osm_down(oauth, fake):
    account = db.session.scalar(select(OsmAccount))
    account.api_url = closed_port_url()
    db.session.commit()


def osm_answers(status):
    def refuse(oauth, fake):
        oauth.state.script.append(fake.Canned("POST", "/oauth2/revoke", status))

    return refuse


@pytest.mark.parametrize(
    "break_osm",
    [osm_down, osm_answers(503), osm_answers(401)],
    ids=["down", "answers 503", "refuses the client with 401"],
)
def test_disconnecting_forgets_the_token_even_when_osm_does_not_revoke_it(
    client, group, oauth, fake, break_osm
):
    connect(client, group)
    break_osm(oauth, fake)

    assert disconnect(client, group) == {"connected": False, "revoked_at_osm": False}
    assert not still_connected(client, group)
    assert db.session.scalar(select(OsmAccount)) is None
    assert db.session.scalar(select(OsmAuthorisation)) is None


def test_a_token_another_group_still_uses_is_forgotten_but_not_revoked(
    client, group, make_group, oauth
):
    # OSM hands the same live token to the same user and application (reuse_access_token).
    other = make_group("Belsunce")
    connect(client, group)
    connect(client, other)

    assert disconnect(client, group) == {"connected": False, "revoked_at_osm": False}
    assert oauth.state.revoked == []
    assert token_works_at_osm(oauth, oauth.state.token)
    assert not still_connected(client, group)
    assert still_connected(client, other)


def test_disconnecting_a_group_with_no_account_revokes_nothing(client, group, oauth):
    assert disconnect(client, group) == {"connected": False, "revoked_at_osm": False}
    assert oauth.state.revoked == []


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
