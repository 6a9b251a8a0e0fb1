"""The export report tells Sam, in words, about a camera that GPS cannot pin to one of two OSM
cameras: which node the file modifies, which other one is nearly as close, and where to choose.
OSM is tests/fake_osm_api."""

import pytest

from .organiser import api, log_in, open_tab, organiser_context, walker_logs

pytestmark = pytest.mark.browser

METRE = 1 / 111_195.08  # one metre of latitude, in degrees
LAT, LON = 43.2951, 5.3802  # a corner of the demo walk with no demo camera near


def test_an_ambiguous_match_is_said_in_words_in_the_export_report(
    server_with_overpass, fake_osm, browser
):
    base, demo = server_with_overpass["url"], server_with_overpass["demo"]
    token = demo["organiser_token"]
    camera = {"man_made": "surveillance", "surveillance:type": "camera"}
    fake_osm.state.add_node(7001, LAT + 1.45 * METRE, LON, camera)
    fake_osm.state.add_node(7002, LAT - 1.70 * METRE, LON, camera)
    api(base, token, "POST", f"/walks/{demo['walk_id']}/osm-fetch", json={"source": "overpass"})
    obs_id = walker_logs(base, demo, position={"lat": LAT, "lon": LON, "accuracy_m": 4})
    api(base, token, "POST", f"/observations/{obs_id}/review", json={"status": "approved"})

    context = organiser_context(browser)
    page = context.new_page()
    log_in(page, base, demo)
    open_tab(page, "exports")
    with page.expect_download():
        page.click("button[data-export=osc]")
    line = page.locator(f".exp-report .exp-ambiguous li[data-observation='{obs_id}']")

    text = line.inner_text().replace("\u00a0", " ")
    assert text.startswith(f"À vérifier : la caméra {obs_id[:8]}")
    # In whole metres, as the review card says them (formatMetres).
    assert "nœud OSM 7001 (1 m)" in text and "le nœud 7002" in text and "(2 m)" in text
    assert "{" not in page.inner_text(".exp-report")  # no raw record left in the list
    context.close()
