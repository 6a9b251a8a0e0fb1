"""An organiser's sign-in link: a walker without a password gets back in as herself, once,
for a day; a newer or revoked link, a removed member's link, a used one admit nobody."""

import re
from datetime import timedelta

from server.auth.models import SignInLink
from server.extensions import db
from server.types import utcnow


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def join(client, group, pseudonym="pingouin") -> dict:
    body = {"invite_code": group.invite_code, "pseudonym": pseudonym, "device_label": "phone"}
    answer = client.post("/api/v1/join", json=body)
    assert answer.status_code == 201, answer.json
    return answer.json


def link_url(group, member_id) -> str:
    return f"/api/v1/groups/{group.id}/members/{member_id}/sign-in-link"


def make_link(client, group, member_id) -> dict:
    answer = client.post(link_url(group, member_id), headers=group.headers("organiser"))
    assert answer.status_code == 201, answer.json
    return answer.json


def code_of(link: dict) -> str:
    assert "/signin/" in link["url"]
    return link["url"].rsplit("/signin/", 1)[1]


def sign_in(client, code, label="found phone"):
    return client.post("/api/v1/sign-in", json={"code": code, "device_label": label})


def test_a_sign_in_link_signs_a_phone_in_as_the_member_once(client, group):
    walker = join(client, group)
    member_id = walker["member"]["id"]
    link = make_link(client, group, member_id)

    answer = sign_in(client, code_of(link))

    assert answer.status_code == 200, answer.json
    assert answer.json["member"] == walker["member"]
    me = client.get("/api/v1/me", headers=bearer(answer.json["token"])).json
    assert me["member"]["pseudonym"] == "pingouin"
    devices = client.get(
        f"/api/v1/groups/{group.id}/members/{member_id}/devices",
        headers=group.headers("organiser"),
    ).json
    assert sorted(d["label"] for d in devices) == ["found phone", "phone"]
    again = sign_in(client, code_of(link))
    assert (again.status_code, again.json["code"]) == (410, "sign_in_link_invalid")


def test_a_link_lasts_a_day(client, group):
    link = make_link(client, group, join(client, group)["member"]["id"])
    stored = db.session.get(SignInLink, link["id"])
    hours = (stored.expires_at - stored.created_at) / timedelta(hours=1)
    assert 23.9 < hours <= 24.01

    stored.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()

    assert sign_in(client, code_of(link)).status_code == 410


def test_a_new_link_replaces_the_last_and_a_revoked_one_admits_nobody(client, group):
    member_id = join(client, group)["member"]["id"]
    first = make_link(client, group, member_id)
    second = make_link(client, group, member_id)

    assert sign_in(client, code_of(first)).status_code == 410
    shown = client.get(link_url(group, member_id), headers=group.headers("organiser"))
    assert shown.json["url"] == second["url"]
    assert (
        client.delete(link_url(group, member_id), headers=group.headers("organiser")).status_code
        == 204
    )
    assert sign_in(client, code_of(second)).status_code == 410
    assert (
        client.get(link_url(group, member_id), headers=group.headers("organiser")).status_code
        == 404
    )


def test_only_the_hash_of_a_code_is_stored(client, group):
    link = make_link(client, group, join(client, group)["member"]["id"])

    stored = db.session.get(SignInLink, link["id"])

    assert code_of(link) not in (stored.code_hash, stored.code_sealed)


def test_a_removed_members_link_does_not_work(client, group):
    member_id = join(client, group)["member"]["id"]
    link = make_link(client, group, member_id)

    removed = client.delete(
        f"/api/v1/groups/{group.id}/members/{member_id}", headers=group.headers("organiser")
    )
    assert removed.status_code == 204

    assert sign_in(client, code_of(link)).status_code == 410


def test_walkers_may_not_make_links_and_other_groups_do_not_see_the_member(
    client, group, make_group
):
    member_id = join(client, group)["member"]["id"]
    other = make_group("Belsunce")

    assert (
        client.post(link_url(group, member_id), headers=group.headers("walker")).status_code == 403
    )
    elsewhere = f"/api/v1/groups/{other.id}/members/{member_id}/sign-in-link"
    assert client.post(elsewhere, headers=other.headers("organiser")).status_code == 404
    assert (
        client.post(link_url(group, member_id), headers=other.headers("organiser")).status_code
        == 404
    )


def test_the_link_is_shown_as_a_qr_code(client, group):
    member_id = join(client, group)["member"]["id"]
    make_link(client, group, member_id)

    answer = client.get(f"{link_url(group, member_id)}/qr.svg", headers=group.headers("organiser"))

    assert answer.status_code == 200
    assert answer.mimetype == "image/svg+xml"
    assert answer.data.startswith(b"<?xml") or b"<svg" in answer.data[:200]


def test_a_sign_in_link_clears_a_password_a_finder_may_have_set(client, group):
    walker = join(client, group)
    finder = walker["token"]
    put = client.put(
        "/api/v1/me/password", json={"password": "finder-chose-this"}, headers=bearer(finder)
    )
    assert put.status_code == 204
    assert client.post("/api/v1/logout", headers=bearer(finder)).status_code == 204

    link = make_link(client, group, walker["member"]["id"])
    assert sign_in(client, code_of(link)).status_code == 200

    body = {"group": group.group.slug, "pseudonym": "pingouin", "password": "finder-chose-this"}
    assert client.post("/api/v1/login", json=body).status_code == 401


def test_signing_in_with_links_is_rate_limited(client, group, monkeypatch, app):
    monkeypatch.setitem(app.config, "AUTH_RATE_LIMIT", "2 per minute")

    codes = [sign_in(client, "cw_guess").status_code for _ in range(3)]

    assert codes == [410, 410, 429]


def test_no_link_is_made_for_an_organiser_not_even_herself(client, group):
    """One organiser signing in as another would act in her name and clear her password."""
    me = client.get("/api/v1/me", headers=group.headers("organiser")).json["member"]
    answer = client.post(link_url(group, me["id"]), headers=group.headers("organiser"))
    assert (answer.status_code, answer.json["code"]) == (409, "sign_in_link_walkers_only")
    assert db.session.scalar(db.select(db.func.count()).select_from(SignInLink)) == 0


def test_the_servers_operator_lets_an_organiser_who_forgot_her_password_back_in(
    app, client, group
):
    """In the app links are for walkers; at the server's shell, `camwalk group sign-in-link`
    is the way back for an organiser (a group's only one, say) who forgot her password."""
    from server.cli import cli

    me = client.get("/api/v1/me", headers=group.headers("organiser")).json
    slug, pseudonym = me["group"]["slug"], me["member"]["pseudonym"]
    result = app.test_cli_runner().invoke(
        cli, ["group", "sign-in-link", slug, pseudonym, "--base-url", "http://x.test"]
    )
    assert result.exit_code == 0, result.output
    code = re.search(r"http://x\.test/signin/(\S+)", result.output).group(1)

    answer = sign_in(client, code, "new laptop")
    assert answer.status_code == 200, answer.json
    assert answer.json["member"]["role"] == "organiser"
    assert sign_in(client, code).status_code == 410

    unknown = app.test_cli_runner().invoke(cli, ["group", "sign-in-link", slug, "nobody"])
    assert unknown.exit_code == 1 and "no member 'nobody'" in unknown.output
