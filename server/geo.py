"""All geometry conversion and spatial queries, for SpatiaLite and PostGIS alike.

Both engines answer "within N metres" and "distance in metres" on the WGS84 ellipsoid and use
their spatial index: SpatiaLite through its `SpatialIndex` virtual table (an R*Tree searched by a
bounding frame) followed by `PtDistWithin`; PostGIS through `ST_DWithin` on `geom::geography`,
backed by a GiST index on that same expression (created by the migrations).
"""

import json
import math
import struct
from dataclasses import dataclass

import sqlalchemy as sa
from geoalchemy2.elements import WKBElement, WKTElement

from sync.geodesy import METRES_PER_DEGREE

SRID = 4326
COORDINATE_DECIMALS = 7


@dataclass(frozen=True)
class LonLat:
    lon: float
    lat: float


class PointElement(WKTElement):
    """A point written in this transaction, that still knows its lon/lat: read back before
    the database returns it as WKB, it needs no parsing of its text."""

    def __init__(self, lon: float, lat: float):
        super().__init__(f"POINT({lon!r} {lat!r})", srid=SRID)
        self.lonlat = LonLat(round(lon, COORDINATE_DECIMALS), round(lat, COORDINATE_DECIMALS))


def point_element(lon: float, lat: float) -> WKTElement:
    """A value to store in a POINT column."""
    return PointElement(lon, lat)


def polygon_element(ring: list[tuple[float, float]]) -> WKTElement:
    """A value to store in a POLYGON column, from (lon, lat) pairs; the ring is closed here."""
    if ring[0] != ring[-1]:
        ring = [*ring, ring[0]]
    text = ", ".join(f"{lon!r} {lat!r}" for lon, lat in ring)
    return WKTElement(f"POLYGON(({text}))", srid=SRID)


def to_lonlat(value) -> LonLat:
    """Read a stored point (WKB or EWKB, as either engine returns it, or one written in this
    transaction) into lon/lat."""
    if isinstance(value, PointElement):
        return value.lonlat
    data = _wkb_bytes(value)
    order = "<" if data[0] == 1 else ">"
    (kind,) = struct.unpack(order + "I", data[1:5])
    offset = 5
    if kind & 0x20000000:  # EWKB carries the SRID after the type
        offset += 4
    if (kind & 0x0FFFFFFF) % 1000 != 1:
        raise ValueError(f"not a point geometry (WKB type {kind})")
    lon, lat = struct.unpack(order + "dd", data[offset : offset + 16])
    return LonLat(round(lon, COORDINATE_DECIMALS), round(lat, COORDINATE_DECIMALS))


def lonlat_columns(column) -> tuple:
    """(lon, lat) column expressions of a POINT column: plain numbers from the database, for
    reading many rows without building and parsing a WKB value for each (round them with
    `rounded`, as to_lonlat does)."""
    return sa.func.ST_X(column), sa.func.ST_Y(column)


def rounded(degrees: float) -> float:
    return round(degrees, COORDINATE_DECIMALS)


def polygon_lonlats(value) -> list[tuple[float, float]]:
    """Read the outer ring of a stored polygon as (lon, lat) pairs."""
    data = _wkb_bytes(value)
    order = "<" if data[0] == 1 else ">"
    (kind,) = struct.unpack(order + "I", data[1:5])
    offset = 9 if kind & 0x20000000 else 5
    (rings,) = struct.unpack(order + "I", data[offset : offset + 4])
    if rings == 0:
        return []
    (count,) = struct.unpack(order + "I", data[offset + 4 : offset + 8])
    start = offset + 8
    coords = struct.unpack(order + "d" * (2 * count), data[start : start + 16 * count])
    return [
        (round(coords[i], COORDINATE_DECIMALS), round(coords[i + 1], COORDINATE_DECIMALS))
        for i in range(0, len(coords), 2)
    ]


def _wkb_bytes(value) -> bytes:
    if isinstance(value, WKBElement):
        data = value.data
        return bytes.fromhex(data) if isinstance(data, str) else bytes(data)
    if isinstance(value, bytes | memoryview):
        return bytes(value)
    raise TypeError(f"cannot read a geometry from {type(value).__name__}")


