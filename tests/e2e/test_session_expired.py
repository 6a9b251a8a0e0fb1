"""A revoked or expired token: the walker logs in again and nothing logged offline is lost."""

import json
import uuid

import pytest

from .phone import (
    NOTHING_WAITING,
    join_and_pick_walk,
    log_camera,
    server_observations,
)

pytestmark = pytest.mark.browser

PHOTO = "exifr/IMG_20180725_163423-tiny.jpg"
PASSWORD = "goelands-du-port"


def test_a_401_leads_to_a_new_login_and_the_waiting_camera_still_arrives(
    camwalk_server, new_phone, photos, screenshot
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    pseudonym = f"sterne-{uuid.uuid4().hex[:6]}"
    spot = (43.29600, 5.37400)
    context = new_phone(*spot)
    page = context.new_page()
    join_and_pick_walk(page, base, demo["invite_code"], pseudonym)

    # In the menu, the walker sets a password so she can log in again later.
    page.click("button[aria-label=Menu]")
    page.fill("#new-password", PASSWORD)
    page.click(".password-form button[type=submit]")
    page.wait_for_selector(".password-form p:has-text('enregistré')")
    page.click(".menu-sheet .actions button")

    context.set_offline(True)
    log_camera(page, context, lat=spot[0], lon=spot[1], accuracy=7, photo=photos / PHOTO)

    refused = []

    def token_refused_once(route):
        if not refused:
            refused.append(route.request.url)
            body = {"code": "unauthenticated", "message": "Token revoked."}
            route.fulfill(status=401, content_type="application/json", body=json.dumps(body))
        else:
            route.continue_()

    context.route("**/api/v1/groups/*/sync", token_refused_once)
    context.set_offline(False)
    page.wait_for_selector("#password")  # the login screen, with the session-expired notice
    assert page.locator(".notice").count() == 1
    screenshot(page, "10-session-expired")
    assert page.input_value("#group") == demo["group_slug"]
    assert page.input_value("#login-pseudonym") == pseudonym

    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.click("button.walk")
    page.wait_for_selector("button.fab")
    page.wait_for_function(NOTHING_WAITING, timeout=30_000)

    mine = [
        o
        for o in server_observations(base, demo["group_id"], demo["organiser_token"])
        if o.get("created_by") == pseudonym
    ]
    assert len(mine) == 1
    assert len(mine[0]["photos"]) == 1
