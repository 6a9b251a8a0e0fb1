"""A phone holds another member's unsent camera (she was signed out, then somebody joined on it
under another pseudonym): the walker signed in now counts only her own work, on the sync chip,
on the line of work the server refused and when she logs out, as her sync only ever sends hers."""

import uuid

import pytest

from .phone import join_and_pick_walk, log_camera, sync_and_wait
from .test_walker_sign_in_link import _sign_phone_out
from .test_walker_stuck_photo import PDF, SPOIL_ONE_PHOTO

pytestmark = pytest.mark.browser

PHOTO = "exifr/IMG_20180725_163423-tiny.jpg"
SPOT = (43.29655, 5.37465)


def test_the_sync_chip_and_log_out_count_only_the_signed_in_walkers_work(
    camwalk_server, new_phone, photos
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    pseudonym = f"fauvette-{uuid.uuid4().hex[:6]}"
    context = new_phone(*SPOT)
    phone = context.new_page()
    join_and_pick_walk(phone, base, demo["invite_code"], pseudonym)
    context.set_offline(True)
    log_camera(phone, context, lat=SPOT[0], lon=SPOT[1], accuracy=6, photo=photos / PHOTO)
    _sign_phone_out(base, demo, pseudonym)
    context.set_offline(False)
    phone.wait_for_selector(".signin-hint")

    join_and_pick_walk(phone, base, demo["invite_code"], f"{pseudonym}-bis")
    phone.wait_for_function(
        "window.camwalk && !window.camwalk.scheduler.state().running"
        " && window.camwalk.scheduler.state().summary !== null"
    )
    # Her camera waits on the phone, but nothing of the signed-in walker's does.
    assert phone.get_attribute("button.sync-chip", "title") == "Tout est sur le serveur"

    context.set_offline(True)
    log_camera(phone, context, lat=SPOT[0] + 0.0002, lon=SPOT[1], accuracy=6, photo=photos / PHOTO)
    # The chip counts from the phone's store a moment after the form closes (on a busy box, a
    # read at once found the count not made yet). One camera, hers; never two.
    phone.wait_for_function(
        "document.querySelector('button.sync-chip').title.includes('pas encore envoy')"
    )
    assert phone.get_attribute("button.sync-chip", "title") == "1 caméra pas encore envoyée"
    phone.click("button[aria-label='Menu']")
    phone.click(".menu-sheet button.logout")
    note = phone.locator(".menu-sheet .warn[role=alert]")
    note.filter(has_text="envoy").wait_for()
    assert note.inner_text().startswith("Pas encore envoyé\u00a0: 1 caméra, 1 photo.")


def test_the_refused_line_counts_only_the_signed_in_walkers_set_aside_work(
    camwalk_server, new_phone, photos
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    pseudonym = f"gravelot-{uuid.uuid4().hex[:6]}"
    context = new_phone(*SPOT)
    phone = context.new_page()
    join_and_pick_walk(phone, base, demo["invite_code"], pseudonym)
    context.set_offline(True)
    log_camera(phone, context, lat=SPOT[0] + 0.0004, lon=SPOT[1], accuracy=6, photo=photos / PHOTO)
    phone.evaluate(SPOIL_ONE_PHOTO, list(PDF))
    context.set_offline(False)
    sync_and_wait(phone)
    assert "1 caméra" in phone.inner_text(".sync-aside")

    context.set_offline(True)
    _sign_phone_out(base, demo, pseudonym)
    context.set_offline(False)
    phone.wait_for_selector(".signin-hint")
    join_and_pick_walk(phone, base, demo["invite_code"], f"{pseudonym}-bis")
    sync_and_wait(phone)
    # Her refused photo waits on the phone for her; nothing of the signed-in walker's was refused.
    assert phone.locator(".sync-aside").is_hidden()
