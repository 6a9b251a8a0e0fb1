"""Spatial queries agree with an independent ellipsoidal distance on both engines.

Each engine is checked against Vincenty's formula on WGS84 to 0.25 m, so the two engines
agree with each other to 0.5 m on the same coordinates.
"""

import math
import uuid

import pytest
import sqlalchemy as sa

from server import geo
from server.extensions import db
from server.observations.models import Observation
from server.osm.service import store_node

# Real spots around the Vieux-Port and Noailles, Marseille (lon, lat).
ORIGIN = (5.3812345, 43.2961234)
OFFSETS_M = [0.0, 3.0, 7.9, 8.1, 15.0, 40.0, 250.0]
BEARINGS = [0, 45, 90, 135, 180, 225, 270, 315]


def vincenty_metres(lon1, lat1, lon2, lat2):
    """Distance on the WGS84 ellipsoid (Vincenty's inverse formula)."""
    a, f = 6378137.0, 1 / 298.257223563
    b = (1 - f) * a
    big_l = math.radians(lon2 - lon1)
    u1 = math.atan((1 - f) * math.tan(math.radians(lat1)))
    u2 = math.atan((1 - f) * math.tan(math.radians(lat2)))
    sin_u1, cos_u1, sin_u2, cos_u2 = math.sin(u1), math.cos(u1), math.sin(u2), math.cos(u2)
    lam = big_l
    for _ in range(200):
        sin_lam, cos_lam = math.sin(lam), math.cos(lam)
        sin_sigma = math.hypot(cos_u2 * sin_lam, cos_u1 * sin_u2 - sin_u1 * cos_u2 * cos_lam)
        if sin_sigma == 0:
            return 0.0
        cos_sigma = sin_u1 * sin_u2 + cos_u1 * cos_u2 * cos_lam
        sigma = math.atan2(sin_sigma, cos_sigma)
        sin_alpha = cos_u1 * cos_u2 * sin_lam / sin_sigma
        cos2_alpha = 1 - sin_alpha**2
        cos_2sm = cos_sigma - 2 * sin_u1 * sin_u2 / cos2_alpha if cos2_alpha else 0.0
        c = f / 16 * cos2_alpha * (4 + f * (4 - 3 * cos2_alpha))
        previous = lam
        lam = big_l + (1 - c) * f * sin_alpha * (
            sigma + c * sin_sigma * (cos_2sm + c * cos_sigma * (-1 + 2 * cos_2sm**2))
        )
        if abs(lam - previous) < 1e-12:
            break
    u_sq = cos2_alpha * (a**2 - b**2) / b**2
    big_a = 1 + u_sq / 16384 * (4096 + u_sq * (-768 + u_sq * (320 - 175 * u_sq)))
    big_b = u_sq / 1024 * (256 + u_sq * (-128 + u_sq * (74 - 47 * u_sq)))
    delta = (
        big_b
        * sin_sigma
        * (
            cos_2sm
            + big_b
            / 4
            * (
                cos_sigma * (-1 + 2 * cos_2sm**2)
                - big_b / 6 * cos_2sm * (-3 + 4 * sin_sigma**2) * (-3 + 4 * cos_2sm**2)
            )
        )
    )
    return b * big_a * (sigma - delta)


def offset(lon, lat, metres, bearing_deg):
    """A point roughly `metres` away; the exact distance is then measured by Vincenty."""
    north = metres * math.cos(math.radians(bearing_deg))
    east = metres * math.sin(math.radians(bearing_deg))
    return (
        lon + east / (111_320 * math.cos(math.radians(lat))),
        lat + north / 110_574,
    )


@pytest.fixture
def scattered(app, group):
    """Observations around ORIGIN at known distances and bearings."""
    points = {}
    for distance in OFFSETS_M:
        for bearing in BEARINGS:
            lon, lat = offset(*ORIGIN, distance, bearing)
            obs = Observation(
                uuid=str(uuid.uuid4()),
                group_id=group.id,
                walk_id=group.walk.id,
                geom=geo.point_element(lon, lat),
            )
            db.session.add(obs)
            db.session.flush()
            points[obs.id] = vincenty_metres(*ORIGIN, lon, lat)
    db.session.commit()
    return points


