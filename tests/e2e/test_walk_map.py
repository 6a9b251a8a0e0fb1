"""The walk map: a walker who never opened an area sees its streets and buildings offline, and
with the group's "no third-party tiles" setting her phone asks no server but the campaign's.

The walk is in Helsinki's centre; the fake OSM API holds the real extract (tests/osm_extract.py)
and the organiser's OSM fetch keeps its walk map, as on a real server."""

import json
import uuid
from urllib.parse import urlsplit

import pytest
import requests

from tests.fake_osm_api.server import FakeOsm, serve

from .conftest import running_camwalk
from .organiser import log_in, open_in_review, open_tab, organiser_context
from .phone import FAB

pytestmark = pytest.mark.browser

# Esplanadi and the streets north of it, about 550 m x 670 m.
AREA = [[24.940, 60.166], [24.950, 60.166], [24.950, 60.172], [24.940, 60.172], [24.940, 60.166]]
INSIDE = (60.1685, 24.9450)  # lat, lon: Pohjoisesplanadi
WALK_NAME = "Esplanadi"

# What the canvas holds: counts per layer (shared/basemap.js writes them), and pixels of the
# building and street colours, so that "drawn" means painted, not only requested.
DRAWN_JS = """() => {
  const canvas = document.querySelector('canvas.walk-basemap');
  if (!canvas || !canvas.dataset.drawn) return null;
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let building = 0, street = 0;
  for (let i = 0; i < data.length; i += 4) {
    const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
    if (Math.abs(r - 0xda) < 3 && Math.abs(g - 0xd1) < 3 && Math.abs(b - 0xc8) < 3) building++;
    if (r === 255 && g === 255 && b === 255 && data[i + 3] === 255) street++;
  }
  return { counts: JSON.parse(canvas.dataset.drawn), building, street };
}"""


@pytest.fixture(scope="module")
def helsinki_osm(real_extract):
    state = FakeOsm()
    real_extract.fill_fake(state)
    with serve(state) as running:
        yield running


@pytest.fixture(scope="module")
def helsinki_server(tmp_path_factory, tile_server, helsinki_osm):
    settings = {
        "CAMWALK_OVERPASS_URL": f"{helsinki_osm.url}/api",
        "CAMWALK_OSM_API_URL": helsinki_osm.url,
    }
    with running_camwalk(
        tmp_path_factory.mktemp("walkmap"), tile_server["url"], env_extra=settings
    ) as server:
        yield server | {"walk_id": _walk_with_its_map(server)}


def _walk_with_its_map(server) -> int:
    """What an organiser does: draw the walk, then load its OSM data (cameras and map)."""
    base, demo = server["url"], server["demo"]
    organiser = {"Authorization": f"Bearer {demo['organiser_token']}"}
    walk = requests.post(
        f"{base}/api/v1/groups/{demo['group_id']}/walks",
        json={"name": WALK_NAME, "area": {"type": "Polygon", "coordinates": [AREA]}},
        headers=organiser,
        timeout=10,
    )
    assert walk.status_code == 201, walk.text
    fetched = requests.post(
        f"{base}/api/v1/walks/{walk.json()['id']}/osm-fetch",
        json={"source": "overpass"},
        headers=organiser,
        timeout=120,
    )
    assert fetched.status_code == 200, fetched.text
    assert fetched.json()["basemap_features"] > 1000
    return walk.json()["id"]


def _set_own_tiles_only(server, on: bool, **more) -> None:
    demo = server["demo"]
    answer = requests.patch(
        f"{server['url']}/api/v1/groups/{demo['group_id']}/settings",
        json={"own_tiles_only": on, **more},
        headers={"Authorization": f"Bearer {demo['organiser_token']}"},
        timeout=10,
    )
    assert answer.status_code == 200, answer.text


def _join(page, server) -> None:
    """Join and stop at the walk list: the walk itself is never opened online."""
    page.goto(f"{server['url']}/join/{server['demo']['invite_code']}")
    page.fill("#pseudonym", f"goeland-{uuid.uuid4().hex[:6]}")
    page.click("button[type=submit]")
    page.wait_for_selector(f"button.walk:has-text('{WALK_NAME}')")
    # The walk list brought the walk map down with it, and the storage panel counts it.
    page.wait_for_selector(".storage .walk-maps[data-count='1']")
    page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller")


def _open_walk(page):
    page.click(f"button.walk:has-text('{WALK_NAME}')")
    page.wait_for_selector(FAB)
    page.wait_for_function(f"({DRAWN_JS})() !== null")
    return page.evaluate(DRAWN_JS)


