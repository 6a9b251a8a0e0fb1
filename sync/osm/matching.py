"""Which surveyed observations are cameras OSM already has: a match becomes a modify.

An observation matches the nearest compatible OSM camera node within `max_distance_m`
(default 10 m, about what a phone's GPS gets wrong in a street). Compatible means: the kinds
agree (a `camera` also matches a node with no `surveillance:type`, the usual old tagging), and,
when both sides have a direction, some pair of their directions differs by at most the
tolerance. Each node is matched at most once, nearest pairs first.

Observations the walker already linked to a node ("still there", or uploaded before) keep that
node and are never moved to another by distance.

Candidates come from a grid of cells at least `max_distance_m` wide, so each observation looks
at a few cells instead of every node; distances are haversine metres on a sphere.
"""

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from sync.osm.direction import node_direction
from sync.osm.records import OsmNode

EARTH_RADIUS_M = 6_371_008.8  # mean radius (IUGG); haversine error is below 0.5 % anyway
DEFAULT_MAX_DISTANCE_M = 10.0
DEFAULT_DIRECTION_TOLERANCE_DEG = 45.0  # a phone compass in a street is often 20-30° off


@dataclass(frozen=True, slots=True)
class SurveyPoint:
    """What matching needs of one observation."""

    lat: float
    lon: float
    kind: str | None = "camera"
    direction: Sequence[int] | None = None
    osm_node_id: int | None = None


def survey_point(observation: Mapping) -> SurveyPoint:
    """A SurveyPoint from an observation in contract field names."""
    position = observation["position"]
    return SurveyPoint(
        lat=position["lat"],
        lon=position["lon"],
        kind=observation.get("kind"),
        direction=observation.get("direction"),
        osm_node_id=observation.get("osm_node_id"),
    )


@dataclass(frozen=True, slots=True)
class Match:
    """Observation `observation` confirms node `node` (indices into the inputs)."""

    observation: int
    node: int
    distance_m: float
    linked: bool = False


@dataclass
class Matching:
    """Matches, observations to create, and links to nodes absent from the data or taken twice."""

    matches: list[Match] = field(default_factory=list)
    unmatched: list[int] = field(default_factory=list)
    broken_links: list[int] = field(default_factory=list)


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    half_dphi = (phi2 - phi1) / 2
    half_dlambda = math.radians(lon2 - lon1) / 2
    a = math.sin(half_dphi) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(half_dlambda) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def angle_gap(a: float, b: float) -> float:
    """Degrees between two bearings, 0-180 (350° and 10° are 20° apart)."""
    gap = (a - b) % 360
    return min(gap, 360 - gap)


def compatible(point: SurveyPoint, node_tags: Mapping[str, str], tolerance_deg: float) -> bool:
    """Whether the observation could be this node, distance aside."""
    node_kind = node_tags.get("surveillance:type")
    kind = point.kind or "camera"  # the contract's default kind
    if node_kind != kind and not (kind == "camera" and node_kind is None):
        return False
    if not point.direction:
        return True
    node_directions = node_direction(node_tags)
    if not node_directions:
        return True
    return any(angle_gap(a, b) <= tolerance_deg for a in point.direction for b in node_directions)


def match_observations(
    points: Sequence[SurveyPoint],
    nodes: Sequence[OsmNode],
    *,
    max_distance_m: float = DEFAULT_MAX_DISTANCE_M,
    direction_tolerance_deg: float = DEFAULT_DIRECTION_TOLERANCE_DEG,
) -> Matching:
    """Links first, then nearest compatible pairs; every node and observation used once."""
    result = Matching()
    taken = _follow_links(points, nodes, result)
    pairs = list(_candidate_pairs(points, nodes, taken, max_distance_m, direction_tolerance_deg))
    _take_nearest_first(pairs, points, taken, result)
    return result


