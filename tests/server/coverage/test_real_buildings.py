"""Occlusion on real OpenStreetMap buildings and streets of Helsinki (tests/osm_extract.py)."""

import math

import numpy as np
import pytest
import shapely

from server.coverage.assumptions import DEFAULTS, Assumptions, Profile
from server.coverage.scene import Scene
from server.coverage.views import Camera, compute_view
from server.coverage.visibility import sector, spans
from tests.osm_extract import ExtractUnavailable


@pytest.fixture(scope="module")
def helsinki():
    from tests.server.coverage import helsinki

    try:
        return Scene(list(helsinki.features()))
    except ExtractUnavailable as error:
        pytest.skip(f"real OSM extract unavailable: {error}")


def behind_a_building(scene: Scene):
    """Real cases of a street point P, a building, and a spot C beyond that building from P.

    The biggest footprints first; C is 3 m past the building's far wall on the line from P
    through the building's centre, in the open."""
    occluders = scene.occluders
    streets = scene.ways["street"]
    tree = shapely.STRtree(streets.lines)
    for index in np.argsort(-shapely.area(occluders.footprints)):
        footprint = occluders.footprints[index]
        near = tree.query(footprint, predicate="dwithin", distance=15)
        for line in streets.lines[near]:
            p = shapely.line_interpolate_point(
                line, shapely.line_locate_point(line, footprint.centroid)
            )
            direction = np.array(footprint.centroid.coords[0]) - p.coords[0]
            direction /= np.hypot(*direction)
            ray = shapely.LineString([p.coords[0], np.array(p.coords[0]) + direction * 500])
            crossing = shapely.intersection(ray, footprint)
            if crossing.is_empty or crossing.geom_type != "LineString":
                continue  # not a simple pass through one wall and out the other
            far_wall = max(crossing.coords, key=lambda c: np.hypot(*(np.array(c) - p.coords[0])))
            c = np.array(far_wall) + direction * 3
            if len(
                occluders.footprint_tree.query(shapely.Point(c), predicate="dwithin", distance=1)
            ):
                continue
            yield p, footprint, c


def test_a_camera_behind_a_building_does_not_see_the_street_beyond(helsinki):
    cases = 0
    for p, footprint, c in behind_a_building(helsinki):
        metres = float(np.hypot(*(c - p.coords[0])))
        bearing = math.degrees(math.atan2(*(np.array(p.coords[0]) - c))) % 360
        reach = metres + 10
        wide = Assumptions(profiles={**DEFAULTS.profiles, "fixed": Profile(40, 2, 4, reach)})
        lon, lat = helsinki.frame.to_lonlat(*c)
        camera = Camera("behind", lon, lat, "camera", "fixed", (round(bearing) % 360,))
        view = compute_view(helsinki, camera, wide).polygons["observation"]
        looked_at = sector(*c, spans(camera.direction, 40)[0], reach)

        # Without walls the street point would be in view; the building hides it.
        street_near_p = p.buffer(2)
        assert looked_at.contains(street_near_p)
        assert view.area > 0
        assert not view.intersects(street_near_p)
        assert not view.intersects(shapely.buffer(footprint, -0.5))
        cases += 1
        if cases == 5:
            break
    assert cases == 5, "the extract should hold five such real cases"
