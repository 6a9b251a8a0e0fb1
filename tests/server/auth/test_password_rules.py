"""A password and a lost phone: a device token alone cannot change a password that is set,
and signing out the device a password was set from takes the password with it, so whoever
found the phone cannot come back with a password he chose (the probe's attack)."""

from server.auth.models import Member
from server.extensions import db


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def join(client, group, pseudonym="goeland", label="phone") -> dict:
    body = {"invite_code": group.invite_code, "pseudonym": pseudonym, "device_label": label}
    answer = client.post("/api/v1/join", json=body)
    assert answer.status_code == 201, answer.json
    return answer.json


def set_password(client, token, password, current=None):
    body = {"password": password}
    if current is not None:
        body["current_password"] = current
    return client.put("/api/v1/me/password", json=body, headers=bearer(token))


def log_in(client, group, pseudonym, password, label="laptop"):
    body = {"group": group.group.slug, "pseudonym": pseudonym, "password": password}
    return client.post("/api/v1/login", json={**body, "device_label": label})


def devices_url(group, member_id, device_id=None) -> str:
    url = f"/api/v1/groups/{group.id}/members/{member_id}/devices"
    return url if device_id is None else f"{url}/{device_id}"


def test_me_says_whether_a_password_is_set(client, group):
    walker = join(client, group)

    assert client.get("/api/v1/me", headers=bearer(walker["token"])).json["password_set"] is False
    assert client.get("/api/v1/me", headers=group.headers("organiser")).json["password_set"]


def test_a_first_password_needs_no_current_one(client, group):
    walker = join(client, group)

    assert set_password(client, walker["token"], "a walker passphrase").status_code == 204

    assert client.get("/api/v1/me", headers=bearer(walker["token"])).json["password_set"] is True
    assert log_in(client, group, "goeland", "a walker passphrase").status_code == 200


def test_changing_a_set_password_without_the_current_one_is_refused(client, group):
    me = group.headers("organiser")

    missing = client.put("/api/v1/me/password", json={"password": "a new passphrase"}, headers=me)
    wrong = client.put(
        "/api/v1/me/password",
        json={"password": "a new passphrase", "current_password": "not-it"},
        headers=me,
    )

    assert (missing.status_code, missing.json["code"]) == (403, "current_password_wrong")
    assert (wrong.status_code, wrong.json["code"]) == (403, "current_password_wrong")
    assert log_in(client, group, "karim", "secret-pass").status_code == 200
    assert log_in(client, group, "karim", "a new passphrase").status_code == 401


def test_changing_a_set_password_with_the_current_one_works(client, group):
    me = group.headers("organiser")

    answer = client.put(
        "/api/v1/me/password",
        json={"password": "a new passphrase", "current_password": "secret-pass"},
        headers=me,
    )

    assert answer.status_code == 204
    assert log_in(client, group, "karim", "a new passphrase").status_code == 200


def test_a_finder_who_set_a_password_is_out_once_the_organiser_signs_the_phone_out(client, group):
    walker = join(client, group, label="lost phone")
    member_id = walker["member"]["id"]
    assert set_password(client, walker["token"], "finder-chose-this").status_code == 204
    orga = group.headers("organiser")
    lost = client.get(devices_url(group, member_id), headers=orga).json[0]["id"]

    assert client.delete(devices_url(group, member_id, lost), headers=orga).status_code == 204

    answer = log_in(client, group, "goeland", "finder-chose-this")
    assert (answer.status_code, answer.json["code"]) == (401, "bad_credentials")
    assert db.session.get(Member, member_id).password_hash is None


def test_signing_out_from_her_own_list_the_device_the_password_rests_on_clears_it(client, group):
    phone = join(client, group, label="phone")["token"]
    assert set_password(client, phone, "a walker passphrase").status_code == 204
    # Logging in with it puts the password on the laptop: it may be a finder's.
    laptop = log_in(client, group, "goeland", "a walker passphrase", "laptop").json["token"]
    devices = client.get("/api/v1/me/devices", headers=bearer(phone)).json
    laptop_id = next(d["id"] for d in devices if d["label"] == "laptop")

    assert (
        client.delete(f"/api/v1/me/devices/{laptop_id}", headers=bearer(phone)).status_code == 204
    )

    assert client.get("/api/v1/me", headers=bearer(laptop)).status_code == 401
    assert log_in(client, group, "goeland", "a walker passphrase").status_code == 401
    assert client.get("/api/v1/me", headers=bearer(phone)).json["password_set"] is False
    # Her phone stays in and sets a new one, with no old one to give.
    assert set_password(client, phone, "her own new passphrase").status_code == 204
    assert log_in(client, group, "goeland", "her own new passphrase").status_code == 200


def test_signing_out_another_device_leaves_the_password(client, group):
    phone = join(client, group, label="phone")["token"]
    spare = log_in_after_password(client, group, phone)
    orga = group.headers("organiser")
    member_id = client.get("/api/v1/me", headers=bearer(phone)).json["member"]["id"]
    phone_id = next(
        d["id"]
        for d in client.get(devices_url(group, member_id), headers=orga).json
        if d["label"] == "phone"
    )

    # The laptop logged in last: the password rests on it, not on the phone signed out.
    assert client.delete(devices_url(group, member_id, phone_id), headers=orga).status_code == 204

    assert client.get("/api/v1/me", headers=bearer(spare)).json["password_set"] is True
    assert log_in(client, group, "goeland", "a walker passphrase").status_code == 200


def log_in_after_password(client, group, token) -> str:
    assert set_password(client, token, "a walker passphrase").status_code == 204
    answer = log_in(client, group, "goeland", "a walker passphrase", "laptop")
    assert answer.status_code == 200, answer.json
    return answer.json["token"]
