"""A CAMWALK_TILES_FILE that is missing or broken: the server starts, says once which file and
why, and each tile is answered 503 `tiles_unavailable`, not a 500 with a stack trace per tile.

Tiles are a layer under the walk map (which phones draw without them): syncs and photo uploads
must not stop for a map file, and the file is opened at each request, so mending it (or
mounting its volume) needs no restart."""

import logging
import sqlite3

import pytest

from server import create_app
from server.basemap.tiles import tiles_problem

TILE = "/tiles/17/74810/37900.png"


def _not_sqlite(path):
    path.write_bytes(b"<html>a download that went wrong</html>" * 10)


def _no_tiles_table(path):
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
    db.close()


BROKEN = {
    "missing": (lambda path: None, "no such file"),
    "folder": (lambda path: path.mkdir(), "a folder"),
    "not sqlite": (_not_sqlite, "not an MBTiles file"),
    "no tiles table": (_no_tiles_table, "not an MBTiles file"),
}


@pytest.mark.parametrize("kind", BROKEN)
def test_the_start_check_names_the_file_and_what_is_wrong(tmp_path, kind):
    path = tmp_path / "city.mbtiles"
    make, why = BROKEN[kind]
    make(path)
    problem = tiles_problem(str(path))
    assert str(path) in problem and why in problem


def test_a_good_file_has_no_problem(tmp_path):
    path = tmp_path / "city.mbtiles"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE tiles (zoom_level, tile_column, tile_row, tile_data)")
    db.close()
    assert tiles_problem(str(path)) is None


@pytest.mark.parametrize("kind", ["missing", "not sqlite"])
def test_a_tile_of_a_broken_file_is_a_503_with_a_camwalk_error(
    client, app, tmp_path, monkeypatch, caplog, kind
):
    path = tmp_path / "city.mbtiles"
    BROKEN[kind][0](path)
    monkeypatch.setitem(app.config, "TILES_FILE", str(path))

    with caplog.at_level(logging.WARNING):
        answers = [client.get(TILE) for _ in range(3)]

    assert {(a.status_code, a.json["code"]) for a in answers} == {(503, "tiles_unavailable")}
    assert str(path) not in answers[0].json["message"]  # anyone may ask: no server path
    said = [r for r in caplog.records if str(path) in r.getMessage()]
    assert len(said) == 1 and not said[0].exc_info  # said once, without a stack trace


def test_the_server_starts_with_a_missing_file_and_says_which_and_why(tmp_path, caplog):
    missing = tmp_path / "city.mbtiles"
    settings = {"INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "k", "TILES_FILE": str(missing)}

    with caplog.at_level(logging.ERROR):
        app = create_app(settings)

    said = [r.getMessage() for r in caplog.records if str(missing) in r.getMessage()]
    assert len(said) == 1 and "no such file" in said[0]
    assert app.test_client().get(TILE).status_code == 503
