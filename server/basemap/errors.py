"""Errors of server.basemap: each a stable code and HTTP status, rendered by server/errors.py."""

from server.errors import ApiError


class NoBasemap(ApiError):
    status = 404
    code = "no_basemap"
    message = "This walk has no walk map yet: an organiser loads it with the OSM fetch."
