"""Approved observations of a walk or a group → osmChange, streamed from the database.

Two passes over the approved rows. The first reads only what matching needs (position, kind,
direction, link, presence) and hands it, with the cached OSM cameras of the area, to the pure
matcher (`sync.osm.matching.match_observations`: links first, then nearest pairs first over the
whole scope). The second reads the rows again by primary key, 500 at a time in the order of
place, through the pure planner (`sync.osm.plan.plan_actions`) into the streaming writer. Rows
are Core rows and points are ST_X/ST_Y numbers: ORM objects and a WKB value per row cost more
than the export's own work. Memory follows the number of approved observations times a small
record (about 1 KB each at the peak, while matching) plus the cached nodes of the area and one
changeset part (10,000 actions), never the full rows.

Measured (bench/osm_server_export_bench.py, 100,000 observations, 10,000 cameras, a shared
2-core box): 7.7 s CPU on SpatiaLite, where it had taken 27 s (the second pass was quadratic:
through the group's index, see Scope.where), about 13,000 observations/s; pyosmium writes the
same nodes about 15 times as fast.

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
- The review card asks the same two passes what they would do (`review_plan`), with the
  observations under review taken as approved in their current state: a card never predicts
  with a rule the export does not run.
"""

from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import BinaryIO

from sqlalchemy import func, or_, select

from server import geo
from server.extensions import db
from server.groups.models import Group, Walk
from server.observations.models import Observation
from server.osm.models import Export, OsmNode, way_flag
from server.osm.service import WALK_MARGIN_M
from sync.geodesy import distance_m
from sync.order import camera_order_key
from sync.osm import records
from sync.osm.matching import (
    DEFAULT_DIRECTION_TOLERANCE_DEG,
    DEFAULT_MAX_DISTANCE_M,
    SurveyPoint,
    match_observations,
    survey_point,
)
from sync.osm.osmchange import MAX_ELEMENTS_PER_CHANGESET, write_osmchange, write_parts
from sync.osm.plan import Skipped, node_id_of, plan_actions

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

    def where(self, *, by_key: bool = False) -> list:
        """Live observations of the scope (any review status).

        `by_key`: for rows the query picks by primary key. The group and walk are then
        compared as expressions, which no index serves: without statistics SQLite took the
        group's index over a list of keys, and read the whole group for every batch."""
        group, walk = Observation.group_id, Observation.walk_id
        if by_key:
            group, walk = group + 0, walk + 0
        clauses = [
            group == self.group_id,
            Observation.deleted.is_(False),
            Observation.merged_into_id.is_(None),
        ]
        if self.walk_id is not None:
            clauses.append(walk == self.walk_id)
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


def scope_records(
    scope: Scope, matching: "ScopeMatching", overrides: Mapping[str, dict] | None = None
) -> Iterator[dict]:
    """The records sync/osm plans from, in the matching's order, read ROWS_PER_FETCH at a
    time: each live approved observation as approved (maybe edited since), or as in
    `overrides` (uuid → field values taken as approved).

    Rows are fetched by primary key (see Scope.where): through the group's index, SQLite read
    every row of the group once per batch, which made a 100,000-observation export quadratic."""
    overrides = overrides or {}
    order, row_ids = matching.order, matching.row_ids
    for start in range(0, len(order), ROWS_PER_FETCH):
        query = select(Observation.id, Observation.approved).where(
            *scope.where(by_key=True), Observation.id.in_(row_ids[start : start + ROWS_PER_FETCH])
        )
        values = dict(db.session.connection().execute(query).all())
        for uuid, row_id in zip(order[start : start + ROWS_PER_FETCH],
                                row_ids[start : start + ROWS_PER_FETCH], strict=True):  # fmt: skip
            approved = overrides[uuid] if uuid in overrides else values.get(row_id)
            if approved is not None:
                yield approved_record(uuid, approved)


def observation_record(observation: Observation) -> dict:
    """The observation as an organiser approved it, in contract field names, as sync/osm
    expects it (no private fields). A walker's edit waiting for review is not in it."""
    return approved_record(observation.uuid, observation.approved)


def approved_record(uuid: str, approved: dict | None) -> dict:
    return osm_record(uuid, approved or {}, "approved" if approved is not None else "pending")


def osm_record(uuid: str, values: dict, review_status: str) -> dict:
    """Field values (engine normal form) in the shape sync/osm reads."""
    position = values.get("position") or {}
    return {
        "id": uuid,
        "position": {"lat": position.get("lat"), "lon": position.get("lon")},
        **dict(zip(OSM_FIELDS, map(values.get, OSM_FIELDS), strict=True)),
        "presence": values.get("presence") or "present",
        "review_status": review_status,
    }


