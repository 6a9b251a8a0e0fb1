"""The walk map: which OSM objects make a walker's offline basemap, and as what.

A walker who never browsed an area offline sees no tiles (OSM's tile policy rightly forbids
bulk downloads), so the server keeps a small vector map of each walk: streets with their names,
footpaths, buildings and a few landmarks. This module decides, from OSM tags alone, which layer
an object belongs to, and turns an Overpass `out geom` answer or the API's `map` XML into
GeoJSON features in lon/lat. Pure: the caller fetches and stores.

Rules, first match wins (one layer per object, so an object is drawn once):

- a closed way is an area when its tags say so (building, landuse, leisure, natural, water,
  amenity, `area=yes`); a `highway` is an area only with `area=yes`, and `area=no` always wins;
- buildings (`building=*` except `no`) come before everything else on areas: a church is drawn
  as the building it is, its name still travels with it;
- `highway=pedestrian` drawn as an area, and `place=square`, are squares;
- highways for vehicles (and pedestrian streets as lines) are streets, footways and paths are
  paths; construction, proposed and abandoned roads are not drawn;
- water areas and waterway lines are water; parks, gardens, grass and woods are parks;
- a few named places people give directions by (station, church, museum, monument, town hall,
  fountain) are landmarks; a point landmark without a name says nothing and is left out.

Multipolygon relations are read from their member ways: rings are joined end to end, each
inner ring becomes a hole of the outer ring that holds it.
"""

import itertools
from collections.abc import Iterable, Mapping
from xml.etree.ElementTree import iterparse

LAYERS = ("street", "path", "building", "water", "park", "square", "landmark")

Tags = Mapping[str, str]
Coords = list[tuple[float, float]]  # (lon, lat)

STREET_HIGHWAYS = frozenset(
    {
        "motorway",
        "trunk",
        "primary",
        "secondary",
        "tertiary",
        "motorway_link",
        "trunk_link",
        "primary_link",
        "secondary_link",
        "tertiary_link",
        "unclassified",
        "residential",
        "living_street",
        "service",
        "road",
        "busway",
        "pedestrian",
    }
)
PATH_HIGHWAYS = frozenset({"footway", "path", "cycleway", "steps", "bridleway", "track"})
AREA_KEYS = ("building", "landuse", "leisure", "natural", "water", "amenity", "place")
WATER_AREAS = {
    "natural": {"water", "bay"},
    "waterway": {"riverbank", "dock"},
    "landuse": {"basin", "reservoir"},
}
WATER_LINES = {"waterway": {"river", "canal", "stream"}}
PARKS = {
    "leisure": {"park", "garden", "playground", "common", "dog_park", "nature_reserve"},
    "landuse": {"grass", "recreation_ground", "village_green", "cemetery", "forest"},
    "natural": {"wood", "scrub", "grassland"},
}
LANDMARKS = {
    "railway": {"station"},
    "public_transport": {"station"},
    "amenity": {"place_of_worship", "townhall", "theatre", "library", "fountain"},
    "tourism": {"museum", "attraction"},
    "historic": {"monument", "memorial", "castle"},
}


def _matches(tags: Tags, table: Mapping[str, Iterable[str]]) -> bool:
    return any(tags.get(key) in values for key, values in table.items())


def is_area(tags: Tags, closed: bool) -> bool:
    """Whether a way is drawn as an area: closed, and tagged as a surface."""
    if not closed or tags.get("area") == "no":
        return False
    if tags.get("area") == "yes":
        return True
    if "highway" in tags:
        return False
    return any(key in tags for key in AREA_KEYS) or _matches(tags, WATER_AREAS)


def layer_of(tags: Tags, shape: str) -> str | None:
    """The layer of an object with these tags drawn as `shape` ("point", "line" or "area"),
    or None when the walk map leaves it out."""
    if shape == "area":
        return _area_layer(tags)
    if shape == "line":
        return _line_layer(tags)
    if shape == "point":
        if tags.get("place") == "square" and tags.get("name"):
            return "square"
        if _matches(tags, LANDMARKS) and tags.get("name"):
            return "landmark"
        return None
    raise ValueError(f"unknown shape {shape!r}")


def _area_layer(tags: Tags) -> str | None:
    if tags.get("building", "no") != "no":
        return "building"
    if tags.get("highway") == "pedestrian" or tags.get("place") == "square":
        return "square"
    if _matches(tags, WATER_AREAS):
        return "water"
    if _matches(tags, PARKS):
        return "park"
    if _matches(tags, LANDMARKS):
        return "landmark"
    return None


def _line_layer(tags: Tags) -> str | None:
    highway = tags.get("highway")
    if highway in STREET_HIGHWAYS:
        return "street"
    if highway in PATH_HIGHWAYS:
        return "path"
    if _matches(tags, WATER_LINES):
        return "water"
    return None


# Reading answers ---------------------------------------------------------------------------


def feature(layer: str, name: str | None, geometry: dict, osm: str) -> dict:
    """One GeoJSON feature of the walk map; `osm` is "way/123" (for tracing it back)."""
    return {
        "type": "Feature",
        "geometry": geometry,
        "properties": {"layer": layer, "name": name, "osm": osm},
    }


