"""Signing devices out from the app: a walker's own list in her menu, an organiser's in her
Account tab, and an organiser signing out a walker's lost phone from the Members tab."""

import uuid

import pytest
import requests

from .organiser import api, log_in, open_tab, organiser_context
from .phone import join_and_pick_walk

pytestmark = pytest.mark.browser

PASSWORD = "mouettes-du-vieux-port"


def _me(base: str, token: str) -> int:
    return requests.get(
        f"{base}/api/v1/me", headers={"Authorization": f"Bearer {token}"}, timeout=10
    ).status_code


def _join(base: str, code: str, pseudonym: str, label: str) -> dict:
    body = {"invite_code": code, "pseudonym": pseudonym, "device_label": label}
    r = requests.post(f"{base}/api/v1/join", json=body, timeout=10)
    assert r.status_code == 201, r.text
    return r.json()


def test_a_walker_sees_her_devices_and_signs_out_her_other_phone(
    camwalk_server, new_phone, screenshot
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    pseudonym = f"sterne-{uuid.uuid4().hex[:6]}"
    page = new_phone().new_page()
    join_and_pick_walk(page, base, demo["invite_code"], pseudonym)

    # A password lets her sign in on a second phone, which she later loses.
    page.click("button[aria-label=Menu]")
    page.fill("#new-password", PASSWORD)
    page.click(".password-form button[type=submit]")
    page.wait_for_selector(".password-form p:has-text('enregistré')")
    login = {"group": demo["group_slug"], "pseudonym": pseudonym, "password": PASSWORD}
    r = requests.post(
        f"{base}/api/v1/login", json={**login, "device_label": "Téléphone perdu"}, timeout=10
    )
    assert r.status_code == 200, r.text
    lost_token = r.json()["token"]
    page.click(".menu-sheet .actions button")  # the list is read when the menu opens

    page.click("button[aria-label=Menu]")
    lost = page.locator(".menu-sheet li.dev:has-text('Téléphone perdu')")
    lost.wait_for()
    this = page.locator(".menu-sheet li.dev-current")
    assert page.locator(".menu-sheet li.dev").count() == 2
    assert "cet appareil" in this.inner_text()
    assert this.locator("button.dev-ask").count() == 0  # log out does that, not a sign-out
    lost.scroll_into_view_if_needed()
    screenshot(page, "walker-devices")

    lost.locator("button.dev-ask").click()
    lost.locator("button.dev-keep").click()
    assert _me(base, lost_token) == 200  # cancelling keeps it
    lost.locator("button.dev-ask").click()
    lost.locator("button.dev-confirm").click()
    lost.wait_for(state="detached")

    assert _me(base, lost_token) == 401
    assert page.locator(".menu-sheet li.dev").count() == 1
    # This phone still syncs.
    page.click(".menu-sheet .actions button")
    page.click("button.sync-chip")
    page.wait_for_function("!document.querySelector('.sync-chip.running')")
    assert page.locator("#password").count() == 0


def test_an_organiser_sees_this_device_in_her_account_tab_and_logs_out(camwalk_server, browser):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    ctx = organiser_context(browser)
    page = ctx.new_page()
    try:
        log_in(page, base, demo)
        open_tab(page, "account")
        this = page.locator(".account li.dev-current")
        this.wait_for()
        assert "cet appareil" in this.inner_text()
        token = page.evaluate(
            """() => new Promise((resolve) => {
              const open = indexedDB.open('camwalk');
              open.onsuccess = () => {
                const tx = open.result.transaction('meta');
                const get = tx.objectStore('meta').get('session');
                get.onsuccess = () => resolve(get.result && get.result.token);
              };
            })"""
        )
        assert token and _me(base, token) == 200

        page.click(".account button.logout")
        page.wait_for_selector("button.welcome-login")
        assert _me(base, token) == 401
        assert _me(base, demo["organiser_token"]) == 200  # her other devices stay
    finally:
        ctx.close()


def test_an_organiser_signs_out_a_walkers_lost_phone_from_the_members_tab(
    camwalk_server, browser, screenshot
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    pseudonym = f"fou-{uuid.uuid4().hex[:6]}"
    joined = _join(base, demo["invite_code"], pseudonym, "Téléphone de plage")
    ctx = organiser_context(browser)
    page = ctx.new_page()
    try:
        log_in(page, base, demo)
        open_tab(page, "people")
        row = page.locator(f"tr:has(td:text-is('{pseudonym}'))")
        row.locator("button.mem-devices-toggle").click()
        devices = page.locator(f"tr.mem-devices[data-devices-of='{joined['member']['id']}']")
        phone = devices.locator("li.dev:has-text('Téléphone de plage')")
        phone.wait_for()
        assert devices.locator("li.dev-current").count() == 0  # none is the organiser's
        screenshot(page, "org-member-devices")

        phone.locator("button.dev-ask").click()
        phone.locator("button.dev-confirm").click()
        phone.wait_for(state="detached")

        assert _me(base, joined["token"]) == 401
        members = api(base, demo["organiser_token"], "GET", f"/groups/{demo['group_id']}/members")
        assert pseudonym in [m["pseudonym"] for m in members]  # she stays a member
        assert row.count() == 1
    finally:
        ctx.close()
