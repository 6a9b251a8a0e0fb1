"""Walk figures and the route less seen, on small scenes worked out by hand."""

import math

import pytest

from server.coverage import figures
from server.coverage.assumptions import DEFAULTS, Assumptions, Profile
from server.coverage.route import routes, street_graph
from server.coverage.scene import Scene
from server.coverage.views import Camera, compute_view
from tests.server.coverage.plane import building, lonlat, street

# A dome seeing 5, 12 and 20 m all round.
DOME = Assumptions(profiles={**DEFAULTS.profiles, "dome": Profile(360, 5, 12, 20)})


def dome(x, y, id="dome"):
    return Camera(id, *lonlat(x, y), "camera", "dome", None)


@pytest.fixture
def rue_a():
    """Rue A along y=0 (100 m) and Rue B far north (100 m); a building between a dome at
    (50, 10) and Rue A hides x >= 52.5 of it (the ray through its corner (52, 2))."""
    scene = Scene(
        [
            street("Rue A", (0, 0), (100, 0)),
            street("Rue B", (0, 200), (100, 200)),
            building(52, 2, 60, 8),
        ]
    )
    view = compute_view(scene, dome(50, 10), DOME)
    return scene, view


def test_street_length_in_view_at_each_range_is_the_visible_chord(rue_a):
    scene, view = rue_a
    coverage = figures.merged([view])
    shares = figures.street_shares(scene, coverage)["street"]

    # Observation (20 m): the chord from 50 - sqrt(20² - 10²) to the shadow's edge at 52.5.
    observed = 52.5 - (50 - math.sqrt(20**2 - 10**2))
    # Recognition (12 m): from 50 - sqrt(12² - 10²) to 52.5. Identification (5 m) falls short.
    recognised = 52.5 - (50 - math.sqrt(12**2 - 10**2))
    assert shares["length_m"] == pytest.approx(200, abs=0.1)
    assert shares["observation"]["in_view_m"] == pytest.approx(observed, abs=0.05)
    assert shares["observation"]["share"] == pytest.approx(observed / 200, abs=0.0005)
    assert shares["recognition"]["in_view_m"] == pytest.approx(recognised, abs=0.05)
    assert shares["identification"]["in_view_m"] == 0


def test_one_metre_seen_by_two_cameras_counts_once_in_the_share_twice_in_the_watch(rue_a):
    scene, view = rue_a
    twin = compute_view(scene, dome(50, 10, id="twin"), DOME)
    coverage = figures.merged([view, twin])

    seen = figures.street_shares(scene, coverage)["street"]["observation"]["in_view_m"]
    (top,) = figures.most_watched_streets(scene, [view, twin], coverage)
    assert top["name"] == "Rue A" and top["cameras"] == 2
    assert top["in_view_m"] == pytest.approx(seen, abs=0.01)
    assert top["camera_metres"] == pytest.approx(2 * seen, abs=0.02)


def test_a_camera_reaching_a_facade_within_identification_range_is_flagged(rue_a):
    _, view = rue_a
    # Walls facing the dome within 5 m: x=52 for y in [10 - sqrt(21), 8], y=8 for x in
    # [52, 50 + sqrt(21)]; the 5 cm of slack adds a few centimetres at their ends.
    expected = 2 * (math.sqrt(5**2 - 2**2) - 2)
    assert view.facade_m == pytest.approx(expected, abs=0.25)
    assert figures.facade_flags(["dome"], [view], DOME) == [
        {"camera_id": "dome", "facade_m": round(view.facade_m, 1)}
    ]
    assert (
        figures.facade_flags(["dome"], [view], Assumptions(DOME.profiles, facade_flag_m=9)) == []
    )


def test_public_space_is_the_area_less_buildings_and_its_share_in_view():
    ring = [lonlat(x, y) for x, y in [(0, -50), (100, -50), (100, 50), (0, 50)]]
    scene = Scene([building(52, 2, 60, 8)], area_ring=ring)
    view = compute_view(scene, dome(20, 0), DOME)
    space = figures.public_space_shares(scene, figures.merged([view]))
    assert space["area_m2"] == pytest.approx(100 * 100 - 8 * 6, rel=0.002)
    assert space["observation"]["in_view_m2"] == pytest.approx(math.pi * 20**2, rel=0.003)


@pytest.fixture
def square():
    """Direct (0,0)-(100,0), 100 m with its middle 40 m under a dome at (50, -15) that sees
    25 m (2 × sqrt(25² - 15²) = 40); a detour by y=60, 220 m, out of sight."""
    scene = Scene(
        [
            street("Direct", (0, 0), (100, 0)),
            street("West", (0, 0), (0, 60)),
            street("North", (0, 60), (100, 60)),
            street("East", (100, 60), (100, 0)),
        ]
    )
    far = Assumptions(profiles={**DEFAULTS.profiles, "dome": Profile(360, 5, 12, 25)})
    view = compute_view(scene, dome(50, -15), far)
    graph = street_graph(scene, figures.merged([view])["observation"])
    ends = [scene.frame.to_xy(*lonlat(x, y)) for x, y in [(0, 0), (100, 0)]]
    return graph, ends


def test_the_route_less_seen_takes_the_detour_when_a_metre_in_view_costs_ten(square):
    graph, (start, end) = square
    found = routes(graph, start, end, penalty=10)
    assert found["shortest"]["length_m"] == pytest.approx(100, abs=0.1)
    assert found["shortest"]["in_view_m"] == pytest.approx(40, abs=0.05)
    assert found["less_seen"]["length_m"] == pytest.approx(220, abs=0.1)
    assert found["less_seen"]["in_view_m"] == 0


def test_the_route_less_seen_is_the_short_one_when_the_detour_costs_more(square):
    graph, (start, end) = square
    # 100 + 1 × 40 = 140 < 220: walking under the camera is cheaper than the detour.
    found = routes(graph, start, end, penalty=1)
    assert found["less_seen"]["length_m"] == pytest.approx(100, abs=0.1)
