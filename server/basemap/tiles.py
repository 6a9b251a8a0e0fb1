"""An organiser's own tiles, served by the campaign's server from an MBTiles file.

OSM's tile policy forbids pre-downloading tile.openstreetmap.org for offline use; a campaign
that wants raster tiles offline (or no third-party tile server at all) makes or obtains an
MBTiles file whose terms allow it, sets CAMWALK_TILES_FILE to it and CAMWALK_TILE_URL to
`/tiles/{z}/{x}/{y}.png`. Tiles are then same-origin: allowed by the CSP as they are, cached
by the service worker like any viewed tile, and allowed under the group's own-tiles-only
setting. Outside /api/ and without a token, as a tile server is: `<img>` sends none.

MBTiles is SQLite (mbtiles spec 1.3): rows are TMS, counted from the south, so y is flipped.
"""

import sqlite3

from flask import Blueprint, Response, abort, current_app

blp = Blueprint("tiles", __name__)

MEDIA_TYPES = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "webp": "image/webp"}
# Own tiles change when the organiser swaps the file; a day bounds how long a phone keeps old ones.
CACHE_CONTROL = "public, max-age=86400"


def read_tile(path: str, z: int, x: int, y: int) -> bytes | None:
    """The tile's bytes, or None when the file holds none there."""
    if not 0 <= z <= 30:
        return None
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = connection.execute(
            "SELECT tile_data FROM tiles"
            " WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
            (z, x, (1 << z) - 1 - y),
        ).fetchone()
    finally:
        connection.close()
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
