"""A walk's coverage and its route less seen, as the API serves them.

Scenes are kept per process under the walk map's digest, views under their own keys
(server/coverage/views.py); so a request after one camera changed makes one view, merges them
and measures. Members see every live camera of the group that stands on the walk's map, from
whichever walk logged it; the public map only what an organiser approved, walk by walk, and
only once the campaign publishes its map and its coverage.
"""

import json
import threading
from collections import OrderedDict
from dataclasses import dataclass, replace

import numpy as np
import shapely
import sqlalchemy as sa

from server import geo
from server.basemap.errors import NoBasemap
from server.basemap.service import basemap_bbox, basemap_digest, walk_basemap
from server.coverage import figures
from server.coverage.assumptions import RANGES, SEEING_KINDS, Assumptions, from_settings
from server.coverage.route import NoRoute, routes, street_graph
from server.coverage.scene import Scene
from server.coverage.views import VIEWS, Camera, View, view_key
from server.errors import NotFound
from server.extensions import db
from server.groups.models import Group, Walk
from server.observations.models import Observation
from sync.basemap import point_in_ring
from sync.order import camera_order_key

# Views are drawn simplified to this (metres): a phone's screen shows no finer, and it keeps a
# dense walk's answer to a few hundred kB.
DRAWN_TOLERANCE_M = 0.25
COORDINATE_DECIMALS = 7


class _Lru:
    """A few costly things (scenes, street graphs) kept per process, shared by its threads."""

    def __init__(self, size: int):
        self.size = size
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def keep(self, key, make):
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = make()  # outside the lock: a slow build must not hold up other walks
        with self._lock:
            self._items[key] = value
            if len(self._items) > self.size:
                self._items.popitem(last=False)
        return value


_SCENES = _Lru(8)
_GRAPHS = _Lru(8)


def scene_for(walk: Walk) -> Scene | None:
    """The walk map in metres, or None when the walk has none yet."""
    try:
        digest = basemap_digest(walk)
    except NoBasemap:
        return None
    ring = geo.polygon_lonlats(walk.area) if walk.area is not None else None
    # The features are loaded only when the scene is not already kept.
    return _SCENES.keep(
        (digest, json.dumps(ring)), lambda: Scene(walk_basemap(walk).features, ring)
    )


def _on_the_map(walk: Walk, box, *where):
    """The group's live observations standing in `box`, the box of the walk's map (and meeting
    `where`), whichever walk logged them: a camera logged last week films this week's streets
    as much, and a route less seen that ignored it would lead the walker under it."""
    dialect = db.session.get_bind().dialect.name
    return db.session.scalars(
        sa.select(Observation)
        .where(
            Observation.group_id == walk.group_id,
            geo.within_bbox(dialect, Observation, *box),
            Observation.deleted.is_(False),
            Observation.merged_into_id.is_(None),
            *where,
        )
        .order_by(Observation.id)
    ).all()


def _live_cameras(walk: Walk):
    """The seeing cameras on the walk's map as walkers logged them, less those an organiser
    refused (not a camera, a guess): the review has not looked at the others yet, and a
    walker's route should keep away from them meanwhile."""
    return _on_the_map(
        walk,
        basemap_bbox(walk),
        Observation.presence != "gone",
        Observation.kind.in_(SEEING_KINDS),
        Observation.review_status != "rejected",
    )


def _camera(row: Observation) -> Camera:
    point = geo.to_lonlat(row.geom)
    direction = tuple(row.direction) if row.direction else None
    return Camera(
        row.uuid, point.lon, point.lat, row.kind, row.camera_type, direction, row.surveillance
    )


def _approved_camera(row: Observation) -> Camera | None:
    """A camera as an organiser approved it (what the public map shows), if it still stands."""
    values = row.approved
    if values.get("presence", "present") != "present" or values.get("kind") not in SEEING_KINDS:
        return None
    position = values["position"]
    direction = tuple(values["direction"]) if values.get("direction") else None
    return Camera(
        row.uuid,
        position["lon"],
        position["lat"],
        values["kind"],
        values.get("camera_type"),
        direction,
        values.get("surveillance"),
    )


@dataclass
class Seen:
    cameras: list[Camera]
    views: list[View]
    skipped: int  # fixed cameras with no direction, left out (by default)
    indoor: int  # cameras filming indoors: no view of the street, by design


def _views(scene: Scene, cameras: list[Camera], assumptions: Assumptions) -> Seen:
    seen, views, skipped, indoor = [], [], 0, 0
    for camera in cameras:
        view = VIEWS.view(scene, camera, assumptions)
        if view is None:
            if camera.surveillance == "indoor":
                indoor += 1
            else:
                skipped += 1
            continue
        seen.append(camera)
        views.append(view)
    return Seen(seen, views, skipped, indoor)


def _feature(scene: Scene, polygon, properties: dict) -> dict:
    drawn = scene.unproject(shapely.simplify(polygon, DRAWN_TOLERANCE_M))
    drawn = shapely.transform(drawn, lambda c: np.round(c, COORDINATE_DECIMALS))
    return {
        "type": "Feature",
        "geometry": json.loads(shapely.to_geojson(drawn)),
        "properties": properties,
    }


def _drawn_views(scene: Scene, seen: Seen, with_ids: bool) -> list[dict]:
    return [feature for _, _, feature in _layered_views(scene, seen, with_ids)]


