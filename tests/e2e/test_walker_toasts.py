"""Logging fast: each save says "Enregistré sur le téléphone.", and seven of them once piled up
over the form she was filling (field-day probe, d2b-edit-fail-2.png). One says it for all."""

import uuid

import pytest

from .phone import join_and_pick_walk, log_camera

pytestmark = pytest.mark.browser

PHOTO = "exifr/IMG_20180725_163423-tiny.jpg"
SPOT = (43.29795, 5.37715)
METRE = 1 / 111_195.08
SAVED = "Enregistré sur le téléphone."


def test_saves_in_a_row_show_one_saved_note(camwalk_server, new_phone, photos, screenshot):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    context = new_phone(*SPOT, accuracy=5)
    page = context.new_page()
    join_and_pick_walk(page, base, demo["invite_code"], f"chevalier-{uuid.uuid4().hex[:6]}")
    context.set_offline(True)
    most = 0
    for i in range(3):
        # 20 m apart: no "already logged here?" banner.
        lat = SPOT[0] + i * 20 * METRE
        log_camera(page, context, lat=lat, lon=SPOT[1], accuracy=5 + i, photo=photos / PHOTO)
        saved = page.locator(".toast", has_text=SAVED)
        saved.first.wait_for()
        most = max(most, saved.count())
    assert most == 1
    screenshot(page, "one-saved-note")