def _candidate_pairs(points, nodes, taken, max_distance_m, tolerance_deg) -> Iterator[Match]:
    grid = CameraGrid(nodes, max_distance_m)
    for index, point in enumerate(points):
        if point.osm_node_id is not None:
            continue  # linked: never moved to another node by distance
        for node_index in grid.near(point.lat, point.lon):
            node = nodes[node_index]
            if node_index in taken:
                continue
            distance = haversine_m(point.lat, point.lon, node.lat, node.lon)
            if distance <= max_distance_m and compatible(point, node.tags, tolerance_deg):
                yield Match(index, node_index, distance)


def _follow_links(points: Sequence[SurveyPoint], nodes: Sequence[OsmNode], result) -> set[int]:
    index_of = {node.id: index for index, node in enumerate(nodes)}
    taken: set[int] = set()
    for index, point in enumerate(points):
        if point.osm_node_id is None:
            continue
        node_index = index_of.get(point.osm_node_id)
        if node_index is None or node_index in taken:
            result.broken_links.append(index)
            continue
        node = nodes[node_index]
        distance = haversine_m(point.lat, point.lon, node.lat, node.lon)
        result.matches.append(Match(index, node_index, distance, linked=True))
        taken.add(node_index)
    return taken


def _take_nearest_first(pairs: list[Match], points, taken: set[int], result: Matching) -> None:
    # Indices break distance ties so that the outcome never depends on iteration order.
    pairs.sort(key=lambda pair: (pair.distance_m, pair.observation, pair.node))
    matched: set[int] = set()
    for pair in pairs:
        if pair.observation not in matched and pair.node not in taken:
            result.matches.append(pair)
            matched.add(pair.observation)
            taken.add(pair.node)
    result.unmatched = [
        index
        for index, point in enumerate(points)
        if point.osm_node_id is None and index not in matched
    ]


class CameraGrid:
    """Node indices bucketed in cells of equal degrees, at least `max_distance_m` across.

    Rows: a point within the distance is at most one row away. Columns narrow towards the
    poles, so the number of columns to look at grows with 1/cos(latitude); near a pole the
    whole row is searched. Columns wrap around the antimeridian.
    """

    def __init__(self, nodes: Iterable[OsmNode], max_distance_m: float):
        # A hair of margin so that float rounding can never shrink a cell below the distance.
        self._angle = max_distance_m / EARTH_RADIUS_M * (1 + 1e-6) + 1e-12
        self._columns = max(1, math.ceil(360 / math.degrees(self._angle)))
        self._cell_deg = 360 / self._columns  # 360 divides evenly, so wrapping stays exact
        self._cells: dict[tuple[int, int], list[int]] = defaultdict(list)
        self._rows: dict[int, list[int]] = defaultdict(list)  # for searches that span a row
        for index, node in enumerate(nodes):
            row, column = self._cell(node.lat, node.lon)
            self._cells[row, column].append(index)
            self._rows[row].append(index)

    def _cell(self, lat: float, lon: float) -> tuple[int, int]:
        row = math.floor((lat + 90) / self._cell_deg)
        return row, math.floor((lon + 180) / self._cell_deg) % self._columns

    def near(self, lat: float, lon: float) -> Iterator[int]:
        """Indices of every node that may lie within the distance of (lat, lon), and others."""
        row, column = self._cell(lat, lon)
        reach = self._reach(lat)
        for near_row in (row - 1, row, row + 1):
            in_row = self._rows.get(near_row, ())
            # Near a pole the cells to visit can outnumber the nodes: then read the row itself.
            if reach is None or 2 * reach + 1 >= len(in_row):
                yield from in_row
                continue
            for step in range(-reach, reach + 1):
                yield from self._cells.get((near_row, (column + step) % self._columns), ())

    def _reach(self, lat: float) -> int | None:
        """How many columns either side may hold a near node, or None for the whole row."""
        # Widest longitude gap inside a spherical cap of radius angle: asin(sin a / cos lat).
        sin_angle, cos_lat = math.sin(self._angle), math.cos(math.radians(lat))
        if cos_lat <= sin_angle:
            return None  # the cap holds a pole: every longitude is near
        span_deg = math.degrees(math.asin(sin_angle / cos_lat))
        reach = math.ceil(span_deg / self._cell_deg)
        return None if 2 * reach + 1 >= self._columns else reach
