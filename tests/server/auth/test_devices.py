"""Signing devices out: log-out, a member's own device list, a password change, and removing
a member with the invite she joined with."""

from server.extensions import db
from server.groups.models import Invite


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def login(client, group, label="laptop") -> str:
    body = {"group": group.group.slug, "pseudonym": "karim", "password": "secret-pass"}
    answer = client.post("/api/v1/login", json={**body, "device_label": label})
    assert answer.status_code == 200, answer.json
    return answer.json["token"]


def test_logging_out_stops_this_token_and_no_other(client, group):
    other = login(client, group)

    assert client.post("/api/v1/logout", headers=group.headers("organiser")).status_code == 204

    assert client.get("/api/v1/me", headers=group.headers("organiser")).status_code == 401
    assert client.get("/api/v1/me", headers=bearer(other)).status_code == 200


def test_an_organiser_lists_her_own_devices_and_revokes_one(client, group):
    laptop = login(client, group, "laptop")
    me = group.headers("organiser")

    devices = client.get("/api/v1/me/devices", headers=me).json
    assert sorted(d["label"] for d in devices) == ["laptop", "test"]
    assert [d["current"] for d in devices if d["label"] == "test"] == [True]
    laptop_id = next(d["id"] for d in devices if d["label"] == "laptop")

    assert client.delete(f"/api/v1/me/devices/{laptop_id}", headers=me).status_code == 204

    assert client.get("/api/v1/me", headers=bearer(laptop)).status_code == 401
    assert [d["label"] for d in client.get("/api/v1/me/devices", headers=me).json] == ["test"]
    assert client.delete(f"/api/v1/me/devices/{laptop_id}", headers=me).status_code == 404


def test_a_member_cannot_see_or_revoke_another_members_device(client, group):
    organiser_device = client.get("/api/v1/me/devices", headers=group.headers("organiser")).json
    walker = group.headers("walker")

    walker_devices = client.get("/api/v1/me/devices", headers=walker).json
    assert {d["id"] for d in walker_devices}.isdisjoint({d["id"] for d in organiser_device})
    answer = client.delete(f"/api/v1/me/devices/{organiser_device[0]['id']}", headers=walker)
    assert answer.status_code == 404
    assert client.get("/api/v1/me", headers=group.headers("organiser")).status_code == 200


def test_a_password_change_signs_out_every_other_device(client, group):
    old = login(client, group)
    me = group.headers("organiser")

    body = {"password": "a new long passphrase", "current_password": "secret-pass"}
    answer = client.put("/api/v1/me/password", json=body, headers=me)

    assert answer.status_code == 204
    assert client.get("/api/v1/me", headers=bearer(old)).status_code == 401
    assert client.get("/api/v1/me", headers=me).status_code == 200


def join(client, code, pseudonym):
    return client.post("/api/v1/join", json={"invite_code": code, "pseudonym": pseudonym})


def test_removing_a_member_can_revoke_the_invite_she_joined_with(client, group):
    joined = join(client, group.invite_code, "goeland").json
    member_id = joined["member"]["id"]
    orga = group.headers("organiser")
    listed = client.get(f"/api/v1/groups/{group.id}/members", headers=orga).json
    invite_id = next(m["invite_id"] for m in listed if m["id"] == member_id)
    assert invite_id is not None

    url = f"/api/v1/groups/{group.id}/members/{member_id}?revoke_invite=true"
    assert client.delete(url, headers=orga).status_code == 204

    assert client.get("/api/v1/me", headers=bearer(joined["token"])).status_code == 401
    assert join(client, group.invite_code, "goeland2").status_code == 410
    assert db.session.get(Invite, invite_id).revoked_at is not None


def test_removing_a_member_leaves_the_invite_alone_unless_asked(client, group):
    member_id = join(client, group.invite_code, "goeland").json["member"]["id"]
    url = f"/api/v1/groups/{group.id}/members/{member_id}"

    assert client.delete(url, headers=group.headers("organiser")).status_code == 204

    assert join(client, group.invite_code, "goeland2").status_code == 201
