"""Léa's phone is old and slow: a photo still being prepared when she taps Save goes with the
camera (Cancel tapped while it waits does not throw the camera away), and the form says in
words that it is being prepared."""

import uuid

import pytest

from .phone import FAB, join_and_pick_walk, server_observations, sync_and_wait, wait_for_fix

pytestmark = pytest.mark.browser

# In the demo walk's area, away from its cameras and from the other tests' spots.
SPOT = (43.29510, 5.37260)
CLOSE_UP = "exif-samples/jpg/Kodak_CX7530.jpg"
WIDE = "exifr/IMG_20180725_163423-tiny.jpg"

# A slow phone, made deterministic: decoding the close-up (the first step of its preparation)
# waits until the test calls window.__photoDecoded(). On a real old phone it took seconds
# (the probe: CPU 4x), long enough for the wide photo picked after it to be ready first.
HOLD_THE_CLOSE_UP = """(name) => {
  const decode = window.createImageBitmap;
  const held = new Promise((resolve) => (window.__photoDecoded = resolve));
  window.createImageBitmap = async (source, ...options) => {
    if (source && source.name === name) await held;
    return decode(source, ...options);
  };
}"""


def test_save_tapped_while_a_photo_is_prepared_keeps_both_photos(
    camwalk_server, new_phone, photos, screenshot
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    pseudonym = f"pouillot-{uuid.uuid4().hex[:6]}"
    context = new_phone(*SPOT, accuracy=5)
    page = context.new_page()
    join_and_pick_walk(page, base, demo["invite_code"], pseudonym)
    wait_for_fix(page, 5)
    page.evaluate(HOLD_THE_CLOSE_UP, (photos / CLOSE_UP).name)
    context.set_offline(True)

    page.click(FAB)
    page.wait_for_selector("form.log-form")
    another = page.locator(".nearby button:has-text('autre')")
    if another.count():
        another.click()
    page.click("label[for=camera_type-dome]")
    # The close-up, then the wide photo before the first is ready.
    page.set_input_files("#photo-close_up", str(photos / CLOSE_UP))
    page.set_input_files("#photo-context", str(photos / WIDE))
    page.wait_for_selector("fieldset.photos .thumbs li")
    # She taps Save as soon as a thumbnail shows: the close-up is still being prepared.
    assert page.locator("fieldset.photos .thumbs li").count() == 1
    note = page.locator("fieldset.photos .photo-preparing")
    said = note.inner_text() if note.count() and note.is_visible() else None
    screenshot(page, "walker-save-while-photo-prepared")
    page.click("button.btn-save")
    page.wait_for_timeout(500)
    assert page.locator("form.log-form").is_visible(), "saved without the close-up"
    # Cancel while Save waits for the photo throws nothing away: her Save stands.
    page.click("form.log-form .actions button:has-text('Annuler')")
    assert page.locator("form.log-form").is_visible()
    page.evaluate("window.__photoDecoded()")
    page.wait_for_selector(".sheet", state="hidden")

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