def test_a_walker_who_never_opened_the_area_sees_its_streets_and_buildings_offline(
    helsinki_server, new_phone, screenshot
):
    context = new_phone(*INSIDE)
    page = context.new_page()
    _join(page, helsinki_server)
    assert "Cartes de balade" in page.inner_text(".storage .walk-maps")

    context.set_offline(True)
    page.reload()
    drawn = _open_walk(page)

    screenshot(page, "walk-map-offline")
    counts = drawn["counts"]
    assert counts.get("street", 0) > 20 and counts.get("building", 0) > 10, counts
    assert counts["labels"] > 0  # street names are written
    assert drawn["building"] > 1000 and drawn["street"] > 1000, drawn
    # No tile was ever viewed here: the map is whole anyway, so no "no map" warning.
    assert page.locator(".basemap-note").is_hidden()
    api = page.evaluate("fetch('/api/v1/config').then(r => r.status, () => 'no answer')")
    assert api == "no answer"  # really offline


def test_with_no_third_party_tiles_the_walk_asks_only_the_campaign_server(
    helsinki_server, new_phone, tile_server
):
    _set_own_tiles_only(helsinki_server, True)
    try:
        context = new_phone(*INSIDE)
        requested = []
        context.on("request", lambda request: requested.append(request.url))
        tiles_before = len(tile_server["hits"])
        page = context.new_page()
        _join(page, helsinki_server)
        drawn = _open_walk(page)
        # Walk about: zoom in and out, pan, move the walker.
        page.click(".leaflet-control-zoom-in")
        page.click(".leaflet-control-zoom-out")
        page.click(".leaflet-control-zoom-out")
        page.mouse.move(200, 400)
        page.mouse.down()
        page.mouse.move(100, 300, steps=5)
        page.mouse.up()
        context.set_geolocation({"latitude": 60.1700, "longitude": 24.9470, "accuracy": 5})
        page.wait_for_timeout(1500)
        drawn = page.evaluate(DRAWN_JS)
    finally:
        _set_own_tiles_only(helsinki_server, False)

    assert drawn["counts"].get("street", 0) > 0
    own = urlsplit(helsinki_server["url"]).netloc
    elsewhere = [
        url for url in requested if url.startswith("http") and urlsplit(url).netloc != own
    ]
    assert elsewhere == []
    assert any("/basemap" in url for url in requested)
    assert len(tile_server["hits"]) == tiles_before
    assert page.locator("img.leaflet-tile").count() == 0


def test_without_the_setting_the_same_walk_still_shows_tiles_over_which_the_map_is_drawn(
    helsinki_server, new_phone, tile_server
):
    """The control: the tile server is reachable and used when the setting is off, so the test
    above would have seen its requests."""
    context = new_phone(*INSIDE)
    page = context.new_page()
    tiles_before = len(tile_server["hits"])
    _join(page, helsinki_server)
    _open_walk(page)
    page.wait_for_selector("img.leaflet-tile-loaded")
    assert len(tile_server["hits"]) > tiles_before
    assert json.loads(page.get_attribute("canvas.walk-basemap", "data-drawn"))["street"] > 0


def test_with_no_third_party_tiles_the_organiser_and_public_maps_ask_no_tile_server(
    helsinki_server, browser, tile_server
):
    """The setting is the group's, not only its phones': the review card, the walk drawing,
    the summary and the public map show no third party's tiles either."""
    base, demo = helsinki_server["url"], helsinki_server["demo"]
    _set_own_tiles_only(helsinki_server, True, public_map=True)
    context = organiser_context(browser)
    requested = []
    context.on("request", lambda request: requested.append(request.url))
    tiles_before = len(tile_server["hits"])
    try:
        page = context.new_page()
        log_in(page, base, demo)
        open_tab(page, "review")
        first = page.get_attribute(".rev-card .hist", "data-id")
        open_in_review(page, first)
        page.wait_for_selector(".rev-map .leaflet-control-attribution")
        for tab, shown in (("summary", ".sum-map"), ("walks", "#walk-draw-map")):
            open_tab(page, tab)
            page.wait_for_selector(f"{shown} .leaflet-control-attribution")
        page.goto(f"{base}/public/{demo['group_slug']}")
        page.wait_for_selector(".pub-map .obs-dot")
        page.wait_for_timeout(1000)  # lets any tile request go out; not an assertion
    finally:
        _set_own_tiles_only(helsinki_server, False, public_map=False)
        context.close()

    own = urlsplit(base).netloc
    elsewhere = [u for u in requested if u.startswith("http") and urlsplit(u).netloc != own]
    assert elsewhere == []
    assert len(tile_server["hits"]) == tiles_before
    assert any("/public/" in u for u in requested)  # the public map was really asked for
