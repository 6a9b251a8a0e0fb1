"""An organiser's own tiles, served by the campaign's server from an MBTiles file.

OSM's tile policy forbids pre-downloading tile.openstreetmap.org for offline use; a campaign
that wants raster tiles offline (or no third-party tile server at all) makes or obtains an
MBTiles file whose terms allow it, sets CAMWALK_TILES_FILE to it and CAMWALK_TILE_URL to
`/tiles/{z}/{x}/{y}.png`. Tiles are then same-origin: allowed by the CSP as they are, cached
by the service worker like any viewed tile, and allowed under the group's own-tiles-only
setting. Outside /api/ and without a token, as a tile server is: `<img>` sends none.

MBTiles is SQLite (mbtiles spec 1.3): rows are TMS, counted from the south, so y is flipped.

A file that is missing or broken does not stop the server: tiles are a layer under the walk
map, which phones draw without them, and syncs and photo uploads must go on. The start says
once which file and why (`check_tiles_file`), and each tile is answered 503
`tiles_unavailable` instead of a 500 with a stack trace per tile. The file is opened at each
request, so a file mended or a volume mounted later is served without a restart.
"""

import logging
import os
import sqlite3
from pathlib import Path

from flask import Blueprint, Flask, Response, abort, current_app

from server.basemap.errors import TilesUnavailable

log = logging.getLogger(__name__)

blp = Blueprint("tiles", __name__)

MEDIA_TYPES = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "webp": "image/webp"}
# Own tiles change when the organiser swaps the file; a day bounds how long a phone keeps old ones.
CACHE_CONTROL = "public, max-age=86400"

# The last failure logged, so that a map asking for twenty tiles logs it once, not twenty
# times; a tile read again clears it. Shared by threads: at worst a line is logged twice.
_reported: str | None = None


def _open(path: str) -> sqlite3.Connection:
    # As a URI, so that a `?` or `#` in the path is part of the name, read-only.
    return sqlite3.connect(Path(path).absolute().as_uri() + "?mode=ro", uri=True)


def tiles_problem(path: str) -> str | None:
    """A sentence naming the file and why it cannot serve tiles, or None when it can."""
    file = Path(path)
    if not file.exists():
        why = "there is no such file"
    elif file.is_dir():
        why = "it is a folder, not an MBTiles file"
    elif not os.access(file, os.R_OK):
        why = "this server's user may not read it"
    else:
        try:
            connection = _open(path)
            try:
                connection.execute("SELECT 1 FROM tiles LIMIT 1").fetchone()
            finally:
                connection.close()
            return None
        except sqlite3.Error as error:
            why = f"it is not an MBTiles file SQLite can read ({error})"
    return f"CAMWALK_TILES_FILE {path}: {why}"


def check_tiles_file(app: Flask) -> None:
    """At start: say which file cannot serve tiles and why, once, and start all the same."""
    path = app.config.get("TILES_FILE")
    problem = tiles_problem(path) if path else None
    if problem:
        app.logger.error("%s; own tiles answer 503 tiles_unavailable until it is mended", problem)


def read_tile(path: str, z: int, x: int, y: int) -> bytes | None:
    """The tile's bytes, or None when the file holds none there; TilesUnavailable when the
    file cannot be read."""
    global _reported
    if not 0 <= z <= 30:
        return None
    try:
        connection = _open(path)
        try:
            row = connection.execute(
                "SELECT tile_data FROM tiles"
                " WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
                (z, x, (1 << z) - 1 - y),
            ).fetchone()
        finally:
            connection.close()
    except sqlite3.Error as error:
        problem = tiles_problem(path) or f"CAMWALK_TILES_FILE {path}: {error}"
        if problem != _reported:
            _reported = problem
            log.warning("%s; own tiles answer 503 tiles_unavailable", problem)
        raise TilesUnavailable() from error
    _reported = None
    return None if row is None else bytes(row[0])


@blp.route("/tiles/<int:z>/<int:x>/<int:y>.<string:ext>")
def tile(z: int, x: int, y: int, ext: str):
    path = current_app.config.get("TILES_FILE")
    if not path or ext not in MEDIA_TYPES:
        abort(404)
    data = read_tile(path, z, x, y)
    if data is None:
        abort(404)
    response = Response(data, mimetype=MEDIA_TYPES[ext])
    response.headers["Cache-Control"] = CACHE_CONTROL
    return response
