from datetime import timedelta

import pytest

from server.extensions import db
from server.groups.invites import find_invite_by_code
from server.types import utcnow


def join(client, code, pseudonym="goeland", **extra):
    return client.post("/api/v1/join", json={"invite_code": code, "pseudonym": pseudonym, **extra})


def test_joining_with_an_invite_gives_a_walker_token_that_works(client, group):
    answer = join(client, group.invite_code, device_label="Léa's phone")

    assert answer.status_code == 201
    body = answer.get_json()
    assert body["member"]["role"] == "walker"
    assert body["group"]["id"] == group.id
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {body['token']}"})
    assert me.get_json()["member"]["pseudonym"] == "goeland"


def test_token_is_stored_only_as_a_hash(client, group):
    from server.auth.models import DeviceToken

    token = join(client, group.invite_code).get_json()["token"]

    stored = [row.token_hash for row in db.session.query(DeviceToken)]
    assert token not in stored
    assert all(len(value) == 64 for value in stored)


def test_a_pseudonym_already_used_in_the_group_is_refused(client, group):
    answer = join(client, group.invite_code, pseudonym="mouette")

    assert answer.status_code == 409
    assert answer.get_json()["code"] == "pseudonym_taken"


@pytest.mark.parametrize(
    "change",
    [
        {"revoked_at": utcnow()},
        {"expires_at": utcnow() - timedelta(minutes=1)},
        {"max_uses": 1, "uses": 1},
    ],
    ids=["revoked", "expired", "used-up"],
)
def test_an_unusable_invite_is_refused(client, group, change):
    invite = find_invite_by_code(group.invite_code)
    for key, value in change.items():
        setattr(invite, key, value)
    db.session.commit()

    answer = join(client, group.invite_code)

    assert answer.status_code == 410
    assert answer.get_json()["code"] == "invite_invalid"


def test_an_invite_counts_its_uses(client, group):
    join(client, group.invite_code, pseudonym="a")
    join(client, group.invite_code, pseudonym="b")

    invite = find_invite_by_code(group.invite_code)
    db.session.refresh(invite)
    assert invite.uses == 2


def test_unknown_invite_code_is_refused(client, group):
    assert join(client, "nope").status_code == 410


@pytest.mark.parametrize(
    "body, field",
    [
        ({"pseudonym": "x"}, "invite_code"),
        ({"invite_code": "c", "pseudonym": ""}, "pseudonym"),
        ({"invite_code": "c", "pseudonym": " padded "}, "pseudonym"),
        ({"invite_code": "c", "pseudonym": "x", "admin": True}, "admin"),
        ({"invite_code": "c", "pseudonym": 12}, "pseudonym"),
    ],
    ids=["missing-code", "empty-pseudonym", "padded-pseudonym", "unknown-key", "wrong-type"],
)
def test_bad_join_bodies_name_the_field(client, body, field):
    answer = client.post("/api/v1/join", json=body)

    assert answer.status_code == 422
    payload = answer.get_json()
    assert payload["code"] == "invalid_input"
    assert field in payload["errors"]


def test_malformed_json_is_a_400_with_its_own_code(client):
    answer = client.post(
        "/api/v1/join", data="{not json", headers={"Content-Type": "application/json"}
    )

    assert answer.status_code == 400
    assert answer.get_json()["code"] == "malformed_json"


def test_organiser_logs_in_with_group_pseudonym_and_password(client, group):
    answer = client.post(
        "/api/v1/login",
        json={"group": group.group.slug, "pseudonym": "karim", "password": "secret-pass"},
    )

    assert answer.status_code == 200
    assert answer.get_json()["member"]["role"] == "organiser"


@pytest.mark.parametrize(
    "pseudonym, password",
    [("karim", "wrong"), ("nobody", "secret-pass"), ("mouette", "secret-pass")],
    ids=["wrong-password", "unknown-pseudonym", "walker-without-password"],
)
def test_bad_credentials_are_refused_the_same_way(client, group, pseudonym, password):
    answer = client.post(
        "/api/v1/login",
        json={"group": group.group.slug, "pseudonym": pseudonym, "password": password},
    )

    assert answer.status_code == 401
    assert answer.get_json()["code"] == "bad_credentials"


def test_password_is_stored_with_a_slow_hash(app, group):
    from server.auth.models import Member

    organiser = db.session.query(Member).filter_by(pseudonym="karim").one()
    assert "secret-pass" not in organiser.password_hash
    assert organiser.password_hash.startswith(("scrypt:", "pbkdf2:"))


@pytest.mark.parametrize("schema", ["Join", "Login"])
def test_the_openapi_document_gives_the_pseudonyms_length(client, schema):
    """A phone app written from the OpenAPI document could not tell that a pseudonym holds
    1 to 64 characters: the limit was hidden inside a combined validator."""
    document = client.get("/api/openapi.json").json
    pseudonym = document["components"]["schemas"][schema]["properties"]["pseudonym"]

    assert (pseudonym["minLength"], pseudonym["maxLength"]) == (1, 64)
