"""Filling the OsmNode cache: from a file (OSM XML or Overpass JSON) or fetched for a walk.

A fresh answer that covers a box is the truth for that box: cached nodes inside it that the
answer no longer holds were deleted (or untagged) upstream and are removed. An answer without a
known box (an Overpass JSON file, an OSM XML file without <bounds>) only adds and updates.
The truth as of the moment of OSM it shows, though: Overpass copies OSM minutes behind, and a
fetch just after camwalk's own upload lacked the nodes it had created, which the cache then
forgot (the next export said they were "not in the OSM data", and created a second survey of
one again). A cached node camwalk wrote after that moment (`OsmNode.fetched_at`, set by the
upload) is not removed, and no data sets a node back to an older version than the cache's
(`kept_newer`): OSM versions only grow, so the older one is the stale one. A node camwalk's
upload took out of OSM has no row left to compare with: the version OSM gave it then is kept
apart (`OsmNodeGone`), and data showing that version or an older one leaves it out
(`kept_deleted`, sync.osm.parse.still_gone); brought back by a mapper, it has a newer one.

Way vertices: a way in a file marks its nodes as vertices, but a file saying nothing of a camera
(a nodes-only file, or one filtered to some kinds of way) keeps what the cache knew and leaves
new nodes "not known" (sync/osm/parse.py). A fetch from Overpass or the API, which brings the
parent ways, settles them, and so does a file imported with `--parent-ways` by someone who knows
it holds them. The summary counts flag changes apart. The relations that list a camera are
learnt alike, by the same fetches, and from a file imported with `--parent-relations` (a flag of
their own: a file may hold the ways and not the relations); any other file only adds the
relations it names (sync.osm.parse.known_relations). The summary counts the nodes whose known
relations changed, and those whose relations are still not known.
"""

from dataclasses import asdict, dataclass
from datetime import date, datetime
from io import BytesIO
from pathlib import Path
from statistics import median
from xml.etree.ElementTree import iterparse

from sqlalchemy import delete, select

from server import geo
from server.basemap import service as basemap
from server.exports.cameras import cameras_named
from server.extensions import db
from server.groups.models import Walk
from server.observations.models import Observation
from server.osm.client import OsmClient
from server.osm.errors import AreaTooLarge, NoArea, UnreadableOsmData, WalkAreaTooLarge
from server.osm.models import OsmNode, member_of
from server.osm.service import (
    WALK_MARGIN_M,
    boxed_observations,
    gone_versions,
    walk_bbox,
    write_node,
)
from server.sql import among, in_batches
from server.types import utcnow
from sync.geodesy import distance_m
from sync.osm.parse import (
    OsmCameras,
    known_relations,
    overpass_query,
    read_osm_xml,
    read_overpass_json,
    still_gone,
)

# The largest box a walk's fetch asks OSM for, from Overpass or the API. A walk is a
# neighbourhood walked in a day: its box, with its 300 m margin, is a few ten-thousandths of a
# square degree (Noailles: 0.0001); a whole city such as Marseille is 0.2 x 0.25 degrees
# (0.05). A camera logged far away (a phone without a fix yet at 0, 0, a walker who logged one
# at home) widened the box to a region or a continent, and the fetch asked Overpass, a
# service shared by every OSM tool, for all of it, cached its cameras, and made it the walk
# map every phone downloads (about 50 KB a dense square kilometre: docs/walk-map.md). 0.01
# is about 8 x 11 km at Marseille's latitude (some 4 MB of map), a fifth of the city: far
# more than a walk on foot covers. The API's `map` call serves at most 0.25 square degrees:
# this is its bound too. docs/osm.md says why the stray camera is not left out instead.
MAX_FETCH_SQUARE_DEGREES = 0.01
# A refused fetch names this many of the cameras that widen the box most: one stray is the
# usual case, and a list longer than a few is a walk spread out, not a camera to move.
MAX_FAR_NAMED = 3

Bbox = tuple[float, float, float, float]  # west, south, east, north


