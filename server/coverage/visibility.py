"""What one camera can see between the buildings: a visibility polygon, cut to its sectors.

Geometry is in metres of a `sync.geodesy.LocalFrame`. Bearings are degrees clockwise from north,
as OSM's `camera:direction`; a unit vector for bearing b is (sin b, cos b).

The visibility polygon is exact up to the drawing of arcs (a chord every `ARC_STEP_DEG`): rays
are cast from the camera towards every corner of the nearby walls that face it, and a hair
either side of each, so the polygon turns exactly where a wall edge or a corner hides what is
behind it (the method of angular ray casting). Rays also go out every `ARC_STEP_DEG` so that the
open sky of a view reaches past its radius; the polygon is then cut by the sector itself.

Only wall edges that face the camera can be the first thing a ray meets (a building's far side
is always behind its near side), so the others are dropped before casting. Casting is one numpy
array operation of rays × edges, in blocks that bound memory.

A camera that a walker placed inside a footprint (GPS error, or a node drawn on the building)
is moved just outside its nearest wall: a wall-mounted camera looks out from its facade.
"""

import math

import numpy as np
import shapely
from shapely import STRtree

ARC_STEP_DEG = 2.0
# Rays either side of a corner: 1e-5 rad is 1 mm at 100 m, far below any GPS position.
CORNER_EPSILON_RAD = 1e-5
# How far outside its wall a camera found inside a footprint is put (metres).
OUTSIDE_WALL_M = 0.3
# Rays × edges per casting block: bounds the temporary arrays to a few tens of MB.
BLOCK_ELEMENTS = 1_000_000
# Points closer than this to a straight line through their neighbours are dropped (metres).
SIMPLIFY_M = 0.01
# Wall within this distance of the camera is its own mount, not a facade it watches (metres).
OWN_WALL_M = 1.0

_STEP = math.radians(ARC_STEP_DEG)
# Open-sky rays end this far out, so that chords between them still lie beyond the radius.
_FAR = 1.01 / math.cos(_STEP / 2)


class Occluders:
    """Building footprints as the wall edges that stop a view, indexed for "what is near"."""

    def __init__(self, footprints):
        # One polygon per entry: multipolygons and repaired geometries come apart into parts.
        parts = shapely.get_parts(shapely.make_valid(np.asarray(footprints, dtype=object)))
        parts = parts[shapely.get_type_id(parts) == shapely.GeometryType.POLYGON]
        # Exteriors counter-clockwise and holes clockwise: the building is then on the left of
        # every edge, which tells which edges face a camera.
        self.footprints = shapely.orient_polygons(parts)
        self.footprint_tree = STRtree(self.footprints)
        rings = shapely.get_rings(self.footprints)
        coords, ring = shapely.get_coordinates(rings, return_index=True)
        same_ring = ring[:-1] == ring[1:]
        start, end = coords[:-1][same_ring], coords[1:][same_ring]
        keep = np.any(start != end, axis=1)
        self.start, self.end = start[keep], end[keep]
        self.edges = shapely.linestrings(np.stack([self.start, self.end], axis=1))
        self.edge_tree = STRtree(self.edges)

    def place(self, x: float, y: float) -> tuple[float, float]:
        """Where a camera at (x, y) looks from: outside any footprint."""
        point = shapely.Point(x, y)
        inside = self.footprint_tree.query(point, predicate="intersects")
        if not len(inside):
            return x, y
        boundary = shapely.boundary(self.footprints[inside[0]])
        wall = shapely.line_interpolate_point(boundary, shapely.line_locate_point(boundary, point))
        wx, wy = wall.x, wall.y
        preferred = math.atan2(wx - x, wy - y) if (wx, wy) != (x, y) else 0.0
        # Try directions nearest the way out first; the first point in no building wins.
        turns = sorted(np.linspace(-math.pi, math.pi, 16, endpoint=False), key=abs)
        bearings = preferred + np.array(turns)
        for step in (OUTSIDE_WALL_M, 3 * OUTSIDE_WALL_M):
            candidates = shapely.points(wx + step * np.sin(bearings), wy + step * np.cos(bearings))
            blocked = self.footprint_tree.query(candidates, predicate="intersects")[0]
            free = np.setdiff1d(np.arange(len(candidates)), blocked)
            if len(free):
                chosen = candidates[free.min()]
                return chosen.x, chosen.y
        return x, y

    def facing_edges(self, x: float, y: float, reach: float) -> tuple[np.ndarray, np.ndarray]:
        """Starts and vectors of the wall edges within `reach` that face (x, y), relative to it."""
        near = self.edge_tree.query(shapely.Point(x, y), predicate="dwithin", distance=reach)
        start = self.start[near] - (x, y)
        vector = self.end[near] - self.start[near]
        # The camera is on the right of an edge that faces it (the building is on the left).
        facing = vector[:, 0] * start[:, 1] - vector[:, 1] * start[:, 0] > 0
        return start[facing], vector[facing], near[facing]


