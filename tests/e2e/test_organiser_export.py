"""Review, approve, export: the downloaded osmChange holds the approved camera as a create."""

import json
import xml.etree.ElementTree as ET

import pytest

from .conftest import server_on_each_engine
from .organiser import (
    log_in,
    open_in_review,
    open_tab,
    organiser_context,
    shoot_both,
    walker_logs,
)

# This journey runs on SpatiaLite, then on PostGIS.
camwalk_server = server_on_each_engine

pytestmark = pytest.mark.browser


def test_an_approved_camera_is_a_create_in_the_exported_osmchange(
    camwalk_server, browser, screenshot, tmp_path
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    operator = "Régie des transports — test export"
    obs_id = walker_logs(base, demo, operator=operator)
    context = organiser_context(browser)
    page = context.new_page()
    log_in(page, base, demo)
    open_in_review(page, obs_id)
    page.click("button[data-action=approve]")
    page.wait_for_selector(f".hist[data-id='{obs_id}']", state="detached")

    open_tab(page, "exports")
    page.click("#up-prepare")
    page.wait_for_selector(".up-plan")
    assert "création" in page.inner_text(".up-plan")
    listed = page.locator(".up-change")
    listed.first.wait_for()
    kinds = listed.evaluate_all("els => els.map(e => [e.className, e.dataset.node])")
    mine_listed = page.locator(f".up-create:has(code:text-is('operator={operator}'))")
    assert mine_listed.count() == 1
    with page.expect_download() as download:
        page.click("button[data-export=osc]")
    path = tmp_path / "walk.osc"
    download.value.save_as(path)
    page.wait_for_selector(".exp-report a.btn[href*='import?url=']")
    shoot_both(page, screenshot, "exports")

    # GeoJSON for the association's uMap: approved cameras only, unless unticked.
    for ticked in (True, False):
        page.set_checked("#exp-approved", ticked)
        with page.expect_download() as download:
            page.click("button[data-export=geojson]")
        download.value.save_as(tmp_path / "walk.geojson")
        statuses = {
            feature["properties"]["review_status"]
            for feature in json.loads((tmp_path / "walk.geojson").read_text())["features"]
        }
        assert statuses == ({"approved"} if ticked else {"approved", "pending", "rejected"})

    # The file may go to OSM through JOSM, where camwalk cannot see it: until the walk's OSM
    # cameras are loaded again, an upload holds its new cameras back rather than send them twice.
    page.click("#up-prepare")
    held = page.locator(".up-held")
    held.wait_for()
    assert "Charger les caméras OSM" in held.inner_text()
    assert page.locator(".up-create").count() == 0
    context.close()

    # The preview lists the same elements as the file: existing nodes by id, creates by count.
    root = ET.parse(path).getroot()
    for action in ("create", "modify", "delete"):
        in_file = sorted(int(n.get("id")) for n in root.findall(f"{action}/node"))
        shown = sorted(int(node) for cls, node in kinds if f"up-{action}" in cls.split())
        if action == "create":
            assert len(shown) == len(in_file) and all(i < 0 for i in shown)
        else:
            assert shown == in_file
    creates = root.findall("create/node")
    mine = [n for n in creates if any(t.get("v") == operator for t in n.findall("tag"))]
    assert len(mine) == 1
    node = mine[0]
    assert int(node.get("id")) < 0
    assert float(node.get("lat")) == pytest.approx(43.2951, abs=1e-6)
    tags = {t.get("k"): t.get("v") for t in node.findall("tag")}
    assert tags["man_made"] == "surveillance"
