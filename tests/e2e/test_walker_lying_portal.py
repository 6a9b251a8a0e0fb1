"""A network that lies: a station's Wi-Fi portal answers the app's sync with its own HTML page and
a 400, then its photo upload with one and a 422. Those are not camwalk's refusals (its errors are
JSON with a `code` and a `message`): nothing of hers is set aside, she is told she waits for the
network, and once the real server is reached her camera and its photo reach it."""

import uuid

import pytest

from .conftest import server_on_each_engine
from .phone import NOTHING_WAITING, her_camera, join_and_pick_walk, log_camera

# This journey runs on SpatiaLite, then on PostGIS.
camwalk_server = server_on_each_engine

pytestmark = pytest.mark.browser

PHOTO = "exifr/IMG_20180725_163423-tiny.jpg"
SPOT = (43.29575, 5.37940)
API = "**/api/v1/**"
OFFLINE_WORDS = "Hors ligne\u00a0: les relevés partiront au retour du réseau."
PORTAL_PAGE = "<html><body><h1>Wi-Fi Gare</h1><form>Acceptez les conditions</form></body></html>"


def _tried(page, hits, what, at_least=2):
    """Waits until the portal answered `what` at least twice: a request was tried again."""
    for _ in range(300):
        if hits.count(what) >= at_least:
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"the portal answered {hits}")


def _nothing_aside(page):
    page.wait_for_selector(f".sync-detail:text-is('{OFFLINE_WORDS}')", timeout=30_000)
    assert page.locator(".sync-aside").is_hidden(), page.inner_text(".sync-aside")
    assert "Hors ligne" in page.inner_text("button.sync-chip")


def test_a_portal_page_with_a_400_or_a_422_sets_nothing_aside_and_her_work_goes_after(
    camwalk_server, new_phone, photos
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    pseudonym = f"bergeronnette-{uuid.uuid4().hex[:6]}"
    context = new_phone(*SPOT, accuracy=5)
    page = context.new_page()
    join_and_pick_walk(page, base, demo["invite_code"], pseudonym)
    context.set_offline(True)
    log_camera(page, context, lat=SPOT[0], lon=SPOT[1], accuracy=5, photo=photos / PHOTO)

    portal = {"sync": 400, "photo": 422}
    hits = []

    def station_wifi(route):
        url, method = route.request.url, route.request.method
        what = "sync" if url.endswith("/sync") else "photo" if method == "PUT" else None
        if what and portal[what]:
            hits.append(what)
            route.fulfill(status=portal[what], content_type="text/html", body=PORTAL_PAGE)
        else:
            route.continue_()

    context.route(API, station_wifi)
    context.set_offline(False)
    _tried(page, hits, "sync")
    _nothing_aside(page)

    # The portal lets the sync through but still answers the photo with its page.
    portal["sync"] = None
    page.click("button.sync-chip")
    _tried(page, hits, "photo")
    _nothing_aside(page)
    assert her_camera(base, demo, pseudonym)["photos"] == []

    # The real server at last: everything goes, and nothing was set aside.
    context.unroute(API)
    page.click("button.sync-chip")
    page.wait_for_function(NOTHING_WAITING, timeout=30_000)
    assert page.locator(".sync-aside").is_hidden()
    assert len(her_camera(base, demo, pseudonym)["photos"]) == 1
