"""Léa logs a camera twice by mistake and deletes the extra one from her phone, offline: it
leaves her map at once, and the server keeps it as a tombstone once she is back online. She is
offered no delete on other walkers' cameras."""

import uuid

import pytest

from .phone import (
    MARKERS,
    SYNCED,
    join_and_pick_walk,
    log_camera,
    markers_js,
    open_first_camera,
    photos_let_go,
    server_observations,
    sync_and_wait,
)

pytestmark = pytest.mark.browser

PHOTO = "exifr/IMG_20180725_163423-tiny.jpg"
SPOT = (43.29710, 5.37330)


def _count(page, selector: str) -> int:
    return page.locator(selector).count()


def test_a_walker_deletes_her_own_camera_offline_and_the_server_keeps_a_tombstone(
    camwalk_server, new_phone, photos, screenshot
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    pseudonym = f"grebe-{uuid.uuid4().hex[:6]}"
    context = new_phone(*SPOT)
    page = context.new_page()
    join_and_pick_walk(page, base, demo["invite_code"], pseudonym)
    # The group's cameras pulled and drawn: none is added to the map after the count below.
    page.wait_for_function(SYNCED)

    # Someone else's camera: no delete for her.
    open_first_camera(page, "safe")
    assert _count(page, ".obs-delete-ask") == 0
    page.click(".obs-sheet .actions button.btn:not(.btn-primary)")

    context.set_offline(True)
    log_camera(page, context, lat=SPOT[0], lon=SPOT[1], accuracy=5, photo=photos / PHOTO)
    # The sheet closes before her camera is drawn: counted without it, the map would never
    # show one fewer after the delete.
    page.wait_for_function(f"{markers_js('pending')} === 1")
    before = _count(page, MARKERS)
    open_first_camera(page, "pending")
    # Her photo, from the phone, shown without pinning its Blob.
    assert photos_let_go(page, ".obs-sheet .thumbs img") == ["let go"]
    page.click(".obs-delete-ask")
    page.click(".obs-delete-confirm")
    page.wait_for_selector(".sheet", state="hidden")
    page.wait_for_function(f"document.querySelectorAll('{MARKERS}').length === {before - 1}")
    screenshot(page, "11-deleted-offline")

    context.set_offline(False)
    sync_and_wait(page)
    mine = [
        o
        for o in server_observations(base, demo["group_id"], demo["organiser_token"])
        if o.get("created_by") == pseudonym
    ]
    assert len(mine) == 1
    assert mine[0]["deleted"] is True
    assert len(mine[0]["photos"]) == 1  # a tombstone keeps what was sent
    page.reload()
    page.wait_for_selector(MARKERS, state="attached")
    assert _count(page, MARKERS) == before - 1
