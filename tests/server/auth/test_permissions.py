"""The one rule: no token 401; another group's ids 404; too low a role 403."""

import pytest

from server.extensions import db
from server.types import utcnow


def test_no_token_is_401(client, group):
    answer = client.get(f"/api/v1/groups/{group.id}/walks")

    assert answer.status_code == 401
    assert answer.get_json()["code"] == "unauthenticated"


@pytest.mark.parametrize("header", ["Bearer nope", "Basic abc", "Bearer ", "cw_token"])
def test_a_bad_authorization_header_is_401(client, group, header):
    answer = client.get(f"/api/v1/groups/{group.id}/walks", headers={"Authorization": header})

    assert answer.status_code == 401


def test_a_member_of_another_group_gets_404_as_if_nothing_existed(client, make_group):
    ours, theirs = make_group("Noailles"), make_group("Belsunce")

    for path in (
        f"/api/v1/groups/{theirs.id}",
        f"/api/v1/groups/{theirs.id}/walks",
        f"/api/v1/walks/{theirs.walk.id}",
        f"/api/v1/walks/{theirs.walk.id}/osm-nodes",
    ):
        answer = client.get(path, headers=ours.headers("organiser"))
        assert answer.status_code == 404, path
        assert answer.get_json()["code"] == "not_found"


def test_an_id_that_does_not_exist_looks_the_same_as_another_groups(client, group):
    answer = client.get("/api/v1/walks/999999", headers=group.headers())

    assert answer.status_code == 404


def test_a_walker_cannot_create_a_walk(client, group):
    answer = client.post(
        f"/api/v1/groups/{group.id}/walks", json={"name": "x"}, headers=group.headers()
    )

    assert answer.status_code == 403
    assert answer.get_json()["code"] == "forbidden"


def test_a_revoked_token_stops_working(client, group):
    from server.auth.models import DeviceToken

    for token in db.session.query(DeviceToken):
        token.revoked_at = utcnow()
    db.session.commit()

    answer = client.get("/api/v1/me", headers=group.headers())
    assert (answer.status_code, answer.get_json()["code"]) == (401, "unauthenticated")


def test_a_token_this_database_never_issued_says_so(client, group):
    # What a phone that joined after the backup meets once the server is restored: signing
    # in cannot help (her member is not in this database), joining again can.
    from server.auth.tokens import new_token

    answer = client.get("/api/v1/me", headers={"Authorization": f"Bearer {new_token()}"})

    assert (answer.status_code, answer.get_json()["code"]) == (401, "token_unknown")


def test_a_removed_member_is_locked_out(client, group):
    from server.auth.models import Member

    db.session.query(Member).filter_by(pseudonym="mouette").one().removed_at = utcnow()
    db.session.commit()

    assert client.get("/api/v1/me", headers=group.headers()).status_code == 401
