"""Errors of server.osm: each a stable code and HTTP status, rendered by server/errors.py."""

from server.errors import ApiError


class UnreadableOsmData(ApiError):
    status = 422
    code = "unreadable_osm_data"
    message = "This is neither OSM XML nor an Overpass JSON answer with metadata."


class AreaTooLarge(ApiError):
    """The walk's box, widened by cameras logged outside its drawn area, is wider than a
    fetch asks for; `errors.far_observations` names the cameras to look at first."""

    status = 422
    code = "area_too_large"
    message = "This walk's box is larger than a fetch asks OpenStreetMap for."


class WalkAreaTooLarge(AreaTooLarge):
    """The drawn area alone is wider than a fetch asks for: said when the walk is drawn, not
    at its first fetch; no camera to move would help, a smaller area or several walks do."""

    code = "walk_area_too_large"
    message = (
        "This walk's area is larger than a fetch asks OpenStreetMap for: draw a smaller area, "
        "or split it into several walks."
    )


class NoArea(ApiError):
    status = 422
    code = "no_area"
    message = "This walk has neither a drawn area nor observations to take a box from."


class OsmOAuthNotConfigured(ApiError):
    status = 409
    code = "osm_oauth_not_configured"
    message = "This server has no OSM OAuth application (CAMWALK_OSM_CLIENT_ID, _REDIRECT_URI)."


class OsmOAuthStateInvalid(ApiError):
    status = 400
    code = "osm_oauth_state_invalid"
    message = "This authorisation is unknown, already used or expired: connect again."


class OsmOAuthRefused(ApiError):
    status = 502
    code = "osm_oauth_refused"
    message = "OpenStreetMap did not give a token with the write_api scope."


class OsmAccountUnreadable(ApiError):
    status = 409
    code = "osm_account_unreadable"
    message = "The stored OSM token cannot be read (the server key changed): connect again."


class OsmTokenMissing(ApiError):
    status = 409
    code = "osm_token_missing"
    message = "Connect the group's OpenStreetMap account first (or set CAMWALK_OSM_TOKEN)."
