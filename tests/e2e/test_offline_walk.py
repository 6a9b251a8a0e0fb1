"""Léa's walk: install online, log cameras with no signal, sync at the café, exactly once.

Her day includes a quick log (3 taps) and a photo the server refuses: it is set aside and the
rest of her work still reaches the server."""

import time
import uuid

import pytest
import requests

from .conftest import server_on_each_engine
from .phone import (
    NOTHING_WAITING,
    join_and_pick_walk,
    log_camera,
    markers_js,
    open_first_camera,
    server_observations,
    wait_for_fix,
)
from .test_walker_quick_log import quick_log
from .test_walker_stuck_photo import PDF, SPOIL_ONE_PHOTO

# This journey runs on SpatiaLite, then on PostGIS.
camwalk_server = server_on_each_engine

pytestmark = pytest.mark.browser

# Three corners of the demo walk, ~40 m apart and away from the demo cameras.
SPOTS = [(43.29330, 5.37020), (43.29365, 5.37060), (43.29400, 5.37100)]
PHOTO_FILES = [
    "exifr/IMG_20180725_163423.jpg",
    "exif-samples/jpg/Kodak_CX7530.jpg",
    "mapillary_tools/images/DSC00001.JPG",
]
QUICK_SPOT, QUICK_PHOTO = (43.29435, 5.37140), "exifr/IMG_20180725_163423-tiny.jpg"


def test_cameras_logged_offline_reach_the_server_once_with_their_photos(
    camwalk_server, new_phone, photos, screenshot
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    pseudonym = f"mouette-{uuid.uuid4().hex[:6]}"
    context = new_phone(*SPOTS[0])
    page = context.new_page()
    join_and_pick_walk(page, base, demo["invite_code"], pseudonym, shot=screenshot)

    page.wait_for_selector("img.leaflet-tile-loaded")
    context.set_offline(True)
    page.reload()
    page.wait_for_selector("button.fab")  # served by the service worker
    # Tiles the walker looked at come from the cache; the API never does.
    page.wait_for_selector("img.leaflet-tile-loaded")
    api = page.evaluate("fetch('/api/v1/config').then(r => r.status, () => 'no answer')")
    assert api == "no answer"
    screenshot(page, "03-map-offline")
    for i, (lat, lon) in enumerate(SPOTS):
        log_camera(
            page,
            context,
            lat=lat,
            lon=lon,
            accuracy=6 + i,
            photo=photos / PHOTO_FILES[i],
            shot=screenshot if i == 0 else None,
        )
    context.set_geolocation({"latitude": QUICK_SPOT[0], "longitude": QUICK_SPOT[1], "accuracy": 5})
    wait_for_fix(page, 5)
    assert quick_log(page, photos / QUICK_PHOTO) == 3
    spoilt = page.evaluate(SPOIL_ONE_PHOTO, list(PDF))
    page.reload()
    page.wait_for_selector("button.fab")
    page.wait_for_function(f"{markers_js('pending')} === 4")
    assert "4" in page.inner_text("button.sync-chip")
    assert "Hors ligne" in page.inner_text("button.sync-chip")
    # A sync tapped with no network sends nothing: no photo may claim to be "sending".
    page.click("button.sync-chip")
    open_first_camera(page, "pending")
    page.wait_for_selector(".obs-sheet .thumbs .badge")
    assert "envoi" not in page.inner_text(".obs-sheet .thumbs")
    screenshot(page, "05-camera-pending")
    page.click(".obs-sheet button:has-text('Fermer')")

    context.set_offline(False)  # the 'online' event starts the sync by itself
    page.wait_for_function(
        NOTHING_WAITING,
        timeout=30_000,
    )
    screenshot(page, "06-map-synced")

    mine = [
        o
        for o in server_observations(base, demo["group_id"], demo["organiser_token"])
        if o.get("created_by") == pseudonym
    ]
    assert len(mine) == 4
    assert page.locator(".leaflet-marker-pane .obs-dot.state-rejected").count() == 1
    # Everything reached the server but the refused photo.
    assert [o["photos"] for o in mine if o["id"] == spoilt] == [[]]
    mine = [o for o in mine if o["id"] != spoilt]
    assert all(len(o["photos"]) == 1 for o in mine)
    logged = [o for o in mine if round(o["position"]["lat"], 5) != QUICK_SPOT[0]]
    assert {round(o["position"]["lat"], 5) for o in logged} <= {s[0] for s in SPOTS}
    assert all(o["camera_type"] == "dome" and o["mount"] == "pole" for o in logged)
    shas = {o["photos"][0]["sha256"] for o in mine}
    assert len(shas) == len(mine) == 3
    for sha in shas:
        receipt = _prepared(base, sha, demo["organiser_token"])
        # Shrunk on the phone (the 4 MB and 3 MB originals too): at most 1600 px, ~300 KB.
        assert 0 < receipt["size"] <= 300_000
        assert max(receipt["width"], receipt["height"]) <= 1600
        assert receipt["type"] == "image/jpeg"


def _prepared(base: str, sha: str, token: str, wait_s: float = 60) -> dict:
    """The photo's receipt once the photo worker has read it (width and height come then)."""
    deadline = time.monotonic() + wait_s
    while True:
        r = requests.get(
            f"{base}/api/v1/photos/{sha}", headers={"Authorization": f"Bearer {token}"}, timeout=10
        )
        assert r.status_code == 200
        receipt = r.json()
        if receipt.get("state") != "received" or time.monotonic() > deadline:
            assert receipt.get("state") == "prepared", receipt
            return receipt
        time.sleep(0.5)
