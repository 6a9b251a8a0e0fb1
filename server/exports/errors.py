"""Errors of server.exports: each a stable code and HTTP status, rendered by server/errors.py."""

from server.errors import ApiError


class OrganisedEditingChecklist(ApiError):
    status = 409
    code = "organised_editing_checklist"
    message = "Set the campaign hashtag (Organised Editing Guidelines) before uploading to OSM."


class UploadUnderWay(ApiError):
    status = 409
    code = "osm_upload_under_way"
    message = (
        "Another upload of this group to OpenStreetMap is under way: wait for it to end, then "
        "look at what it sent before uploading again."
    )


class OsmUnreachable(ApiError):
    status = 502
    code = "osm_api_error"
    message = "OpenStreetMap refused or did not answer."


class DownloadLinkInvalid(ApiError):
    status = 403
    code = "download_link_invalid"
    message = "This download link is not valid."


class DownloadLinkExpired(ApiError):
    status = 403
    code = "download_link_expired"
    message = "This download link has expired: open the export report again for a new one."
