"""A day of action's walk of a whole district: hundreds of cameras in one walk. Her map draws
each as a dot on one canvas, and as a marker with its cones only those around her view, when
they are few enough there to be told apart (pwa/src/shared/drawn.js). A dot opens its camera,
or lists the cameras on its spot, as a marker does; zoomed back in, the markers are there again.
A walk of up to MARKERS_AT_MOST cameras is drawn whole as markers, as the other browser tests'
walks are. Opened from the group's next walk, the same cameras are the group's earlier ones,
drawn as markers around her view on the same rule. The walk's OSM cameras, as many, are drawn
as its own are."""

import io
import math
import random
import uuid

import pytest
from PIL import Image

from .conftest import running_camwalk
from .organiser import next_walk, osm_import, walker_logs, walkers_log_many
from .phone import FAB, HERE_SHEET, MARKERS, OSM_REFRESHED, SYNCED, wait_for_fix

pytestmark = pytest.mark.browser

ADDED = 400  # more than MARKERS_AT_MOST (300), spread over the square kilometre around FIX
FIX = (43.2955, 5.3755)  # where the phone stands (conftest.py new_phone)
POLE = (43.3015, 5.3755)  # two cameras on one pole, north of the walk's area and the added ones
LONE = (43.2885, 5.3755)  # one camera alone, south of them
STREETS, DISTRICT = 18, 15  # her zoom after the first fix; three steps out
NEXT_WEEK = "Noailles, samedi suivant"
EARLIER = ".leaflet-marker-pane .earlier-dot"
OSM = ".leaflet-marker-pane .osm-dot"
# OSM cameras in a strip east of the cameras logged, inside the walk's area (the phone is
# given the OSM cameras of its box) and on screen at DISTRICT; one alone north of them.
OSM_BOX = (43.2925, 5.3808, 43.2975, 5.3836)
OSM_LONE = (43.2992, 5.3822)


@pytest.fixture(scope="module")
def large_walk(tmp_path_factory, tile_server):
    """A server of its own (the shared demo walk stays small for the other tests)."""
    with running_camwalk(
        tmp_path_factory.mktemp("large-walk"), tile_server["url"], worker=False
    ) as server:
        base, demo = server["url"], server["demo"]
        walkers_log_many(base, demo, ADDED, seed=23)
        for operator, (lat, lon) in (("Poteau A", POLE), ("Poteau B", POLE), ("Seule", LONE)):
            walker_logs(
                base, demo, position={"lat": lat, "lon": lon, "accuracy_m": 4}, operator=operator
            )
        _import_osm_cameras(server, tmp_path_factory.mktemp("large-walk-osm") / "cameras.osm")
        walk, _ = next_walk(base, demo, NEXT_WEEK)
        yield server | {"walk": walk["name"]}


def _import_osm_cameras(server, path) -> None:
    """ADDED cameras in OSM_BOX and one at OSM_LONE in the server's OSM cache."""
    rng = random.Random(29)
    south, west, north, east = OSM_BOX
    spots = [
        (south + rng.random() * (north - south), west + rng.random() * (east - west))
        for _ in range(ADDED)
    ]
    nodes = "".join(
        f'<node id="{9_100_000 + i}" version="1" lat="{lat:.7f}" lon="{lon:.7f}">'
        '<tag k="man_made" v="surveillance"/></node>'
        for i, (lat, lon) in enumerate([*spots, OSM_LONE])
    )
    path.write_text(f'<?xml version="1.0"?><osm version="0.6">{nodes}</osm>', encoding="utf-8")
    osm_import(server, path)


def _open(page, server, walk: str) -> None:
    """Joins, picks `walk`, lets the first sync bring the group's cameras, and opens the walk
    again from what the phone holds: its first read draws every one of them. Her first fix
    then takes the map to street level around her."""
    page.goto(f"{server['url']}/join/{server['demo']['invite_code']}")
    page.fill("#pseudonym", f"quartier-{uuid.uuid4().hex[:6]}")
    page.click("button[type=submit]")
    page.click(f"button.walk:has-text('{walk}')")
    page.wait_for_selector(FAB)
    page.wait_for_function(SYNCED)
    page.reload()
    page.wait_for_function("performance.getEntriesByName('camwalk:map-ready').length > 0")
    wait_for_fix(page, 6)


def _markers(page, markers: str = MARKERS) -> list[dict]:
    return page.eval_on_selector_all(
        markers,
        "dots => dots.map((d) => { const r = d.getBoundingClientRect();"
        " return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })",
    )


def _on_screen(page, lat: float, lon: float, zoom: int) -> tuple[float, float]:
    """Where a place is drawn on the page, the map centred on FIX at `zoom` (Web Mercator, as
    Leaflet projects it: 256 pixels a tile). The map's element measured now is the one
    Leaflet draws for (pwa/src/ui/map/view.js measures it again when it changes)."""

    def projected(lat, lon):
        scale = 256 * 2**zoom
        sin = math.sin(math.radians(lat))
        return (lon + 180) / 360 * scale, (
            0.5 - math.log((1 + sin) / (1 - sin)) / (4 * math.pi)
        ) * scale

    box = page.locator(".leaflet-container").bounding_box()
    x, y = projected(lat, lon)
    cx, cy = projected(*FIX)
    return box["x"] + box["width"] / 2 + x - cx, box["y"] + box["height"] / 2 + y - cy


