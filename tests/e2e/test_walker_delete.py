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


# Holds back the answers of the reads of the keys of every photo of the phone (the map's
# read of the photos not uploaded starts there: db/index.js listPhotosNotUploaded)
# asked while window.__camwalkHold.on is set, until window.__camwalkHold.release() hands
# them over: a read asked before another then answers after it, as IndexedDB may do.
_HOLD_PHOTO_READS = """() => {
  const hold = { on: true, held: [] };
  const getAllKeys = IDBObjectStore.prototype.getAllKeys;
  IDBObjectStore.prototype.getAllKeys = function (...args) {
    const request = getAllKeys.apply(this, args);
    if (!hold.on || this.name !== 'photos') return request;
    const add = request.addEventListener.bind(request);
    request.addEventListener = (type, listener, options) =>
      type === 'success'
        ? add(type, (event) => hold.held.push(() => listener.call(request, event)), options)
        : add(type, listener, options);
    return request;
  };
  hold.release = () => {
    hold.on = false;
    for (const answer of hold.held.splice(0)) answer();
    // The answers' promises settle, then the map draws what it kept of them.
    return new Promise((done) => setTimeout(() => requestAnimationFrame(() => done()), 50));
  };
  window.__camwalkHold = hold;
}"""


def test_an_older_read_of_the_phone_never_draws_a_deleted_camera_again(
    camwalk_server, new_phone, photos
):
    """Two redraws of the map at once, the older answering last: the camera she deleted in
    between stays off her map (it would come back, and open its sheet, until the next
    redraw: offline, nothing may come for a long while)."""
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    context = new_phone(*SPOT)
    page = context.new_page()
    join_and_pick_walk(page, base, demo["invite_code"], f"avocet-{uuid.uuid4().hex[:6]}")
    page.wait_for_function(SYNCED)
    context.set_offline(True)
    log_camera(page, context, lat=SPOT[0], lon=SPOT[1], accuracy=5, photo=photos / PHOTO)
    page.wait_for_function(f"{markers_js('pending')} === 1")
    before = _count(page, MARKERS)

    # A second camera: the redraw its save asks for reads the phone, and its answer waits.
    page.evaluate(_HOLD_PHOTO_READS)
    log_camera(page, context, lat=SPOT[0] + 2e-4, lon=SPOT[1], accuracy=5, photo=photos / PHOTO)
    page.wait_for_function("window.__camwalkHold.held.length > 0")
    page.evaluate("() => { window.__camwalkHold.on = false; }")
    assert page.evaluate(markers_js("pending")) == 1  # not redrawn yet

    # She deletes the first: that redraw reads the phone after the delete, and answers first.
    open_first_camera(page, "pending")
    page.click(".obs-delete-ask")
    page.click(".obs-delete-confirm")
    page.wait_for_selector(".sheet", state="hidden")
    shown = f"document.querySelectorAll('{MARKERS}').length"
    # Her second camera drawn, the first gone: as many markers as before.
    page.wait_for_function(f"{markers_js('pending')} === 1 && {shown} === {before}")

    # The older read answers now, with the deleted camera in it: not drawn.
    page.evaluate("() => window.__camwalkHold.release()")
    assert page.evaluate(markers_js("pending")) == 1
    assert _count(page, MARKERS) == before
