"""Approved observations of a walk or a group → osmChange, streamed from the database.

The cached OSM cameras of the scope's area are read once. Then two passes over the approved
rows. The first decodes each copy (orjson, `read_copy`) and keeps only the observations
matching can concern: those linked to a node and those within reach of one of the area's
cached OSM cameras (`sync.osm.matching.may_reach`); the pure matcher (`match_observations`:
links first, then nearest pairs first) runs over those, which gives the matches of the whole
scope. The second reads the rows in place order from the index on observation.approved_place (the
Hilbert cell of the approved position, see sync/order.py), decodes each once and streams them
through the pure planner (`sync.osm.plan.plan_actions`) into the writer. Rows are Core rows.
Memory follows the cached cameras of the area (and the observations within their reach), plus
one changeset part (10,000 actions): not the number of observations.

Measured (bench/osm_server_export_bench.py, 100,000 observations, 10,000 cameras, a 2-core
box): the figures are in docs/capacity.md. The bench's cameras grow with it (one per ten
observations, one per 900 m²), and the reach cells of so dense a set cover most of the area:
some 58 % of the observations were still handed to the matcher, which is what still grows.

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

import contextlib
import heapq
import json
import queue
import threading
from collections.abc import Callable, Container, Iterator, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import BinaryIO

import orjson
import sqlalchemy as sa
from sqlalchemy import func, or_, select

from server import collector, geo
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
    may_reach,
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

    def read_through(self, query):
        """`query`, which reads all the scope's rows, in the order SQLite reads a whole group
        fastest: through the (group_id, seq) index, whose entries follow the table. It would
        pick (group_id, approved_place) and fetch the rows in place order, scattered over the
        file: three times slower (bench/osm_server_export_bench.py). A walk's rows come by
        its own index."""
        if self.walk_id is not None:
            return query
        return query.with_hint(Observation, "INDEXED BY ix_observation_group_id_seq", "sqlite")


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
    """The records sync/osm plans from, in place order (sync.order.camera_order_key): each live
    approved observation as approved (maybe edited since), or as in `overrides` (uuid → field
    values taken as approved).

    The database hands the rows over already ordered by their place cell (the indexed
    observation.approved_place), ROWS_PER_FETCH at a time, and each row's JSON is read once:
    only the few rows of one cell are sorted here, so memory stays flat whatever the size of
    the group. Rows whose key the database does not hold (those in `overrides`, and any
    approved copy written without the ORM) are sorted in memory and merged in."""
    overrides = overrides or {}
    query = (
        select(Observation.uuid, Observation.approved_place, _COPY_TEXT)
        .where(
            *scope.where(),
            Observation.approved.is_not(None),
            Observation.approved_place.is_not(None),
        )
        .order_by(Observation.approved_place)
        .execution_options(yield_per=ROWS_PER_FETCH)
    )
    if overrides:
        query = query.where(Observation.uuid.not_in(list(overrides)))
    stored = _in_cell_order(read_ahead(query))
    apart = sorted(
        (_order_key(record), record) for record in _records_apart(scope, matching, overrides)
    )
    ordered = heapq.merge(stored, apart, key=_first) if apart else stored
    for _, record in ordered:
        yield record


def read_ahead(query) -> Iterator[tuple]:
    """The rows of `query` (with yield_per), the next ROWS_PER_FETCH read by a thread while
    the caller works on these.

    Fetching a batch waits on the database (PostgreSQL's server, SQLite's page reads) with
    the GIL released: done in turn with the export's Python, those waits added 0.6-0.9 s to
    100,000 observations on PostGIS. The thread owns the result until it ends; the session's
    connection is not used meanwhile (the passes run no other statement). At most two batches
    wait, so memory stays flat; if the caller stops early the thread stops at its next batch."""
    batches: queue.Queue = queue.Queue(maxsize=2)
    stop = threading.Event()
    result = db.session.connection().execute(query)

    def read() -> None:
        try:
            for batch in result.partitions():
                while not stop.is_set():
                    try:
                        batches.put(batch, timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    break
            batches.put(None)
        except BaseException as error:  # handed to the caller, raised there
            batches.put(error)
        finally:
            result.close()

    reader = threading.Thread(target=read, name="export-read-ahead", daemon=True)
    reader.start()
    try:
        while (batch := batches.get()) is not None:
            if isinstance(batch, BaseException):
                raise batch
            yield from batch
    finally:
        stop.set()
        while reader.is_alive():  # free a reader blocked on a full queue
            with contextlib.suppress(queue.Empty):
                batches.get(timeout=0.1)
        reader.join()


def _first(pair: tuple) -> tuple:
    return pair[0]


def _order_key(record: dict) -> tuple:
    position = record["position"]
    return camera_order_key(position["lon"], position["lat"], record["id"])


def _in_cell_order(rows) -> Iterator[tuple[tuple, dict]]:
    """(order key, record) for rows ordered by place cell: each cell's rows sorted by the
    rest of the key (exact position, then uuid). The cell is the one the database holds, so
    the Hilbert index is not worked out again for each row."""
    cell, waiting = None, []
    for uuid, place, approved in rows:
        if place != cell:
            if waiting:
                yield from sorted(waiting, key=_first)
            cell, waiting = place, []
        record = approved_record(uuid, read_copy(approved))
        position = record["position"]
        waiting.append((camera_order_key(position["lon"], position["lat"], uuid, place), record))
    if waiting:
        yield from sorted(waiting, key=_first)


# The approved copy as the database stores it (JSON text), for read_copy to decode.
_COPY_TEXT = sa.cast(Observation.approved, sa.Text)


def read_copy(text: str) -> dict:
    """An approved copy from its stored text, decoded by orjson: about three times faster
    than json.loads, and the export decodes every copy of the group. The result is the same:
    a copy holds only the fields sync/fields.py checked, whose integers fit in 64 bits (orjson
    reads a longer one as a float) and whose numbers are finite; what orjson still refuses
    (a lone surrogate that json.dumps escaped) is left to json.loads."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


