"""Approved observations of a walk or a group → osmChange, streamed from the database.

Two passes over the approved rows. The first reads only what matching needs (position, kind,
direction, link, presence) and hands it, with the cached OSM cameras of the area, to the pure
matcher (`sync.osm.matching.match_observations`: links first, then nearest pairs first over the
whole scope). The second streams the rows with `yield_per` through the pure planner
(`sync.osm.plan.plan_actions`) into the streaming writer. Memory follows the number of approved
observations times a small record plus the cached nodes of the area, never the full rows.

Choices made here:
- Nodes that a live observation of the scope is linked to but that is not approved yet stay out
  of distance matching, so an observation waiting for review never loses its node to a
  neighbour.
- A modify keeps the node where OSM has it: this version has no "moved by an organiser" mark,
  and a mapper's placement beats a phone's GPS fix.
- A delete needs an explicit link: an observation reported gone is never matched by distance,
  so camwalk never deletes a node nobody pointed at.
- A match that GPS cannot settle (another camera nearly as close) is still made, and named in
  the report as `ambiguous_match` so the organiser checks it before uploading.
"""

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import BinaryIO

from sqlalchemy import func, select

from server import geo
from server.extensions import db
from server.groups.models import Group, Walk
from server.observations.models import Observation
from server.osm.models import Export, OsmNode
from server.osm.service import WALK_MARGIN_M
from sync.osm import records
from sync.osm.matching import (
    DEFAULT_DIRECTION_TOLERANCE_DEG,
    DEFAULT_MAX_DISTANCE_M,
    SurveyPoint,
    match_observations,
)
from sync.osm.osmchange import MAX_ELEMENTS_PER_CHANGESET, write_osmchange, write_parts
from sync.osm.plan import Skipped, plan_actions

ROWS_PER_FETCH = 500


@dataclass(frozen=True)
class Scope:
    """What an export covers: one walk, or every walk of a group."""

    group_id: int
    walk_id: int | None
    place: str

    @classmethod
    def of_walk(cls, walk: Walk) -> "Scope":
        return cls(walk.group_id, walk.id, walk.name)

    @classmethod
    def of_group(cls, group: Group) -> "Scope":
        return cls(group.id, None, group.name)

    def where(self) -> list:
        """Live observations of the scope (any review status)."""
        clauses = [
            Observation.group_id == self.group_id,
            Observation.deleted.is_(False),
            Observation.merged_into_id.is_(None),
        ]
        if self.walk_id is not None:
            clauses.append(Observation.walk_id == self.walk_id)
        return clauses


@dataclass
class ExportResult:
    export_id: int | None = None
    counts: dict = field(default_factory=dict)
    skipped: list[dict] = field(default_factory=list)
    parts: int = 0

    def as_dict(self) -> dict:
        return {
            "export_id": self.export_id,
            "counts": self.counts,
            "skipped": self.skipped,
            "parts": self.parts,
        }


def approved_rows(scope: Scope) -> Iterator[Observation]:
    query = (
        select(Observation)
        .where(*scope.where(), Observation.review_status == "approved")
        .order_by(Observation.id)
        .execution_options(yield_per=ROWS_PER_FETCH)
    )
    yield from db.session.scalars(query)


def observation_record(observation: Observation) -> dict:
    """The observation in contract field names, as sync/osm expects it (no private fields)."""
    point = geo.to_lonlat(observation.geom)
    return {
        "id": observation.uuid,
        "position": {"lat": point.lat, "lon": point.lon},
        "kind": observation.kind,
        "surveillance": observation.surveillance,
        "camera_type": observation.camera_type,
        "mount": observation.mount,
        "direction": observation.direction,
        "zone": observation.zone,
        "operator": observation.operator,
        "height_m": observation.height_m,
        "manufacturer": observation.manufacturer,
        "model": observation.model,
        "surveyed_on": observation.surveyed_on,
        "presence": observation.presence,
        "review_status": observation.review_status,
        "osm_node_id": observation.osm_node_id,
    }


def node_record(node: OsmNode) -> records.OsmNode:
    point = geo.to_lonlat(node.geom)
    return records.OsmNode(
        node.osm_id, node.version, point.lat, point.lon, dict(node.tags), node.part_of_way
    )


@dataclass(frozen=True)
class Ambiguity:
    """An approved observation matched to one OSM camera while another was nearly as close."""

    observation: str
    osm_node_id: int
    distance_m: float
    other_osm_node_id: int
    other_distance_m: float

    def as_dict(self) -> dict:
        return {
            "observation": self.observation,
            "warning": "ambiguous_match",
            "osm_node_id": self.osm_node_id,
            "distance_m": round(self.distance_m, 2),
            "other_osm_node_id": self.other_osm_node_id,
            "other_distance_m": round(self.other_distance_m, 2),
        }


@dataclass
class ScopeMatching:
    """Which OSM node each approved observation of the scope changes."""

    nodes_by_id: dict[int, records.OsmNode]
    matched: dict[str, int]  # observation uuid → node id found by distance
    ambiguous: list[Ambiguity]