def _sql_point(dialect: str, lon: float, lat: float):
    # Built in SQL rather than bound as WKT: GeoAlchemy2 does not convert WKT elements
    # inside functions it does not know, such as SpatiaLite's PtDistWithin.
    if dialect == "sqlite":
        return sa.func.MakePoint(float(lon), float(lat), SRID)
    return sa.func.ST_SetSRID(sa.func.ST_MakePoint(float(lon), float(lat)), SRID)


def _search_radius_degrees(lat: float, metres: float) -> float:
    """A radius in degrees wide enough to hold `metres` in every direction at `lat`."""
    shrink = max(math.cos(math.radians(min(abs(lat), 89.0))), 0.01)
    # 1 % more: the ellipsoid's shortest degree (110.6 km, at the equator) is 0.6 % short of
    # the sphere's, and the exact distance test that follows removes what the frame lets in.
    return metres / (METRES_PER_DEGREE * shrink) * 1.01


def _in_spatial_index(model, frame):
    """SpatiaLite: rows whose bounding box meets `frame`, found through its R*Tree."""
    rowids = (
        sa.select(sa.literal_column("rowid"))
        .select_from(sa.table("SpatialIndex"))
        .where(
            sa.literal_column("f_table_name") == model.__tablename__,
            sa.literal_column("f_geometry_column") == "geom",
            sa.literal_column("search_frame") == frame,
        )
    )
    return model.id.in_(rowids)


def within_metres(dialect: str, model, lon: float, lat: float, metres: float):
    """A WHERE clause: `model.geom` lies within `metres` of (lon, lat), using the index."""
    point = _sql_point(dialect, lon, lat)
    if dialect == "sqlite":
        radius = _search_radius_degrees(lat, metres)
        frame = sa.func.BuildCircleMbr(float(lon), float(lat), radius, SRID)
        return sa.and_(
            _in_spatial_index(model, frame),
            sa.func.PtDistWithin(model.geom, point, float(metres)) == 1,
        )
    return sa.func.ST_DWithin(_geography(model.geom), _geography(point), float(metres))


def distance_metres(dialect: str, model, lon: float, lat: float):
    """A column expression: metres on the ellipsoid from `model.geom` to (lon, lat)."""
    point = _sql_point(dialect, lon, lat)
    if dialect == "sqlite":
        return sa.func.ST_Distance(model.geom, point, 1)
    return sa.func.ST_Distance(_geography(model.geom), _geography(point))


def _geography(expression):
    # A plain geography(...) call is the same expression as the index's `geom::geography`;
    # a CAST to GeoAlchemy's Geography type adds a type modifier and misses the index.
    return sa.func.geography(expression)


def nearby(session, model, lon: float, lat: float, metres: float, *where):
    """Rows of `model` within `metres` of (lon, lat), nearest first, with their distance."""
    dialect = session.get_bind().dialect.name
    distance = distance_metres(dialect, model, lon, lat).label("distance_m")
    query = (
        sa.select(model, distance)
        .where(within_metres(dialect, model, lon, lat, metres), *where)
        .order_by(distance, model.id)
    )
    return [(row[0], float(row[1])) for row in session.execute(query)]


def observations_within(session, group_id: int, lon: float, lat: float, metres: float):
    """Live observations of a group within `metres` of a point, nearest first."""
    from server.observations.models import Observation

    return nearby(
        session,
        Observation,
        lon,
        lat,
        metres,
        Observation.group_id == group_id,
        Observation.deleted.is_(False),
        Observation.merged_into_id.is_(None),
    )


def nearest_osm_camera(
    session, lon: float, lat: float, metres: float, group_id: int | None = None
):
    """The closest cached OSM camera within `metres` that `group_id` may see (real ones, and
    its own demo cameras; without a group, real ones only), as (node, distance), or None."""
    from server.osm.models import OsmNode

    found = nearby(session, OsmNode, lon, lat, metres, OsmNode.seen_by(group_id))
    return found[0] if found else None


def within_bbox(dialect: str, model, west: float, south: float, east: float, north: float):
    """A WHERE clause: `model.geom` lies inside the box, using the spatial index."""
    west, south, east, north = (float(v) for v in (west, south, east, north))
    if dialect == "sqlite":
        return _in_spatial_index(model, sa.func.BuildMbr(west, south, east, north, SRID))
    return model.geom.op("&&")(sa.func.ST_MakeEnvelope(west, south, east, north, SRID))


