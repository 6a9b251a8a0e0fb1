"""The one geodesy module: distances, bearings, ring areas and the point grid."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sync.geodesy import (
    EARTH_RADIUS_M,
    METRES_PER_DEGREE,
    CellReach,
    LocalFrame,
    PointGrid,
    angle_gap_deg,
    distance_m,
    ring_area_m2,
)

MARSEILLE = (43.2961234, 5.3812345)


@pytest.mark.parametrize(
    ("a", "b", "metres"),
    [
        ((0, 0), (1, 0), METRES_PER_DEGREE),
        ((0, 0), (0, 1), METRES_PER_DEGREE),
        ((0, 179.5), (0, -179.5), METRES_PER_DEGREE),
        ((89.5, 0), (89.5, 180), METRES_PER_DEGREE),
        ((60, 0), (60, 1), METRES_PER_DEGREE / 2),
        (MARSEILLE, MARSEILLE, 0),
    ],
)
def test_distance_is_the_great_circle_in_metres(a, b, metres):
    assert distance_m(*a, *b) == pytest.approx(metres, rel=1e-3, abs=1e-6)


def test_a_degree_of_latitude_is_about_111_km():
    assert pytest.approx(111_195, abs=1) == METRES_PER_DEGREE
    assert distance_m(43, 5, 44, 5) == pytest.approx(111_195, abs=1)


@pytest.mark.parametrize(
    ("a", "b", "gap"),
    [(0, 0, 0), (350, 10, 20), (10, 350, 20), (0, 180, 180), (90, 271, 179), (0, 359, 1)],
)
def test_bearings_are_compared_the_short_way_round(a, b, gap):
    assert angle_gap_deg(a, b) == gap


@pytest.mark.parametrize("closed", [True, False])
def test_a_one_degree_square_at_the_equator_has_the_spherical_area(closed):
    ring = [(0, 0), (1, 0), (1, 1), (0, 1)] + ([(0, 0)] if closed else [])
    # Exact for a lat/lon box on a sphere: R² Δλ (sin φ2 − sin φ1).
    expected = EARTH_RADIUS_M**2 * math.radians(1) * math.sin(math.radians(1))
    assert ring_area_m2(ring) == pytest.approx(expected, rel=1e-9)


def test_a_ring_with_fewer_than_three_corners_has_no_area():
    assert ring_area_m2([(5.0, 43.0), (5.1, 43.0)]) == 0


def test_a_key_put_again_moves_to_its_new_place():
    grid = PointGrid(10.0)
    grid.put("a", 43.0, 5.0)
    grid.put("a", 44.0, 5.0)
    assert "a" not in set(grid.near(43.0, 5.0))
    assert list(grid.near(44.0, 5.0)) == ["a"]
    grid.remove("a")
    assert list(grid.near(44.0, 5.0)) == []


def destination(lat, lon, bearing_deg, metres):
    """The point `metres` away from (lat, lon) on `bearing_deg`, on camwalk's sphere."""
    phi, lam, theta = math.radians(lat), math.radians(lon), math.radians(bearing_deg)
    delta = metres / EARTH_RADIUS_M
    phi2 = math.asin(
        math.sin(phi) * math.cos(delta) + math.cos(phi) * math.sin(delta) * math.cos(theta)
    )
    lam2 = lam + math.atan2(
        math.sin(theta) * math.sin(delta) * math.cos(phi),
        math.cos(delta) - math.sin(phi) * math.sin(phi2),
    )
    return math.degrees(phi2), (math.degrees(lam2) + 180) % 360 - 180


# 300 cases: each builds a grid of 50 points (about 14 ms); the cell arithmetic below, which
# it relies on, runs 1,000 cheap ones.
@settings(max_examples=300, deadline=None)
@given(
    lat=st.one_of(st.floats(-90, 90), st.sampled_from([0.0, 89.99999, -89.9999, 60.0])),
    lon=st.one_of(st.floats(-180, 180), st.sampled_from([-180.0, 179.99999])),
    bearing=st.floats(0, 360),
    fraction=st.floats(0, 1),
    reach_m=st.sampled_from([1.0, 10.0, 35.0, 5000.0]),
)
def test_the_grid_offers_every_point_within_its_reach(lat, lon, bearing, fraction, reach_m):
    near_lat, near_lon = destination(lat, lon, bearing, fraction * reach_m)
    # Fillers around the world on the same latitude make the grid read cells, not whole rows.
    fillers = [(n, near_lat, -179.5 + n * 7.2) for n in range(1, 50)]
    grid = PointGrid(reach_m, [(0, near_lat, near_lon), *fillers])
    if distance_m(lat, lon, near_lat, near_lon) <= reach_m:
        assert 0 in set(grid.near(lat, lon))


@settings(max_examples=1000, deadline=None)
@given(
    lat=st.one_of(st.floats(-90, 90), st.sampled_from([0.0, 89.99999, -89.9999, 60.0, 89.9])),
    lon=st.one_of(st.floats(-180, 180), st.sampled_from([-180.0, 179.99999])),
    bearing=st.floats(0, 360),
    fraction=st.floats(0, 1),
    reach_m=st.sampled_from([1.0, 10.0, 35.0, 5000.0]),
    max_columns=st.sampled_from([1, 2, 64]),
)
def test_cell_reach_offers_every_key_within_reach_once(
    lat, lon, bearing, fraction, reach_m, max_columns
):
    near_lat, near_lon = destination(lat, lon, bearing, fraction * reach_m)
    fillers = [(n, near_lat, -179.5 + n * 7.2) for n in range(1, 50)]
    reach = CellReach(reach_m, [(0, near_lat, near_lon), *fillers], max_columns)
    offered = reach.near(lat, lon)
    assert len(offered) == len(set(offered))
    if distance_m(lat, lon, near_lat, near_lon) <= reach_m:
        assert 0 in offered


def test_cell_reach_offers_nothing_far_from_every_key():
    reach = CellReach(10.0, [("a", 43.0, 5.0), ("b", 43.0001, 5.0)])
    assert set(reach.near(43.00005, 5.0)) == {"a", "b"}
    assert reach.near(43.01, 5.0) == ()
    assert CellReach(10.0, []).near(43.0, 5.0) == ()


@pytest.mark.parametrize("max_columns", [64, 1])  # filed by cells, or by whole rows
def test_cell_reach_gives_back_each_key_as_filed_whatever_its_type(max_columns):
    # A cell of one key holds it bare: a key that is a tuple, or None, is still one key.
    keys = [("a", 1), None, 7, (), "b"]
    reach = CellReach(10.0, [(key, 43.0, 5.0) for key in keys], max_columns)
    assert reach.near(43.0, 5.0) == tuple(keys)
    for key in keys:
        alone = CellReach(10.0, [(key, 43.0, 5.0)], max_columns)
        assert alone.near(43.0, 5.0) == (key,)
        assert alone.near(43.01, 5.0) == ()


def test_local_frame_measures_a_walk_as_the_sphere_does_and_converts_back():
    frame = LocalFrame(24.9384, 60.1699)  # Helsinki, where meridians converge fast
    for lon, lat in [(24.9484, 60.1699), (24.9384, 60.1789), (24.9284, 60.1609)]:
        x, y = frame.to_xy(lon, lat)
        exact = distance_m(60.1699, 24.9384, lat, lon)
        assert abs(math.hypot(x, y) - exact) < exact * 0.001
        back = frame.to_lonlat(x, y)
        assert back == pytest.approx((lon, lat), abs=1e-9)