def _records_apart(scope: Scope, matching: "ScopeMatching", overrides) -> Iterator[dict]:
    """The records whose place the database does not hold: overridden ones, and approved
    copies written without their key."""
    for uuid in matching.overridden:
        yield approved_record(uuid, overrides[uuid])
    query = select(Observation.uuid, Observation.approved).where(
        *scope.where(),
        Observation.approved.is_not(None),
        Observation.approved_place.is_(None),
    )
    if overrides:
        query = query.where(Observation.uuid.not_in(list(overrides)))
    for uuid, approved in db.session.connection().execute(query):
        yield approved_record(uuid, approved)


def observation_record(observation: Observation) -> dict:
    """The observation as an organiser approved it, in contract field names, as sync/osm
    expects it (no private fields). A walker's edit waiting for review is not in it."""
    return approved_record(observation.uuid, observation.approved)


def approved_record(uuid: str, approved: dict | None) -> dict:
    return osm_record(uuid, approved or {}, "approved" if approved is not None else "pending")


def osm_record(uuid: str, values: dict, review_status: str) -> dict:
    """Field values (engine normal form) in the shape sync/osm reads."""
    # One dict filled in place, not two merged: an export makes one per approved observation.
    record = dict(zip(OSM_FIELDS, map(values.get, OSM_FIELDS), strict=True))
    position = values.get("position") or {}
    record["id"] = uuid
    record["position"] = {"lat": position.get("lat"), "lon": position.get("lon")}
    record["presence"] = values.get("presence") or "present"
    record["review_status"] = review_status
    return record


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
    # What matching looked at: the observations linked to a node, those within reach of one,
    # and those the caller asked to keep (the review card's); never all of a large export.
    points: dict[str, SurveyPoint] = field(default_factory=dict)
    # uuid → (node id, metres) of the compatible cameras in range, nearest first (absent: none)
    candidates: dict[str, list[tuple[int, float]]] = field(default_factory=dict)
    overridden: list[str] = field(default_factory=list)  # live uuids of the scope's overrides


