"""The export report and the upload plan tell Sam, in words, about a camera logged beside one
OSM maps as no longer in use (`disused:man_made=surveillance`): the file creates it, never
matching it by distance, and he checks it is not that device found again before uploading.
OSM is tests/fake_osm_api, fetched through camwalk's own Overpass query."""

import pytest

from .organiser import api, log_in, open_in_review, open_tab, organiser_context, walker_logs

pytestmark = pytest.mark.browser

METRE = 1 / 111_195.08  # one metre of latitude, in degrees
LAT, LON = 43.2951, 5.3802  # a corner of the demo walk with no demo camera near
# The module's tests share one server: the second logs 32 m west, out of the first's reach,
# the third 32 m east.
LON_WEST = LON - 0.0004
LON_EAST = LON + 0.0004


def approved_camera_by_one_out_of_use(
    server, fake_osm, node_id: int, lon: float, approve: bool = True
) -> str:
    """A camera, approved (else under review), logged 4 m from a node OSM maps as no longer
    in use."""
    base, demo = server["url"], server["demo"]
    token = demo["organiser_token"]
    dead = {"disused:man_made": "surveillance", "surveillance:type": "camera"}
    fake_osm.state.add_node(node_id, LAT + 4 * METRE, lon, dead)
    api(base, token, "POST", f"/walks/{demo['walk_id']}/osm-fetch", json={"source": "overpass"})
    position = {"lat": LAT, "lon": lon, "accuracy_m": 4}
    obs_id = walker_logs(base, demo, position=position)
    if approve:
        api(base, token, "POST", f"/observations/{obs_id}/review", json={"status": "approved"})
    return obs_id


def assert_names_the_camera_out_of_use(line, obs_id: str, node_id: int) -> None:
    text = line.inner_text().replace("\u00a0", " ")
    assert text.startswith(f"À vérifier : la caméra {obs_id[:8]}… sera un nouveau nœud OSM")
    assert f"à 4 m du nœud OSM {node_id}, indiqué comme hors service" in text


def test_a_new_camera_beside_one_out_of_use_is_said_in_the_export_report(
    server_with_overpass, fake_osm, browser
):
    base, demo = server_with_overpass["url"], server_with_overpass["demo"]
    obs_id = approved_camera_by_one_out_of_use(server_with_overpass, fake_osm, 7201, LON)

    context = organiser_context(browser)
    page = context.new_page()
    log_in(page, base, demo)
    open_tab(page, "exports")
    with page.expect_download():
        page.click("button[data-export=osc]")
    line = page.locator(f".exp-report .exp-out-of-use li[data-observation='{obs_id}']")

    assert_names_the_camera_out_of_use(line, obs_id, 7201)
    assert "{" not in page.inner_text(".exp-report")  # no raw record left in the list
    context.close()


def test_the_upload_plan_names_it_before_sending(server_with_overpass, fake_osm, browser):
    base, demo = server_with_overpass["url"], server_with_overpass["demo"]
    obs_id = approved_camera_by_one_out_of_use(server_with_overpass, fake_osm, 7202, LON_WEST)

    context = organiser_context(browser)
    page = context.new_page()
    log_in(page, base, demo)
    open_tab(page, "exports")
    page.click("#up-prepare")
    line = page.locator(f".up-plan .up-out-of-use li[data-observation='{obs_id}']")

    assert_names_the_camera_out_of_use(line, obs_id, 7202)
    assert page.locator("#up-send").is_visible()  # checked first, still the organiser's call
    assert fake_osm.state.changesets == {}  # a dry run sends nothing
    context.close()


def test_after_new_camera_the_card_warns_no_more_as_the_report(
    server_with_overpass, fake_osm, browser
):
    """Karim looked at the node out of use on the card and said "new camera": the report
    names it no more (osc.py note_disused), and the card said it still, in warning colours.
    It now offers the node without the warning, as the report leaves it out."""
    base, demo = server_with_overpass["url"], server_with_overpass["demo"]
    obs_id = approved_camera_by_one_out_of_use(
        server_with_overpass, fake_osm, 7203, LON_EAST, approve=False
    )
    context = organiser_context(browser)
    page = context.new_page()
    log_in(page, base, demo)
    open_in_review(page, obs_id)
    page.wait_for_selector(".rev-osm-out-of-use")
    page.click(".rev-osm-choice li[data-node='new'] button")
    page.wait_for_selector(".rev-osm-choice li[data-node='new'] button[aria-pressed=true]")
    page.wait_for_selector(".rev-refreshing", state="detached")

    assert page.locator(".rev-osm-out-of-use").count() == 0
    assert page.locator(".rev-osm-choice li[data-node='7203'] button").is_enabled()
    page.click("button[data-action=approve]")
    page.wait_for_selector(f".hist[data-id='{obs_id}']", state="detached")
    open_tab(page, "exports")
    with page.expect_download():
        page.click("button[data-export=osc]")
    page.wait_for_selector(".exp-report")
    assert page.locator(f".exp-report li[data-observation='{obs_id}']").count() == 0
    context.close()
