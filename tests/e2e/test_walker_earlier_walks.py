"""Léa opens this Saturday's walk of streets her group walked before: last week's cameras are on
her map in their own style, the "+" tells her one is already logged where she stands, and her
answer about it goes to that camera, on its own walk, rather than making a second one.

The demo group's walk ("Noailles – Vieux-Port", 25 cameras) is last week's; the organiser adds
this week's walk over the same area. The test has its own server: a second walk in the shared
demo group would change which walk the other tests open."""

import datetime as dt
import uuid

import pytest

from .conftest import running_camwalk
from .organiser import next_walk
from .phone import FAB, MARKERS, server_observations, sync_and_wait, wait_for_fix

pytestmark = pytest.mark.browser

THIS_WEEK = "Noailles, samedi suivant"
EARLIER = ".leaflet-marker-pane .earlier-dot"
OPERATOR = "Régie des transports métropolitains"
# How many changes wait in the phone's outbox.
QUEUED = """() => new Promise((done, failed) => {
  const open = indexedDB.open('camwalk');
  open.onerror = () => failed(open.error);
  open.onsuccess = () => {
    const count = open.result.transaction('outbox').objectStore('outbox').count();
    count.onsuccess = () => { done(count.result); open.result.close(); };
  };
})"""


@pytest.fixture(scope="module")
def two_walks(tmp_path_factory, tile_server):
    with running_camwalk(tmp_path_factory.mktemp("earlier"), tile_server["url"]) as server:
        base, demo = server["url"], server["demo"]
        last_week, this_week = next_walk(base, demo, THIS_WEEK)
        yield server | {"last_week": last_week, "this_week": this_week}


def _lone_cameras(cameras: list[dict]) -> list[dict]:
    """Cameras of last week with no other within 30 m: the banner can only mean each."""

    def far(a, b):
        return abs(a["lat"] - b["lat"]) > 0.0003 or abs(a["lon"] - b["lon"]) > 0.0004

    lone = [
        camera
        for camera in cameras
        if all(far(camera["position"], o["position"]) for o in cameras if o is not camera)
    ]
    assert len(lone) >= 3, "the demo has too few cameras standing alone"
    return lone


def _open_this_week(page, base, demo) -> None:
    page.goto(f"{base}/join/{demo['invite_code']}")
    page.fill("#pseudonym", f"mouette-{uuid.uuid4().hex[:6]}")
    page.click("button[type=submit]")
    page.click(f"button.walk:has-text('{THIS_WEEK}')")
    page.wait_for_selector(FAB)


def test_last_weeks_cameras_are_on_this_weeks_map_and_one_is_answered_not_logged_again(
    two_walks, new_phone, screenshot
):
    base, demo = two_walks["url"], two_walks["demo"]
    cameras = server_observations(base, demo["group_id"], demo["organiser_token"])
    assert {c["walk_id"] for c in cameras} == {two_walks["last_week"]["id"]}
    camera = _lone_cameras(cameras)[0]
    here = camera["position"]
    context = new_phone(here["lat"], here["lon"], accuracy=4)
    page = context.new_page()
    _open_this_week(page, base, demo)
    wait_for_fix(page, 4)

    # Last week's cameras around her, in their own style; none counts as this walk's.
    page.wait_for_selector(f"{EARLIER}.state-safe")
    assert page.locator(MARKERS).count() == 0
    page.click(".legend summary")
    screenshot(page, "13-earlier-walks")
    page.click(".legend summary")

    # Where she stands, the "+" says the group logged a camera here; she opens it.
    page.click(FAB)
    banner = page.locator(".nearby")
    assert "Le groupe a déjà relevé une caméra" in banner.inner_text()
    banner.locator("button:has-text('Voir ce relevé')").click()
    sheet = page.locator(".obs-sheet")
    assert two_walks["last_week"]["name"] in sheet.locator(".other-walk").inner_text()

    # Her answer (the operator the sign names) goes to that camera.
    sheet.locator("button:has-text('Modifier')").click()
    page.wait_for_selector("form.log-form details.more")
    if not page.locator("details.more[open]").count():
        page.click("details.more summary")
    assert page.input_value("#operator") != OPERATOR
    page.fill("#operator", OPERATOR)
    page.click("button.btn-save")
    page.wait_for_selector(".sheet", state="hidden")
    page.wait_for_selector(f"{EARLIER}.state-pending")
    sync_and_wait(page)
    page.wait_for_function(f"document.querySelectorAll('{EARLIER}.state-pending').length === 0")

    after = {
        c["id"]: c for c in server_observations(base, demo["group_id"], demo["organiser_token"])
    }
    assert set(after) == {c["id"] for c in cameras}  # nothing logged twice
    answered = after[camera["id"]]
    assert answered["operator"] == OPERATOR
    assert answered["walk_id"] == two_walks["last_week"]["id"]
    assert answered["version"] == camera["version"] + 1


def test_last_weeks_camera_found_gone_is_marked_gone_from_the_banner_or_its_sheet(
    two_walks, new_phone
):
    base, demo = two_walks["url"], two_walks["demo"]
    cameras = server_observations(base, demo["group_id"], demo["organiser_token"])
    by_banner, by_sheet = _lone_cameras(cameras)[1:3]
    here = by_banner["position"]
    context = new_phone(here["lat"], here["lon"], accuracy=4)
    page = context.new_page()
    _open_this_week(page, base, demo)
    wait_for_fix(page, 4)

    # The "+" where a camera of last week stood, and it is gone: one tap says so (a double
    # tap, offline here, stores one change, not two).
    context.set_offline(True)
    page.click(FAB)
    page.locator(".nearby button:has-text('Disparue')").dblclick()
    page.wait_for_selector(".sheet", state="hidden")
    assert page.evaluate(QUEUED) == 1
    context.set_offline(False)

    # Another one, from its sheet.
    there = by_sheet["position"]
    context.set_geolocation({"latitude": there["lat"], "longitude": there["lon"], "accuracy": 5})
    wait_for_fix(page, 5)
    page.click(FAB)
    page.locator(".nearby button:has-text('Voir ce relevé')").click()
    page.locator(".obs-sheet button:has-text('Elle n’est plus là')").click()
    page.locator(".obs-sheet .warn:has-text('Signalée disparue')").wait_for()
    page.click(".obs-sheet button:has-text('Fermer')")
    sync_and_wait(page)
    page.wait_for_function(f"document.querySelectorAll('{EARLIER}.state-pending').length === 0")

    after = {
        c["id"]: c for c in server_observations(base, demo["group_id"], demo["organiser_token"])
    }
    assert set(after) == {c["id"] for c in cameras}  # marked, not logged again
    for camera in (by_banner, by_sheet):
        marked = after[camera["id"]]
        assert (marked["presence"], marked["walk_id"]) == ("gone", two_walks["last_week"]["id"])
        assert marked["surveyed_on"] == dt.date.today().isoformat()
