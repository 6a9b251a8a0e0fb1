"""An OSM mapper downloads the osmChange, then the CSV: each file keeps its own report. The
osmChange's figures, its skipped cameras and its JOSM link stay on screen after the CSV, whose
report says how many rows it holds and which cameras; and a camera left out is named as its
review card names it, with the reason in French."""

import pytest

from sync.osm.records import DEMO_NODE_IDS_FROM

from .organiser import api, fr_count, log_in, open_tab, organiser_context, walker_logs

pytestmark = pytest.mark.browser

OPERATOR = "Syndic Belle-de-Mai — rapport d’export"
DEMO_NODE = DEMO_NODE_IDS_FROM + 8  # a demo camera: never in OpenStreetMap


def test_the_osmchange_report_stays_after_a_csv_and_says_each_skip_in_french(
    camwalk_server, browser, tmp_path
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    token = demo["organiser_token"]
    obs_id = walker_logs(base, demo, operator=OPERATOR, osm_node_id=DEMO_NODE)
    api(base, token, "POST", f"/observations/{obs_id}/review", json={"status": "approved"})

    context = organiser_context(browser)
    page = context.new_page()
    log_in(page, base, demo)
    open_tab(page, "exports")
    with page.expect_download():
        page.click("button[data-export=osc]")
    osc = page.locator(".exp-report[data-format=osc]")
    osc.locator("a.btn[href*='import?url=']").wait_for()
    export_id = osc.get_attribute("data-export-id")
    counts = api(base, token, "GET", f"/exports/{export_id}")["counts"]
    figures = ", ".join(
        [
            fr_count(counts["created"], "création"),
            fr_count(counts["modified"], "modification"),
            fr_count(counts["deleted"], "suppression"),
            fr_count(counts["skipped"], "ignorée"),
        ]
    )
    assert counts["skipped"] >= 1
    assert osc.locator(".exp-counts").inner_text() == figures

    # The camera left out: named as its review card names it, the reason in French.
    line = osc.locator(f".exp-skipped li[data-observation='{obs_id}']")
    text = line.inner_text()
    assert line.get_attribute("data-code") == "demo_node"
    # What people typed is set apart from the sentence (U+2068 ... U+2069).
    assert text.startswith(f"Ignorée\u00a0: Caméra · Dôme · \u2068{OPERATOR}\u2069, relevée par ")
    assert demo["walker_pseudonym"] in text
    assert f"Le nœud {DEMO_NODE} est une caméra de démonstration" in text
    assert "demo camera" not in osc.inner_text()  # no English reason left in the list
    skipped_lines = osc.locator(".exp-skipped li").count()
    assert skipped_lines == counts["skipped"]

    page.set_checked("#exp-approved", True)
    with page.expect_download() as download:
        page.click("button[data-export=csv]")
    path = tmp_path / "walk.csv"
    download.value.save_as(path)
    # "CSV (tableur)" is the file for Excel and LibreOffice: a BOM, semicolons.
    assert download.value.suggested_filename.endswith("-spreadsheet.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbflat;lon;")
    csv = page.locator(".exp-report[data-format=csv]")
    csv.wait_for()
    rows = len(path.read_text(encoding="utf-8").splitlines()) - 1  # less the header
    assert rows >= 1
    # Every device logged is a row, guards beside cameras: the report counts devices.
    assert csv.locator(".exp-rows").inner_text() == (
        f"{rows} {'ligne' if rows == 1 else 'lignes'} dans le fichier, "
        "une par dispositif relevé (caméras et autres)."
    )
    assert csv.locator(".exp-rows-kept").inner_text() == (
        "Dispositifs validés seulement, tels que validés."
    )

    # "CSV (données)" is the file for data tools: no BOM, commas.
    with page.expect_download() as data_download:
        page.click("button[data-export=csvData]")
    data_path = tmp_path / "walk-data.csv"
    data_download.value.save_as(data_path)
    assert data_path.read_bytes().startswith(b"lat,lon,")

    # The osmChange's report is still there, whole, beside the CSV's.
    assert osc.locator(".exp-counts").inner_text() == figures
    assert osc.locator(".exp-skipped li").count() == skipped_lines
    assert osc.locator(f".exp-skipped li[data-observation='{obs_id}']").inner_text() == text
    assert osc.locator("a.btn[href*='import?url=']").count() == 1
    assert csv.locator(".exp-skipped, a.btn").count() == 0
    context.close()