@dataclass
class ImportResult:
    added: int = 0
    updated: int = 0
    # Same version, but a way started or stopped using the node (or that became known).
    vertex_changed: int = 0
    unchanged: int = 0
    # Cached nodes of this answer whose way membership is still not known.
    vertex_unknown: int = 0
    # Nodes of this answer whose known relations changed (learnt, or a list that differs), and
    # those whose relations are still not known: neither is deleted by camwalk.
    relations_changed: int = 0
    relations_unknown: int = 0
    # Cached nodes newer than the data (camwalk's upload made them since): kept as they are.
    kept_newer: int = 0
    # Nodes of the data camwalk's upload took out of OSM since that version: kept out.
    kept_deleted: int = 0
    removed: int = 0
    not_nodes: int = 0
    bbox: Bbox | None = None
    # Features of the walk map kept by a fetch (server/basemap); None for a file import.
    basemap_features: int | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def read_cameras(
    data: bytes, parent_ways: bool = False, parent_relations: bool = False
) -> tuple[OsmCameras, Bbox | None]:
    """Cameras from OSM XML or Overpass JSON, told apart by their first character;
    `parent_ways=True` when the data is known to hold every way that uses a camera,
    `parent_relations=True` every relation that lists one."""
    parents = {"parent_ways": parent_ways, "parent_relations": parent_relations}
    head = data.lstrip()[:1]
    try:
        if head == b"{":
            return read_overpass_json(data, **parents), None
        if head == b"<":
            return read_osm_xml(BytesIO(data), **parents), _xml_bounds(data)
    except (ValueError, KeyError, TypeError) as error:
        raise UnreadableOsmData(f"Unreadable OSM data: {error}") from error
    raise UnreadableOsmData()


def _xml_bounds(data: bytes) -> Bbox | None:
    """The <bounds> the API and osmium write before the first node, if any."""
    for _, element in iterparse(BytesIO(data), events=("start",)):
        if element.tag == "bounds":
            values = [float(element.get(k)) for k in ("minlon", "minlat", "maxlon", "maxlat")]
            return tuple(values)
        if element.tag in ("node", "way", "relation"):
            return None
    return None


def import_file(
    path: str | Path,
    bbox: Bbox | None = None,
    *,
    parent_ways: bool = False,
    parent_relations: bool = False,
) -> ImportResult:
    """Import a file; `bbox` declares the area it covers completely (else its <bounds>),
    `parent_ways` that it holds every way using one of its cameras, `parent_relations` every
    relation listing one (the person importing says so: a file cannot tell which a filter left
    out, sync/osm/parse.py). Its cameras are the operator's, for every group to see."""
    data = Path(path).read_bytes()
    cameras, bounds = read_cameras(data, parent_ways, parent_relations)
    return store_cameras(cameras, bbox or bounds, imported=True)


def store_cameras(
    cameras: OsmCameras, bbox: Bbox | None, as_of=None, *, imported: bool = False
) -> ImportResult:
    """Upsert the camera nodes; with a box, drop cached nodes in it the answer lacks, but those
    written after `as_of`, the moment of OSM the answer shows (None: not known). `imported`:
    an operator's file, whose cameras every group is shown (`OsmNode.shown_to`). Commits."""
    result = ImportResult(not_nodes=len(cameras.not_nodes), bbox=bbox)
    # Every cached row the data names, read at once: one query per node, each flushing the
    # node before it, made a region of 20,000 cameras take 13-57 s (bench/osm_import_bench.py).
    rows = {}
    for ids in in_batches(node.id for node in cameras.nodes):
        query = select(OsmNode).where(among(OsmNode.osm_id, ids))
        rows.update((row.osm_id, row) for row in db.session.scalars(query))
    gone = gone_versions(node.id for node in cameras.nodes)
    newer, kept_out = set(), set()
    for node in cameras.nodes:
        row = rows.get(node.id)
        if row is not None and row.version > node.version:
            newer.add(node.id)  # the data is older than what camwalk's upload made
            if imported and not row.imported:
                row.imported = True  # still the operator's camera for everyone
            continue
        if still_gone(node.version, gone.get(node.id)):
            kept_out.add(node.id)  # older than the upload that took it out of OSM
            continue
        before = None if row is None else (row.version, row.part_of_way)
        known = None if row is None else member_of(row.relations)
        relations = known_relations(known, node.relations, cameras.relations_complete)
        row = rows[node.id] = write_node(
            row, node.id, node.version, node.lon, node.lat, dict(node.tags), node.part_of_way,
            relations=relations, imported=imported,
        )  # fmt: skip
        result.vertex_unknown += row.part_of_way is None
        result.relations_unknown += relations is None
        result.relations_changed += relations is not None and relations != known
        if before is None:
            result.added += 1
        elif before[0] != node.version:
            result.updated += 1
        elif before[1] != row.part_of_way:
            result.vertex_changed += 1
        else:
            result.unchanged += 1
    result.kept_newer, result.kept_deleted = len(newer), len(kept_out)
    if bbox is not None:
        result.removed = _remove_absent(bbox, {node.id for node in cameras.nodes}, as_of)
    db.session.commit()
    return result


