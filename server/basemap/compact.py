"""The walk map as phones download it: quantised, delta-encoded JSON, gzipped once.

Measured on Helsinki's real centre (bench/basemap_bench.py): the GeoJSON the server keeps
weighs several times more once gzipped than this form, and a phone parses this one faster
(numbers are small integers). Coordinates are whole steps of `UNIT_DEG` degrees from the box's
south-west corner (1e-6 degrees: 11 cm of latitude, under a pixel at zoom 19); each ring or
line lists its first point, then the steps from one point to the next, so most numbers are
one or two digits. A point that rounds onto the one before is dropped.

Document: {"format": "camwalk-basemap", "version": 1, "origin": [west, south], "unit": deg,
"bbox": [w, s, e, n], "layers": [...], "names": [...], "features": [[layer, name, kind, ...]]}
where `layer` and `name` index the lists (name -1: none), `kind` 0 is a point followed by x, y;
1 a line and 2 an area, followed by their rings as flat [x0, y0, dx1, dy1, ...] lists (an
area's rings, holes and several parts included, are filled with the even-odd rule).
"""

import gzip
import json

from sync.basemap import LAYERS

FORMAT = "camwalk-basemap"
VERSION = 1
UNIT_DEG = 1e-6
# Drawn bottom to top: surfaces first, streets over them, so the phone draws in stored order.
DRAW_ORDER = ("park", "water", "square", "building", "path", "street", "landmark")
MEDIA_TYPE = "application/vnd.camwalk.basemap+json"


def encode(features: list[dict], bbox, unit: float = UNIT_DEG) -> dict:
    west, south = bbox[0], bbox[1]
    names: dict[str, int] = {}
    order = {layer: rank for rank, layer in enumerate(DRAW_ORDER)}
    rows = []
    for item in sorted(features, key=lambda f: order[f["properties"]["layer"]]):
        props, geometry = item["properties"], item["geometry"]
        name = props.get("name")
        name_index = -1 if name is None else names.setdefault(name, len(names))
        head = [LAYERS.index(props["layer"]), name_index]

        def q(point):
            return round((point[0] - west) / unit), round((point[1] - south) / unit)

        kind = geometry["type"]
        if kind == "Point":
            rows.append([*head, 0, *q(geometry["coordinates"])])
        elif kind == "LineString":
            rows.append([*head, 1, _deltas([q(p) for p in geometry["coordinates"]])])
        elif kind == "Polygon":
            rows.append([*head, 2, *(_deltas([q(p) for p in r]) for r in geometry["coordinates"])])
        elif kind == "MultiPolygon":
            rings = [r for polygon in geometry["coordinates"] for r in polygon]
            rows.append([*head, 2, *(_deltas([q(p) for p in r]) for r in rings)])
    return {
        "format": FORMAT,
        "version": VERSION,
        "origin": [west, south],
        "unit": unit,
        "bbox": list(bbox),
        "layers": list(LAYERS),
        "names": list(names),
        "features": rows,
    }


def _deltas(points: list[tuple[int, int]]) -> list[int]:
    flat, last = [], None
    for x, y in points:
        if last is None:
            flat += [x, y]
        elif (x, y) != last:
            flat += [x - last[0], y - last[1]]
        else:
            continue
        last = (x, y)
    return flat


def decode(document: dict) -> list[dict]:
    """GeoJSON-like features back from a document (for tests and the bench): areas come back
    as Polygons holding every ring, as the phone draws them."""
    west, south = document["origin"]
    unit = document["unit"]
    layers, names = document["layers"], document["names"]
    found = []
    for row in document["features"]:
        layer, name, kind, rest = layers[row[0]], row[1], row[2], row[3:]
        if kind == 0:
            geometry = {
                "type": "Point",
                "coordinates": [west + rest[0] * unit, south + rest[1] * unit],
            }
        else:
            rings = [_points(ring, west, south, unit) for ring in rest]
            geometry = (
                {"type": "LineString", "coordinates": rings[0]}
                if kind == 1
                else {"type": "Polygon", "coordinates": rings}
            )
        found.append(
            {
                "type": "Feature",
                "geometry": geometry,
                "properties": {"layer": layer, "name": None if name < 0 else names[name]},
            }
        )
    return found


def _points(flat: list[int], west: float, south: float, unit: float) -> list[list[float]]:
    points, x, y = [], 0, 0
    for index in range(0, len(flat), 2):
        x, y = (flat[0], flat[1]) if index == 0 else (x + flat[index], y + flat[index + 1])
        points.append([west + x * unit, south + y * unit])
    return points


def payload(features: list[dict], bbox) -> bytes:
    """The gzipped document phones download (mtime 0: the same map gives the same bytes)."""
    body = json.dumps(encode(features, bbox), separators=(",", ":"), ensure_ascii=False)
    return gzip.compress(body.encode(), compresslevel=9, mtime=0)
