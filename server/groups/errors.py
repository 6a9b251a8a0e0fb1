"""Errors of server.groups: each a stable code and HTTP status, rendered by server/errors.py."""

from server.errors import ApiError


class LastOrganiser(ApiError):
    status = 409
    code = "last_organiser"
    message = "A group keeps at least one organiser: appoint another one first."
