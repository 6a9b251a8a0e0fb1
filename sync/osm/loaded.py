"""Where camwalk may add a camera to OSM: only where it has loaded what OSM already has there.

A create is the one change OSM takes on trust. A modify or a delete names a node and its
version, so OSM refuses one made on stale data (a 409); a new node goes in wherever it is put.
What keeps camwalk from adding a second node on top of a mapped camera is the matching, and
the matching sees only the cameras camwalk loaded. A camera logged where nothing was loaded
(a walk whose OSM cameras were never loaded, or a walker who strayed past the loaded box) is
matched to nothing and became a duplicate: one metre from Helsinki node 256257146, next to node
2303602371.

So a new camera is planned only inside an area whose OSM cameras were loaded for the walk,
with the matching distance to spare on every side: a mapped camera just across the edge, within
matching reach, would be missed otherwise. Anywhere else it is left out with a skip code
(`osm_not_loaded`, `outside_loaded_area`) that says to load the walk's OSM cameras; modifies and
deletes are not concerned. A load is made for a walk, hence after the walk was made; how old its
data may be against a file sent through JOSM is a separate question (server/exports/osc.py
`held_back`).

The same boxes, those of a group's walks, are where that group loaded OSM's cameras: a walk
map shows the group the cached cameras inside them (`loaded_within`, `in_loaded`), and not
those only another group's load brought, which draw the outline of where it works.
"""

import math
from collections.abc import Iterable, Iterator, Sequence

from sync.geodesy import METRES_PER_DEGREE, distance_m
from sync.osm.plan import Skipped
from sync.osm.records import Action, Create

Bbox = tuple[float, float, float, float]  # west, south, east, north, in degrees


def unloaded(lat: float, lon: float, areas: Sequence[Bbox], margin_m: float) -> str | None:
    """Why no camera may be created at (lat, lon) with only `areas` loaded, as a skip code
    (sync/osm/skips.py), or None: one of them holds the point `margin_m` metres inside."""
    if not areas:
        return "osm_not_loaded"
    if any(_inside(lat, lon, area, margin_m) for area in areas):
        return None
    return "outside_loaded_area"


def loaded_within(areas: Iterable[Bbox], bbox: Bbox) -> list[Bbox] | None:
    """What of the loaded `areas` lies in `bbox`, for the points found in `bbox` to be tested
    against with `in_loaded` (a walk map's OSM cameras: server/osm/models.py
    `OsmNode.shown_to`): each area cut to `bbox`, and only those no other one holds. None: one
    area holds all of `bbox`, so every point in it was loaded and none needs testing, the usual
    case of a walk loaded since its last camera was logged. A group walking the same streets
    week after week has a loaded box per walk: cut and thinned, fewer are left to test."""
    west, south, east, north = bbox
    parts = set()
    for w, s, e, n in areas:
        if _holds((w, s, e, n), bbox):
            return None
        part = (max(w, west), max(s, south), min(e, east), min(n, north))
        if part[0] <= part[2] and part[1] <= part[3]:
            parts.add(part)
    kept: list[Bbox] = []
    # Largest first: a part another holds comes after it, and is left out.
    for part in sorted(parts, key=lambda p: (p[2] - p[0]) * (p[3] - p[1]), reverse=True):
        if not any(_holds(other, part) for other in kept):
            kept.append(part)
    return kept


def in_loaded(lat: float, lon: float, areas: Sequence[Bbox]) -> bool:
    """Whether one of `areas` holds (lat, lon), edges included, as a box query finds it."""
    return any(w <= lon <= e and s <= lat <= n for w, s, e, n in areas)


def _holds(outer: Bbox, inner: Bbox) -> bool:
    return (
        outer[0] <= inner[0] and outer[1] <= inner[1] and outer[2] >= inner[2]
        and outer[3] >= inner[3]
    )  # fmt: skip


def _well_inside(area: Bbox, margin_m: float) -> Bbox:
    """`area` less more than `margin_m` on every side, in degrees: a point in it is `margin_m`
    inside `area` without measuring. A degree of longitude is shortest at the box's latitude
    farthest from the equator, so the margin is widened for that one."""
    west, south, east, north = area
    lat_margin = margin_m / METRES_PER_DEGREE
    cos_lat = math.cos(math.radians(min(90.0, max(abs(south), abs(north)))))
    lon_margin = margin_m / (METRES_PER_DEGREE * cos_lat) if cos_lat > 1e-9 else 360.0
    return west + lon_margin, south + lat_margin, east - lon_margin, north - lat_margin


def _inside(lat: float, lon: float, area: Bbox, margin_m: float) -> bool:
    west, south, east, north = area
    if not (west <= lon <= east and south <= lat <= north):
        return False
    to_edge_m = min(
        (lat - south) * METRES_PER_DEGREE,
        (north - lat) * METRES_PER_DEGREE,
        distance_m(lat, lon, lat, west),
        distance_m(lat, lon, lat, east),
    )
    return to_edge_m >= margin_m


def hold_unloaded(
    actions: Iterable[Action], areas: Sequence[Bbox], skipped: list[Skipped], *, margin_m: float
) -> Iterator[Action]:
    """`actions` less the creates `unloaded` refuses, which go to `skipped` with its code.

    A create well inside an area is let through on four comparisons; only one near an edge
    is measured (an export plans tens of thousands: the measure cost 10 % of it)."""
    inner = [_well_inside(area, margin_m) for area in areas]
    for action in actions:
        if type(action) is Create:
            lat, lon = action.lat, action.lon
            # A loop, not any() over a generator: a tenth of the cost for one or two areas.
            for west, south, east, north in inner:
                if west <= lon <= east and south <= lat <= north:
                    break
            else:
                code = unloaded(lat, lon, areas, margin_m)
                if code is not None:
                    skipped.append(Skipped(action.ref, code))
                    continue
        yield action
