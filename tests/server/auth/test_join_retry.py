"""A join whose answer was lost can be sent again by the phone that made it.

On a weak link the join reached the server, the member was made, and the answer was lost;
the walker tapped Join again and was refused ("pseudonym taken", or a one-use invite "used
up"), locked out of the group. The phone now sends a random join key with every try of one
join: the same key, invite and pseudonym again get the same member with a fresh token.
"""

from datetime import timedelta

import pytest

from server.auth.models import DeviceToken, Member
from server.extensions import db
from server.groups.invites import (
    create_group_with_organiser_link,
    find_invite_by_code,
    readable_code,
)
from server.types import utcnow

KEY = "k" * 43
OTHER_KEY = "o" * 43


def join(client, code, pseudonym="goeland", join_key=KEY):
    body = {"invite_code": code, "pseudonym": pseudonym, "join_key": join_key}
    return client.post("/api/v1/join", json=body)


def me(client, token):
    return client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})


def one_use(group):
    invite = find_invite_by_code(group.invite_code)
    invite.max_uses = 1
    db.session.commit()


def test_a_second_join_with_the_same_key_gives_the_same_member_and_a_new_token(client, group):
    first = join(client, group.invite_code).get_json()

    again = join(client, group.invite_code)

    assert again.status_code == 201
    body = again.get_json()
    assert body["member"] == first["member"]
    assert body["token"] != first["token"]
    assert me(client, body["token"]).status_code == 200
    assert db.session.query(Member).filter_by(pseudonym="goeland").count() == 1


def test_the_token_of_the_lost_answer_stops_working(client, group):
    lost = join(client, group.invite_code).get_json()["token"]

    join(client, group.invite_code)

    assert me(client, lost).status_code == 401


def test_the_same_join_can_be_retried_again_when_its_second_answer_is_lost_too(client, group):
    first = join(client, group.invite_code).get_json()
    join(client, group.invite_code)

    third = join(client, group.invite_code)

    assert third.status_code == 201
    assert third.get_json()["member"] == first["member"]


def test_another_key_gets_the_pseudonym_refused(client, group):
    join(client, group.invite_code)

    answer = join(client, group.invite_code, join_key=OTHER_KEY)

    assert answer.status_code == 409
    assert answer.get_json()["code"] == "pseudonym_taken"


def test_no_key_gets_the_pseudonym_refused(client, group):
    join(client, group.invite_code)

    answer = join(client, group.invite_code, join_key=None)

    assert answer.status_code == 409


def test_the_same_key_with_another_pseudonym_is_a_new_join(client, group):
    join(client, group.invite_code)

    answer = join(client, group.invite_code, pseudonym="sterne")

    assert answer.status_code == 201
    assert answer.get_json()["member"]["pseudonym"] == "sterne"


def test_a_one_use_invite_counts_the_retried_join_as_the_same_use(client, group):
    one_use(group)
    first = join(client, group.invite_code).get_json()

    again = join(client, group.invite_code)

    assert again.status_code == 201
    assert again.get_json()["member"] == first["member"]
    assert find_invite_by_code(group.invite_code).uses == 1


def test_a_one_use_invite_still_refuses_anyone_else(client, group):
    one_use(group)
    join(client, group.invite_code)

    other_phone = join(client, group.invite_code, join_key=OTHER_KEY)
    other_name = join(client, group.invite_code, pseudonym="sterne")

    assert other_phone.status_code == 410
    assert other_phone.get_json()["code"] == "invite_invalid"
    assert other_name.status_code == 410


def test_the_first_organiser_link_can_be_retried_by_the_phone_that_used_it(app, client):
    _group, invite = create_group_with_organiser_link("Belsunce")
    code = readable_code(invite)
    first = join(client, code, pseudonym="karim").get_json()

    again = join(client, code, pseudonym="karim")
    stranger = join(client, code, pseudonym="karim", join_key=OTHER_KEY)

    assert again.status_code == 201
    assert again.get_json()["member"] == first["member"]
    assert again.get_json()["member"]["role"] == "organiser"
    assert stranger.status_code == 410


@pytest.mark.parametrize("ending", ["logout", "signed_out", "removed", "too_late"])
def test_the_key_admits_nobody_once_that_join_has_ended(client, group, ending):
    first = join(client, group.invite_code).get_json()
    token, member_id = first["token"], first["member"]["id"]
    organiser = group.headers("organiser")
    if ending == "logout":
        client.post("/api/v1/logout", headers={"Authorization": f"Bearer {token}"})
    elif ending == "signed_out":
        device = db.session.scalar(db.select(DeviceToken).filter_by(member_id=member_id))
        path = f"/api/v1/groups/{group.id}/members/{member_id}/devices/{device.id}"
        assert client.delete(path, headers=organiser).status_code == 204
    elif ending == "removed":
        path = f"/api/v1/groups/{group.id}/members/{member_id}"
        assert client.delete(path, headers=organiser).status_code == 204
    else:
        db.session.get(Member, member_id).created_at = utcnow() - timedelta(hours=25)
        db.session.commit()

    assert join(client, group.invite_code).status_code == 409


def test_only_a_hash_of_the_key_is_kept(client, group):
    join(client, group.invite_code)

    stored = db.session.scalars(db.select(DeviceToken.join_key_hash)).all()
    assert KEY not in stored
    assert any(value and len(value) == 64 for value in stored)


def test_a_short_key_is_refused(client, group):
    answer = join(client, group.invite_code, join_key="short")

    assert answer.status_code == 422
    assert "join_key" in answer.get_json()["errors"]
