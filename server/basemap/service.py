"""Walk maps: fetching a walk's streets and buildings from OSM, keeping them, reading them.

The fetch rides on the organiser's OSM fetch (server/osm/importer.py): with the API's `map`
call the one answer already holds every street and building of the box, so it is read twice
(cameras, then the map); with Overpass a second query asks only for what the map draws.

`walk_features(walk)` is the contract other parts (camera coverage) build on: GeoJSON features
in lon/lat, `properties.layer` one of sync.basemap.LAYERS, `properties.name` or None.
"""

import gzip
import hashlib
import json
from io import BytesIO

import sqlalchemy as sa

from server.basemap import compact
from server.basemap.errors import NoBasemap
from server.basemap.models import WalkBasemap
from server.extensions import db
from server.groups.models import Walk
from server.osm.client import OsmClient
from server.osm.errors import UnreadableOsmData
from server.types import utcnow
from sync import basemap as rules

Bbox = tuple[float, float, float, float]  # west, south, east, north


def fetch_features(client: OsmClient, bbox: Bbox) -> list[dict]:
    """Ask Overpass for the walk map of a box."""
    west, south, east, north = bbox
    return read_answer(client.overpass(rules.overpass_query(south, west, north, east)))


def read_answer(data: bytes) -> list[dict]:
    """Features from an Overpass JSON or OSM XML answer, told apart by their first character."""
    head = data.lstrip()[:1]
    try:
        if head == b"{":
            return rules.features_from_overpass(json.loads(data))
        if head == b"<":
            return rules.features_from_osm_xml(BytesIO(data))
    except (ValueError, KeyError, TypeError) as error:
        raise UnreadableOsmData(f"Unreadable walk map data: {error}") from error
    raise UnreadableOsmData()


def store_basemap(walk: Walk, features: list[dict], bbox: Bbox, source: str) -> int:
    """Replace the walk's map with these features (the caller commits); their number."""
    row = db.session.get(WalkBasemap, walk.id)
    if row is None:
        row = WalkBasemap(walk_id=walk.id)
        db.session.add(row)
    row.source = source
    row.fetched_at = utcnow()
    row.bbox = list(bbox)
    row.features = features
    row.feature_count = len(features)
    canonical = json.dumps(features, sort_keys=True, separators=(",", ":")).encode()
    row.digest = hashlib.sha256(canonical).hexdigest()
    row.payload = compact.payload(features, bbox)
    return len(features)


def walk_basemap(walk: Walk) -> WalkBasemap:
    """The walk's stored map, or NoBasemap (404) when no fetch kept one yet."""
    row = db.session.get(WalkBasemap, walk.id)
    if row is None:
        raise NoBasemap()
    return row


def basemap_digest(walk: Walk) -> str:
    """The digest of the walk's stored map, read alone: a cache keyed by it need not load the
    features (hundreds of kilobytes of JSON) to learn that it already holds them."""
    digest = db.session.scalar(sa.select(WalkBasemap.digest).where(WalkBasemap.walk_id == walk.id))
    if digest is None:
        raise NoBasemap()
    return digest


def walks_with_basemap(walk_ids: list[int]) -> set[int]:
    """Which of these walks have a stored map, read from the keys alone: a walk list asks it
    once for all its walks, and need not load any map to learn it."""
    if not walk_ids:
        return set()
    query = sa.select(WalkBasemap.walk_id).where(WalkBasemap.walk_id.in_(walk_ids))
    return set(db.session.scalars(query))


def basemap_bbox(walk: Walk) -> list[float]:
    """The (west, south, east, north) box the walk's stored map covers, read alone."""
    bbox = db.session.scalar(sa.select(WalkBasemap.bbox).where(WalkBasemap.walk_id == walk.id))
    if bbox is None:
        raise NoBasemap()
    return bbox


def etag(row: WalkBasemap) -> str:
    # The format version is part of it: a new format must not be answered "not modified".
    return f"{compact.VERSION}-{row.digest}"


def download(row: WalkBasemap, accepts_gzip: bool) -> tuple[bytes, dict]:
    """The body and the headers of the phone's download; gzipped as stored when it may be."""
    headers = {"Vary": "Accept-Encoding"}
    if accepts_gzip:
        return row.payload, headers | {"Content-Encoding": "gzip"}
    return gzip.decompress(row.payload), headers


def walk_features(walk: Walk) -> list[dict]:
    """The walk map's GeoJSON features (lon/lat), `[]` when the walk has none."""
    row = db.session.get(WalkBasemap, walk.id)
    return [] if row is None else list(row.features)
