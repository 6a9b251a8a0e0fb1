"""Sam exports the walk's osmChange file and uploads it through JOSM (journey 3, step 2), which
camwalk cannot see; later someone prepares an upload from camwalk. The new cameras are held
back, the page says why and what to do; once the walk's OSM cameras are loaded again, the
cameras the file made are matched and nothing is created twice. OSM is tests/fake_osm_api."""

from xml.etree.ElementTree import parse

import pytest

from server.osm.client import OsmClient
from tests.josm import upload_like_josm

from .organiser import fr_count, log_in, open_tab, organiser_context

pytestmark = pytest.mark.browser


def _josm_uploads(fake_osm, path) -> None:
    client = OsmClient(fake_osm.url, f"{fake_osm.url}/api", token=fake_osm.state.token)
    try:
        upload_like_josm(client, path.read_bytes())
    finally:
        client.close()


def _cameras_in_osm(fake_osm) -> int:
    return sum(
        node.visible and node.tags.get("man_made") == "surveillance"
        for node in fake_osm.state.nodes.values()
    )


def test_cameras_sent_through_josm_are_not_created_again_by_an_upload_from_camwalk(
    server_with_overpass, fake_osm, browser, screenshot, tmp_path
):
    base, demo = server_with_overpass["url"], server_with_overpass["demo"]
    context = organiser_context(browser)
    page = context.new_page()
    log_in(page, base, demo)
    open_tab(page, "exports")
    with page.expect_download() as download:
        page.click("button[data-export=osc]")
    path = tmp_path / "walk.osc"
    download.value.save_as(path)
    page.wait_for_selector(".exp-report")
    creates = len(parse(path).getroot().findall("create/node"))
    assert creates > 0
    _josm_uploads(fake_osm, path)
    assert _cameras_in_osm(fake_osm) == creates

    page.click("#up-prepare")
    held = page.locator(".up-held")
    held.wait_for()
    text = held.inner_text()
    assert fr_count(creates, "nouvelle caméra", "nouvelles caméras") in text
    assert "les caméras OSM de la balade n’ont jamais été chargées" in text
    assert page.locator(".up-create").count() == 0
    screenshot(page, "org-upload-held-back")

    # A second file of the same cameras says what the first may have done.
    with page.expect_download():
        page.click("button[data-export=osc]")
    assert "Attention" in page.locator(".exp-report .exp-earlier").inner_text()

    open_tab(page, "walks")
    card = page.locator(f".walk-card[data-walk='{demo['walk_id']}']")
    assert "jamais" in card.locator(".walk-fetched").inner_text()
    card.locator(".walk-osm-fetch").click()
    card.locator(".walk-fetched:has-text('caméras OSM')").wait_for()

    open_tab(page, "exports")
    page.click("#up-prepare")
    page.locator(".up-plan, .up-out p.muted").first.wait_for()
    assert page.locator(".up-held").count() == 0
    assert page.locator(".up-create").count() == 0  # the file's cameras, found in OSM
    assert _cameras_in_osm(fake_osm) == creates
    context.close()