def test_distances_match_the_ellipsoid_to_a_quarter_metre(scattered, group):
    found = geo.observations_within(db.session, group.id, *ORIGIN, 1000.0)

    assert len(found) == len(scattered)
    for observation, distance in found:
        assert distance == pytest.approx(scattered[observation.id], abs=0.25)


@pytest.mark.parametrize("radius", [5.0, 8.0, 20.0, 100.0])
def test_within_returns_exactly_the_points_inside_the_radius(scattered, group, radius):
    found = geo.observations_within(db.session, group.id, *ORIGIN, radius)

    expected = {oid for oid, d in scattered.items() if d <= radius}
    assert {obs.id for obs, _ in found} == expected


def test_results_come_nearest_first(scattered, group):
    distances = [d for _, d in geo.observations_within(db.session, group.id, *ORIGIN, 300.0)]

    assert distances == sorted(distances)


def test_other_groups_observations_are_not_found(scattered, make_group):
    other = make_group("Belsunce")

    assert geo.observations_within(db.session, other.id, *ORIGIN, 1000.0) == []


def test_nearest_osm_camera_is_the_closest_within_the_radius(app):
    near = offset(*ORIGIN, 6.0, 90)
    far = offset(*ORIGIN, 9.0, 270)
    store_node(101, 2, *near, {"man_made": "surveillance"})
    store_node(102, 1, *far, {"man_made": "surveillance"})
    db.session.commit()

    node, distance = geo.nearest_osm_camera(db.session, *ORIGIN, 10.0)

    assert node.osm_id == 101
    assert distance == pytest.approx(vincenty_metres(*ORIGIN, *near), abs=0.25)
    assert geo.nearest_osm_camera(db.session, *ORIGIN, 5.0) is None


def test_points_round_trip_with_seven_decimals(app, group):
    obs = Observation(
        uuid=str(uuid.uuid4()),
        group_id=group.id,
        walk_id=group.walk.id,
        geom=geo.point_element(-0.1234567, -33.8765432),
    )
    db.session.add(obs)
    db.session.commit()
    db.session.expire_all()

    point = geo.to_lonlat(db.session.get(Observation, obs.id).geom)

    assert (point.lon, point.lat) == (-0.1234567, -33.8765432)


def test_within_query_uses_the_spatial_index(scattered, group, engine_name):
    dialect = db.session.get_bind().dialect.name
    query = sa.select(Observation.id).where(geo.within_metres(dialect, Observation, *ORIGIN, 8.0))
    compiled = query.compile(db.engine, compile_kwargs={"literal_binds": True})
    if engine_name == "spatialite":
        plan = db.session.execute(sa.text(f"EXPLAIN QUERY PLAN {compiled}")).all()
        assert any("SpatialIndex" in str(row) for row in plan)
    else:
        db.session.execute(sa.text("SET LOCAL enable_seqscan = off"))
        plan = db.session.execute(sa.text(f"EXPLAIN {compiled}")).scalars().all()
        assert any("ix_observation_geog" in line for line in plan)


def test_observations_in_boxes_finds_live_observations_of_the_group_in_any_box(
    scattered, group, make_group
):
    group_id = group.id
    gone = db.session.scalars(sa.select(Observation).order_by(Observation.id).limit(1)).one()
    gone.deleted = True
    other = make_group("Belsunce")
    db.session.add(
        Observation(
            uuid=str(uuid.uuid4()),
            group_id=other.id,
            walk_id=other.walk.id,
            geom=geo.point_element(*ORIGIN),
        )
    )
    db.session.commit()
    near = geo.bbox_of([ORIGIN], 20.0)
    far = geo.bbox_of([offset(*ORIGIN, 250.0, 90)], 5.0)

    found = geo.observations_in_boxes(db.session, group_id, [near, far])

    rows = db.session.scalars(sa.select(Observation).where(Observation.group_id == group_id))
    inside = {
        row.id
        for row in rows
        if not row.deleted
        and any(
            box[0] <= geo.to_lonlat(row.geom).lon <= box[2]
            and box[1] <= geo.to_lonlat(row.geom).lat <= box[3]
            for box in (near, far)
        )
    }
    assert {row.id for row in found} == inside
    assert gone.id not in inside and len(inside) > 8
