"""A walker reports that a mapped camera is gone. In Karim's review queue it looked like any
blank new camera ("Caméra · —", no OSM badge); only a line below the fold said that approving
it deletes the OSM node, so A then J deleted a node from OpenStreetMap unseen. The row and the
top of the card now say what it is, which node, and that approving deletes it."""

import pytest

from .organiser import (
    LAPTOP,
    log_in,
    open_in_review,
    organiser_context,
    osm_import,
    walker_logs,
)

pytestmark = pytest.mark.browser

# Apart from the other browser tests' cameras and nodes; one node for each language's test.
NODES = {"fr": 9_100_000_031, "en": 9_100_000_032}
LAT, LON = 43.30305, 5.39213
NODE = NODES["fr"]


@pytest.fixture
def gone_report(camwalk_server, tmp_path, request):
    """A mapped camera (its node in the server's cache, known to be on no way) and a walker's
    report that it is gone, linked to its node; the report's id. `request.param`: language."""
    language = getattr(request, "param", "fr")
    node = NODES[language]
    lat = LAT + (0.0002 if language == "en" else 0)
    path = tmp_path / "gone.osm"
    path.write_text(
        f'<osm version="0.6"><node id="{node}" version="2" lat="{lat}" lon="{LON}">'
        '<tag k="man_made" v="surveillance"/><tag k="surveillance" v="outdoor"/></node></osm>',
        encoding="utf-8",
    )
    osm_import(camwalk_server, path, "--parent-ways", "--parent-relations")
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    position = {"lat": lat, "lon": LON, "accuracy_m": 5}
    return walker_logs(
        base,
        demo,
        position=position,
        presence="gone",
        osm_node_id=node,
        surveillance="outdoor",
        camera_type=None,
        mount=None,
    )


def test_a_gone_report_says_it_deletes_its_osm_node_in_the_row_and_atop_the_card(
    camwalk_server, browser, gone_report, screenshot
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    context = organiser_context(browser)
    page = context.new_page()
    log_in(page, base, demo)
    open_in_review(page, gone_report)

    row = page.locator(f".rev-row[data-id='{gone_report}']")
    assert row.locator(".rev-row-main").inner_text() == "Caméra · disparue"
    assert row.locator(".badge-gone").inner_text() == "suppr. OSM"
    assert row.get_attribute("title") == f"Signalée disparue\u00a0: nœud OSM n° {NODE}"
    assert page.inner_text(".rev-card h2") == "Caméra · signalée disparue"
    banner = page.locator(".rev-card .rev-gone")
    assert banner.get_attribute("data-node") == str(NODE)
    assert banner.get_attribute("data-deletes") == "true"
    words = banner.inner_text()
    assert f"nœud OSM n° {NODE}" in words and "supprime ce nœud d’OpenStreetMap" in words
    # Above the photos, in the first screenful, and named on the key's own button.
    top = banner.bounding_box()
    assert top["y"] + top["height"] < LAPTOP["height"]
    assert page.evaluate(
        "() => document.querySelector('.rev-gone').compareDocumentPosition("
        "document.querySelector('.rev-photos')) & Node.DOCUMENT_POSITION_FOLLOWING"
    )
    assert "Valider et supprimer le nœud" in page.inner_text("[data-action=approve]")
    assert "disparue" in page.inner_text(".rev-fields")
    screenshot(page, "org-review-gone-report-1280")
    context.close()


@pytest.mark.parametrize("gone_report", ["en"], indirect=True)
def test_a_gone_report_says_so_in_english(camwalk_server, browser, gone_report):
    node = NODES["en"]
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    context = browser.new_context(viewport=LAPTOP, locale="en-GB", bypass_csp=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    log_in(page, base, demo)
    open_in_review(page, gone_report)

    assert page.inner_text(".rev-card h2") == "Camera · reported gone"
    row = page.locator(f".rev-row[data-id='{gone_report}']")
    assert row.inner_text().split("\n") == ["Camera · gone", "OSM delete"]
    words = page.inner_text(".rev-card .rev-gone")
    assert f"OSM node #{node}" in words and "deletes this node from OpenStreetMap" in words
    assert "Approve and delete the node" in page.inner_text("[data-action=approve]")
    context.close()
