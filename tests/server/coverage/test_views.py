"""Fields of view: sectors, circles and ranges, and walls that hide what lies behind them."""

import math

import pytest
import shapely

from server.coverage.assumptions import DEFAULTS, Assumptions, Profile
from server.coverage.scene import Scene
from server.coverage.views import Camera, ViewCache, compute_view
from tests.server.coverage.plane import building, lonlat, street

OPEN = Scene([street("Rue d'Aubagne", (-300, -300), (300, 300))])
ANGLE, RANGES = 60, (10, 20, 40)
NARROW = Assumptions(profiles={**DEFAULTS.profiles, "fixed": Profile(ANGLE, *RANGES)})


def camera(x=0.0, y=0.0, direction=(90,), camera_type="fixed", kind="camera", id="c"):
    lon, lat = lonlat(x, y)
    return Camera(id, lon, lat, kind, camera_type, tuple(direction) if direction else None)


def at_bearing(scene, view, bearing, metres):
    x, y = view.at
    return shapely.Point(
        x + metres * math.sin(math.radians(bearing)), y + metres * math.cos(math.radians(bearing))
    )


@pytest.mark.parametrize("bearing", [0, 45, 90, 180, 270, 359])
def test_a_fixed_camera_sees_a_sector_of_its_angle_and_range_where_it_looks(bearing):
    view = compute_view(OPEN, camera(direction=(bearing,)), NARROW)
    outer = view.polygons["observation"]

    assert outer.area == pytest.approx(ANGLE / 360 * math.pi * 40**2, rel=0.002)
    inside, outside = ANGLE / 2 - 1, ANGLE / 2 + 1
    for side in (-1, 1):
        assert outer.contains(at_bearing(OPEN, view, bearing + side * inside, 39.5))
        assert not outer.contains(at_bearing(OPEN, view, bearing + side * outside, 20))
    assert not outer.contains(at_bearing(OPEN, view, bearing, 40.5))
    assert not outer.contains(at_bearing(OPEN, view, bearing + 180, 5))


def test_bearing_90_looks_east_and_0_north():
    east = compute_view(OPEN, camera(direction=(90,)), NARROW).polygons["observation"]
    north = compute_view(OPEN, camera(direction=(0,)), NARROW).polygons["observation"]
    assert east.centroid.x > 15 and abs(east.centroid.y - OPEN.frame.to_xy(*lonlat(0, 0))[1]) < 1
    assert north.centroid.y - OPEN.frame.to_xy(*lonlat(0, 0))[1] > 15


def test_the_ranges_nest_with_their_own_radii():
    view = compute_view(OPEN, camera(), NARROW)
    areas = [view.polygons[name].area for name in ("identification", "recognition", "observation")]
    for area, radius in zip(areas, RANGES, strict=True):
        assert area == pytest.approx(ANGLE / 360 * math.pi * radius**2, rel=0.002)
    assert view.polygons["observation"].contains(view.polygons["identification"])


def test_domes_and_panning_cameras_see_all_round():
    for camera_type, radius in (("dome", 12.9), ("panning", 200)):
        view = compute_view(OPEN, camera(camera_type=camera_type, direction=(90,)), DEFAULTS)
        assert view.polygons["observation"].area == pytest.approx(math.pi * radius**2, rel=0.002)


def test_a_multi_lens_device_sees_one_sector_per_direction():
    view = compute_view(OPEN, camera(direction=(0, 180)), NARROW)
    assert view.polygons["observation"].area == pytest.approx(
        2 * ANGLE / 360 * math.pi * 40**2, rel=0.002
    )


def test_a_wall_hides_what_is_behind_it_and_the_building_itself():
    # A 10 m wide building 10 to 20 m east of a camera looking east.
    scene = Scene([building(10, -5, 20, 5)])
    view = compute_view(scene, camera(), NARROW)
    seen = view.polygons["observation"]
    assert seen.contains(at_bearing(scene, view, 90, 9))
    assert not seen.contains(at_bearing(scene, view, 90, 15))  # inside the building
    assert not seen.contains(at_bearing(scene, view, 90, 30))  # behind it
    assert not seen.contains(at_bearing(scene, view, 70, 30))  # in its shadow, off axis
    assert seen.contains(at_bearing(scene, view, 62, 30))  # past its corner
    # What is hidden is the shadow cast from the camera: the sector less a hand-drawn wedge.
    cx, cy = view.at
    far = [(cx + 130, cy + s * 65) for s in (-1, 1)]  # the corners' rays, 13 times out
    shadow = shapely.Polygon([(cx + 10, cy - 5), far[0], far[1], (cx + 10, cy + 5)])
    sector = (
        shapely.Point(cx, cy)
        .buffer(40, quad_segs=256)
        .intersection(
            shapely.Polygon(
                [
                    (cx, cy),
                    (cx + 80, cy - 80 * math.tan(math.radians(30))),
                    (cx + 80, cy + 80 * math.tan(math.radians(30))),
                ]
            )
        )
    )
    assert seen.area == pytest.approx(sector.difference(shadow).area, rel=0.005)


def test_a_camera_placed_inside_a_building_looks_out_from_its_wall():
    scene = Scene([building(-10, -10, 0.5, 10)])  # the camera's point is 0.5 m inside
    view = compute_view(scene, camera(), NARROW)
    x0 = scene.frame.to_xy(*lonlat(0.5, 0))[0]
    assert view.at[0] > x0
    assert view.polygons["observation"].area == pytest.approx(
        ANGLE / 360 * math.pi * 40**2, rel=0.01
    )


def test_guards_indoor_and_unaimed_fixed_cameras_get_no_view_by_default():
    cache = ViewCache()
    assert cache.view(OPEN, camera(kind="guard"), DEFAULTS) is None
    indoor = Camera("shop", *lonlat(0, 0), "camera", "dome", None, surveillance="indoor")
    assert cache.view(OPEN, indoor, DEFAULTS) is None
    assert cache.view(OPEN, camera(direction=None), DEFAULTS) is None
    circle = Assumptions(profiles=DEFAULTS.profiles, unknown_direction="circle")
    seen = cache.view(OPEN, camera(direction=None), circle)
    assert seen.polygons["observation"].area == pytest.approx(math.pi * 22.8**2, rel=0.002)