def spans(bearings: list[int] | None, angle_deg: float) -> list[tuple[float, float]]:
    """The angular spans (radians, start < end) a camera looks over; one full turn for 360°."""
    if angle_deg >= 360 or not bearings:
        return [(0.0, 2 * math.pi)]
    half = math.radians(angle_deg) / 2
    return [(math.radians(b) - half, math.radians(b) + half) for b in sorted(set(bearings))]


def sector(x: float, y: float, span: tuple[float, float], radius: float):
    """The sector (or disk) of `radius` over one span, its arc drawn with a chord per step."""
    start, end = span
    full = end - start >= 2 * math.pi - 1e-12
    count = max(2, math.ceil((end - start) / _STEP) + 1)
    angles = np.linspace(start, end, count)
    ring = np.column_stack([x + radius * np.sin(angles), y + radius * np.cos(angles)])
    if full:
        return shapely.Polygon(ring[:-1])
    return shapely.Polygon(np.vstack([[x, y], ring]))


def _cast(directions: np.ndarray, start: np.ndarray, vector: np.ndarray, far: float):
    """Distance along each ray (from the origin) to the first edge it meets, at most `far`."""
    if not len(start):
        return np.full(len(directions), far)
    hits = np.empty(len(directions))
    block = max(1, BLOCK_ELEMENTS // len(start))
    ax, ay, ex, ey = start[:, 0], start[:, 1], vector[:, 0], vector[:, 1]
    along_edge = ax * ey - ay * ex
    for first in range(0, len(directions), block):
        dx = directions[first : first + block, 0:1]
        dy = directions[first : first + block, 1:2]
        denominator = dx * ey - dy * ex
        with np.errstate(divide="ignore", invalid="ignore"):
            t = along_edge / denominator
            s = (ax * dy - ay * dx) / denominator
        met = (denominator != 0) & (t > 1e-9) & (s >= -1e-9) & (s <= 1 + 1e-9)
        hits[first : first + block] = np.where(met, t, far).min(axis=1)
    return np.minimum(hits, far)


def visible_region(occluders: Occluders, x: float, y: float, reach: float, span):
    """What (x, y) sees over one span up to `reach` metres: a star-shaped polygon."""
    far = reach * _FAR
    start, vector, _ = occluders.facing_edges(x, y, reach)
    low, high = span
    full = high - low >= 2 * math.pi - 1e-12
    corners = np.vstack([start, start + vector])
    corners = corners[np.hypot(corners[:, 0], corners[:, 1]) <= far]
    corner_bearings = np.arctan2(corners[:, 0], corners[:, 1])
    around = np.concatenate(
        [
            corner_bearings,
            corner_bearings - CORNER_EPSILON_RAD,
            corner_bearings + CORNER_EPSILON_RAD,
        ]
    )
    around = low + np.mod(around - low, 2 * math.pi)  # into [low, low + 2π)
    sweep = np.linspace(low, high, max(2, math.ceil((high - low) / _STEP) + 1))
    angles = np.unique(np.concatenate([sweep, around[around <= high]]))
    if full:
        angles = angles[angles < low + 2 * math.pi]
    directions = np.column_stack([np.sin(angles), np.cos(angles)])
    distances = _cast(directions, start, vector, far)
    ring = directions * distances[:, None] + (x, y)
    if not full:
        ring = np.vstack([[x, y], ring])
    region = shapely.Polygon(ring)
    if not region.is_valid:
        region = shapely.make_valid(region)
    # Rays that meet one wall leave a row of points on a straight line; dropping them (1 cm)
    # takes a view from ~500 vertices to ~50, and merging a walk's views 20 times faster.
    return shapely.simplify(region, SIMPLIFY_M)


def camera_view(occluders: Occluders, x: float, y: float, bearings, angle_deg, ranges):
    """The view of one camera at each range: {range name: polygon}, nested, in metres.

    `ranges` maps names to radii; the visibility is worked out once, at the largest.
    """
    x, y = occluders.place(x, y)
    reach = max(ranges.values())
    views = {name: [] for name in ranges}
    for span in spans(bearings, angle_deg):
        seen = visible_region(occluders, x, y, reach, span)
        for name, radius in ranges.items():
            views[name].append(shapely.intersection(seen, sector(x, y, span, radius)))
    return (x, y), {name: shapely.union_all(parts) for name, parts in views.items()}


def facade_in_view_m(occluders: Occluders, x: float, y: float, view, radius: float) -> float:
    """Metres of building wall (not the camera's own, within `OWN_WALL_M`) that `view` reaches."""
    if view.is_empty:
        return 0.0
    _, _, near = occluders.facing_edges(x, y, radius)
    if not len(near):
        return 0.0
    # The view's edge runs along the walls it reaches: a few centimetres of slack takes them in.
    reached = shapely.difference(
        shapely.buffer(view, 0.05), shapely.Point(x, y).buffer(OWN_WALL_M)
    )
    return float(shapely.length(shapely.intersection(occluders.edges[near], reached)).sum())
