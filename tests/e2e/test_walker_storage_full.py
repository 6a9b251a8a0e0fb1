"""Nadia's phone fills up in the middle of a walk: a camera she saves no longer fits. She is
told the phone is full (trying again as it is would fail again), the form stays open with her
answers and her photo, and once she made room the same Save keeps it."""

import uuid

import pytest

from .phone import FAB, join_and_pick_walk, wait_for_fix

pytestmark = pytest.mark.browser

PHOTO = "exifr/IMG_20180725_163423.jpg"
SPOT = (43.29590, 5.37470)
METRE = 1 / 111_195.08


def test_a_full_phone_says_so_and_keeps_the_form_open_until_there_is_room(
    camwalk_server, new_phone, photos, screenshot
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    context = new_phone(*SPOT, accuracy=5)
    page = context.new_page()
    join_and_pick_walk(page, base, demo["invite_code"], f"nadia-{uuid.uuid4().hex[:6]}")
    context.set_offline(True)
    # The browser's share of the phone: less than it already holds. Chromium applies a new
    # quota to a page loaded after it, and checks it a few writes late, as a phone may.
    cdp = context.new_cdp_session(page)
    cdp.send("Storage.overrideQuotaForOrigin", {"origin": base, "quotaSize": 1})
    page.reload()
    page.wait_for_selector(FAB)

    refused = page.locator(".toast-error")
    for i in range(12):
        # 20 m apart: no "already logged here?" banner.
        context.set_geolocation(
            {"latitude": SPOT[0] + i * 20 * METRE, "longitude": SPOT[1], "accuracy": 5}
        )
        wait_for_fix(page, 5)
        page.click(FAB)
        page.wait_for_selector("form.log-form")
        page.click("label[for=camera_type-dome]")
        page.set_input_files("#photo-close_up", str(photos / PHOTO))
        page.wait_for_selector(".thumbs img")
        page.click("button.btn-save")
        page.wait_for_function(
            "!document.querySelector('form.log-form') || document.querySelector('.toast-error')"
        )
        if refused.count():
            break
        # A walker takes more than the "saved" note's few seconds to reach the next camera;
        # Chromium counts the room used meanwhile.
        page.wait_for_selector(".toast", state="detached")
    assert refused.count(), "the phone never ran out of room"
    saved = i  # the cameras before this one
    assert page.get_attribute("button.sync-chip", "title").startswith(f"{saved} caméra")
    text = refused.inner_text()
    assert "Plus de place sur le téléphone" in text
    assert "réessayez" not in text
    screenshot(page, "storage-full")
    # Her answers and her photo are still in the open form.
    assert page.locator("form.log-form .thumbs img").count() == 1
    assert page.locator("#camera_type-dome").is_checked()

    # She makes room (a quota far above what the browser holds), and taps Save again.
    cdp.send("Storage.overrideQuotaForOrigin", {"origin": base, "quotaSize": 10**10})
    page.wait_for_selector(".toast-error", state="detached", timeout=10_000)
    page.click("button.btn-save")
    page.wait_for_selector("form.log-form", state="detached")
    page.wait_for_function(
        f"document.querySelector('button.sync-chip').title.startsWith('{saved + 1} caméra')"
    )
