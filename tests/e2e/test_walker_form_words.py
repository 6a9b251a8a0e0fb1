"""What the walker reads and types on a small phone: north typed as 360 is accepted (and 370
or -10 turned into a bearing), the map speaks her language, a focused field is never under the
Save bar, and her unsent work is counted the same way everywhere: cameras and photos."""

import uuid

import pytest

from .phone import (
    FAB,
    her_camera,
    join_and_pick_walk,
    log_camera,
    sync_and_wait,
    wait_for_fix,
)

pytestmark = pytest.mark.browser

# In the demo walk's area, away from its cameras and from the other tests' spots.
SPOTS = [(43.29540, 5.37300), (43.29575, 5.37340), (43.29610, 5.37380)]
PHOTOS = ["exifr/IMG_20180725_163423-tiny.jpg", "exif-samples/jpg/Kodak_CX7530.jpg"]


def open_log_form(page) -> None:
    page.click(FAB)
    page.wait_for_selector("form.log-form")
    another = page.locator(".nearby button:has-text('autre')")
    if another.count():
        another.click()


def test_north_typed_as_360_is_saved_as_0(camwalk_server, new_phone):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    pseudonym = f"pipit-{uuid.uuid4().hex[:6]}"
    page = new_phone(*SPOTS[0], accuracy=5).new_page()
    join_and_pick_walk(page, base, demo["invite_code"], pseudonym)
    wait_for_fix(page, 5)
    open_log_form(page)
    page.fill("#direction", "360")
    page.click("button.btn-save")
    page.wait_for_selector(".sheet", state="hidden", timeout=5_000)
    sync_and_wait(page)
    mine = her_camera(base, demo, pseudonym)
    assert mine["direction"] == [0]


def test_a_direction_past_360_or_below_0_is_turned_into_a_bearing(camwalk_server, new_phone):
    """370 and -10 are bearings all the same: no browser bubble refuses the form."""
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    pseudonym = f"bruant-{uuid.uuid4().hex[:6]}"
    page = new_phone(SPOTS[2][0] + 0.0003, SPOTS[2][1], accuracy=5).new_page()
    join_and_pick_walk(page, base, demo["invite_code"], pseudonym)
    wait_for_fix(page, 5)
    open_log_form(page)
    page.fill("#direction", "-10")
    page.locator("#direction").blur()
    assert page.input_value("#direction") == "350"
    page.fill("#direction", "370")
    page.locator("#direction").blur()
    assert page.input_value("#direction") == "10"
    page.fill("#direction", "372.6")  # and Save straight away, the field still focused
    assert page.eval_on_selector("#direction", "e => e.validity.valid")
    page.click("button.btn-save")
    page.wait_for_selector(".sheet", state="hidden", timeout=5_000)
    sync_and_wait(page)
    mine = her_camera(base, demo, pseudonym)
    assert mine["direction"] == [13]


def test_the_map_and_the_pin_speak_french(camwalk_server, new_phone):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    page = new_phone(*SPOTS[1], accuracy=5).new_page()
    join_and_pick_walk(page, base, demo["invite_code"], f"bouvreuil-{uuid.uuid4().hex[:6]}")
    zoom = page.locator(".leaflet-control-zoom a")
    assert zoom.evaluate_all("els => els.map(e => e.title)") == ["Zoomer", "Dézoomer"]
    open_log_form(page)
    titles = page.locator(".leaflet-marker-pane [title]").evaluate_all(
        "els => els.map(e => e.title)"
    )
    assert "Position de la caméra\u00a0: faites-la glisser" in titles
    assert "Direction de la caméra\u00a0: faites-la glisser" in titles
    assert not {"pin", "direction"} & set(titles)


def test_a_focused_field_is_not_under_the_save_bar_on_a_small_phone(camwalk_server, new_phone):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    page = new_phone(*SPOTS[2], accuracy=5).new_page()
    page.set_viewport_size({"width": 320, "height": 568})
    join_and_pick_walk(page, base, demo["invite_code"], f"linotte-{uuid.uuid4().hex[:6]}")
    open_log_form(page)
    page.click("details.more summary")
    # One field after the other, as she fills them in: the next one is often already
    # half in view, under the bar, where the browser's own scrolling left it.
    hidden = {}
    for field in ["#zone", "#operator", "#height", "#note"]:
        page.focus(field)
        page.keyboard.type("" if field == "#zone" else "4")
        page.wait_for_timeout(300)  # smooth scrolling, if any, settles
        place = page.evaluate(
            """(field) => {
              const box = document.querySelector(field).getBoundingClientRect();
              const bar = document.querySelector('form.log-form .actions').getBoundingClientRect();
              return {bottom: box.bottom, barTop: bar.top};
            }""",
            field,
        )
        if place["bottom"] > place["barTop"] + 0.5:
            hidden[field] = place
    assert hidden == {}


def test_unsent_work_is_counted_in_cameras_and_photos(camwalk_server, new_phone, photos):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    context = new_phone(*SPOTS[0])
    page = context.new_page()
    join_and_pick_walk(page, base, demo["invite_code"], f"tarier-{uuid.uuid4().hex[:6]}")
    context.set_offline(True)
    for i, photo in enumerate(PHOTOS):
        lat, lon = SPOTS[i]
        log_camera(page, context, lat=lat + 0.0002, lon=lon, accuracy=5, photo=photos / photo)
    # The chip is redrawn after the save's own read of the phone: waited for, not read at once.
    page.wait_for_selector("button.sync-chip[title='2 caméras pas encore envoyées']")

    # Two cameras with a photo each: four changes on the wire, two cameras to her.
    page.click("button[aria-label='Menu']")
    page.click(".menu-sheet button.logout")
    note = page.locator(".menu-sheet .warn[role=alert]")
    note.filter(has_text="envoy").wait_for()
    assert note.inner_text().startswith("Pas encore envoyé\u00a0: 2 caméras, 2 photos.")
    page.reload()
    page.wait_for_selector(FAB)

    # The cameras go first (sync/engine.js): held on the wire, the bar counts both apart.
    held = []
    context.route("**/api/v1/groups/*/sync", lambda route: held.append(route))
    context.set_offline(False)
    page.click("button.sync-chip")
    page.wait_for_function(
        "(document.querySelector('.sync-detail') || {}).textContent?.includes('0/2 photos')"
    )
    assert page.inner_text(".sync-detail").startswith("0/2 caméras · 0/2 photos")
    for route in held:
        route.continue_()
    context.unroute("**/api/v1/groups/*/sync")
    page.wait_for_function("!document.querySelector('.sync-chip.running')")
