"""Cached OSM cameras: reading them for a walk, storing fetched ones."""

from sqlalchemy import delete, func, select

from server import geo
from server.extensions import db
from server.groups.models import DEMO_SLUG, Walk
from server.observations.models import Observation
from server.osm.models import OsmNode, OsmNodeGone
from server.sql import among, in_batches
from server.types import utcnow
from sync.osm.loaded import loaded_within
from sync.osm.records import is_demo_node
from sync.osm.tags import out_of_use

# Around a walk with no drawn area, show OSM cameras this far from its observations.
WALK_MARGIN_M = 300.0


def node_view(node: OsmNode) -> dict:
    point = geo.to_lonlat(node.geom)
    return {
        "id": node.osm_id,
        "version": node.version,
        "lat": point.lat,
        "lon": point.lon,
        "tags": node.tags,
        "part_of_way": node.part_of_way,
        # Said here, by the rule the export matches by, so that the walker's phone never
        # offers or draws a camera a mapper marked out of use as one in use.
        "out_of_use": list(out_of_use(node.tags)),
        # The relations a mapper would open before deleting it (None: not known yet).
        "relations": node.relations,
    }


def walk_bbox(walk: Walk):
    """The box a fetch of the walk asks OSM for: its drawn area and its observations, widened
    by WALK_MARGIN_M. The observations count even with an area: a walker who logged a camera
    past it needs that camera's surroundings loaded before it can be created
    (sync/osm/loaded.py), and a walk's area cannot be redrawn. Only those it still holds: one
    deleted or merged away is created nowhere, and a camera logged at 0, 0 by a phone with no
    fix yet, then deleted, went on asking Overpass for a box from the equator to the walk."""
    corners = geo.polygon_lonlats(walk.area) if walk.area is not None else []
    lon, lat = geo.lonlat_columns(Observation.geom)
    query = select(func.min(lon), func.min(lat), func.max(lon), func.max(lat))
    west, south, east, north = db.session.execute(query.where(*boxed_observations(walk))).one()
    if west is not None:
        corners += [(west, south), (east, north)]
    return geo.bbox_of(corners, WALK_MARGIN_M)


def boxed_observations(walk: Walk) -> tuple:
    """WHERE clauses: the observations `walk_bbox` counts (those the walk still holds)."""
    return (
        Observation.walk_id == walk.id,
        Observation.deleted.is_(False),
        Observation.merged_into_id.is_(None),
    )


def nodes_for_walk(walk: Walk) -> list[dict]:
    """The cached cameras in the walk's box that its group is shown (`OsmNode.shown_to`)."""
    bbox = walk_bbox(walk)
    if bbox is None:
        return []
    dialect = db.session.get_bind().dialect.name
    fetched = group_loaded(walk.group, bbox)
    nodes = db.session.scalars(
        select(OsmNode)
        .where(geo.within_bbox(dialect, OsmNode, *bbox), OsmNode.seen_by(walk.group_id))
        .order_by(OsmNode.osm_id)
    )
    return [node_view(node) for node in nodes if node.shown_to(fetched)]


def group_loaded(group, bbox) -> list[tuple[float, float, float, float]] | None:
    """The boxes its own walks' loads cover in `bbox`, for `OsmNode.shown_to` (None: one
    holds all of `bbox`). The demo's walk counts as loaded without a fetch (server/demo.py),
    so that its export plans its new cameras: only a real fetch of it counts here, or a demo
    login would see the cameras another group's fetch brought to the same streets."""
    loaded = select(Walk.osm_fetched_bbox).where(
        Walk.group_id == group.id, Walk.osm_fetched_bbox.is_not(None)
    )
    if group.slug == DEMO_SLUG:
        loaded = loaded.where(Walk.osm_fetched_at.is_not(None))
    return loaded_within((tuple(box) for box in db.session.scalars(loaded)), bbox)


def store_node(osm_id: int, *fields, **options) -> OsmNode:
    """Insert or update one cached node (the caller commits): `write_node`, for one node."""
    node = db.session.scalar(select(OsmNode).where(OsmNode.osm_id == osm_id))
    return write_node(node, osm_id, *fields, **options)


def write_node(
    node: OsmNode | None,
    osm_id: int,
    version: int,
    lon: float,
    lat: float,
    tags: dict,
    part_of_way=False,
    *,
    relations: tuple[int, ...] | None = (),
    demo_group_id: int | None = None,
    imported: bool = False,
) -> OsmNode:
    """Make `node`, the cached row of `osm_id` as the caller read it (None: there is none),
    say what the data says of that node: for a caller that read the row already (the import
    reads all its rows at once).

    `part_of_way=None` (data that held no ways) keeps what an earlier fetch learnt: a file
    without ways cannot unlearn a vertex; `relations=None` (the data did not say) keeps the
    relations known so far, "not known" for a new node. Like `part_of_way=False`, the default
    `relations=()` says the node is known to be in none. `demo_group_id` marks a made-up demo
    camera, `imported=True` one an operator's file brought for every group (a fetch's
    `False` leaves a camera imported earlier as it is). Only what changed is set, so that a
    camera the data repeats as it was writes nothing: a region imported again is mostly that.
    """
    if is_demo_node(osm_id) != (demo_group_id is not None):
        raise ValueError(f"node {osm_id}: demo cameras, and only they, take demo ids")
    if node is None:
        node = OsmNode(osm_id=osm_id, part_of_way=None, demo_group_id=demo_group_id)
        db.session.add(node)
    if node.version != version:
        node.version = version
    if node.geom is None or geo.to_lonlat(node.geom) != geo.LonLat(
        geo.rounded(lon), geo.rounded(lat)
    ):
        node.geom = geo.point_element(lon, lat)
    if node.tags != tags:
        node.tags = dict(tags)
    if part_of_way is not None and node.part_of_way != part_of_way:
        node.part_of_way = part_of_way
    if relations is not None and node.relations != list(relations):
        node.relations = list(relations)
    if imported and not node.imported:
        node.imported = True
    return node


def gone_versions(osm_ids) -> dict[int, int]:
    """The version each of these nodes had once camwalk's upload took it out of OSM as a
    camera, for those it did (sync.osm.parse.still_gone reads it)."""
    versions = {}
    for ids in in_batches(osm_ids):
        query = select(OsmNodeGone.osm_id, OsmNodeGone.version).where(
            among(OsmNodeGone.osm_id, ids)
        )
        versions.update((osm_id, version) for osm_id, version in db.session.execute(query))
    return versions


def take_out(gone: dict[int, int]) -> None:
    """Nodes camwalk's upload took out of OSM as cameras, each to the version OSM gave it
    then (a delete's, or that of the node left without its camera tags): their rows leave the
    cache, and the version is kept, so that data older than the upload does not bring them
    back (server/osm/importer.py). The caller commits."""
    now = utcnow()
    for ids in in_batches(gone):
        db.session.execute(delete(OsmNode).where(among(OsmNode.osm_id, ids)))
        query = select(OsmNodeGone).where(among(OsmNodeGone.osm_id, ids))
        known = {row.osm_id: row for row in db.session.scalars(query)}
        for osm_id in ids:
            row = known.get(osm_id)
            if row is None:
                db.session.add(OsmNodeGone(osm_id=osm_id, version=gone[osm_id], gone_at=now))
            elif gone[osm_id] > row.version:  # taken out again, after a mapper brought it back
                row.version, row.gone_at = gone[osm_id], now
