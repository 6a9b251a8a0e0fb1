"""Approved observations of a walk or a group → osmChange, streamed from the database.

The cached OSM cameras of the scope's area are read once. Then two passes over the approved
rows, both in place order from the index on observation.approved_place (the Hilbert cell of
the approved position, see sync/order.py); each decodes every copy once (orjson, `read_copy`).
The first hands the observations matching can concern (linked to a node, or within reach of
one of the area's cameras) to `sync.osm.areas.AreaMatcher`, which matches them area by area
(links first, then nearest pairs first, as `match_observations` does over a whole set) and
lets an area's observations go once the stream is past it. The second streams the rows
through the pure planner (`sync.osm.plan.plan_actions`) into the writer. Rows are Core rows.
Memory follows the cached cameras of the area, plus the observations of the areas still
open and one changeset part (10,000 actions): not the number of observations.

Measured (bench/osm_server_export_bench.py, 100,000 observations, a 2-core box): the figures
are in docs/capacity.md.

Choices made here:
- Nodes that a live observation of the scope is linked to but that is not approved yet stay out
  of distance matching, so an observation waiting for review never loses its node to a
  neighbour.
- A modify keeps the node where OSM has it: this version has no "moved by an organiser" mark,
  and a mapper's placement beats a phone's GPS fix.
- A delete needs an explicit link: an observation reported gone is never matched by distance,
  so camwalk never deletes a node nobody pointed at.
- A match that GPS cannot settle (another camera nearly as close) is still made, and named in
  the report as `ambiguous_match` so the organiser checks it before uploading. So is a match
  by distance to a node whose camera type or mount says otherwise (`disagreeing_match`):
  walkers misjudge domes, and refusing it would map the camera twice.
- A camera logged beside one a mapper marked as no longer in use is created, never matched
  to it by distance (sync/osm/matching.py), and named in the report as `disused_nearby` if
  the file creates it (`PlanChecks`): the organiser checks it is not that device found
  again before uploading. A survey a person linked to such a node keeps its lifecycle tag,
  and the report says so (`disused_node`).
- A camera created within 5 m (sync.osm.matching.BESIDE_M) of a compatible one another
  survey of the plan has (matched or linked) is named as `taken_nearby` if the file creates
  it: the same camera logged twice, or a second one on that pole. A survey's modify that
  keeps a mapper's tag its value denies (`revolving=yes` beside `camera:type=fixed`) is
  named as `contradicted_tag`.
- A new camera is planned only inside a box whose OSM cameras were loaded for the scope's
  walks, the matching distance inside its edge (sync/osm/loaded.py): elsewhere the matching
  could not have seen the camera OSM may already have there.
- The review card asks the same two passes what they would do (`review_plan`), with the
  observations under review taken as approved in their current state: a card never predicts
  with a rule the export does not run. The walk summary asks the first pass alone which node
  each camera gets (`planned_nodes`), by the card's rule (`_node_id`).
"""

import contextlib
import heapq
import queue
import threading
from collections.abc import Callable, Container, Iterable, Iterator, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import BinaryIO

import sqlalchemy as sa
from sqlalchemy import func, select

from server import collector, geo
from server.extensions import db
from server.groups.models import Group, Walk
from server.observations.models import APPROVED_TEXT, Observation, read_copy
from server.osm.models import Export, OsmNode, member_of, way_flag
from server.osm.service import WALK_MARGIN_M
from server.sql import IDS_PER_STATEMENT, among, in_batches
from server.types import utcnow
from sync.geodesy import distance_m
from sync.order import camera_order_key
from sync.osm import records
from sync.osm.areas import AreaMatcher
from sync.osm.loaded import hold_unloaded
from sync.osm.matching import (
    BESIDE_M,
    DEFAULT_DIRECTION_TOLERANCE_DEG,
    DEFAULT_MAX_DISTANCE_M,
    SurveyPoint,
    by_distance,
    survey_point,
)
from sync.osm.osmchange import MAX_ELEMENTS_PER_CHANGESET, write_osmchange, write_parts
from sync.osm.plan import (
    Skipped,
    camera_removed,
    contradicting,
    kept_out_of_use,
    node_id_of,
    plan_actions,
)

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
    scope: Scope,
    overrides: Mapping[str, dict] | None = None,
    *,
    only: Container[str] | None = None,
) -> Iterator[dict]:
    """The records sync/osm plans from, in place order (sync.order.camera_order_key): each live
    approved observation as approved (maybe edited since), or as in `overrides` (uuid → field
    values taken as approved); if `only` is given, those whose uuid it holds, the others not
    even decoded.

    The database hands the rows over already ordered by their place cell (the indexed
    observation.approved_place), ROWS_PER_FETCH at a time, and each row's JSON is read once:
    only the few rows of one cell are sorted here, so memory stays flat whatever the size of
    the group. Rows whose key the database does not hold (those in `overrides`, and any
    approved copy written without the ORM) are sorted in memory and merged in."""
    overrides = overrides or {}
    placed, apart_rows = _placed(scope, overrides), _rows_apart(scope, overrides)
    if only is not None:  # the review card's: a whole export checks nothing row by row
        placed = (row for row in placed if row[1] in only)
        apart_rows = (row for row in apart_rows if row[1] in only)
    stored = _in_cell_order(placed)
    records_apart = (approved_record(uuid, values) for _, uuid, values in apart_rows)
    apart = sorted((_order_key(record), record) for record in records_apart)
    ordered = heapq.merge(stored, apart, key=_first) if apart else stored
    for _, record in ordered:
        yield record


