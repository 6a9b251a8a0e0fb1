"""The export report tells Sam, in words, about a camera matched by distance to an OSM node
whose camera type and mount say otherwise: the file still modifies the node (walkers misjudge
domes), and he sees which keys to check before uploading. OSM is tests/fake_osm_api."""

import pytest

from .organiser import api, log_in, open_tab, organiser_context, walker_logs

pytestmark = pytest.mark.browser

METRE = 1 / 111_195.08  # one metre of latitude, in degrees
LAT, LON = 43.2951, 5.3802  # a corner of the demo walk with no demo camera near
# The module's tests share one server: the second logs 32 m west, so that the first one's
# camera and node are no match for it (the matcher looks 10 m around).
LON_WEST = LON - 0.0004


def approved_camera_by_a_dome(server, fake_osm, node_id: int, lon: float) -> str:
    """A fixed wall camera, approved, logged 4 m from a node OSM maps as a dome on a pole."""
    base, demo = server["url"], server["demo"]
    token = demo["organiser_token"]
    dome = {"man_made": "surveillance", "camera:type": "dome", "camera:mount": "pole"}
    fake_osm.state.add_node(node_id, LAT + 4 * METRE, lon, dome)
    api(base, token, "POST", f"/walks/{demo['walk_id']}/osm-fetch", json={"source": "overpass"})
    position = {"lat": LAT, "lon": lon, "accuracy_m": 4}
    obs_id = walker_logs(base, demo, position=position, camera_type="fixed", mount="wall")
    api(base, token, "POST", f"/observations/{obs_id}/review", json={"status": "approved"})
    return obs_id


def assert_names_the_disagreement(line, obs_id: str, node_id: int) -> None:
    text = line.inner_text().replace("\u00a0", " ")
    assert text.startswith(f"À vérifier : la caméra {obs_id[:8]}")
    assert f"nœud OSM {node_id} (4 m)" in text
    assert "camera:type relevé fixed, dome dans OSM" in text
    assert "camera:mount relevé wall, pole dans OSM" in text


def test_a_disagreeing_match_is_said_in_words_in_the_export_report(
    server_with_overpass, fake_osm, browser
):
    base, demo = server_with_overpass["url"], server_with_overpass["demo"]
    obs_id = approved_camera_by_a_dome(server_with_overpass, fake_osm, 7101, LON)

    context = organiser_context(browser)
    page = context.new_page()
    log_in(page, base, demo)
    open_tab(page, "exports")
    with page.expect_download():
        page.click("button[data-export=osc]")
    line = page.locator(f".exp-report .exp-disagreeing li[data-observation='{obs_id}']")

    assert_names_the_disagreement(line, obs_id, 7101)
    assert "{" not in page.inner_text(".exp-report")  # no raw record left in the list
    context.close()


def test_the_upload_plan_names_a_disagreeing_match_before_sending(
    server_with_overpass, fake_osm, browser
):
    # Sam uploads straight from the page, without downloading the osmChange: the plan the
    # dry run shows, above the send button, says the same as the export report.
    base, demo = server_with_overpass["url"], server_with_overpass["demo"]
    obs_id = approved_camera_by_a_dome(server_with_overpass, fake_osm, 7102, LON_WEST)

    context = organiser_context(browser)
    page = context.new_page()
    log_in(page, base, demo)
    open_tab(page, "exports")
    page.click("#up-prepare")
    line = page.locator(f".up-plan .up-disagreeing li[data-observation='{obs_id}']")

    assert_names_the_disagreement(line, obs_id, 7102)
    assert page.locator(f".up-plan .up-ambiguous li[data-observation='{obs_id}']").count() == 0
    assert page.locator("#up-send").is_visible()  # checked first, still the organiser's call
    assert fake_osm.state.changesets == {}  # a dry run sends nothing
    context.close()
