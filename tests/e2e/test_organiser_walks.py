"""Nadia prepares Saturday's walk: she draws its area on the map, the cameras already in
OpenStreetMap and the walk map are loaded with it (and again when she asks), and a walker who
opens the walk sees them."""

import itertools
import math
import re
import uuid

import pytest

from sync.osm.records import is_demo_node

from .organiser import api, log_in, open_tab, organiser_context

pytestmark = pytest.mark.browser

# Where the organiser taps, as fractions of the map's width and height, going round.
SQUARE = [(0.3, 0.3), (0.7, 0.3), (0.7, 0.7), (0.3, 0.7)]
BOW_TIE = [(0.3, 0.3), (0.7, 0.7), (0.7, 0.3), (0.3, 0.7)]


def _tap(page, points) -> None:
    box = page.locator("#walk-draw-map").bounding_box()
    for fx, fy in points:
        page.mouse.click(box["x"] + fx * box["width"], box["y"] + fy * box["height"])


def _hectares(ring) -> float:
    """Shoelace on a flat projection around the first corner: what a surveyor's plan gives."""
    lon0, lat0 = ring[0]
    k = math.radians(1) * 6_371_008.8
    xy = [((lon - lon0) * k * math.cos(math.radians(lat0)), (lat - lat0) * k) for lon, lat in ring]
    twice = sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in itertools.pairwise(xy))
    return abs(twice) / 2 / 10_000


def test_an_area_drawn_by_taps_becomes_the_walk_and_its_osm_cameras_reach_walkers(
    server_with_overpass, fake_osm, browser, new_phone, screenshot
):
    base, demo = server_with_overpass["url"], server_with_overpass["demo"]
    ctx = organiser_context(browser)
    page = ctx.new_page()
    log_in(page, base, demo)
    open_tab(page, "walks")
    name = f"Belsunce {uuid.uuid4().hex[:4]}"
    page.fill("#walk-name", name)
    page.fill("#walk-date", "2026-11-28")

    # A crossing outline is refused before anything is sent; undoing the last corner helps.
    _tap(page, BOW_TIE)
    page.wait_for_selector(".walk-draw-status.warn")
    assert page.locator("#walk-create").is_disabled()
    page.click("#walk-clear")
    _tap(page, SQUARE)
    status = page.locator(".walk-draw-status")
    status.wait_for()
    page.wait_for_function("!document.querySelector('.walk-draw-status.warn')")
    # Written the French way: "49,9 ha".
    shown_ha = float(re.search(r"([\d,]+) ha", status.inner_text()).group(1).replace(",", "."))
    screenshot(page, "org-walk-draw")
    page.click("#walk-create")
    page.wait_for_selector(
        f"#org-walk option:checked:text-is('{name} · 28 nov. 2026')", state="attached"
    )

    # Made with an area, the walk is loaded from OSM at once, with no second press: a walk
    # nobody loaded would have no walk map on the phones.
    new_card = page.locator(f".walk-card:has(h3:text-is('{name}'))")
    new_card.locator(".walk-fetched:has-text('Carte de balade')").wait_for()
    walks = api(base, demo["organiser_token"], "GET", f"/groups/{demo['group_id']}/walks")
    walk = next(w for w in walks if w["name"] == name)
    assert walk["osm_fetched_at"] is not None
    assert walk["date"] == "2026-11-28"
    ring = walk["area"]["coordinates"][0]
    assert len(ring) == 5 and ring[0] == ring[-1]
    (w1, n1), (e2, n2), (e3, s3), (w4, s4) = ring[:4]
    # Corners in the order tapped: north-west, north-east, south-east, south-west.
    assert e2 > w1 and e3 > w4 and n1 > s4 and n2 > s3
    assert _hectares(ring) == pytest.approx(shown_ha, abs=0.05)

    # OSM holds two cameras inside the area (the fake Overpass answers with all it holds).
    west, south, east, north = walk["bbox"]
    mid_lat, mid_lon = (south + north) / 2, (west + east) / 2
    inside = {8_100_001: (mid_lat, mid_lon), 8_100_002: (mid_lat + (north - mid_lat) / 2, mid_lon)}
    for node_id, (lat, lon) in inside.items():
        fake_osm.state.add_node(node_id, lat, lon, {"man_made": "surveillance"})

    card = page.locator(f".walk-card[data-walk='{walk['id']}']")
    card.locator(".walk-osm-fetch").click()
    card.locator(".walk-fetched:has-text('2 caméras OSM')").wait_for()
    assert card.locator(".walk-fetched").inner_text().startswith("2 caméras OSM (2 nouvelles")
    # The same fetch keeps the walk map; this fake OSM holds no street, so it is empty.
    assert "Carte de balade\u00a0: 0 rues" in card.locator(".walk-fetched").inner_text()
    nodes = api(base, demo["organiser_token"], "GET", f"/walks/{walk['id']}/osm-nodes")["nodes"]
    # The demo group also sees its own made-up cameras nearby, which no fetch removes.
    assert sorted(n["id"] for n in nodes if not is_demo_node(n["id"])) == sorted(inside)

    phone = new_phone(mid_lat, mid_lon).new_page()
    phone.goto(f"{base}/join/{demo['invite_code']}")
    phone.fill("#pseudonym", f"gabian-{uuid.uuid4().hex[:6]}")
    phone.click("button[type=submit]")
    phone.click(f"button.walk:has-text('{name}')")
    phone.wait_for_function(
        f"document.querySelectorAll('.leaflet-marker-pane .osm-dot').length === {len(nodes)}"
    )
    ctx.close()


def test_a_walk_needs_a_name_and_at_least_three_corners(server_with_overpass, browser):
    base, demo = server_with_overpass["url"], server_with_overpass["demo"]
    ctx = organiser_context(browser)
    page = ctx.new_page()
    log_in(page, base, demo)
    open_tab(page, "walks")
    before = len(api(base, demo["organiser_token"], "GET", f"/groups/{demo['group_id']}/walks"))

    _tap(page, SQUARE[:2])
    page.wait_for_selector(".walk-draw-status.warn")
    assert page.locator("#walk-create").is_disabled()
    page.click("#walk-undo")
    page.click("#walk-undo")
    page.wait_for_function("!document.querySelector('.walk-draw-status.warn')")
    page.click("#walk-create")  # no name: the browser's own check stops the form
    assert page.evaluate("document.querySelector('#walk-name').validity.valueMissing")
    after = api(base, demo["organiser_token"], "GET", f"/groups/{demo['group_id']}/walks")
    assert len(after) == before
    ctx.close()
