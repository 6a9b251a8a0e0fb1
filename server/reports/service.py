"""What organisers and the public see of a walk or campaign: counts, coverage, the map.

A camera counts as "already in OSM" when it is linked to an OSM node or stands within
OSM_MATCH_DISTANCE_M of a cached OSM camera; every other live camera is "new".
"""

import math
from collections import Counter

import sqlalchemy as sa

from server import geo
from server.extensions import db
from server.groups.models import Group, Walk
from server.groups.service import walk_view
from server.observations.models import Observation
from server.photos.models import ObservationPhoto, Photo
from server.photos.publication import public_photo_urls
from sync.order import camera_order_key

OSM_MATCH_DISTANCE_M = 10.0
UNKNOWN = "unknown"
EARTH_RADIUS_M = 6_371_008.8


def _live(*where):
    return (
        sa.select(Observation)
        .where(Observation.deleted.is_(False), Observation.merged_into_id.is_(None), *where)
        .order_by(Observation.id)
    )


def _facts(row: Observation) -> dict:
    """What a camera is, and nothing about who saw it: the public map shows exactly this."""
    return {
        "kind": row.kind,
        "camera_type": row.camera_type,
        "mount": row.mount,
        "direction": row.direction,
        "zone": row.zone,
        "operator": row.operator,
        "surveyed_on": row.surveyed_on.isoformat() if row.surveyed_on else None,
    }


def _camera(row: Observation, in_osm: bool) -> dict:
    point = geo.to_lonlat(row.geom)
    return {
        "id": row.uuid,
        "lon": point.lon,
        "lat": point.lat,
        **_facts(row),
        "review_status": row.review_status,
        "presence": row.presence,
        "in_osm": in_osm,
    }


def _in_osm(row: Observation) -> bool:
    if row.osm_node_id is not None:
        return True
    point = geo.to_lonlat(row.geom)
    return (
        geo.nearest_osm_camera(db.session, point.lon, point.lat, OSM_MATCH_DISTANCE_M) is not None
    )


def _count(rows, name: str) -> dict:
    counts = Counter((getattr(row, name) or UNKNOWN) for row in rows)
    return dict(counts.most_common())


def ring_area_km2(ring: list[tuple[float, float]]) -> float:
    """Area of a lon/lat ring on the sphere of mean Earth radius (within 0.5 % of WGS84)."""
    if len(ring) < 3:
        return 0.0
    total = 0.0
    for (lon1, lat1), (lon2, lat2) in zip(ring, ring[1:] + ring[:1], strict=True):
        total += math.radians(lon2 - lon1) * (
            2 + math.sin(math.radians(lat1)) + math.sin(math.radians(lat2))
        )
    return abs(total) * EARTH_RADIUS_M**2 / 2 / 1_000_000


def walk_summary(walk: Walk) -> dict:
    rows = db.session.scalars(_live(Observation.walk_id == walk.id)).all()
    present = [row for row in rows if row.presence != "gone"]
    cameras = [_camera(row, _in_osm(row)) for row in rows]
    in_osm = sum(1 for camera in cameras if camera["in_osm"] and camera["presence"] != "gone")
    view = walk_view(walk)
    area = ring_area_km2(view["area"]) if view["area"] else None
    photos = db.session.execute(
        sa.select(Photo.sha256, Observation.uuid)
        .join(ObservationPhoto, ObservationPhoto.photo_id == Photo.id)
        .join(Observation, Observation.id == ObservationPhoto.observation_id)
        .where(Observation.walk_id == walk.id, Observation.deleted.is_(False))
        .order_by(Observation.id, Photo.sha256)
    ).all()
    return {
        "walk": view,
        "totals": {
            "cameras": len(present),
            "approved": sum(row.review_status == "approved" for row in present),
            "pending": sum(row.review_status == "pending" for row in present),
            "rejected": sum(row.review_status == "rejected" for row in present),
            "in_osm": in_osm,
            "new": len(present) - in_osm,
            "reported_gone": len(rows) - len(present),
            "photos": len(photos),
        },
        "by_kind": _count(present, "kind"),
        "by_operator": _count(present, "operator"),
        "by_zone": _count(present, "zone"),
        "by_mount": _count(present, "mount"),
        "by_camera_type": _count(present, "camera_type"),
        "coverage": {
            "area_km2": round(area, 3) if area is not None else None,
            "cameras_per_km2": round(len(present) / area, 1) if area else None,
        },
        "cameras": cameras,
        "photos": [{"sha256": sha, "observation_id": uuid} for sha, uuid in photos],
    }


def public_cameras(group: Group) -> dict:
    """The campaign's approved, present cameras as GeoJSON: nothing about walkers."""
    rows = db.session.scalars(
        _live(
            Observation.group_id == group.id,
            Observation.review_status == "approved",
            Observation.presence == "present",
        )
    )
    photos = public_photo_urls(group)
    features = []
    # By place, never by logging order, which with the survey dates retraces walkers' routes.
    located = [(geo.to_lonlat(row.geom), row) for row in rows]
    located.sort(key=lambda pair: camera_order_key(pair[0].lon, pair[0].lat, pair[1].uuid))
    for point, row in located:
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [point.lon, point.lat]},
                "properties": {
                    **_facts(row),
                    # Only the photos an organiser published, blurred; see docs/privacy.md.
                    "photos": photos.get(row.id, []),
                },
            }
        )
    return {"type": "FeatureCollection", "name": group.name, "features": features}


def update_group(group: Group, changes: dict) -> Group:
    for name, value in changes.items():
        setattr(group, name, value)
    db.session.commit()
    return group