# The approved fields the OSM export reads (sync/osm/tags.py maps them to tags; matching
# reads the link and the organiser's "new camera").
OSM_FIELDS = (
    "kind", "surveillance", "camera_type", "mount", "direction", "zone", "operator",
    "height_m", "manufacturer", "model", "surveyed_on", "osm_node_id", "osm_new",
)  # fmt: skip


def _node_records(*where) -> Iterator[records.OsmNode]:
    """The cached nodes that meet `where` as sync/osm reads them, from plain columns (no ORM
    object, no WKB to parse): a scope may hold thousands of cameras."""
    lon, lat = geo.lonlat_columns(OsmNode.geom)
    query = select(
        OsmNode.osm_id, OsmNode.version, lat, lon, OsmNode.tags, OsmNode.on_way,
        OsmNode.vertex_known,
    ).where(*where)  # fmt: skip
    for osm_id, version, lat, lon, tags, on_way, known in db.session.connection().execute(query):
        yield records.OsmNode(
            osm_id, version, geo.rounded(lat), geo.rounded(lon), dict(tags),
            way_flag(on_way, known),
        )  # fmt: skip


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
    # Observation uuids by place (sync.order): the osmChange's placeholders follow it, so the
    # ids OSM gives the new nodes never retrace the order in which a walker logged them.
    order: list[str]
    row_ids: list[int]  # the observations' primary keys, in `order`
    points: dict[str, SurveyPoint] = field(default_factory=dict)
    # uuid → (node id, metres) of the compatible cameras in range, nearest first (absent: none)
    candidates: dict[str, list[tuple[int, float]]] = field(default_factory=dict)


def match_scope(
    scope: Scope,
    *,
    max_distance_m: float | None = None,
    tolerance_deg: float | None = None,
    overrides: Mapping[str, dict] | None = None,
) -> ScopeMatching:
    """Run the pure matcher over the scope's approved observations (those in `overrides`
    with the values given there) and the area's cameras."""
    overrides = overrides or {}
    refs, row_ids, points = [], [], []
    query = (
        select(Observation.id, Observation.uuid, Observation.approved)
        .where(
            *scope.where(),
            or_(Observation.approved.is_not(None), Observation.uuid.in_(list(overrides))),
        )
        .order_by(Observation.id)
        .execution_options(yield_per=ROWS_PER_FETCH)
    )
    # Core rows, streamed (a server-side cursor on PostgreSQL): ORM rows cost more than this
    # loop's own work, and a scope's rows never have to be in memory at once.
    for row_id, uuid, approved in db.session.connection().execute(query):
        refs.append(uuid)
        row_ids.append(row_id)
        points.append(survey_point(approved_record(uuid, overrides.get(uuid, approved))))
    approved_links = {point.osm_node_id for point in points if point.osm_node_id is not None}
    nodes = scope_nodes(scope, approved_links)
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
    order = sorted(
        range(len(refs)), key=lambda i: camera_order_key(points[i].lon, points[i].lat, refs[i])
    )
    nodes_by_id = {node.id: node for node in nodes}
    candidates = {  # most observations have none: no empty list for each
        refs[index]: [(nodes[pair.node].id, pair.distance_m) for pair in near]
        for index, near in matching.candidates.items()
        if near
    }
    return ScopeMatching(
        nodes_by_id,
        matched,
        ambiguous,
        [refs[i] for i in order],
        [row_ids[i] for i in order],
        dict(zip(refs, points, strict=True)),
        candidates,
    )


def scope_nodes(scope: Scope, approved_links: set[int]) -> list[records.OsmNode]:
    """The cached OSM cameras the scope may change: those its approved observations link to
    and those in its area, less the ones linked only by observations not approved yet."""
    linked_query = select(Observation.osm_node_id).where(
        *scope.where(), Observation.osm_node_id.is_not(None)
    )
    held_back = set(db.session.scalars(linked_query)) - approved_links
    # Real cameras, and the demo group's own made-up ones: never another group's demo cameras.
    visible = OsmNode.seen_by(scope.group_id)
    nodes = {node.id: node for node in _node_records(OsmNode.osm_id.in_(linked_query), visible)}
    # An approved link a walker has changed since (waiting for review) is not in the column.
    missing = approved_links - nodes.keys()
    if missing:
        nodes.update(
            (node.id, node) for node in _node_records(OsmNode.osm_id.in_(missing), visible)
        )
    bbox = scope_bbox(scope)
    if bbox is not None:
        dialect = db.session.get_bind().dialect.name
        in_box = geo.within_bbox(dialect, OsmNode, *bbox)
        nodes.update((node.id, node) for node in _node_records(in_box, visible))
    return [node for osm_id, node in sorted(nodes.items()) if osm_id not in held_back]