def _remove_absent(bbox: Bbox, present: set[int], as_of=None) -> int:
    dialect = db.session.get_bind().dialect.name
    db.session.flush()
    query = select(OsmNode.id, OsmNode.osm_id).where(
        geo.within_bbox(dialect, OsmNode, *bbox), OsmNode.demo_group_id.is_(None)
    )
    if as_of is not None:  # a node written since is newer than the answer, not gone
        query = query.where(OsmNode.fetched_at <= as_of)
    gone = [row_id for row_id, osm_id in db.session.execute(query) if osm_id not in present]
    for ids in in_batches(gone):
        db.session.execute(delete(OsmNode).where(among(OsmNode.id, ids)))
    return len(gone)


def data_time(source: str, cameras: OsmCameras, asked_at):
    """The moment of OSM a fetch's answer shows, which `walk.osm_fetched_at` keeps: a file
    exported after it may have reached OSM through JOSM without being in the answer
    (server/exports/osc.py `held_back`).

    The API's `map` call reads OSM's own database: it holds every upload finished before it
    was asked. Overpass copies that database minutes behind and says how far it has got
    (`osm3s.timestamp_osm_base`); the time it was asked would count a JOSM upload of the last
    minutes as fetched when it is not, and the walk's cameras would be created twice. An
    Overpass answer that does not say is of unknown age, so it is taken as older than any file
    (None): its cameras are stored, and new cameras of a file wait for a fetch that says."""
    if source == "api":
        return asked_at
    if cameras.osm_base is None:
        return None
    return min(cameras.osm_base, asked_at)  # a clock ahead of ours tells nothing more


def fetch_for_walk(walk: Walk, client: OsmClient, source: str = "overpass") -> ImportResult:
    """Fetch the cameras around a walk (its area, else its observations) and cache them, and
    the walk map of the same box (server/basemap). A box over MAX_FETCH_SQUARE_DEGREES is
    refused (`refuse_too_wide`) before OSM is asked anything."""
    bbox = walk_bbox(walk)
    if bbox is None:
        raise NoArea()
    refuse_too_wide(walk, bbox)
    west, south, east, north = bbox
    asked_at = utcnow()
    if source == "api":
        data = client.map_xml(west, south, east, north)
        # The same answer holds the box's streets and buildings: no second request.
        features = basemap.read_answer(data)
    else:
        data = client.overpass(overpass_query(south, west, north, east))
        features = basemap.fetch_features(client, bbox)
    # Both bring the parents: `map` every way and relation using a node of the box, the
    # query its own (`way(bn)`, `rel(bn)`).
    # Both answers are read before anything is stored: a failure keeps the old cache and map.
    cameras, _ = read_cameras(data, parent_ways=True, parent_relations=True)
    kept = basemap.store_basemap(walk, features, bbox, source)
    walk.osm_fetched_at = data_time(source, cameras, asked_at)
    walk.osm_fetched_bbox = list(bbox)
    result = store_cameras(cameras, bbox, as_of=walk.osm_fetched_at)
    result.basemap_features = kept
    return result


def square_degrees(bbox: Bbox) -> float:
    west, south, east, north = bbox
    return (east - west) * (north - south)


def drawn_box(ring: list[tuple[float, float]]) -> Bbox:
    """The box a fetch asks for around a drawn area alone: `walk_bbox` of a walk with no
    camera, from the corners as the database gives them back."""
    return geo.bbox_of([(geo.rounded(lon), geo.rounded(lat)) for lon, lat in ring], WALK_MARGIN_M)


