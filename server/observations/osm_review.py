"""The OSM node on the review card: which node each observation will change, and the
organiser's choice of another one (or of none: "new camera").

What the card shows is what the export would do (server/exports/osc.py `review_plan`, the
very matcher and planner the export, its dry run and the upload run), with the observations
under review taken as approved in their current state, since that is what approving them
would publish. A walk is one changeset (osm.md), so each walk is planned on its own, as the
upload does.

The choice (server/observations/organise.py `choose_osm_node`) is an organiser's edit written
like any other: a node is stored as the link `osm_node_id`, which the matcher keeps over any
nearer camera; "new camera" as `osm_new`, which keeps the matcher off the observation.
`check_choice` refuses what would make the export change one node twice or name a node it
cannot see.
"""

from collections import defaultdict
from collections.abc import Container, Iterator, Mapping

import sqlalchemy as sa

from server import geo
from server.errors import InvalidInput
from server.exports.osc import PlannedChange, Scope, planned_nodes, review_plan
from server.extensions import db
from server.groups.models import Group
from server.observations.errors import OsmLinkSettled, OsmNodeTaken, OsmNodeUnknown
from server.observations.models import Observation
from server.osm.models import OsmNode
from server.osm.service import group_loaded
from sync.geodesy import distance_m
from sync.merge import published
from sync.osm.matching import DEFAULT_MAX_DISTANCE_M

NODE_URL = "https://www.openstreetmap.org/node/{}"
# How far from a survey an organiser may choose any cached node: well past what a card offers
# (the matching's reach, DEFAULT_MAX_DISTANCE_M, and the disused or taken nodes beside it).
CHOICE_REACH_M = 10 * DEFAULT_MAX_DISTANCE_M


def osm_changes(
    group_id: int,
    cameras: list[dict],
    values: Mapping[str, dict],
    wanted: Container[str] | None = None,
) -> dict[str, dict]:
    """uuid → the card's OSM block, for `cameras` of one group (any walks, any review status)
    as the views give them (`id`, `walk_id`, `review_status`); `values`: uuid → each one's
    field values (convert.field_values). `wanted`: only the blocks of those, the others
    planned all the same."""
    found = {}
    for walk_id, uuids, overrides in _by_walk(cameras, values, wanted):
        plans = review_plan(Scope(group_id, walk_id, ""), overrides, uuids)
        for uuid in uuids:
            plan = plans.get(uuid)
            if plan is not None:
                found[uuid] = card_view(plan, once_approved=uuid in overrides)
    return found


def osm_nodes(group_id: int, cameras: list[dict], values: Mapping[str, dict]) -> set[str]:
    """The uuids of `cameras` (as osm_changes takes them) whose card names an OSM node (its
    `node`), found without planning their changes (server/exports/osc.py `planned_nodes`)."""
    found = set()
    for walk_id, uuids, overrides in _by_walk(cameras, values, None):
        nodes = planned_nodes(Scope(group_id, walk_id, ""), overrides, uuids)
        found.update(uuid for uuid, node in nodes.items() if node is not None)
    return found


def _by_walk(
    cameras: list[dict], values: Mapping[str, dict], wanted: Container[str] | None
) -> Iterator[tuple[int, list[str], dict[str, dict]]]:
    """(walk id, uuids of `wanted` there, overrides) for each walk of `cameras`, as a walk is
    planned on its own; the overrides: each camera not approved, as approving it now would
    publish it (also those edited since)."""
    by_walk = defaultdict(list)
    for camera in cameras:
        by_walk[camera["walk_id"]].append(camera)
    for walk_id, walk_cameras in by_walk.items():
        uuids = [
            camera["id"] for camera in walk_cameras if wanted is None or camera["id"] in wanted
        ]
        if not uuids:
            continue
        overrides = {
            camera["id"]: published(values[camera["id"]])
            for camera in walk_cameras
            if camera["review_status"] != "approved"
        }
        yield walk_id, uuids, overrides