def features_from_overpass(answer: Mapping) -> list[dict]:
    """Features from an Overpass `[out:json]` answer made with `out geom`."""
    if not isinstance(answer, Mapping) or not isinstance(answer.get("elements"), list):
        raise ValueError("not an Overpass JSON answer")
    if "remark" in answer and "error" in str(answer["remark"]).lower():
        # Overpass cut the query short: a partial map would look whole to the walker.
        raise ValueError(f"Overpass did not finish: {answer['remark']}")
    found = []
    for element in answer["elements"]:
        kind, tags = element.get("type"), element.get("tags") or {}
        if kind == "node":
            point = (float(element["lon"]), float(element["lat"]))
            found += _point_feature(element["id"], tags, point)
        elif kind == "way" and "geometry" in element:
            found += _way_feature(element["id"], tags, _overpass_coords(element["geometry"]))
        elif kind == "relation":
            members = [
                (member.get("role") or "outer", _overpass_coords(member["geometry"]))
                for member in element.get("members", [])
                if member.get("type") == "way" and member.get("geometry")
            ]
            found += _relation_feature(element["id"], tags, members)
    return found


def _overpass_coords(geometry: list) -> Coords:
    # Overpass writes null for a vertex outside the box when asked for a clipped geometry.
    return [(float(p["lon"]), float(p["lat"])) for p in geometry if p]


def features_from_osm_xml(source) -> list[dict]:
    """Features from OSM XML (the API's `map` call), an open binary file; nodes come first."""
    points: dict[int, tuple[float, float]] = {}
    ways: dict[int, Coords] = {}
    found = []
    for _, element in iterparse(source, events=("end",)):
        if element.tag not in ("node", "way", "relation"):
            continue
        if element.get("visible") == "false":
            element.clear()
            continue
        tags = {tag.get("k"): tag.get("v") for tag in element.iter("tag")}
        osm_id = int(element.get("id"))
        if element.tag == "node":
            points[osm_id] = (float(element.get("lon")), float(element.get("lat")))
            found += _point_feature(osm_id, tags, points[osm_id])
        elif element.tag == "way":
            refs = [int(nd.get("ref")) for nd in element.iter("nd")]
            ways[osm_id] = [points[ref] for ref in refs if ref in points]
            found += _way_feature(osm_id, tags, ways[osm_id])
        else:
            members = [
                (member.get("role") or "outer", ways[int(member.get("ref"))])
                for member in element.iter("member")
                if member.get("type") == "way" and int(member.get("ref")) in ways
            ]
            found += _relation_feature(osm_id, tags, members)
        element.clear()
    return found


def _point_feature(osm_id: int, tags: Tags, point: tuple[float, float]) -> list[dict]:
    layer = layer_of(tags, "point") if tags else None
    if layer is None:
        return []
    return [feature(layer, tags.get("name"), _point(point), f"node/{osm_id}")]


def _way_feature(osm_id: int, tags: Tags, coords: Coords) -> list[dict]:
    if not tags or len(coords) < 2:
        return []
    closed = len(coords) >= 4 and coords[0] == coords[-1]
    if is_area(tags, closed):
        layer, geometry = _area_layer(tags), {"type": "Polygon", "coordinates": [_ring(coords)]}
    else:
        layer, geometry = _line_layer(tags), {"type": "LineString", "coordinates": _ring(coords)}
    if layer is None:
        return []
    return [feature(layer, tags.get("name"), geometry, f"way/{osm_id}")]


def _relation_feature(osm_id: int, tags: Tags, members: list[tuple[str, Coords]]) -> list[dict]:
    if tags.get("type") != "multipolygon":
        return []
    layer = _area_layer(tags)
    if layer is None:
        return []
    outers = join_rings([c for role, c in members if role == "outer"])
    inners = join_rings([c for role, c in members if role == "inner"])
    if not outers:
        return []
    polygons = [[outer] for outer in outers]
    for inner in inners:
        for polygon in polygons:
            if point_in_ring(inner[0], polygon[0]):
                polygon.append(inner)
                break
    geometry = {"type": "MultiPolygon", "coordinates": [[_ring(r) for r in p] for p in polygons]}
    return [feature(layer, tags.get("name"), geometry, f"relation/{osm_id}")]


def join_rings(parts: list[Coords]) -> list[Coords]:
    """Closed rings made by joining ways end to end (either direction); open leftovers are
    dropped, as a multipolygon cut by the box cannot be drawn as a surface."""
    rings, pending = [], [list(p) for p in parts if len(p) >= 2]
    while pending:
        ring = pending.pop()
        grown = True
        while ring[0] != ring[-1] and grown:
            grown = False
            for index, part in enumerate(pending):
                if part[0] == ring[-1]:
                    ring += part[1:]
                elif part[-1] == ring[-1]:
                    ring += part[-2::-1]
                else:
                    continue
                pending.pop(index)
                grown = True
                break
        if ring[0] == ring[-1] and len(ring) >= 4:
            rings.append(ring)
    return rings


def point_in_ring(point: tuple[float, float], ring: Coords) -> bool:
    """Even-odd rule, in degrees: exact enough to tell which outer ring holds an inner one."""
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in itertools.pairwise(ring):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _point(point: tuple[float, float]) -> dict:
    return {"type": "Point", "coordinates": [round(point[0], 7), round(point[1], 7)]}


def _ring(coords: Coords) -> list[list[float]]:
    return [[round(lon, 7), round(lat, 7)] for lon, lat in coords]


def overpass_query(south: float, west: float, north: float, east: float) -> str:
    """The Overpass QL query for a walk map: only what `layer_of` may keep, with geometry."""
    box = f"({south:.7f},{west:.7f},{north:.7f},{east:.7f})"
    lines = [
        f'way["highway"]{box};',
        f'way["building"]{box};',
        f'nwr["place"="square"]{box};',
        f'way["waterway"]{box};',
    ]
    for table in (WATER_AREAS, PARKS, LANDMARKS):
        for key, values in table.items():
            pattern = "|".join(sorted(values))
            lines.append(f'nwr["{key}"~"^({pattern})$"]{box};')
    lines.append(f'relation["type"="multipolygon"]["building"]{box};')
    return "[out:json][timeout:60];(" + "".join(lines) + ");out geom;"
