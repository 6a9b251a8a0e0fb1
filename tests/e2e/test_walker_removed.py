"""A walker logs cameras offline; meanwhile the organisers remove her from the group. When her
phone comes online it says she was removed (not that her session expired, nor to ask for a
sign-in link, which a removed member cannot get) and lets her save her unsent work to a file."""

import json
import uuid
from pathlib import Path

import pytest

from .organiser import api
from .phone import join_and_pick_walk, log_camera

pytestmark = pytest.mark.browser

PHOTO = "exifr/IMG_20180725_163423-tiny.jpg"
SPOT = (43.29630, 5.37440)


def test_a_removed_walker_is_told_so_and_saves_her_unsent_work_to_a_file(
    camwalk_server, new_phone, photos, screenshot
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    pseudonym = f"macareux-{uuid.uuid4().hex[:6]}"
    context = new_phone(*SPOT)
    page = context.new_page()
    join_and_pick_walk(page, base, demo["invite_code"], pseudonym)
    context.set_offline(True)
    log_camera(page, context, lat=SPOT[0], lon=SPOT[1], accuracy=6, photo=photos / PHOTO)

    token, group = demo["organiser_token"], demo["group_id"]
    members = api(base, token, "GET", f"/groups/{group}/members")
    member_id = next(m["id"] for m in members if m["pseudonym"] == pseudonym)
    api(base, token, "DELETE", f"/groups/{group}/members/{member_id}")
    context.set_offline(False)

    page.wait_for_selector(".notice.removed")
    screenshot(page, "walker-removed")
    body = page.inner_text("main")
    assert pseudonym in body and "retiré" in body
    assert "expiré" not in body and "lien de connexion\u00a0»" not in body
    assert page.locator("#password").count() == 0
    with page.expect_download() as download:
        page.click("button.save-work")
    saved = json.loads(Path(download.value.path()).read_text())
    assert saved["camwalk_walker_file"]["pseudonym"] == pseudonym
    assert len(saved["features"]) == 1
    # Saved after the 401 dropped her token, the file still proves it came from her phone.
    imported = api(base, token, "POST", f"/groups/{group}/walker-files", json=saved)
    assert imported["proven"] is True
    assert imported["walker"]["pseudonym"] == pseudonym

    page.reload()  # the phone still knows why
    page.wait_for_selector(".notice.removed")
