"""What the sync chip says: a camera on the server whose photo has not gone yet is a photo to
send, not "1 caméra pas encore envoyée" (the field-day probe read that on a camera the server
had)."""

import uuid

import pytest

from .phone import join_and_pick_walk, log_camera, server_observations

pytestmark = pytest.mark.browser

PHOTO = "exifr/IMG_20180725_163423-tiny.jpg"
SPOT = (43.29765, 5.37685)
RUN_ENDED = (
    "window.camwalk.scheduler.state().summary !== null || "
    "window.camwalk.scheduler.state().error !== null"
)


# How many rows the map's header lays its title, sync chip and menu button on.
HEADER_ROWS = """() => {
  const boxes = ['.bar-title', '.sync-chip', '.bar .round']
    .map((s) => document.querySelector(s).getBoundingClientRect());
  const rows = [];
  for (const box of boxes) {
    if (!rows.some((row) => box.top < row.bottom && row.top < box.bottom)) rows.push(box);
  }
  return rows.length;
}"""


def test_a_camera_on_the_server_whose_photo_waits_counts_as_a_photo(
    camwalk_server, new_phone, photos, screenshot
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    pseudonym = f"gravelot-{uuid.uuid4().hex[:6]}"
    context = new_phone(*SPOT, accuracy=5)
    page = context.new_page()
    join_and_pick_walk(page, base, demo["invite_code"], pseudonym)
    context.set_offline(True)
    log_camera(page, context, lat=SPOT[0], lon=SPOT[1], accuracy=5, photo=photos / PHOTO)
    chip = "button.sync-chip"
    assert page.get_attribute(chip, "title") == "1 caméra pas encore envoyée"
    # Offline with a camera to send, the header keeps one row: the chip's words wrap beside
    # the title and the menu (it took 113 px of the map on this 390 px phone, menu alone below).
    assert page.evaluate(HEADER_ROWS) == 1, page.inner_text(chip)

    # The link carries the camera and drops on its photo.
    context.route("**/api/v1/photos/*", lambda route: route.abort("connectionreset"))
    context.set_offline(False)
    page.click(chip)
    page.wait_for_function(
        f"({RUN_ENDED}) && !window.camwalk.scheduler.state().running", timeout=30_000
    )
    mine = [
        o
        for o in server_observations(base, demo["group_id"], demo["organiser_token"])
        if o["created_by"] == pseudonym
    ]
    assert len(mine) == 1 and mine[0]["photos"] == []

    page.wait_for_function(f"document.querySelector('{chip}').innerText.includes('photo')")
    assert "1 photo à envoyer" in page.inner_text(chip)
    assert page.get_attribute(chip, "title") == (
        "1 photo pas encore envoyée (sa caméra est sur le serveur)"
    )
    screenshot(page, "sync-chip-photo-waiting")


# Every label the chip and the line under it showed, from now on.
WATCH_CHIP = """() => {
  window.__chipSeen = [];
  const chip = document.querySelector('button.sync-chip');
  const detail = document.querySelector('.sync-detail');
  const note = () => window.__chipSeen.push(`${chip.innerText} | ${detail.innerText}`);
  new MutationObserver(note).observe(document.body, {subtree: true, childList: true,
    characterData: true, attributes: true, attributeFilter: ['class']});
}"""


def test_a_tap_offline_says_offline_at_once(camwalk_server, new_phone, screenshot):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    context = new_phone(*SPOT, accuracy=5)
    page = context.new_page()
    join_and_pick_walk(page, base, demo["invite_code"], f"bihoreau-{uuid.uuid4().hex[:6]}")
    page.wait_for_function("!window.camwalk.scheduler.state().running")
    context.set_offline(True)
    page.evaluate(WATCH_CHIP)
    page.click("button.sync-chip")
    page.wait_for_selector(".sync-detail:has-text('Hors ligne')", timeout=1000)
    seen = page.evaluate("window.__chipSeen")
    assert not [s for s in seen if "Synchronisation" in s or "0/0" in s], seen
    screenshot(page, "sync-chip-tapped-offline")


def test_going_offline_mid_upload_says_offline_at_once(
    camwalk_server, new_phone, photos, screenshot
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    context = new_phone(*SPOT, accuracy=5)
    page = context.new_page()
    join_and_pick_walk(page, base, demo["invite_code"], f"aigrette-{uuid.uuid4().hex[:6]}")
    context.set_offline(True)
    log_camera(page, context, lat=SPOT[0], lon=SPOT[1], accuracy=5, photo=photos / PHOTO)

    # The photo's upload is on the wire when the phone loses the network.
    held = []
    context.route("**/api/v1/photos/*", lambda route: held.append(route))
    context.set_offline(False)
    page.click("button.sync-chip")
    for _ in range(100):
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "the photo never went"
    context.set_offline(True)
    held[0].abort("internetdisconnected")
    page.wait_for_selector(".sync-detail:has-text('Hors ligne')", timeout=1500)
    assert "Synchronisation" not in page.inner_text("button.sync-chip")
    screenshot(page, "sync-chip-offline-mid-upload")
