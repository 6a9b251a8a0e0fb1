"""Approved observations of a walk or a group → osmChange, streamed from the database.

Rows are read with `yield_per`, turned one at a time into actions by sync/osm/plan.py and
written by the streaming writer, so memory follows the cached OSM nodes of the area (a few
thousand at most), not the number of observations.

Choices made here:
- Matching is greedy in observation order (nearest compatible free node within the distance,
  via sync/osm/matching.py's grid), because the global nearest-pairs-first matcher needs every
  observation in memory. Nodes an observation is explicitly linked to (`osm_node_id`) are kept
  out of distance matching, so a linked observation can never lose its node to a neighbour.
- A modify keeps the node where OSM has it: this version has no "moved by an organiser" mark,
  and a mapper's placement beats a phone's GPS fix.
- A delete needs an explicit link: an observation reported gone is never matched by distance,
  so camwalk never deletes a node nobody pointed at.
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
    CameraGrid,
    SurveyPoint,
    compatible,
    haversine_m,
)
from sync.osm.osmchange import MAX_ELEMENTS_PER_CHANGESET, write_osmchange, write_parts
from sync.osm.plan import NotExported, Skipped, plan_action
from sync.osm.reapply import SurveyRefused
from sync.osm.tags import TagError

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


class NodeIndex:
    """Cached OSM cameras of the scope's area, matched greedily, each node used once."""

    def __init__(self, nodes, linked: set[int], max_distance_m: float, tolerance_deg: float):
        self.by_id = {node.id: node for node in nodes}
        self._free = [node for node in nodes if node.id not in linked]
        self._grid = CameraGrid(self._free, max_distance_m)
        self._max = max_distance_m
        self._tolerance = tolerance_deg
        self._taken: set[int] = set()

    def node_for(self, record: dict) -> records.OsmNode | None:
        if record["osm_node_id"] is not None:
            return self.by_id.get(record["osm_node_id"])
        if record["presence"] == "gone":
            return None
        position = record["position"]
        point = SurveyPoint(position["lat"], position["lon"], record["kind"], record["direction"])
        best = None
        for index in self._grid.near(point.lat, point.lon):
            node = self._free[index]
            if node.id in self._taken or not compatible(point, node.tags, self._tolerance):
                continue
            distance = haversine_m(point.lat, point.lon, node.lat, node.lon)
            if distance <= self._max and (best is None or (distance, node.id) < best[:2]):
                best = (distance, node.id, node)
        if best is None:
            return None
        self._taken.add(best[1])
        return best[2]


def node_index(scope: Scope, max_distance_m: float, tolerance_deg: float) -> NodeIndex:
    linked_query = select(Observation.osm_node_id).where(
        *scope.where(), Observation.osm_node_id.is_not(None)
    )
    linked = set(db.session.scalars(linked_query))
    nodes = {node.osm_id: node for node in db.session.scalars(
        select(OsmNode).where(OsmNode.osm_id.in_(linked_query), OsmNode.seen_by(scope.group_id))
    )}  # fmt: skip
    bbox = scope_bbox(scope)
    if bbox is not None:
        dialect = db.session.get_bind().dialect.name
        in_box = select(OsmNode).where(
            geo.within_bbox(dialect, OsmNode, *bbox), OsmNode.seen_by(scope.group_id)
        )
        nodes.update((node.osm_id, node) for node in db.session.scalars(in_box))
    records_ = [node_record(node) for node in nodes.values()]
    return NodeIndex(records_, linked, max_distance_m, tolerance_deg)


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


def plan_scope(scope: Scope, skipped: list[Skipped], *, max_distance_m=None, tolerance_deg=None):
    """The actions of the scope's approved observations; what is left out goes to `skipped`."""
    index = node_index(
        scope,
        max_distance_m or DEFAULT_MAX_DISTANCE_M,
        tolerance_deg or DEFAULT_DIRECTION_TOLERANCE_DEG,
    )
    changed: dict[int, str] = {}
    for observation in approved_rows(scope):
        record = observation_record(observation)
        node = index.node_for(record)
        try:
            if node is not None and node.id in changed:
                raise NotExported(
                    f"OSM node {node.id} is already changed by observation {changed[node.id]}: "
                    "merge the duplicates"
                )
            action = plan_action(record, node)
        except (NotExported, TagError, SurveyRefused) as reason:
            skipped.append(Skipped(record["id"], str(reason)))
            continue
        if node is not None:
            changed[node.id] = record["id"]
        yield action


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
    actions = plan_scope(scope, skipped, max_distance_m=max_distance_m)
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
    }
    report = [{"observation": item.ref, "reason": item.reason} for item in skipped]
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
    lines += [f"  skipped {item['observation']}: {item['reason']}" for item in result.skipped]
    return "\n".join(lines)