def ids_in_boxes(session, model, boxes) -> list[int]:
    """Ids of the rows of `model` whose `geom` lies in one of the (west, south, east, north)
    boxes, in one statement whatever the number of boxes.

    The boxes go in as one JSON (SQLite) or four arrays (PostgreSQL) joined to the spatial
    index, rather than one sub-select per box: building and compiling hundreds of those cost
    more than the search. SpatiaLite's index is read as the R*Tree table behind it
    (`idx_<table>_geom`: pkid, xmin, xmax, ymin, ymax), which takes the joined box as its
    constraints; PostGIS joins on `geom && ST_MakeEnvelope(...)` through the GiST index.
    """
    boxes = [[float(v) for v in box] for box in boxes]
    if not boxes:
        return []
    table = model.__tablename__
    if session.get_bind().dialect.name == "sqlite":
        query = sa.text(
            "WITH box(w, s, e, n) AS (SELECT json_extract(value, '$[0]'), "
            "json_extract(value, '$[1]'), json_extract(value, '$[2]'), "
            "json_extract(value, '$[3]') FROM json_each(:boxes)) "
            f"SELECT DISTINCT r.pkid FROM box CROSS JOIN idx_{table}_geom AS r "
            "WHERE r.xmin <= box.e AND r.xmax >= box.w AND r.ymin <= box.n AND r.ymax >= box.s"
        )
        rows = session.execute(query, {"boxes": json.dumps(boxes)})
    else:
        query = sa.text(
            f"SELECT DISTINCT t.id FROM unnest(CAST(:w AS float8[]), CAST(:s AS float8[]), "
            f"CAST(:e AS float8[]), CAST(:n AS float8[])) AS box(w, s, e, n) "
            f'JOIN "{table}" AS t ON t.geom && ST_MakeEnvelope(box.w, box.s, box.e, box.n, '
            f"{SRID})"
        )
        columns = dict(zip("wsen", zip(*boxes, strict=True), strict=True))
        rows = session.execute(query, {k: list(v) for k, v in columns.items()})
    return sorted(row[0] for row in rows)


def observations_in_boxes(session, group_id: int, boxes):
    """Live observations of a group inside any of the (west, south, east, north) boxes (a
    sync batch looks around all its new observations at once)."""
    from server.observations.models import Observation
    from server.sql import among, in_batches

    found = []
    for ids in in_batches(ids_in_boxes(session, Observation, boxes)):
        query = sa.select(Observation).where(
            among(Observation.id, ids),
            Observation.group_id == group_id,
            Observation.deleted.is_(False),
            Observation.merged_into_id.is_(None),
        )
        found += session.scalars(query.order_by(Observation.id))
    return found


def bbox_of(points: list[tuple[float, float]], margin_m: float = 0.0):
    """(west, south, east, north) around (lon, lat) points, widened by `margin_m` metres."""
    if not points:
        return None
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    pad_lat = margin_m / METRES_PER_DEGREE
    pad_lon = _search_radius_degrees(max(abs(min(lats)), abs(max(lats))), margin_m)
    return (
        round(min(lons) - pad_lon, COORDINATE_DECIMALS),
        round(min(lats) - pad_lat, COORDINATE_DECIMALS),
        round(max(lons) + pad_lon, COORDINATE_DECIMALS),
        round(max(lats) + pad_lat, COORDINATE_DECIMALS),
    )


def geojson_polygon(ring: list[tuple[float, float]]) -> dict:
    return {"type": "Polygon", "coordinates": [[[lon, lat] for lon, lat in ring]]}


def ring_from_geojson(geometry: dict) -> list[tuple[float, float]]:
    """The outer ring of a GeoJSON Polygon as (lon, lat) pairs; ValueError when malformed."""
    if not isinstance(geometry, dict) or geometry.get("type") != "Polygon":
        raise ValueError("area must be a GeoJSON Polygon")
    rings = geometry.get("coordinates")
    if not isinstance(rings, list) or not rings or not isinstance(rings[0], list):
        raise ValueError("a Polygon needs coordinates: a list of rings")
    ring = []
    for position in rings[0]:
        if not isinstance(position, list | tuple) or len(position) < 2:
            raise ValueError("each position is [lon, lat]")
        lon, lat = position[0], position[1]
        if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in (lon, lat)):
            raise ValueError("coordinates must be numbers")
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise ValueError("coordinates out of range")
        ring.append((float(lon), float(lat)))
    if len(ring) < 3:
        raise ValueError("a polygon ring needs at least 3 positions")
    return ring