def _placed(scope: Scope, overrides: Mapping[str, dict]) -> Iterator[tuple]:
    """The approved rows whose place the database holds, in place order, read ahead: (id,
    uuid, place, copy as text), less those in `overrides`.

    Those are left out here, not by the query: a review card's overrides are every camera
    of the walk under review, tens of thousands on a day of action, more than one statement
    may name on SQLite (server/database.py SQLITE_MAX_PARAMETERS). Few of them have an
    approved copy to read and pass over (approved, then edited or reopened)."""
    rows = read_ahead(
        select(Observation.id, Observation.uuid, Observation.approved_place, APPROVED_TEXT)
        .where(
            *scope.where(),
            Observation.approved.is_not(None),
            Observation.approved_place.is_not(None),
        )
        .order_by(Observation.approved_place)
        .execution_options(yield_per=ROWS_PER_FETCH)
    )
    if not overrides:
        return rows
    return (row for row in rows if row[1] not in overrides)


def _rows_apart(scope: Scope, overrides: Mapping[str, dict]) -> Iterator[tuple[int, str, dict]]:
    """(id, uuid, values) of the rows _placed leaves out: the scope's live rows in
    `overrides`, with the values given there, and approved copies written without their
    place (not through the ORM)."""
    connection = db.session.connection()
    if overrides:
        query = select(Observation.id, Observation.uuid).where(*scope.where())
        if len(overrides) <= IDS_PER_STATEMENT:
            query = query.where(among(Observation.uuid, overrides))
        # Else more than a statement may name (server/sql.py): the scope's rows, all of them,
        # picked here. SQLite reads them all for a list anyway (through an index of the
        # group), and would read them again for each batch of a list cut in batches.
        for row_id, uuid in connection.execute(query):
            if uuid in overrides:
                yield row_id, uuid, overrides[uuid]
    query = select(Observation.id, Observation.uuid, Observation.approved).where(
        *scope.where(),
        Observation.approved.is_not(None),
        Observation.approved_place.is_(None),
    )
    for row in connection.execute(query):
        if row[1] not in overrides:
            yield row


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
    for _, uuid, place, approved in rows:
        if place != cell:
            if waiting:
                yield from sorted(waiting, key=_first)
            cell, waiting = place, []
        record = approved_record(uuid, read_copy(approved))
        position = record["position"]
        waiting.append((camera_order_key(position["lon"], position["lat"], uuid, place), record))
    if waiting:
        yield from sorted(waiting, key=_first)


def observation_record(observation: Observation) -> dict:
    """The observation as an organiser approved it, in contract field names, as sync/osm
    expects it (no private fields). A walker's edit waiting for review is not in it."""
    return approved_record(observation.uuid, observation.approved)


def approved_record(uuid: str, approved: dict | None) -> dict:
    return osm_record(uuid, approved or {}, "approved" if approved is not None else "pending")


def osm_record(uuid: str, values: dict, review_status: str) -> dict:
    """Field values (engine normal form) in the shape sync/osm reads."""
    # One dict filled in place, not two merged: an export makes one per approved observation.
    # Not strict: both sides are OSM_FIELDS, and the check was a fifth of the record's cost.
    record = dict(zip(OSM_FIELDS, map(values.get, OSM_FIELDS), strict=False))
    position = values.get("position") or {}
    record["id"] = uuid
    record["position"] = {"lat": position.get("lat"), "lon": position.get("lon")}
    record["presence"] = values.get("presence") or "present"
    record["review_status"] = review_status
    return record


# The approved fields the OSM export reads (sync/osm/tags.py maps them to tags; matching
# reads the link, the organiser's "new camera" and the walker's "not this node").
OSM_FIELDS = (
    "kind", "surveillance", "camera_type", "mount", "direction", "zone", "operator",
    "height_m", "manufacturer", "model", "surveyed_on", "osm_node_id", "osm_new",
    "osm_not_node_id",
)  # fmt: skip