def _layered_views(scene: Scene, seen: Seen, with_ids: bool) -> list[tuple[int, Camera, dict]]:
    """(layer, camera, feature) for each range of each view, layer 0 the widest: a map drawing
    them in order shows the nearer ranges on top."""
    features = []
    for layer, name in enumerate(reversed(RANGES)):
        for camera, view in zip(seen.cameras, seen.views, strict=True):
            polygon = view.polygons[name]
            if polygon.is_empty:
                continue
            properties = {"range": name, "profile": view.profile}
            if with_ids:
                properties["camera_id"] = camera.id
            features.append((layer, camera, _feature(scene, polygon, properties)))
    return features


def walk_coverage(walk: Walk) -> dict:
    """The views of a walk's cameras as GeoJSON, with the walk's figures (members)."""
    assumptions = from_settings(walk.group.coverage)
    scene = scene_for(walk)
    answer = {
        "type": "FeatureCollection",
        "features": [],
        "assumptions": assumptions.as_dict(),
        "basemap": scene is not None,
        "figures": None,
    }
    if scene is None:
        return answer  # without walls, a view would claim to see through them
    cameras = [_camera(row) for row in _live_cameras(walk)]
    seen = _views(scene, cameras, assumptions)
    coverage = figures.merged(seen.views)
    answer["features"] = _drawn_views(scene, seen, with_ids=True)
    answer["figures"] = {
        "cameras": {
            "with_view": len(seen.views),
            "without_direction": seen.skipped,
            "indoor": seen.indoor,
        },
        "streets": figures.street_shares(scene, coverage),
        "public_space": figures.public_space_shares(scene, coverage),
        "most_watched": figures.most_watched_streets(scene, seen.views, coverage),
        "facade_flags": figures.facade_flags(
            [c.id for c in seen.cameras], seen.views, assumptions
        ),
    }
    return answer


def public_coverage(group: Group) -> dict:
    """Views of the campaign's approved cameras, with nothing about walkers: in layers, the
    widest range first, and in each layer by place (sync/order.py), never in the order the
    cameras were logged, which would retrace a walker's route.

    Each camera is seen on a walk map it stands on, as members see it, whichever walk logged
    it: the first such map by walk, once. A camera standing on no walk map gets no view (its
    walls are unknown), even if its own walk has a map elsewhere."""
    if not group.coverage_public:
        raise NotFound("This campaign does not publish its cameras' views.")
    assumptions = from_settings(group.coverage)
    layered, drawn = [], set()
    for walk in db.session.scalars(
        sa.select(Walk).where(Walk.group_id == group.id).order_by(Walk.id)
    ):
        scene = scene_for(walk)
        if scene is None:
            continue
        box = basemap_bbox(walk)
        rows = _on_the_map(walk, box, Observation.approved.is_not(None))
        cameras = [
            camera
            for row in rows
            if row.uuid not in drawn and (camera := _approved_camera(row)) and _in_box(box, camera)
        ]
        drawn.update(camera.id for camera in cameras)
        layered += _layered_views(scene, _views(scene, cameras, assumptions), with_ids=False)
    layered.sort(
        key=lambda item: (item[0], camera_order_key(item[1].lon, item[1].lat, item[1].id))
    )
    return {"type": "FeatureCollection", "features": [feature for _, _, feature in layered]}


def _in_box(box, camera: Camera) -> bool:
    """Whether the camera's approved position (a walker's later edit may have moved the row
    since) stands in `box` (west, south, east, north)."""
    west, south, east, north = box
    return west <= camera.lon <= east and south <= camera.lat <= north


def walk_route(walk: Walk, start: tuple[float, float], end: tuple[float, float], penalty) -> dict:
    """The shortest route and the route less seen between two points of the walk (members)."""
    scene = scene_for(walk)
    if scene is None:
        raise NoBasemap()
    if walk.area is not None:
        ring = geo.polygon_lonlats(walk.area)
        if not (point_in_ring(start, ring) and point_in_ring(end, ring)):
            raise NoRoute("Both ends must lie inside the walk's area.")
    # A fixed camera whose direction nobody recorded may face the street the route takes:
    # the figures leave it out (a lower bound), the route keeps away from all round it.
    assumptions = replace(from_settings(walk.group.coverage), unknown_direction="circle")
    cameras = [_camera(row) for row in _live_cameras(walk)]
    keys = tuple(
        sorted(filter(None, (view_key(scene, c, assumptions) for c in cameras)), key=repr)
    )

    def build():
        seen = _views(scene, cameras, assumptions)
        return street_graph(scene, figures.merged(seen.views)["observation"])

    streets = _GRAPHS.keep((scene.digest, assumptions.digest, keys), build)
    found = routes(
        streets,
        scene.frame.to_xy(*start),
        scene.frame.to_xy(*end),
        assumptions.route_penalty if penalty is None else penalty,
    )
    return {
        "type": "FeatureCollection",
        "penalty": assumptions.route_penalty if penalty is None else penalty,
        "features": [
            _route_feature(scene, name, found[name]) for name in ("shortest", "less_seen")
        ],
    }


def _route_feature(scene: Scene, name: str, route: dict) -> dict:
    lons, lats = scene.frame.to_lonlat(route["vertices"][:, 0], route["vertices"][:, 1])
    coordinates = np.round(np.column_stack([lons, lats]), COORDINATE_DECIMALS).tolist()
    if len(coordinates) == 1:
        coordinates = coordinates * 2  # both ends at one vertex: still a drawable line
    return {
        "type": "Feature",
        "geometry": {"type": "LineString", "coordinates": coordinates},
        "properties": {
            "route": name,
            "length_m": route["length_m"],
            "in_view_m": route["in_view_m"],
        },
    }