def scope_bbox(scope: Scope):
    """The box of the scope's observations, widened so that nodes near the edge are seen."""
    lon, lat = geo.lonlat_columns(Observation.geom)
    query = select(func.min(lon), func.min(lat), func.max(lon), func.max(lat))
    west, south, east, north = db.session.execute(query.where(*scope.where())).one()
    if west is None:
        return None
    # Rounded as each point is read elsewhere (rounding keeps the order, so min/max agree).
    corners = [(geo.rounded(west), geo.rounded(south)), (geo.rounded(east), geo.rounded(north))]
    return geo.bbox_of(corners, WALK_MARGIN_M)


def plan_scope(
    scope: Scope,
    skipped: list[Skipped],
    *,
    max_distance_m=None,
    tolerance_deg=None,
    overrides: Mapping[str, dict] | None = None,
) -> tuple[ScopeMatching, Iterator[records.Action]]:
    """The scope's matching, and its actions (a generator: what is left out goes to `skipped`
    as it runs). `overrides`: uuid → field values to take as approved (the review card's
    "what if approved"); the export and upload pass none."""
    matching = match_scope(
        scope, max_distance_m=max_distance_m, tolerance_deg=tolerance_deg, overrides=overrides
    )
    observations = scope_records(scope, matching, overrides)
    actions = plan_actions(observations, matching.nodes_by_id, skipped, matched=matching.matched)
    return matching, actions


@dataclass(frozen=True)
class PlannedChange:
    """What the export does with one observation, for the review card."""

    action: str  # create, modify, delete, or nothing (then `reason` says why)
    reason: str | None
    node: records.OsmNode | None  # the OSM node it changes (or would, for nothing)
    distance_m: float | None
    chosen_by: str | None  # link (osm_node_id), distance, new_camera, or None: no node
    ambiguous_with: int | None
    candidates: list[tuple[records.OsmNode, float, str | None]]  # node, metres, taken by


def review_plan(scope: Scope, overrides: Mapping[str, dict], wanted) -> dict[str, PlannedChange]:
    """For each uuid in `wanted`, what `plan_scope` makes of it, the observations in
    `overrides` taken as approved in the values given (uuid → fields)."""
    skipped: list[Skipped] = []
    matching, planned = plan_scope(scope, skipped, overrides=overrides)
    actions = {action.ref: action for action in planned}
    reasons = {item.ref: item.reason for item in skipped}
    runner_up = {item.observation: item.other_osm_node_id for item in matching.ambiguous}
    holder = {}  # node id → the observation the plan gives it to: the first in order
    for uuid in matching.order:
        holder.setdefault(_node_id(matching, uuid), uuid)
    found = {}
    for uuid in wanted:
        point = matching.points.get(uuid)
        if point is None:
            continue
        node = matching.nodes_by_id.get(_node_id(matching, uuid))
        action = actions.get(uuid)
        found[uuid] = PlannedChange(
            action=_ACTION_NAMES[type(action)] if action is not None else "nothing",
            reason=reasons.get(uuid),
            node=node,
            distance_m=distance_m(point.lat, point.lon, node.lat, node.lon) if node else None,
            chosen_by=_chosen_by(point, uuid in matching.matched),
            ambiguous_with=runner_up.get(uuid),
            candidates=[
                (matching.nodes_by_id[other], metres, _other(holder.get(other), uuid))
                for other, metres in matching.candidates.get(uuid, [])
            ],
        )
    return found


_ACTION_NAMES = {records.Create: "create", records.Modify: "modify", records.Delete: "delete"}


def _node_id(matching: ScopeMatching, uuid: str) -> int | None:
    link = matching.points[uuid].osm_node_id
    return node_id_of({"id": uuid, "osm_node_id": link}, matching.matched)


def _other(holder: str | None, uuid: str) -> str | None:
    return holder if holder != uuid else None


def _chosen_by(point: SurveyPoint, matched: bool) -> str | None:
    if point.osm_node_id is not None:
        return "link"
    if point.new:
        return "new_camera"
    return "distance" if matched else None


def not_approved_count(scope: Scope) -> int:
    query = select(func.count()).where(*scope.where(), Observation.approved.is_(None))
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