def match_scope(
    scope: Scope,
    *,
    max_distance_m: float | None = None,
    tolerance_deg: float | None = None,
    overrides: Mapping[str, dict] | None = None,
    keep: Container[str] = frozenset(),
) -> ScopeMatching:
    """Run the pure matcher over the scope's approved observations (those in `overrides`
    with the values given there) and the area's cameras.

    Only the observations that can take part are handed to it (sync.osm.matching.may_reach),
    in the order of their primary key as before, so the matches are those of the whole scope
    while memory follows the cameras of the area, not the observations."""
    overrides = overrides or {}
    max_distance_m = max_distance_m or DEFAULT_MAX_DISTANCE_M
    cameras = _ScopeCameras.read(scope)
    while True:
        reach = may_reach(list(cameras.nodes.values()), max_distance_m)
        refs, points, overridden = _points_in_reach(scope, overrides, reach, keep)
        approved_links = {point.osm_node_id for point in points if point.osm_node_id is not None}
        # A link only the approved copy holds (a walker changed it since) may add a camera,
        # and then the reading is done again with it.
        if not cameras.add_links(approved_links):
            break
    nodes = cameras.final(approved_links)
    matching = match_observations(
        points,
        nodes,
        max_distance_m=max_distance_m,
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
    candidates = {  # most observations have none: no empty list for each
        refs[index]: [(nodes[pair.node].id, pair.distance_m) for pair in near]
        for index, near in matching.candidates.items()
        if near
    }
    nodes_by_id = {node.id: node for node in nodes}
    points_by_uuid = dict(zip(refs, points, strict=True))
    return ScopeMatching(nodes_by_id, matched, ambiguous, points_by_uuid, candidates, overridden)


def _points_in_reach(scope: Scope, overrides: Mapping[str, dict], reach, keep):
    """(uuids, SurveyPoints, overridden uuids) of the approved observations that are linked,
    within reach of a camera, or in `keep`, in the order of their primary key (the matcher's
    ties follow it).

    Every copy is decoded here to be tested (read_copy): asking the database for the position
    and link instead made it parse each copy three times (PostgreSQL's json type keeps no
    parsed form), and the rows were decoded again by SQLAlchemy. No ORDER BY: SQLite would
    sort the whole group in a temporary tree; the kept rows are sorted here instead."""
    kept, overridden = [], []
    approved = Observation.approved
    query = (
        select(Observation.id, Observation.uuid, _COPY_TEXT)
        .where(*scope.where(), or_(approved.is_not(None), Observation.uuid.in_(list(overrides))))
        .execution_options(yield_per=ROWS_PER_FETCH)
    )
    for row_id, uuid, text in read_ahead(scope.read_through(query)):
        if uuid in overrides:
            overridden.append(uuid)
            values = overrides[uuid]
        elif (values := read_copy(text)).get("osm_node_id") is None and uuid not in keep:
            position = values.get("position") or {}
            lat, lon = position.get("lat"), position.get("lon")
            if lat is None or lon is None or not reach(lat, lon):
                continue
        kept.append((row_id, uuid, survey_point(approved_record(uuid, values))))
    kept.sort(key=_first)
    return [uuid for _, uuid, _ in kept], [point for _, _, point in kept], overridden


class _ScopeCameras:
    """The cached OSM cameras a scope may change, read once per export: those the scope's
    observations link to (the column: a walker's latest link) and those in its area, plus
    those only an approved copy links to, added as the matching finds them."""

    def __init__(self, scope: Scope, column_links: set[int], nodes: dict):
        self.column_links = column_links
        self.nodes = nodes
        # Real cameras, and the demo group's own made-up ones: never another group's.
        self._visible = OsmNode.seen_by(scope.group_id)

    @classmethod
    def read(cls, scope: Scope) -> "_ScopeCameras":
        # Few observations are linked: SQLite reads them by the link's index, not the group's.
        linked_query = (
            select(Observation.osm_node_id)
            .where(*scope.where(), Observation.osm_node_id.is_not(None))
            .with_hint(Observation, "INDEXED BY ix_observation_osm_node_id", "sqlite")
        )
        cameras = cls(scope, set(db.session.scalars(linked_query)), {})
        cameras._read(OsmNode.osm_id.in_(linked_query))
        bbox = scope_bbox(scope)
        if bbox is not None:
            dialect = db.session.get_bind().dialect.name
            cameras._read(geo.within_bbox(dialect, OsmNode, *bbox))
        return cameras

    def _read(self, where) -> bool:
        before = len(self.nodes)
        self.nodes.update((node.id, node) for node in _node_records(where, self._visible))
        return len(self.nodes) > before

    def add_links(self, approved_links: set[int]) -> bool:
        """Reads the cameras of `approved_links` not read yet; whether there were any."""
        missing = approved_links - self.nodes.keys()
        return bool(missing) and self._read(OsmNode.osm_id.in_(missing))

    def final(self, approved_links: set[int]) -> list[records.OsmNode]:
        """The cameras in id order, less those linked only by observations not approved yet
        (an observation waiting for review never loses its node to a neighbour)."""
        held = self.column_links - approved_links
        return [node for osm_id, node in sorted(self.nodes.items()) if osm_id not in held]


def scope_bbox(scope: Scope):
    """The box of the scope's observations, widened so that nodes near the edge are seen."""
    lon, lat = geo.lonlat_columns(Observation.geom)
    query = select(func.min(lon), func.min(lat), func.max(lon), func.max(lat))
    query = scope.read_through(query.where(*scope.where()))
    west, south, east, north = db.session.execute(query).one()
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
    keep: Container[str] = frozenset(),
) -> tuple[ScopeMatching, Iterator[records.Action]]:
    """The scope's matching, and its actions (a generator: what is left out goes to `skipped`
    as it runs). `overrides`: uuid → field values to take as approved (the review card's
    "what if approved"); the export and upload pass none."""
    matching = match_scope(
        scope,
        max_distance_m=max_distance_m,
        tolerance_deg=tolerance_deg,
        overrides=overrides,
        keep=keep,
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
    wanted = list(wanted)
    matching, planned = plan_scope(scope, skipped, overrides=overrides, keep=set(wanted))
    actions = {action.ref: action for action in planned}
    reasons = {item.ref: item.reason for item in skipped}
    runner_up = {item.observation: item.other_osm_node_id for item in matching.ambiguous}
    holder = {}  # node id → the observation the plan gives it to: the first in order
    # Any observation with a node is linked or within reach, so among matching's points.
    for uuid in sorted(matching.points, key=lambda uuid: _point_order(matching, uuid)):
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


def _point_order(matching: ScopeMatching, uuid: str) -> tuple:
    point = matching.points[uuid]
    return camera_order_key(point.lon, point.lat, uuid)


def _other(holder: str | None, uuid: str) -> str | None:
    return holder if holder != uuid else None


def _chosen_by(point: SurveyPoint, matched: bool) -> str | None:
    if point.osm_node_id is not None:
        return "link"
    if point.new:
        return "new_camera"
    return "distance" if matched else None


def not_approved_count(scope: Scope) -> int:
    # Nothing approved, no place: the test of the place's index, then of the few rows left.
    query = select(func.count()).where(
        *scope.where(), Observation.approved_place.is_(None), Observation.approved.is_(None)
    )
    return db.session.scalar(query)


def export_osc(
    scope: Scope,
    open_part: Callable[[int], AbstractContextManager[BinaryIO]],
    *,
    member_id: int | None = None,
    max_elements: int = MAX_ELEMENTS_PER_CHANGESET,
    max_distance_m: float | None = None,
) -> ExportResult:
    """Write the scope's osmChange file(s) and record an Export row (commits).

    The cycle collector is paused meanwhile (server/collector.py): the matching's cameras and
    points live until the last node is written, and the collector's full passes walked them
    again and again as the stream allocated its records, for nothing (a record, an action, a
    row make no cycle; reference counting frees them). A third of the export's CPU at 100,000
    observations (bench/osm_server_export_bench.py)."""
    skipped: list[Skipped] = []
    with collector.paused():
        matching, actions = plan_scope(scope, skipped, max_distance_m=max_distance_m)
        parts = write_parts(actions, open_part, max_elements=max_elements, placeholders=False)
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
