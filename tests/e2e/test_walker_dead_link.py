"""A phone that says it is online on a link that carries nothing: a dead café Wi-Fi, or a captive
portal answering every request with its own login page. Requests get no answer from camwalk
(status 0). The walker is told what she is told offline: her work is kept on the phone and goes
when a connection works; not a failure, and no camera left "sending" while nothing goes. When
the link works again her work goes."""

import uuid

import pytest

from .conftest import server_on_each_engine
from .phone import MARKERS, NOTHING_WAITING, join_and_pick_walk, log_camera

# This journey runs on SpatiaLite, then on PostGIS.
camwalk_server = server_on_each_engine

pytestmark = pytest.mark.browser

PHOTO = "exifr/IMG_20180725_163423-tiny.jpg"
SPOT = (43.29540, 5.37900)
API = "**/api/v1/**"
OFFLINE_WORDS = "Hors ligne\u00a0: les relevés partiront au retour du réseau."
LIST_KEPT_WORDS = "Hors ligne\u00a0: liste enregistrée sur ce téléphone."


def _dead_link(route):
    route.abort("connectionreset")


def _captive_portal(route):
    route.fulfill(status=200, content_type="text/html", body="<html>Connectez-vous</html>")


@pytest.mark.parametrize("link", [_dead_link, _captive_portal], ids=["dead-link", "portal"])
def test_a_link_that_carries_nothing_says_her_work_is_kept_as_offline_does(
    camwalk_server, new_phone, photos, screenshot, link
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    context = new_phone(*SPOT, accuracy=5)
    page = context.new_page()
    join_and_pick_walk(page, base, demo["invite_code"], f"fauvette-{uuid.uuid4().hex[:6]}")
    context.set_offline(True)
    log_camera(page, context, lat=SPOT[0], lon=SPOT[1], accuracy=5, photo=photos / PHOTO)

    # Back "online" as far as the phone knows; nothing reaches the server.
    tried = []
    context.route(API, lambda route: (tried.append(route.request.url), link(route)))
    context.set_offline(False)
    page.wait_for_function("navigator.onLine")
    for _ in range(200):
        if sum("/sync" in url for url in tried) >= 2:  # a request failed and was tried again
            break
        page.wait_for_timeout(50)
    assert sum("/sync" in url for url in tried) >= 2, tried

    # Whether the run still tries or has given up for now, she reads the offline words.
    page.wait_for_selector(f".sync-detail:text-is('{OFFLINE_WORDS}')")
    chip = page.inner_text("button.sync-chip")
    assert "Hors ligne" in chip and "Synchronisation" not in chip, chip
    assert page.locator(f"{MARKERS}.state-sending").count() == 0
    assert page.locator(f"{MARKERS}.state-pending").count() == 1
    assert "Échec" not in page.inner_text("body")
    screenshot(page, f"dead-link-{link.__name__.strip('_')}")

    # The walk list, kept on the phone, says the same of itself.
    page.click("button[aria-label='Menu']")
    page.click(".menu-sheet button:has-text('Changer de balade')")
    page.wait_for_selector("button.walk")
    page.wait_for_selector(f".walks-status:text-is('{LIST_KEPT_WORDS}')")
    assert "Impossible" not in page.inner_text("main")
    page.click("button.walk")
    page.wait_for_selector("button.fab")

    # The link works again: her camera goes.
    context.unroute(API)
    page.click("button.sync-chip")
    page.wait_for_function(NOTHING_WAITING, timeout=30_000)
