"""Léa's phone is old and slow: a photo still being prepared when she taps Save goes with the
camera, and the form says in words that it is being prepared."""

import io
import os
import uuid

import pytest
from PIL import Image

from .phone import FAB, join_and_pick_walk, server_observations, sync_and_wait, wait_for_fix

pytestmark = pytest.mark.browser

# In the demo walk's area, away from its cameras and from the other tests' spots.
SPOT = (43.29510, 5.37260)
SMALL_PHOTO = "exifr/IMG_20180725_163423-tiny.jpg"


def noise_jpeg(path, width=3000, height=2250) -> None:
    """A large photo of noise: slow to decode and shrink, as a phone camera's photo is on an
    old phone."""
    image = Image.frombytes("RGB", (width, height), os.urandom(width * height * 3))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=92)
    path.write_bytes(buffer.getvalue())


def test_save_tapped_while_a_photo_is_prepared_keeps_both_photos(
    camwalk_server, new_phone, photos, tmp_path, screenshot
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    pseudonym = f"pouillot-{uuid.uuid4().hex[:6]}"
    big = tmp_path / "close-up.jpg"
    noise_jpeg(big)
    context = new_phone(*SPOT, accuracy=5)
    page = context.new_page()
    join_and_pick_walk(page, base, demo["invite_code"], pseudonym)
    wait_for_fix(page, 5)
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 6})
    context.set_offline(True)

    page.click(FAB)
    page.wait_for_selector("form.log-form")
    another = page.locator(".nearby button:has-text('autre')")
    if another.count():
        another.click()
    page.click("label[for=camera_type-dome]")
    # The close-up (large, slow), then the wide photo (small) before the first is ready.
    page.set_input_files("#photo-close_up", str(big))
    page.set_input_files("#photo-context", str(photos / SMALL_PHOTO))
    page.wait_for_selector("fieldset.photos .thumbs li")
    # She taps Save as soon as a thumbnail shows: the close-up is still being prepared.
    assert page.locator("fieldset.photos .thumbs li").count() == 1
    note = page.locator("fieldset.photos .photo-preparing")
    said = note.inner_text() if note.count() and note.is_visible() else None
    screenshot(page, "walker-save-while-photo-prepared")
    page.click("button.btn-save")
    page.wait_for_selector(".sheet", state="hidden", timeout=60_000)

    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
    context.set_offline(False)
    sync_and_wait(page)
    [mine] = [
        o
        for o in server_observations(base, demo["group_id"], demo["organiser_token"])
        if o.get("created_by") == pseudonym
    ]
    assert sorted(p["role"] for p in mine["photos"]) == ["close_up", "context"]
    # While she waited, the form said in words why.
    assert said and "Préparation de la photo" in said
