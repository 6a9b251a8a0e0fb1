"""Karim reviews a plate reader logged 4 m from a node a mapper tagged as a camera: the card's
map draws that node apart from the cameras it could be, its kind in its title, since the
mapper may have tagged the plate reader wrong (it is offered on the card, never matched)."""

import pytest

from .conftest import METRE_DEG
from .organiser import log_in, open_in_review, organiser_context, osm_import, walker_logs

pytestmark = pytest.mark.browser

# Far from where the other browser tests log or import nodes (test_organiser_gone_report.py
# uses 43.30305, 5.39213; test_organiser_osm_node.py 43.30105, 5.39013), so that no other
# survey competes for it and no other node is drawn on its card.
LAT, LON = 43.30505, 5.39413
TAGGED_CAMERA = 9_100_000_301


def import_tagged_camera(server, tmp_path) -> None:
    """A node tagged as a camera in the server's OSM cache, as `camwalk osm import` of a file."""
    path = tmp_path / "tagged_camera.osm"
    path.write_text(
        f'<osm version="0.6"><node id="{TAGGED_CAMERA}" version="2" lat="{LAT:.7f}" '
        f'lon="{LON}"><tag k="man_made" v="surveillance"/>'
        '<tag k="surveillance:type" v="camera"/></node></osm>',
        encoding="utf-8",
    )
    osm_import(server, path)


def test_the_card_map_draws_a_node_mapped_as_another_kind_with_its_kind(
    camwalk_server, browser, tmp_path
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    import_tagged_camera(camwalk_server, tmp_path)
    position = {"lat": round(LAT + 4 * METRE_DEG, 7), "lon": LON, "accuracy_m": 4}
    obs_id = walker_logs(base, demo, position=position, kind="ALPR", camera_type=None)
    context = organiser_context(browser)
    page = context.new_page()
    log_in(page, base, demo)
    open_in_review(page, obs_id)
    page.locator(".rev-osm").wait_for()

    dot = page.locator(".rev-map .osm-dot.osm-other-kind")
    assert dot.count() == 1
    title = dot.locator("xpath=..").get_attribute("title")
    assert title == f"Nœud n° {TAGGED_CAMERA} · 4 m · autre type dans OSM\u00a0: Caméra"
    assert page.locator(".rev-map .osm-dot:not(.osm-other-kind)").count() == 0
    context.close()