def card_view(plan: PlannedChange, *, once_approved: bool) -> dict:
    return {
        "action": plan.action,
        "removed_tags": list(plan.removed),
        "reason": plan.skip.reason if plan.skip else None,
        "skip": plan.skip.as_dict() if plan.skip else None,
        "once_approved": once_approved,
        "chosen_by": plan.chosen_by,
        "node": _node(plan.node, plan.distance_m) if plan.node else None,
        "ambiguous_with": plan.ambiguous_with,
        "not_node": plan.not_node,
        "disagreeing": disagreeing_view(plan.disagreeing),
        "candidates": _offered(plan.candidates),
        "other_kinds": _offered(plan.other_kinds),
        "out_of_use": _offered(plan.out_of_use),
        "disused_nearby": plan.disused_nearby.as_dict() if plan.disused_nearby else None,
        "taken_nearby": plan.taken_nearby.as_dict() if plan.taken_nearby else None,
    }


def disagreeing_view(keys) -> list[dict]:
    """A match's disagreeing keys, (key, surveyed value, node's value) each, as the review card
    and the upload's dry run both show them (DisagreeingKeySchema)."""
    return [{"key": key, "surveyed": surveyed, "osm": mapped} for key, surveyed, mapped in keys]


def _offered(nodes) -> list[dict]:
    """Nodes the card offers to choose, (node, metres, taken by) each (OsmCandidateSchema)."""
    return [_node(node, metres) | {"taken_by": taken_by} for node, metres, taken_by in nodes]


def _node(node, distance_m: float | None) -> dict:
    return {
        "id": node.id,
        "version": node.version,
        "tags": dict(node.tags),
        "url": NODE_URL.format(node.id),
        "lat": round(node.lat, 7),
        "lon": round(node.lon, 7),
        "distance_m": None if distance_m is None else round(distance_m, 2),
        "part_of_way": node.part_of_way,
    }


def check_choice(row: Observation, node_id: int | None) -> None:
    """Raise unless the organiser may give `row` this node (None: "new camera")."""
    if row.osm_version is not None:
        raise OsmLinkSettled(
            f"This observation was uploaded to OpenStreetMap as node {row.osm_node_id}: "
            "its node can no longer change."
        )
    if node_id is None:
        if row.presence == "gone":
            raise InvalidInput(
                errors={"new_camera": ["a device reported gone cannot be a new camera"]}
            )
        return
    visible = OsmNode.seen_by(row.group_id)
    node = db.session.scalar(sa.select(OsmNode).where(OsmNode.osm_id == node_id, visible))
    if node is None or not _may_name(row, node):
        raise OsmNodeUnknown(
            f"OSM node {node_id} is not among the cameras camwalk has fetched: deleted from "
            "OSM since, or outside the area fetched. Fetch the walk's cameras again.",
            errors={"osm_node_id": ["not a cached OSM camera"]},
        )
    holder = db.session.scalar(
        sa.select(Observation.uuid).where(
            Observation.group_id == row.group_id,
            Observation.osm_node_id == node_id,
            Observation.id != row.id,
            Observation.deleted.is_(False),
            Observation.merged_into_id.is_(None),
        )
    )
    if holder is not None:
        raise OsmNodeTaken(
            f"OSM node {node_id} is already the node of observation {holder}: if both are "
            "the same camera, merge them; otherwise choose another node.",
            errors={"osm_node_id": [f"already named by observation {holder}"]},
        )


def _may_name(row: Observation, node: OsmNode) -> bool:
    """Whether the organiser may give `row` this cached node: one near it (the card offers
    the nodes the matching finds within a few metres), or one her group is shown on its walk
    maps (`OsmNode.shown_to`). Not a node only another group's fetch brought, far from her
    survey: answered as unknown, or naming ids one by one would tell which places other
    groups fetched (server/osm/service.py `nodes_for_walk` keeps the same outline hidden)."""
    here, there = geo.to_lonlat(row.geom), geo.to_lonlat(node.geom)
    if distance_m(here.lat, here.lon, there.lat, there.lon) <= CHOICE_REACH_M:
        return True
    point = (there.lon, there.lat, there.lon, there.lat)
    return node.shown_to(group_loaded(db.session.get(Group, row.group_id), point))
