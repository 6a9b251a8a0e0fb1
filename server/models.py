"""Every model, imported once so that the metadata is complete (for Alembic and tests)."""

from server.auth.models import DeviceToken, Member, Role, SignInLink
from server.basemap.models import WalkBasemap
from server.epoch import DatabaseEpoch
from server.groups.models import Group, Invite, Walk
from server.observations.models import Conflict, DuplicateHint, Observation, Revision
from server.osm.models import (
    ChangesetUpload,
    Export,
    OsmAccount,
    OsmAuthorisation,
    OsmCampaign,
    OsmNode,
    OsmNodeGone,
)
from server.photos.models import ObservationPhoto, Photo
from server.rate_limit_counter import RateLimitCounter

__all__ = [
    "ChangesetUpload",
    "Conflict",
    "DatabaseEpoch",
    "DeviceToken",
    "DuplicateHint",
    "Export",
    "Group",
    "Invite",
    "Member",
    "Observation",
    "ObservationPhoto",
    "OsmAccount",
    "OsmAuthorisation",
    "OsmCampaign",
    "OsmNode",
    "OsmNodeGone",
    "Photo",
    "RateLimitCounter",
    "Revision",
    "Role",
    "SignInLink",
    "Walk",
    "WalkBasemap",
]
