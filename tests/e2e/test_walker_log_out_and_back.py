"""A walker logs out and comes back as herself.

Without a password, logging out gave up her pseudonym on this phone with no word said, and the
invite link then called it someone else's; with one, her way back was behind "I am an
organiser". Now: a warning before logging out without a password, a plain Log in on the
welcome screen, and a taken pseudonym on the join screen says how to come back."""

import uuid

import pytest

from .phone import join_and_pick_walk

pytestmark = pytest.mark.browser


def _open_menu(page) -> None:
    page.click("button[aria-label='Menu']")
    page.wait_for_selector(".menu-sheet")


def test_without_a_password_log_out_warns_and_the_invite_says_how_to_come_back(
    camwalk_server, new_phone, screenshot
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    pseudonym = f"fauvette-{uuid.uuid4().hex[:6]}"
    page = new_phone().new_page()
    join_and_pick_walk(page, base, demo["invite_code"], pseudonym)
    _open_menu(page)

    page.click(".menu-sheet button.logout")
    warning = page.locator(".menu-sheet .logout-no-password")
    warning.wait_for()
    screenshot(page, "logout-no-password")
    assert pseudonym in warning.inner_text()
    assert "lien de connexion" in warning.inner_text()
    assert page.locator(".menu-sheet").is_visible()  # still signed in until she confirms

    page.click(".menu-sheet button.logout-confirm")
    page.wait_for_selector("button.welcome-login:has-text('Se connecter')")

    page.goto(f"{base}/join/{demo['invite_code']}")
    page.fill("#pseudonym", pseudonym)
    page.click("button[type=submit]")
    page.wait_for_selector("button.join-login")
    screenshot(page, "rejoin-pseudonym-taken")
    said = page.inner_text("form p.error")
    assert "lien de connexion" in said and "mot de passe" in said
    page.click("button.join-login")
    page.wait_for_selector("#password")
    assert page.input_value("#login-pseudonym") == pseudonym


def test_with_a_password_she_logs_out_at_once_and_logs_in_from_the_welcome_screen(
    camwalk_server, new_phone
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    pseudonym = f"loriot-{uuid.uuid4().hex[:6]}"
    page = new_phone().new_page()
    join_and_pick_walk(page, base, demo["invite_code"], pseudonym)
    _open_menu(page)
    page.fill("#new-password", "une phrase assez longue")
    page.click(".menu-sheet .password-form button[type=submit]")
    page.wait_for_selector(".menu-sheet .password-form p[role=status]:not(:empty)")

    page.click(".menu-sheet button.logout")
    page.click("button.welcome-login")
    page.fill("#group", demo["group_slug"])
    page.fill("#login-pseudonym", pseudonym)
    page.fill("#password", "une phrase assez longue")
    page.click("button[type=submit]")

    page.wait_for_selector("button.walk")
