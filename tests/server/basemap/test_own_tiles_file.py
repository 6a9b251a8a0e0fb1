"""An organiser's MBTiles file served by the campaign's own server at /tiles/{z}/{x}/{y}.png."""

import sqlite3

import pytest

PNG = b"\x89PNG\r\n\x1a\n" + b"tile z17 x74810 y37900"


@pytest.fixture
def mbtiles(tmp_path, app, monkeypatch):
    path = tmp_path / "helsinki.mbtiles"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
        db.execute(
            "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER,"
            " tile_data BLOB)"
        )
        # MBTiles rows count from the south (TMS): XYZ y 37900 at z17 is row 2**17 - 1 - 37900.
        db.execute("INSERT INTO tiles VALUES (17, 74810, ?, ?)", (2**17 - 1 - 37900, PNG))
    db.close()
    monkeypatch.setitem(app.config, "TILES_FILE", str(path))
    return path


def test_a_tile_of_the_file_is_served_at_its_xyz_address(client, mbtiles):
    response = client.get("/tiles/17/74810/37900.png")
    assert response.status_code == 200
    assert (response.data, response.mimetype) == (PNG, "image/png")
    assert response.headers["Cache-Control"] == "public, max-age=86400"


@pytest.mark.parametrize(
    "path",
    ["/tiles/17/74810/2171.png", "/tiles/16/74810/37900.png", "/tiles/17/74810/37900.svg"],
)
def test_a_tile_the_file_lacks_is_a_404_not_the_app_shell(client, mbtiles, path):
    # The app shell answers unknown paths with 200: a 404 means the tile route answered.
    assert client.get(path).status_code == 404


def test_without_a_file_no_tile_is_served(client, app):
    assert app.config["TILES_FILE"] is None
    assert client.get("/tiles/17/74810/37900.png").status_code == 404