def _around_her(page, markers: str) -> None:
    """The markers drawn, checked to be only those around her view: some, far fewer than the
    walk's, and all within half the view's size of it on each side, and a tenth more: the
    map's element may change height (a notice above it) between the map's last draw and this
    reading, before Leaflet measures it again."""
    around = _markers(page, markers)
    assert 0 < len(around) < ADDED // 2
    box = page.locator(".leaflet-container").bounding_box()
    for at in around:
        for x, size in (("x", "width"), ("y", "height")):
            assert -0.6 * box[size] <= at[x] - box[x] <= 1.6 * box[size], (at, box)


def _colour_at(page, x: float, y: float) -> tuple[int, int, int]:
    png = page.screenshot(clip={"x": round(x), "y": round(y), "width": 1, "height": 1})
    return Image.open(io.BytesIO(png)).convert("RGB").getpixel((0, 0))


def _zoom(page, button: str, zoom: int, steps: int = 3) -> None:
    for _ in range(steps):
        page.click(button)
        page.wait_for_timeout(350)  # the zoom's animation, then its move's end
    page.wait_for_selector(f".leaflet-tile-loaded[src*='/{zoom}/']")


def test_a_walk_of_hundreds_of_cameras_is_dots_with_markers_around_her(
    large_walk, new_phone, screenshot
):
    page = new_phone(*FIX, accuracy=6).new_page()
    _open(page, large_walk, large_walk["walk"])
    page.wait_for_selector(MARKERS)

    # Street level: markers for the cameras around her view only, and far fewer than the walk's.
    _around_her(page, MARKERS)

    # The district whole: too many cameras to tell apart, so dots only, the pole's among them.
    _zoom(page, ".leaflet-control-zoom-out", DISTRICT)
    page.wait_for_function(f"document.querySelectorAll('{MARKERS}').length === 0")
    screenshot(page, "40-large-walk-dots")
    on_server = page.evaluate(
        "() => { const probe = document.body.appendChild(document.createElement('span'));"
        " probe.className = 'obs-dot'; const { backgroundColor } = getComputedStyle(probe);"
        " probe.remove(); return backgroundColor; }"
    )
    pole = _on_screen(page, *POLE, DISTRICT)
    assert f"rgb{_colour_at(page, *pole)}".replace(" ", "") == on_server.replace(" ", "")

    # A tap on the pole's dot lists its two cameras; on the lone dot, opens it.
    page.mouse.click(*pole)
    sheet = page.locator(HERE_SHEET)
    sheet.wait_for()
    assert sheet.locator("h2").inner_text() == "2 caméras ici"
    lines = sheet.locator(".here-pick").all_inner_texts()
    assert sorted(name for line in lines for name in ("Poteau A", "Poteau B") if name in line) == [
        "Poteau A",
        "Poteau B",
    ]
    page.click(".here-sheet button:has-text('Fermer')")
    page.wait_for_selector(".sheet", state="hidden")
    page.mouse.click(*_on_screen(page, *LONE, DISTRICT))
    page.wait_for_selector(".obs-sheet")
    assert "Seule" in page.inner_text(".obs-sheet")
    page.click(".obs-sheet button:has-text('Fermer')")
    page.wait_for_selector(".sheet", state="hidden")

    # Picking a route's start on the pole's dot picks the start, and opens no camera.
    page.click("button.route-toggle")
    page.mouse.click(*pole)
    page.wait_for_selector(".toast:has-text('Touchez l’arrivée')")
    assert page.locator(".sheet").is_hidden()
    page.click("button.route-toggle")

    # Back at street level, the markers around her are drawn again.
    _zoom(page, ".leaflet-control-zoom-in", STREETS)
    page.wait_for_selector(MARKERS)
    _around_her(page, MARKERS)


def test_a_large_earlier_walk_is_drawn_around_her_and_not_past_the_rule(large_walk, new_phone):
    page = new_phone(*FIX, accuracy=6).new_page()
    _open(page, large_walk, NEXT_WEEK)
    page.wait_for_selector(EARLIER)
    _around_her(page, EARLIER)
    assert page.locator(MARKERS).count() == 0  # none of them is this walk's

    # Two steps out, still past the zoom where earlier cameras show, all of them are around
    # the view: too many to tell apart, so none is drawn (each was a marker before).
    _zoom(page, ".leaflet-control-zoom-out", STREETS - 2, steps=2)
    page.wait_for_function(f"document.querySelectorAll('{EARLIER}').length === 0")
    _zoom(page, ".leaflet-control-zoom-in", STREETS, steps=2)
    page.wait_for_selector(EARLIER)
    _around_her(page, EARLIER)


def test_a_walk_among_hundreds_of_osm_cameras_draws_them_as_dots_she_can_answer(
    large_walk, new_phone
):
    page = new_phone(*FIX, accuracy=6).new_page()
    _open(page, large_walk, large_walk["walk"])
    page.wait_for_function(OSM_REFRESHED)

    # The district whole: the OSM cameras too are dots, and the lone one answers a tap.
    _zoom(page, ".leaflet-control-zoom-out", DISTRICT)
    page.wait_for_function(f"document.querySelectorAll('{OSM}').length === 0")
    page.mouse.click(*_on_screen(page, *OSM_LONE, DISTRICT))
    form = page.locator("form.log-form")
    form.wait_for()
    assert "Une caméra OpenStreetMap est à" in form.inner_text()
