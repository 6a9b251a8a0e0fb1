"""Nadia invites walkers with a link and a QR code, then removes one: the journey's first and
last steps as an organiser takes them in the browser."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest
import requests

from .organiser import api, fr_count, jpeg, log_in, open_tab, organiser_context, upload_photo
from .phone import join_and_pick_walk

pytestmark = pytest.mark.browser


def _card(page, invite_id: int):
    return page.locator(f"article.inv[data-invite='{invite_id}']")


def _newest_invite(base, demo) -> dict:
    invites = api(base, demo["organiser_token"], "GET", f"/groups/{demo['group_id']}/invites")
    return max(invites, key=lambda i: i["id"])


def _people_tab(browser, base, demo):
    ctx = organiser_context(browser)
    page = ctx.new_page()
    log_in(page, base, demo)
    open_tab(page, "people")
    return ctx, page


def _create_invite(page, base, demo, uses: str, days: str) -> dict:
    """Fills the invite form, waits for the new card, and returns the invite the server made."""
    before = _newest_invite(base, demo)["id"]
    page.fill("#inv-uses", uses)
    page.select_option("#inv-expiry", days)
    page.click("#inv-create")
    page.wait_for_function(
        f"[...document.querySelectorAll('article.inv')].some(a => +a.dataset.invite > {before})"
    )
    invite = _newest_invite(base, demo)
    assert invite["id"] > before
    return invite


def test_an_invite_made_in_the_browser_lets_one_walker_in_and_removal_locks_her_out(
    camwalk_server, browser, new_phone, screenshot
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    ctx, page = _people_tab(browser, base, demo)
    invite = _create_invite(page, base, demo, uses="1", days="7")
    assert (invite["max_uses"], invite["uses"], invite["role"]) == (1, 0, "walker")
    expires = datetime.fromisoformat(invite["expires_at"]).replace(tzinfo=UTC)
    assert abs(expires - (datetime.now(UTC) + timedelta(days=7))) < timedelta(hours=1)
    card = _card(page, invite["id"])
    assert card.locator("input.inv-url").input_value() == invite["url"]

    card.locator("button.inv-show-qr").click()
    qr = card.locator(".inv-print img")
    qr.wait_for()
    page.wait_for_function(
        f"document.querySelector(\"article.inv[data-invite='{invite['id']}'] .inv-print img\")"
        ".naturalWidth > 100"
    )
    assert qr.get_attribute("src").startswith("blob:")
    screenshot(page, "org-invite-qr")

    # Printed, the page is this invite's QR card alone: no form, no members, no other invite.
    page.evaluate("window.print = () => {}")  # headless Chromium has no print dialog to wait on
    card.locator(".inv-print button").click()
    page.emulate_media(media="print")
    assert qr.is_visible() and card.locator("figcaption").is_visible()
    hidden_when_printed = (
        ".inv-form",
        ".mem-table",
        ".org-tabs",
        ".inv > .muted",
        ".inv-link input",
    )
    for hidden in (*hidden_when_printed, ".inv-print button"):
        assert not page.locator(hidden).first.is_visible(), hidden
    others = page.locator(f"article.inv:not([data-invite='{invite['id']}'])")
    assert all(not others.nth(i).is_visible() for i in range(others.count()))
    screenshot(page, "org-invite-print")
    page.emulate_media(media="screen")

    pseudonym = f"martinet-{uuid.uuid4().hex[:6]}"
    phone = new_phone().new_page()
    join_and_pick_walk(phone, base, invite["url"].rsplit("/", 1)[1], pseudonym)

    # The organiser opens the tab again: the link is used up and the walker is listed.
    open_tab(page, "review")
    open_tab(page, "people")
    page.click("details.inv-past summary")  # used-up invites fold away
    _card(page, invite["id"]).locator(".inv-state:has-text('épuisée')").wait_for()
    assert _card(page, invite["id"]).locator("input.inv-url").count() == 0
    row = page.locator(f"tr:has(td:text-is('{pseudonym}'))")
    assert "marcheur" in row.inner_text()
    row.scroll_into_view_if_needed()
    screenshot(page, "org-members")

    row.locator("button.mem-ask").click()
    row.locator("button.mem-keep").click()
    assert row.count() == 1  # cancelling keeps her
    row.locator("button.mem-ask").click()
    row.locator("button.mem-confirm").click()
    row.wait_for(state="detached")
    members = api(base, demo["organiser_token"], "GET", f"/groups/{demo['group_id']}/members")
    assert pseudonym not in [m["pseudonym"] for m in members]

    # Her phone's next sync is refused: the app says she was removed (no login can help).
    phone.click("button.sync-chip")
    phone.wait_for_selector(".notice.removed")
    ctx.close()


def test_a_revoked_invite_no_longer_lets_anyone_join(camwalk_server, browser):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    # One invite revoked already, so that the past invites are there, folded, from the start.
    invites = f"/groups/{demo['group_id']}/invites"
    old = api(base, demo["organiser_token"], "POST", invites, json={"role": "walker"})
    api(base, demo["organiser_token"], "DELETE", f"{invites}/{old['id']}")
    ctx, page = _people_tab(browser, base, demo)
    invite = _create_invite(page, base, demo, uses="", days="")
    assert (invite["max_uses"], invite["expires_at"]) == (None, None)

    # Opened before the revoke: the list drawn again with it keeps them open (it once folded
    # them away, and the revoked card was hidden).
    page.click("details.inv-past summary")
    _card(page, invite["id"]).locator("button.inv-revoke").click()
    _card(page, invite["id"]).locator(".inv-state:has-text('révoquée')").wait_for()
    r = requests.post(
        f"{base}/api/v1/join",
        json={"invite_code": invite["code"], "pseudonym": f"pie-{uuid.uuid4().hex[:6]}"},
        timeout=10,
    )
    assert (r.status_code, r.json()["code"]) == (410, "invite_invalid")
    ctx.close()


def test_the_group_is_renamed_and_its_photo_retention_set_from_the_members_tab(
    camwalk_server, browser
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    path = f"/groups/{demo['group_id']}/settings"
    before = api(base, demo["organiser_token"], "GET", path)
    ctx, page = _people_tab(browser, base, demo)
    try:
        page.wait_for_function("(document.querySelector('#grp-name') || {}).value")
        assert page.input_value("#grp-name") == before["name"]
        page.fill("#grp-name", "Technopolice Marseille — Noailles")
        page.set_checked("#grp-originals", not before["keep_originals"])
        page.click("#grp-save")
        page.locator(".org-group:text-is('Technopolice Marseille — Noailles')").wait_for()
        after = api(base, demo["organiser_token"], "GET", path)
        assert (after["name"], after["keep_originals"]) == (
            "Technopolice Marseille — Noailles",
            not before["keep_originals"],
        )
        page.reload()  # the stored session carries the new name too; the tab stays open
        page.locator(".org-group:text-is('Technopolice Marseille — Noailles')").wait_for()
    finally:
        ctx.close()
        restore = {"name": before["name"], "keep_originals": before["keep_originals"]}
        api(base, demo["organiser_token"], "PATCH", path, json=restore)


def test_removing_a_walker_with_her_invite_closes_that_invite(camwalk_server, browser):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    token = demo["organiser_token"]
    invite = api(base, token, "POST", f"/groups/{demo['group_id']}/invites", json={})
    pseudonym = f"cormoran-{uuid.uuid4().hex[:6]}"
    joined = requests.post(
        f"{base}/api/v1/join",
        json={"invite_code": invite["code"], "pseudonym": pseudonym},
        timeout=10,
    )
    assert joined.status_code == 201, joined.text
    ctx, page = _people_tab(browser, base, demo)
    try:
        row = page.locator(f"tr:has(td:text-is('{pseudonym}'))")
        row.locator("button.mem-ask").click()
        choice = row.locator("label.mem-invite-choice")
        assert "invitation marcheur·se" in choice.inner_text()  # names the invite
        assert not row.locator("input.mem-revoke-invite").is_checked()
        choice.click()
        row.locator("button.mem-confirm").click()
        row.wait_for(state="detached")
        page.click("details.inv-past summary")
        _card(page, invite["id"]).locator(".inv-state:has-text('révoquée')").wait_for()

        again = requests.post(
            f"{base}/api/v1/join",
            json={"invite_code": invite["code"], "pseudonym": f"{pseudonym}-bis"},
            timeout=10,
        )
        assert (again.status_code, again.json()["code"]) == (410, "invite_invalid")
    finally:
        ctx.close()


def test_turning_keep_originals_off_offers_to_delete_those_stored_and_deletes_them(
    camwalk_server, browser, screenshot
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    token = demo["organiser_token"]
    settings = f"/groups/{demo['group_id']}/settings"
    originals = f"/groups/{demo['group_id']}/originals"
    before = api(base, token, "GET", settings)
    api(base, token, "PATCH", settings, json={"keep_originals": True})
    for seed in (uuid.uuid4().int % 10_000, uuid.uuid4().int % 10_000 + 10_000):
        upload_photo(base, demo["walker_token"], jpeg(seed))
    stored = api(base, token, "GET", originals)
    assert stored["count"] >= 2
    ctx, page = _people_tab(browser, base, demo)
    try:
        page.wait_for_function("(document.querySelector('#grp-originals') || {}).checked")
        assert page.locator(".grp-originals-left").count() == 0  # nothing offered while kept
        page.set_checked("#grp-originals", False)
        page.click("#grp-save")
        left = page.locator(".grp-originals-left")
        left.wait_for()
        assert (
            fr_count(stored["count"], "photo originale", "photos originales") in left.inner_text()
        )
        screenshot(page, "org-originals-offer")
        assert api(base, token, "GET", originals)["count"] == stored["count"]  # not yet

        page.click("button.grp-originals-delete-ask")
        page.click("button.grp-originals-delete-confirm")
        done = page.locator(".grp-originals-deleted")
        done.wait_for()
        assert fr_count(stored["count"], "originale supprimée", "originales supprimées") in (
            done.inner_text()
        )
        assert api(base, token, "GET", originals)["count"] == 0
    finally:
        ctx.close()
        restore = {"keep_originals": before["keep_originals"]}
        api(base, token, "PATCH", settings, json=restore)
