"""Organisers list a member's devices and sign one out (a walker's lost phone): that device
stops at once, the member and her other devices stay."""


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def join(client, group, pseudonym: str, label: str) -> dict:
    body = {"invite_code": group.invite_code, "pseudonym": pseudonym, "device_label": label}
    answer = client.post("/api/v1/join", json=body)
    assert answer.status_code == 201, answer.json
    return answer.json


def second_device(client, group, token: str, pseudonym: str, label: str) -> str:
    """The member sets a password and logs in from another phone; returns its token."""
    answer = client.put(
        "/api/v1/me/password", json={"password": "a walker passphrase"}, headers=bearer(token)
    )
    assert answer.status_code == 204, answer.json
    body = {"group": group.group.slug, "pseudonym": pseudonym, "password": "a walker passphrase"}
    answer = client.post("/api/v1/login", json={**body, "device_label": label})
    assert answer.status_code == 200, answer.json
    return answer.json["token"]


def devices_url(group, member_id, device_id=None) -> str:
    url = f"/api/v1/groups/{group.id}/members/{member_id}/devices"
    return url if device_id is None else f"{url}/{device_id}"


def test_an_organiser_signs_out_a_walkers_lost_phone_and_her_other_phone_stays(client, group):
    joined = join(client, group, "goeland", "old phone")
    member_id = joined["member"]["id"]
    new = second_device(client, group, joined["token"], "goeland", "new phone")
    orga = group.headers("organiser")

    devices = client.get(devices_url(group, member_id), headers=orga).json
    assert [d["label"] for d in devices] == ["new phone", "old phone"]
    assert not any(d["current"] for d in devices)  # neither is the organiser's own
    lost = next(d["id"] for d in devices if d["label"] == "old phone")

    assert client.delete(devices_url(group, member_id, lost), headers=orga).status_code == 204

    assert client.get("/api/v1/me", headers=bearer(joined["token"])).status_code == 401
    assert client.get("/api/v1/me", headers=bearer(new)).status_code == 200
    left = client.get(devices_url(group, member_id), headers=orga).json
    assert [d["label"] for d in left] == ["new phone"]
    listed = client.get(f"/api/v1/groups/{group.id}/members", headers=orga).json
    assert member_id in [m["id"] for m in listed]


def test_a_device_is_found_only_under_the_member_who_holds_it(client, group):
    goeland = join(client, group, "goeland", "goeland phone")
    pie = join(client, group, "pie", "pie phone")
    orga = group.headers("organiser")
    pie_device = client.get(devices_url(group, pie["member"]["id"]), headers=orga).json[0]["id"]

    answer = client.delete(devices_url(group, goeland["member"]["id"], pie_device), headers=orga)

    assert (answer.status_code, answer.json["code"]) == (404, "not_found")
    assert client.get("/api/v1/me", headers=bearer(pie["token"])).status_code == 200


def test_a_removed_members_devices_are_not_found(client, group):
    joined = join(client, group, "goeland", "phone")
    member_id = joined["member"]["id"]
    orga = group.headers("organiser")
    device = client.get(devices_url(group, member_id), headers=orga).json[0]["id"]
    url = f"/api/v1/groups/{group.id}/members/{member_id}"
    assert client.delete(url, headers=orga).status_code == 204

    assert client.get(devices_url(group, member_id), headers=orga).status_code == 404
    assert client.delete(devices_url(group, member_id, device), headers=orga).status_code == 404


def test_a_signed_out_device_cannot_be_signed_out_twice(client, group):
    joined = join(client, group, "goeland", "phone")
    member_id = joined["member"]["id"]
    orga = group.headers("organiser")
    device = client.get(devices_url(group, member_id), headers=orga).json[0]["id"]
    assert client.delete(devices_url(group, member_id, device), headers=orga).status_code == 204

    assert client.delete(devices_url(group, member_id, device), headers=orga).status_code == 404


def test_a_walker_may_not_list_or_sign_out_another_members_devices(client, group):
    joined = join(client, group, "goeland", "phone")
    member_id = joined["member"]["id"]
    device = client.get(devices_url(group, member_id), headers=group.headers("organiser")).json
    walker = group.headers("walker")

    assert client.get(devices_url(group, member_id), headers=walker).status_code == 403
    answer = client.delete(devices_url(group, member_id, device[0]["id"]), headers=walker)
    assert answer.status_code == 403
    assert client.get("/api/v1/me", headers=bearer(joined["token"])).status_code == 200


def test_another_groups_organiser_finds_nothing(client, group, make_group):
    other = make_group("Belsunce")
    joined = join(client, group, "goeland", "phone")
    member_id = joined["member"]["id"]
    device = client.get(devices_url(group, member_id), headers=group.headers("organiser")).json
    stranger = other.headers("organiser")

    assert client.get(devices_url(group, member_id), headers=stranger).status_code == 404
    # Her own group's id with A's member: still nothing.
    assert client.get(devices_url(other, member_id), headers=stranger).status_code == 404
    answer = client.delete(devices_url(other, member_id, device[0]["id"]), headers=stranger)
    assert answer.status_code == 404
    assert client.get("/api/v1/me", headers=bearer(joined["token"])).status_code == 200


def test_the_openapi_spec_documents_a_members_devices(client):
    paths = client.get("/api/openapi.json").json["paths"]

    listing = paths["/api/v1/groups/{group_id}/members/{member_id}/devices"]["get"]
    revoking = paths["/api/v1/groups/{group_id}/members/{member_id}/devices/{device_id}"]
    assert "organisers" in listing["summary"]
    assert set(listing["responses"]) >= {"200"}
    assert set(revoking["delete"]["responses"]) >= {"204"}
