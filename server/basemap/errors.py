"""Errors of server.basemap: each a stable code and HTTP status, rendered by server/errors.py."""

from server.errors import ApiError


class NoBasemap(ApiError):
    status = 404
    code = "no_basemap"
    message = "This walk has no walk map yet: an organiser loads it with the OSM fetch."


class TilesUnavailable(ApiError):
    """The campaign's own tiles file cannot be read (the log says which and why: a tile is
    asked by anyone, so the answer names no server path)."""

    status = 503
    code = "tiles_unavailable"
    message = "The campaign's own map tiles cannot be read on this server just now."
