"""The walk summary adds up on screen. It showed "14 caméras" beside "11 nouvelles pour OSM"
and "2 déjà dans OSM": the rejected camera was counted in the cameras and the charts but not
said where, and the camera reported gone (the export's one delete) was not shown at all."""

import pytest

from .conftest import running_camwalk
from .organiser import api, fr_count, log_in, open_tab, organiser_context, walker_logs

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def own_server(tmp_path_factory, tile_server):
    """A camwalk of this module's own: the counts below are the demo's and this test's only,
    whatever the other tests of the session reject meanwhile."""
    with running_camwalk(tmp_path_factory.mktemp("summary"), tile_server["url"]) as server:
        yield server


def figure(page, selector) -> int:
    return int(page.inner_text(selector).replace("\u202f", "").replace("\xa0", ""))


def test_the_summary_says_how_its_cameras_add_up_and_shows_those_reported_gone(
    own_server, browser
):
    base, demo = own_server["url"], own_server["demo"]
    refused = walker_logs(base, demo, operator="Pas une caméra")
    api(
        base,
        demo["organiser_token"],
        "POST",
        f"/observations/{refused}/review",
        json={"status": "rejected", "version": 1},
    )
    walker_logs(base, demo, presence="gone", camera_type=None, mount=None)
    summary = api(base, demo["organiser_token"], "GET", f"/walks/{demo['walk_id']}/summary")
    totals = summary["totals"]
    context = organiser_context(browser)
    page = context.new_page()
    log_in(page, base, demo)
    open_tab(page, "summary")

    tiles = {
        name: figure(page, f".stats .stat-{name} strong")
        for name in ("cameras", "new", "osm", "rejected", "gone")
    }
    assert tiles == {
        "cameras": totals["cameras"],
        "new": totals["new"],
        "osm": totals["in_osm"],
        "rejected": totals["rejected"],
        "gone": totals["reported_gone"],
    }
    assert tiles["rejected"] >= 1 and tiles["gone"] >= 1
    assert tiles["new"] + tiles["osm"] + tiles["rejected"] == tiles["cameras"]
    line = page.inner_text(".sum-osm")
    assert line.startswith(f"{totals['cameras']} caméras = {totals['new']} nouvelles pour OSM")
    # The demo's rejected camera and this test's: the plural.
    assert totals["rejected"] == 2
    assert line.endswith("+ 2 refusées")
    review = [
        figure(page, f".sum-review .sum-part-{k} strong") for k in ("ok", "pending", "rejected")
    ]
    assert sum(review) == totals["cameras"]
    # What is public is said apart: an approved camera a walker edited since is "to review".
    assert totals["published"] >= 1
    assert page.inner_text(".sum-published").startswith(fr_count(totals["published"], "publiée"))
    assert "supprime leur nœud" in page.inner_text(".stat-gone")
    # Rejected cameras are not published: the charts count the others, and say so.
    counted = totals["new"] + totals["in_osm"]
    assert sum(summary["by_kind"].values()) == counted
    assert f"les {counted} caméras" in page.inner_text(".sum-charts-count")
    # The demo's guard is no camera: named apart, not in the figures above.
    assert sum(summary["totals"]["other_devices"]["by_kind"].values()) >= 1
    assert "Vigile" in page.inner_text(".sum-others")
    assert page.locator(".split-legend li").count() == 3

    # This test's camera approved after all: one rejected left, said in the singular.
    api(
        base,
        demo["organiser_token"],
        "POST",
        f"/observations/{refused}/review",
        json={"status": "approved"},
    )
    page.reload()
    open_tab(page, "summary")
    page.wait_for_selector(".sum-osm")
    assert page.inner_text(".sum-osm").endswith("+ 1 refusée")
    assert page.inner_text(".sum-review").endswith("+ 1 refusée")
    assert page.inner_text(".stat-rejected span") == "refusée"
    context.close()