def refuse_a_drawn_area_too_wide(ring: list[tuple[float, float]]) -> None:
    """Refuse (WalkAreaTooLarge) an area whose own box is over MAX_FETCH_SQUARE_DEGREES: the
    walk's first fetch would be refused, and no camera moved would change that."""
    size = square_degrees(drawn_box(ring))
    if size > MAX_FETCH_SQUARE_DEGREES:
        raise WalkAreaTooLarge(_drawn_area_words(size))


def refuse_too_wide(walk: Walk, bbox: Bbox) -> None:
    """Refuse a fetch of `bbox`, the walk's box, over MAX_FETCH_SQUARE_DEGREES: as
    WalkAreaTooLarge when its drawn area alone is (a walk drawn before the bound), else as
    AreaTooLarge naming the cameras logged farthest from the walk (`far_observations`)."""
    size = square_degrees(bbox)
    if size <= MAX_FETCH_SQUARE_DEGREES:
        return
    ring = geo.polygon_lonlats(walk.area) if walk.area is not None else None
    drawn = square_degrees(drawn_box(ring)) if ring else 0.0
    if drawn > MAX_FETCH_SQUARE_DEGREES:
        raise WalkAreaTooLarge(_drawn_area_words(drawn))
    far = far_observations(walk, geo.bbox_of(ring) if ring else None)
    words = (
        f"This walk's box is {size:.3g} square degrees; a fetch asks OSM for at most "
        f"{MAX_FETCH_SQUARE_DEGREES} (a neighbourhood, not a region). A camera logged far from "
        "the walk (a GPS fix gone wrong, one logged at home) widens it: move or delete that "
        "camera, or draw a smaller area."
    )
    if far:
        first = far[0]
        words += (
            f" The farthest: {first['uuid']} at {first['lat']}, {first['lon']}, "
            f"{first['distance_m'] / 1000:.1f} km from the walk."
        )
    raise AreaTooLarge(words, errors={"far_observations": far} if far else None)


def _drawn_area_words(size: float) -> str:
    return (
        f"This walk's area makes a box of {size:.3g} square degrees; a fetch asks OSM for at "
        f"most {MAX_FETCH_SQUARE_DEGREES} (a neighbourhood, not a region): draw a smaller area, "
        "or split it into several walks."
    )


def far_observations(walk: Walk, area: Bbox | None) -> list[dict]:
    """The cameras that widen the walk's box most, farthest first, at most MAX_FAR_NAMED:
    those logged outside `area`, the drawn area's box, by their distance from it; without a
    drawn area, every camera by its distance from the middle of them all (the median, which a
    few strays do not move). Each with the names the review screens give it, so that the
    organiser knows which one to open: read only when a fetch is refused."""
    lon, lat = geo.lonlat_columns(Observation.geom)
    rows = db.session.execute(
        select(Observation.uuid, lon, lat).where(*boxed_observations(walk))
    ).all()
    if not rows:
        return []
    if area is None:
        middle_lon, middle_lat = median(r[1] for r in rows), median(r[2] for r in rows)
        area = (middle_lon, middle_lat, middle_lon, middle_lat)
    west, south, east, north = area
    apart = []
    for uuid, x, y in rows:
        nearest = (min(max(y, south), north), min(max(x, west), east))
        metres = distance_m(y, x, *nearest)
        if metres > 0:
            apart.append((metres, uuid, geo.rounded(y), geo.rounded(x)))
    apart.sort(reverse=True)
    kept = apart[:MAX_FAR_NAMED]
    names = cameras_named(walk.group_id, ({"observation": uuid} for _, uuid, *_ in kept))
    return [
        {
            "uuid": uuid,
            "lat": y,
            "lon": x,
            "distance_m": round(metres),
            "camera": {k: _plain(v) for k, v in names.get(uuid, {}).items()},
        }
        for metres, uuid, y, x in kept
    ]


def _plain(value):
    """A date as the API writes it (ISO 8601): an error body is not dumped by a schema."""
    return value.isoformat() if isinstance(value, date | datetime) else value