def match_scope(
    scope: Scope, *, max_distance_m: float | None = None, tolerance_deg: float | None = None
) -> ScopeMatching:
    """Run the pure matcher over the scope's approved observations and the area's cameras."""
    nodes = scope_nodes(scope)
    refs, points = [], []
    query = (
        select(
            Observation.uuid,
            Observation.geom,
            Observation.kind,
            Observation.direction,
            Observation.osm_node_id,
            Observation.presence,
        )
        .where(*scope.where(), Observation.review_status == "approved")
        .order_by(Observation.id)
        .execution_options(yield_per=ROWS_PER_FETCH)
    )
    for uuid, geom, kind, direction, osm_node_id, presence in db.session.execute(query):
        point = geo.to_lonlat(geom)
        refs.append(uuid)
        points.append(
            SurveyPoint(point.lat, point.lon, kind, direction, osm_node_id, presence == "gone")
        )
    matching = match_observations(
        points,
        nodes,
        max_distance_m=max_distance_m or DEFAULT_MAX_DISTANCE_M,
        direction_tolerance_deg=tolerance_deg or DEFAULT_DIRECTION_TOLERANCE_DEG,
    )
    matched, ambiguous = {}, []
    for match in matching.matches:
        if match.linked:
            continue
        matched[refs[match.observation]] = nodes[match.node].id
        if match.ambiguous:
            ambiguous.append(
                Ambiguity(
                    refs[match.observation],
                    nodes[match.node].id,
                    match.distance_m,
                    nodes[match.runner_up].id,
                    match.runner_up_distance_m,
                )
            )
    return ScopeMatching({node.id: node for node in nodes}, matched, ambiguous)


def scope_nodes(scope: Scope) -> list[records.OsmNode]:
    """The cached OSM cameras the scope may change: those its observations link to and those
    in its area, less the ones linked only by observations not approved yet."""
    linked_query = select(Observation.osm_node_id).where(
        *scope.where(), Observation.osm_node_id.is_not(None)
    )
    approved_links = set(
        db.session.scalars(linked_query.where(Observation.review_status == "approved"))
    )
    held_back = set(db.session.scalars(linked_query)) - approved_links
    nodes = {node.osm_id: node for node in db.session.scalars(
        select(OsmNode).where(OsmNode.osm_id.in_(linked_query))
    )}  # fmt: skip
    bbox = scope_bbox(scope)
    if bbox is not None:
        dialect = db.session.get_bind().dialect.name
        in_box = select(OsmNode).where(geo.within_bbox(dialect, OsmNode, *bbox))
        nodes.update((node.osm_id, node) for node in db.session.scalars(in_box))
    return [node_record(node) for osm_id, node in sorted(nodes.items()) if osm_id not in held_back]


def scope_bbox(scope: Scope):
    """The box of the scope's observations, widened so that nodes near the edge are seen."""
    west = south = float("inf")
    east = north = float("-inf")
    query = select(Observation.geom).where(*scope.where()).execution_options(yield_per=2000)
    for value in db.session.scalars(query):
        point = geo.to_lonlat(value)
        west, east = min(west, point.lon), max(east, point.lon)
        south, north = min(south, point.lat), max(north, point.lat)
    if west == float("inf"):
        return None
    return geo.bbox_of([(west, south), (east, north)], WALK_MARGIN_M)


def plan_scope(
    scope: Scope, skipped: list[Skipped], *, max_distance_m=None, tolerance_deg=None
) -> tuple[ScopeMatching, Iterator[records.Action]]:
    """The scope's matching, and its actions (a generator: what is left out goes to `skipped`
    as it runs)."""
    matching = match_scope(scope, max_distance_m=max_distance_m, tolerance_deg=tolerance_deg)
    observations = (observation_record(row) for row in approved_rows(scope))
    actions = plan_actions(observations, matching.nodes_by_id, skipped, matched=matching.matched)
    return matching, actions


def not_approved_count(scope: Scope) -> int:
    query = select(func.count()).where(*scope.where(), Observation.review_status != "approved")
    return db.session.scalar(query)


def export_osc(
    scope: Scope,
    open_part: Callable[[int], AbstractContextManager[BinaryIO]],
    *,
    member_id: int | None = None,
    max_elements: int = MAX_ELEMENTS_PER_CHANGESET,
    max_distance_m: float | None = None,
) -> ExportResult:
    """Write the scope's osmChange file(s) and record an Export row (commits)."""
    skipped: list[Skipped] = []
    matching, actions = plan_scope(scope, skipped, max_distance_m=max_distance_m)
    parts = write_parts(actions, open_part, max_elements=max_elements)
    if not parts:
        with open_part(0) as out:  # nothing to change is still a valid, empty osmChange
            write_osmchange(out, [])
    counts = {
        "created": sum(part.creates for part in parts),
        "modified": sum(part.modifies for part in parts),
        "deleted": sum(part.deletes for part in parts),
        "skipped": len(skipped),
        "not_approved": not_approved_count(scope),
        "ambiguous": len(matching.ambiguous),
    }
    report = [{"observation": item.ref, "reason": item.reason} for item in skipped]
    report += [item.as_dict() for item in matching.ambiguous]
    export = record_export(scope, "osc", counts, report, member_id)
    return ExportResult(export.id, counts, report, max(1, len(parts)))


def record_export(scope: Scope, kind: str, counts: dict, report: list, member_id) -> Export:
    export = Export(
        group_id=scope.group_id,
        walk_id=scope.walk_id,
        format=kind,
        created_by_id=member_id,
        counts=counts,
        report=report,
    )
    db.session.add(export)
    db.session.commit()
    return export


def short_report(result: ExportResult) -> str:
    counts = result.counts
    lines = [
        f"{counts['created']} created, {counts['modified']} modified, "
        f"{counts['deleted']} deleted, {counts['skipped']} skipped "
        f"({counts['not_approved']} not approved yet, not exported); {result.parts} file(s)"
    ]
    for item in result.skipped:
        if "reason" in item:
            lines.append(f"  skipped {item['observation']}: {item['reason']}")
        else:
            lines.append(
                f"  check {item['observation']}: matched OSM node {item['osm_node_id']} at "
                f"{item['distance_m']} m, but node {item['other_osm_node_id']} is at "
                f"{item['other_distance_m']} m"
            )
    return "\n".join(lines)