def _node_records(*where) -> Iterator[records.OsmNode]:
    """The cached nodes that meet `where` as sync/osm reads them, from plain columns (no ORM
    object, no WKB to parse): a scope may hold thousands of cameras."""
    lon, lat = geo.lonlat_columns(OsmNode.geom)
    query = select(
        OsmNode.osm_id, OsmNode.version, lat, lon, OsmNode.tags, OsmNode.on_way,
        OsmNode.vertex_known, OsmNode.relations,
    ).where(*where)  # fmt: skip
    rows = db.session.connection().execute(query)
    for osm_id, version, lat, lon, tags, on_way, known, relations in rows:
        yield records.OsmNode(
            osm_id, version, geo.rounded(lat), geo.rounded(lon), dict(tags),
            way_flag(on_way, known), member_of(relations),
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


@dataclass(frozen=True)
class Disagreement:
    """An approved observation matched by distance to an OSM camera whose camera type or mount
    says otherwise (sync.osm.matching.disagreements): (key, surveyed value, node's value)."""

    observation: str
    osm_node_id: int
    distance_m: float
    keys: tuple[tuple[str, str, str], ...]

    def as_dict(self) -> dict:
        return {
            "observation": self.observation,
            "warning": "disagreeing_match",
            "osm_node_id": self.osm_node_id,
            "distance_m": round(self.distance_m, 2),
            "keys": [key for key, _, _ in self.keys],
            "surveyed": {key: surveyed for key, surveyed, _ in self.keys},
            "osm": {key: mapped for key, _, mapped in self.keys},
        }


@dataclass(frozen=True)
class DisusedNearby:
    """An approved observation matched to no camera, with one a mapper marked as no longer in
    use within matching distance (the nearest): it may be that device, found again."""

    observation: str
    osm_node_id: int
    distance_m: float

    def as_dict(self) -> dict:
        return {
            "observation": self.observation,
            "warning": "disused_nearby",
            "osm_node_id": self.osm_node_id,
            "distance_m": round(self.distance_m, 2),
        }


@dataclass(frozen=True)
class TakenNearby:
    """An approved observation the plan creates within matching distance of a compatible OSM
    camera that another observation is matched or linked to (named when known; None for a
    link met elsewhere in the scope): likely the same camera logged twice, or a second one on
    that pole."""

    observation: str
    osm_node_id: int
    distance_m: float
    other_observation: str | None

    def as_dict(self) -> dict:
        return {
            "observation": self.observation,
            "warning": "taken_nearby",
            "osm_node_id": self.osm_node_id,
            "distance_m": round(self.distance_m, 2),
            "other_observation": self.other_observation,
        }


@dataclass
class ScopeMatching:
    """Which OSM node each approved observation of the scope changes."""

    nodes_by_id: dict[int, records.OsmNode]
    matched: dict[str, int]  # observation uuid → node id found by distance
    ambiguous: list[Ambiguity]
    # For the observations the caller asked to keep (the review card's), never all of a large
    # export: what matching looked at, and the compatible cameras in range, nearest first,
    # as uuid → [(node id, metres)] (absent: none).
    points: dict[str, SurveyPoint] = field(default_factory=dict)
    candidates: dict[str, list[tuple[int, float]]] = field(default_factory=dict)
    # When some are kept: node id → the observation first in place order that is linked or
    # matched to it (the one the plan gives it to).
    holders: dict[int, str] = field(default_factory=dict)
    # When some are kept: the observations linked to a node (those matched are in `matched`).
    linked: set[str] = field(default_factory=set)
    disagreeing: list[Disagreement] = field(default_factory=list)
    # As `candidates`, the cameras in range mapped as another filming kind (a plate reader by
    # a node tagged as a camera): offered on the card, never matched by distance.
    other_kinds: dict[str, list[tuple[int, float]]] = field(default_factory=dict)
    # Observations matched to no camera with one marked out of use in range (the report names
    # those of them the plan creates, PlanChecks), and, as `candidates`, those cameras for the
    # observations kept (the card offers them).
    disused_nearby: list[DisusedNearby] = field(default_factory=list)
    out_of_use: dict[str, list[tuple[int, float]]] = field(default_factory=dict)
    # Observations matched to no camera while a compatible one in range went to another (the
    # report names those of them the plan creates, PlanChecks).
    taken_nearby: list[TakenNearby] = field(default_factory=list)


def match_scope(
    scope: Scope,
    *,
    max_distance_m: float | None = None,
    tolerance_deg: float | None = None,
    overrides: Mapping[str, dict] | None = None,
    keep: Container[str] = frozenset(),
) -> ScopeMatching:
    """Run the pure matcher over the scope's approved observations (those in `overrides`
    with the values given there) and the area's cameras, area by area
    (sync.osm.areas.AreaMatcher): the rows come in place order, and the observations near a
    group of cameras are let go once it is matched, so that memory follows the cameras, not
    the observations. The outcome is that of one match over the whole scope.

    A run is done again, rarely, when it met a link only an approved copy holds (a walker
    changed it since) after its camera was matched, or to a camera not read yet."""
    overrides = overrides or {}
    options = {
        "max_distance_m": max_distance_m or DEFAULT_MAX_DISTANCE_M,
        "direction_tolerance_deg": tolerance_deg or DEFAULT_DIRECTION_TOLERANCE_DEG,
    }
    cameras = _ScopeCameras.read(scope)
    known: frozenset[int] = frozenset()
    while True:
        run = _MatchRun(cameras, known, keep, options)
        run.feed(_rows_apart(scope, overrides), _placed(scope, overrides))
        added = cameras.add_links(run.links)
        if not (added or run.late):
            break
        known = frozenset(run.links)
    return run.result(cameras)


class _MatchRun:
    """One pass of the scope's rows through an AreaMatcher, and what the export keeps of
    each area it settles."""

    def __init__(self, cameras: "_ScopeCameras", known, keep, options):
        self.keep = keep
        self.matched: dict[str, int] = {}
        self.ambiguous: list[tuple[tuple, Ambiguity]] = []  # (the matcher's order, the item)
        self.disagreeing: list[tuple[tuple, Disagreement]] = []  # ordered as `ambiguous`
        self.disused_nearby: list[tuple[tuple, DisusedNearby]] = []  # ordered as `ambiguous`
        self.taken_nearby: list[tuple[tuple, TakenNearby]] = []  # ordered as `ambiguous`
        self.out_of_use: dict[str, list[tuple[int, float]]] = {}
        self.points: dict[str, SurveyPoint] = {}
        self.candidates: dict[str, list[tuple[int, float]]] = {}
        self.other_kinds: dict[str, list[tuple[int, float]]] = {}
        self.holders: dict[int, tuple[tuple, str]] = {}  # node id → (place order, uuid)
        self.linked: set[str] = set()
        self.matcher = AreaMatcher(
            [node for _, node in sorted(cameras.nodes.items())],
            self.settle,
            held=cameras.column_links,
            linked=known,
            waits=cameras.waits,
            **options,
        )

    def feed(self, apart, placed) -> None:
        """`apart`: (id, uuid, values) without a place, first; `placed`: (id, uuid, place,
        copy as text) in place order."""
        for row_id, uuid, values in apart:
            self.add(row_id, uuid, values, None)
        concerns, keep = self.matcher.concerns, self.keep
        for row_id, uuid, place, text in placed:
            values = read_copy(text)
            if values.get("osm_node_id") is None and uuid not in keep:
                position = values.get("position") or {}
                if not concerns(position.get("lat"), position.get("lon"), place):
                    continue  # most of a large group: far from every camera, and not linked
            self.add(row_id, uuid, values, place)
        self.matcher.finish()
        # What match_scope reads of it. The matcher calls back into this run, a cycle the
        # export's paused collector would leave behind with every area it holds.
        self.links, self.late = self.matcher.links, self.matcher.late
        del self.matcher

    def add(self, row_id: int, uuid: str, values: dict, place: int | None) -> None:
        # A copy with a place holds its position (sync.order.approved_place), and survey_point
        # reads from it what it reads from approved_record's record: building that record, for
        # the half of a large group near a camera, cost 0.1 s of CPU at 100,000 observations.
        point = survey_point(values if place is not None else approved_record(uuid, values))
        self.matcher.add(row_id, uuid, point, place)
        if uuid in self.keep:
            self.points[uuid] = point
        if self.keep and point.osm_node_id is not None:
            self.linked.add(uuid)
            self.hold(point.osm_node_id, point, uuid)

    def settle(self, observations: list[tuple], matching, nodes: list[records.OsmNode]):
        """Keeps what the export needs of one area's matching (AreaMatcher's `settle`)."""
        for match in matching.matches:
            if match.linked:
                continue
            row_id, uuid, point = observations[match.observation]
            node = nodes[match.node]
            self.matched[uuid] = node.id
            if self.keep:
                self.hold(node.id, point, uuid)
            if match.ambiguous:
                # The whole scope's matcher lists them nearest first, ties by row then node.
                order = (match.distance_m, row_id, node.id)
                self.ambiguous.append((order, Ambiguity(
                    uuid, node.id, match.distance_m,
                    nodes[match.runner_up].id, match.runner_up_distance_m,
                )))  # fmt: skip
            if match.disagreeing:
                order = (match.distance_m, row_id, node.id)
                self.disagreeing.append(
                    (order, Disagreement(uuid, node.id, match.distance_m, match.disagreeing))
                )
        if matching.out_of_use:  # most areas have no camera marked out of use
            self.note_disused(observations, matching, nodes)
        if matching.unmatched and matching.matches:  # a camera went to one of two neighbours
            self.note_taken(observations, matching, nodes)
        if self.keep:
            for found, kept in (
                (matching.candidates, self.candidates),
                (matching.other_kinds, self.other_kinds),
                (matching.out_of_use, self.out_of_use),
            ):
                for index, near in found.items():
                    uuid = observations[index][1]
                    if near and uuid in self.keep:
                        kept[uuid] = [(nodes[pair.node].id, pair.distance_m) for pair in near]

    def note_disused(self, observations: list[tuple], matching, nodes) -> None:
        """A `disused_nearby` for each observation of the area that becomes a create with a
        camera marked out of use in range (the nearest is named)."""
        matched = matching.node_of()
        for index, near in matching.out_of_use.items():
            row_id, uuid, point = observations[index]
            # Matched, or one distance may not decide (linked, or an organiser's "new
            # camera": she has looked): not a plain create nobody chose.
            if index in matched or not by_distance(point):
                continue
            node_id = nodes[near[0].node].id
            order = (near[0].distance_m, row_id, node_id)
            self.disused_nearby.append((order, DisusedNearby(uuid, node_id, near[0].distance_m)))

    def note_taken(self, observations: list[tuple], matching, nodes) -> None:
        """A `taken_nearby` for each observation of the area that distance could match and
        that becomes a create, a compatible camera within BESIDE_M having gone to another
        observation (the nearest is named, with the observation that has it)."""
        candidates, holder = matching.candidates, None
        for index in matching.unmatched:
            near = candidates.get(index)
            if not near or near[0].distance_m > BESIDE_M:
                continue  # most: no camera in reach, or none beside (the nearest comes first)
            row_id, uuid, point = observations[index]
            if not by_distance(point):  # an organiser's "new camera": she has looked
                continue
            # The node a walker said this is not ("it is another one") is no news to anyone.
            pair = next((p for p in near if nodes[p.node].id != point.not_node), None)
            if pair is None or pair.distance_m > BESIDE_M:
                continue
            if holder is None:
                holder = {match.node: match.observation for match in matching.matches}
            node_id, other = nodes[pair.node].id, holder.get(pair.node)
            other = observations[other][1] if other is not None else None
            order = (pair.distance_m, row_id, node_id)
            self.taken_nearby.append((order, TakenNearby(uuid, node_id, pair.distance_m, other)))

    def hold(self, node_id: int, point: SurveyPoint, uuid: str) -> None:
        """Notes `uuid` as the node's holder if it comes first in place order."""
        if point.lat is None or point.lon is None:
            return
        order = camera_order_key(point.lon, point.lat, uuid)
        if node_id not in self.holders or order < self.holders[node_id][0]:
            self.holders[node_id] = (order, uuid)

    def result(self, cameras: "_ScopeCameras") -> ScopeMatching:
        nodes = cameras.final(self.links)
        return ScopeMatching(
            {node.id: node for node in nodes},
            self.matched,
            [item for _, item in sorted(self.ambiguous, key=_first)],
            self.points,
            self.candidates,
            {node_id: uuid for node_id, (_, uuid) in self.holders.items()},
            self.linked,
            [item for _, item in sorted(self.disagreeing, key=_first)],
            self.other_kinds,
            [item for _, item in sorted(self.disused_nearby, key=_first)],
            self.out_of_use,
            [item for _, item in sorted(self.taken_nearby, key=_first)],
        )


class _ScopeCameras:
    """The cached OSM cameras a scope may change, read once per export: those the scope's
    observations link to (the column: a walker's latest link) and those in its area, plus
    those only an approved copy links to, added as the matching finds them. `waits`: the
    place cells of the rows linked to each camera by the column."""

    def __init__(self, scope: Scope, waits: dict[int, list[int]], nodes: dict):
        self.waits = waits
        self.column_links = set(waits)
        self.nodes = nodes
        # Real cameras, and the demo group's own made-up ones: never another group's.
        self._visible = OsmNode.seen_by(scope.group_id)

    @classmethod
    def read(cls, scope: Scope) -> "_ScopeCameras":
        # Few observations are linked: SQLite reads them by the link's index, not the group's.
        def linked(*columns):
            return (
                select(*columns)
                .where(*scope.where(), Observation.osm_node_id.is_not(None))
                .with_hint(Observation, "INDEXED BY ix_observation_osm_node_id", "sqlite")
            )

        waits: dict[int, list[int]] = {}
        query = linked(Observation.osm_node_id, Observation.approved_place)
        for node_id, place in db.session.execute(query):
            waits.setdefault(node_id, []).append(place)
        cameras = cls(scope, waits, {})
        cameras._read(OsmNode.osm_id.in_(linked(Observation.osm_node_id)))
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
        """Reads the cameras of `approved_links` not read yet (by batches: nothing bounds
        them); whether there were any."""
        added = False
        for ids in in_batches(approved_links - self.nodes.keys()):
            added = self._read(among(OsmNode.osm_id, ids)) or added
        return added

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
    areas = loaded_areas(scope)  # read before the records' stream holds the connection
    observations = scope_records(scope, overrides)
    actions = plan_actions(
        observations,
        matching.nodes_by_id,
        skipped,
        matched=matching.matched,
        today=utcnow().date(),
    )
    margin_m = max_distance_m or DEFAULT_MAX_DISTANCE_M
    return matching, hold_unloaded(actions, areas, skipped, margin_m=margin_m)


def loaded_areas(scope: Scope) -> list[tuple[float, float, float, float]]:
    """The boxes whose OSM cameras were last loaded for the scope's walks (sync.osm.loaded):
    a group's file may create a camera wherever one of its walks was loaded."""
    query = select(Walk.osm_fetched_bbox).where(
        Walk.group_id == scope.group_id, Walk.osm_fetched_bbox.is_not(None)
    )
    if scope.walk_id is not None:
        query = query.where(Walk.id == scope.walk_id)
    return [tuple(bbox) for bbox in db.session.scalars(query)]


@dataclass(frozen=True)
class PlannedChange:
    """What the export does with one observation, for the review card."""

    action: str  # create, modify, remove_camera, delete, or nothing (then `skip` says why)
    skip: Skipped | None
    node: records.OsmNode | None  # the OSM node it changes (or would, for nothing)
    distance_m: float | None
    chosen_by: str | None  # link (osm_node_id), distance, new_camera, or None: no node
    # The report's warnings about its match (PlanChecks: none when the plan leaves it out):
    # the other camera nearly as close, and below, the keys its node disagrees on.
    ambiguous_with: int | None
    candidates: list[tuple[records.OsmNode, float, str | None]]  # node, metres, taken by
    removed: tuple[str, ...] = ()  # remove_camera: the keys taken off the node, which stays
    not_node: int | None = None  # the node a walker said it is not ("it is another one")
    # Cameras in range mapped as another filming kind: offered, never matched by distance.
    other_kinds: list[tuple[records.OsmNode, float, str | None]] = field(default_factory=list)
    disagreeing: tuple[tuple[str, str, str], ...] = ()  # a match by distance: (key, ours, OSM's)
    # Cameras in range a mapper marked as no longer in use: offered, never matched by distance.
    out_of_use: list[tuple[records.OsmNode, float, str | None]] = field(default_factory=list)
    # The export report's warning of one of them nearby, if the report would give it
    # (PlanChecks): the card says what the report says, by the same rule.
    disused_nearby: DisusedNearby | None = None
    # The report's warning of a camera in range that another survey changes, likewise.
    taken_nearby: TakenNearby | None = None


def review_plan(scope: Scope, overrides: Mapping[str, dict], wanted) -> dict[str, PlannedChange]:
    """For each uuid in `wanted`, what `plan_scope` makes of it, the observations in
    `overrides` taken as approved in the values given (uuid → fields)."""
    skipped: list[Skipped] = []
    wanted = list(wanted)
    keep = set(wanted)
    matching = match_scope(scope, overrides=overrides, keep=keep)
    # The planner's one tie between observations is a node: the first in place order to
    # change it keeps it. So only those wanted and those that change a node are read and
    # planned, not every create of a walk whose latest cameras are under review.
    only = keep | matching.matched.keys() | matching.linked
    areas = loaded_areas(scope)
    records = scope_records(scope, overrides, only=only)
    planned = plan_actions(
        records, matching.nodes_by_id, skipped, matched=matching.matched, today=utcnow().date()
    )
    planned = hold_unloaded(planned, areas, skipped, margin_m=DEFAULT_MAX_DISTANCE_M)
    checks = PlanChecks(matching)
    actions = {action.ref: action for action in checks.watch(planned)}
    skips = {item.ref: item for item in skipped}
    # The card's warnings are the report's (PlanChecks): none about a change the plan leaves out.
    runner_up = {item.observation: item.other_osm_node_id for item in checks.ambiguous()}
    differ = {item.observation: item.keys for item in checks.disagreeing()}
    nearby = {item.observation: item for item in checks.disused_nearby()}
    taken = {item.observation: item for item in checks.taken_nearby()}
    found = {}
    for uuid in wanted:
        point = matching.points.get(uuid)
        if point is None:
            continue
        node = matching.nodes_by_id.get(_node_id(matching, uuid))
        action = actions.get(uuid)
        found[uuid] = PlannedChange(
            action=_action_name(action),
            skip=skips.get(uuid),
            node=node,
            distance_m=distance_m(point.lat, point.lon, node.lat, node.lon) if node else None,
            chosen_by=_chosen_by(point, uuid in matching.matched),
            ambiguous_with=runner_up.get(uuid),
            candidates=_offered(matching, matching.candidates, uuid),
            removed=getattr(action, "removed", ()),
            not_node=point.not_node,
            disagreeing=differ.get(uuid, ()),
            other_kinds=_offered(matching, matching.other_kinds, uuid),
            out_of_use=_offered(matching, matching.out_of_use, uuid),
            disused_nearby=nearby.get(uuid),
            taken_nearby=taken.get(uuid),
        )
    return found


def planned_nodes(
    scope: Scope, overrides: Mapping[str, dict], wanted
) -> dict[str, records.OsmNode | None]:
    """For each uuid in `wanted` that review_plan answers for, the `node` it gives (the node
    linked to, or the camera matching found; None when neither is in the data), without
    planning any change: what a walk summary counts as already in OSM. Planning every card
    for it was a fifth of a 20,000-camera walk's summary (2.7 s, server/reports/service.py)."""
    wanted = list(wanted)
    matching = match_scope(scope, overrides=overrides, keep=set(wanted))
    return {
        uuid: matching.nodes_by_id.get(_node_id(matching, uuid))
        for uuid in wanted
        if uuid in matching.points
    }


def _offered(matching: ScopeMatching, near: dict, uuid: str) -> list:
    """The nodes `near` lists for `uuid` (candidates, other kinds, or those out of use) as the
    card shows them: node, metres, and the observation that holds it if not this one."""
    return [
        (matching.nodes_by_id[other], metres, _other(matching.holders.get(other), uuid))
        for other, metres in near.get(uuid, [])
    ]


_ACTION_NAMES = {records.Create: "create", records.Modify: "modify", records.Delete: "delete"}
NOTHING, REMOVE_CAMERA = "nothing", "remove_camera"
# Every name `_action_name` gives: the review card's `action`, as the OpenAPI document lists
# them (server/observations/schemas.py). A client written from a list without remove_camera
# refused the card of a gone camera on a node that stays.
PLANNED_ACTIONS = (*_ACTION_NAMES.values(), REMOVE_CAMERA, NOTHING)


def _action_name(action: records.Action | None) -> str:
    if action is None:
        return NOTHING
    if records.removes_camera(action):
        return REMOVE_CAMERA  # a gone camera on a node that stays: not a survey's update
    return _ACTION_NAMES[type(action)]


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
    """Observations waiting for an organiser's approval: neither approved nor rejected."""
    # Nothing approved, no place: the test of the place's index, then of the few rows left.
    query = select(func.count()).where(
        *scope.where(),
        Observation.approved_place.is_(None),
        Observation.approved.is_(None),
        Observation.review_status != "rejected",
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
        checks = PlanChecks(matching)
        actions = checks.watch(actions)
        parts = write_parts(actions, open_part, max_elements=max_elements, placeholders=False)
        # Still paused: the report's items, thousands on a large group, would start the
        # collector's passes over the matching, which is alive until this block ends (a
        # tenth of a second at 100,000 observations, bench/osm_server_export_bench.py).
        report = [item.as_dict() for item in skipped]
        report += [item.as_dict() for item in checks.ambiguous()]
        report += [item.as_dict() for item in checks.disagreeing()]
        report += [item.as_dict() for item in checks.disused_nearby()]
        report += [item.as_dict() for item in checks.taken_nearby()]
        report += checks.kept_nodes
        report += checks.contradicted
        to_check = checks.counts()
        del matching, checks
    if not parts:
        with open_part(0) as out:  # nothing to change is still a valid, empty osmChange
            write_osmchange(out, [])
    counts = {
        "created": sum(part.creates for part in parts),
        "modified": sum(part.modifies for part in parts),
        "deleted": sum(part.deletes for part in parts),
        "skipped": len(skipped),
        "not_approved": not_approved_count(scope),
        **to_check,
    }
    # Asked before this file is recorded: the files before it may have gone through JOSM.
    held = held_back(scope) if counts["created"] else None
    if held:
        report.insert(0, held | {"observation": None, "warning": "earlier_file"})
    export = record_export(scope, "osc", counts, report, member_id)
    return ExportResult(export.id, counts, report, max(1, len(parts)))


class PlanChecks:
    """What an organiser checks before a plan goes to OSM, told alike by the export's report
    and counts, by the upload (its dry run and itself) and by the review card: the matches
    GPS could not settle (`ambiguous`), those whose camera type or mount differ
    (`disagreeing`), the new cameras beside one marked out of use (`disused_nearby`) or beside
    one another survey changes (`taken_nearby`), the nodes a change keeps (`camera_removed`,
    `disused_node`), and the mapper's tags a survey's modify keeps while denying them
    (`contradicted_tag`).

    The plan's actions stream through `watch` once nothing more will leave one out (the
    planner, `hold_unloaded`, the upload's `held_back`): an observation is named only if the
    plan sends a change for it. Matching named them before the planner ran, and the report
    told the organiser to check a change the file did not hold (a camera past the loaded
    area, a survey day to come, a survey that changes nothing)."""

    # The counts of the warnings to check, as the export and the upload give them: each is as
    # much for the organiser to check before uploading as an ambiguous match, so a script
    # reading the counts alone must not take a plan with some for one with nothing to check.
    COUNTED = (
        "ambiguous", "disagreeing", "disused_nearby", "disused_node", "taken_nearby",
        "contradicted_tag",
    )  # fmt: skip

    def __init__(self, matching: ScopeMatching):
        self.matching = matching
        self.kept_nodes: list[dict] = []  # camera_removed and disused_node, in plan order
        self.contradicted: list[dict] = []  # contradicted_tag, in plan order
        named = (
            *matching.ambiguous,
            *matching.disagreeing,
            *matching.disused_nearby,
            *matching.taken_nearby,
        )
        self._named = {item.observation for item in named}
        self._sent: set[str] = set()  # those of `_named` the plan changes: a few

    def watch(self, actions: Iterable[records.Action]) -> Iterator[records.Action]:
        """`actions` as they stream, noting what is to check about each."""
        for action in actions:
            if action.ref in self._named:
                self._sent.add(action.ref)
            if records.removes_camera(action):
                self.kept_nodes.append(camera_removed(action))
            elif note := kept_out_of_use(action):
                self.kept_nodes.append(note)
            if type(action) is records.Modify and (
                note := contradicting(action, self.matching.nodes_by_id.get(action.id))
            ):
                self.contradicted.append(note)
            yield action

    def ambiguous(self) -> list[Ambiguity]:
        return self._sent_only(self.matching.ambiguous)

    def disagreeing(self) -> list[Disagreement]:
        return self._sent_only(self.matching.disagreeing)

    def disused_nearby(self) -> list[DisusedNearby]:
        return self._sent_only(self.matching.disused_nearby)

    def taken_nearby(self) -> list[TakenNearby]:
        return self._sent_only(self.matching.taken_nearby)

    def _sent_only(self, items: list) -> list:
        return [item for item in items if item.observation in self._sent]

    def out_of_use(self) -> list[dict]:
        """The report's items on cameras out of use: `disused_nearby`, then `disused_node`."""
        nearby = [item.as_dict() for item in self.disused_nearby()]
        return nearby + [note for note in self.kept_nodes if note["warning"] == "disused_node"]

    def counts(self) -> dict[str, int]:
        """Each of COUNTED, once the actions went through `watch`."""
        return check_counts(
            self.ambiguous(),
            self.disagreeing(),
            self.out_of_use(),
            self.taken_nearby(),
            self.contradicted,
        )


def check_counts(
    ambiguous: list,
    disagreeing: list,
    out_of_use: list[dict],
    taken_nearby: list,
    contradicted: list,
) -> dict[str, int]:
    """PlanChecks.COUNTED, counted from the lists that name them: the upload's lists change
    after a version conflict (the node as OSM has it now), and its counts must say the same."""
    kinds = [item["warning"] for item in out_of_use]
    return {
        "ambiguous": len(ambiguous),
        "disagreeing": len(disagreeing),
        "disused_nearby": kinds.count("disused_nearby"),
        "disused_node": kinds.count("disused_node"),
        "taken_nearby": len(taken_nearby),
        "contradicted_tag": len(contradicted),
    }


def held_back(scope: Scope) -> dict | None:
    """Why the scope's new cameras must wait for a fetch, or None: the upload holds them back,
    the export warns.

    An osmChange file with new cameras of the walk, exported after its OSM cameras were last
    fetched, may have gone to OSM through JOSM: camwalk cannot see that, and uploading now
    would create the same cameras a second time. Fetching the walk again brings the nodes the
    file made into the cache, where the matching finds them. Modifies and deletes go on: OSM
    refuses a stale one (a version conflict), a create it takes as it comes. A group's file
    counts for each of its walks, but only if made after the walk was: a file from before
    holds none of its cameras."""
    walks = select(Walk).where(Walk.group_id == scope.group_id)
    if scope.walk_id is not None:
        walks = walks.where(Walk.id == scope.walk_id)
    walks = list(db.session.scalars(walks))
    if not walks:
        return None
    # From when a file may hold cameras OSM has not shown camwalk: the walk's last fetch (never
    # before it was made), or its creation if never fetched (for a group, the earliest).
    since = min(walk.osm_fetched_at or walk.created_at for walk in walks)
    fetched = [walk.osm_fetched_at for walk in walks]
    last_fetch = None if None in fetched else min(fetched)
    query = select(Export.created_at, Export.counts).where(
        Export.group_id == scope.group_id,
        Export.format == "osc",
        sa.or_(Export.walk_id.is_(None), Export.walk_id.in_([walk.id for walk in walks])),
        Export.created_at > since,
    )
    exported = [at for at, counts in db.session.execute(query) if counts.get("created")]
    if not exported:
        return None
    return {
        "walk_id": scope.walk_id,
        "place": scope.place,
        "exported_at": max(exported).isoformat(),
        "fetched_at": last_fetch and last_fetch.isoformat(),
        "reason": "an osmChange file with new cameras here was exported after the OSM "
        "cameras were last fetched; if it went to OSM (JOSM), they are there already and "
        "would be created twice: fetch the walk's OSM cameras again first",
    }


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
        if item.get("warning") == "earlier_file":
            lines.append(f"  warning: {item['reason']}")
        elif item.get("warning") == "camera_removed":
            lines.append(f"  kept {item['observation']}: {item['reason']}")
        elif item.get("warning") in ("disused_node", "contradicted_tag"):
            lines.append(f"  check {item['observation']}: {item['reason']}")
        elif item.get("warning") == "taken_nearby":
            other = item["other_observation"]
            lines.append(
                f"  check {item['observation']}: a new camera, {item['distance_m']} m from OSM "
                f"node {item['osm_node_id']}, which "
                + (f"{other} changes" if other else "another survey is linked to")
                + ": the same camera logged twice, or a second one there?"
            )
        elif item.get("warning") == "disused_nearby":
            lines.append(
                f"  check {item['observation']}: a new camera, {item['distance_m']} m from OSM "
                f"node {item['osm_node_id']}, mapped as no longer in use: is it that one?"
            )
        elif "reason" in item:
            lines.append(f"  skipped {item['observation']}: {item['reason']}")
        elif item.get("warning") == "disagreeing_match":
            differ = ", ".join(
                f"{key} {item['surveyed'][key]} surveyed, {item['osm'][key]} in OSM"
                for key in item["keys"]
            )
            lines.append(
                f"  check {item['observation']}: matched OSM node {item['osm_node_id']} at "
                f"{item['distance_m']} m, but they disagree: {differ}"
            )
        else:
            lines.append(
                f"  check {item['observation']}: matched OSM node {item['osm_node_id']} at "
                f"{item['distance_m']} m, but node {item['other_osm_node_id']} is at "
                f"{item['other_distance_m']} m"
            )
    return "\n".join(lines)
