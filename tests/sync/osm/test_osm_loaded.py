"""A new camera is planned only where the walk's OSM cameras were loaded, the matching distance
inside the loaded box; modifies and deletes are not concerned (sync/osm/loaded.py)."""

import pytest

from sync.geodesy import METRES_PER_DEGREE, distance_m
from sync.osm.loaded import hold_unloaded, in_loaded, loaded_within, unloaded
from sync.osm.plan import Skipped
from sync.osm.records import Create, Delete, Modify

# Esplanadi, Helsinki: the drawn area plus 300 m, as a fetch asks for it.
LOADED = (24.9416, 60.1643, 24.9544, 60.1707)
WEST, SOUTH, EAST, NORTH = LOADED
MIDDLE_LAT = (SOUTH + NORTH) / 2
MARGIN_M = 10.0


def lon_metres_inside_west(metres: float) -> float:
    """The longitude `metres` east of the box's west edge, at the box's middle latitude."""
    return WEST + metres / distance_m(MIDDLE_LAT, 0.0, MIDDLE_LAT, 1.0)


CASES = [
    ("in the middle", MIDDLE_LAT, (WEST + EAST) / 2, [LOADED], None),
    ("nothing loaded", MIDDLE_LAT, (WEST + EAST) / 2, [], "osm_not_loaded"),
    # Node 256257146's neighbourhood: a few hundred metres east of the box.
    ("past the east edge", 60.1680, 24.9600, [LOADED], "outside_loaded_area"),
    ("11 m inside the west edge", MIDDLE_LAT, lon_metres_inside_west(11), [LOADED], None),
    (
        "9 m inside the west edge",
        MIDDLE_LAT,
        lon_metres_inside_west(9),
        [LOADED],
        "outside_loaded_area",
    ),
    (
        "9 m inside the north edge",
        NORTH - 9 / METRES_PER_DEGREE,
        (WEST + EAST) / 2,
        [LOADED],
        "outside_loaded_area",
    ),
    (
        "in a second box",
        60.1680,
        24.9600,
        [LOADED, (24.9550, 60.1650, 24.9650, 60.1710)],
        None,
    ),
]


@pytest.mark.parametrize(
    ("lat", "lon", "areas", "code"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_a_create_needs_a_loaded_box_holding_it_the_matching_distance_inside(
    lat, lon, areas, code
):
    assert unloaded(lat, lon, areas, MARGIN_M) == code


def test_only_creates_are_held_back_each_with_its_code():
    outside = Create(60.1680, 24.9600, {"man_made": "surveillance"}, ref="outside")
    inside = Create(MIDDLE_LAT, (WEST + EAST) / 2, {"man_made": "surveillance"}, ref="inside")
    # A modify or delete names its node and version: OSM refuses one made on stale data.
    modify = Modify(256257146, 3, 60.1680, 24.9600, {"man_made": "surveillance"}, ref="mod")
    delete = Delete(2303602371, 2, ref="gone")
    skipped: list[Skipped] = []

    kept = list(hold_unloaded([outside, modify, inside, delete], [LOADED], skipped, margin_m=10))

    assert kept == [modify, inside, delete]
    assert skipped == [Skipped("outside", "outside_loaded_area")]
    assert "load the walk's OSM cameras again" in skipped[0].reason


def test_a_walk_never_loaded_creates_nothing():
    create = Create(60.1700, 24.9500, {"man_made": "surveillance"}, ref="new")
    skipped: list[Skipped] = []

    assert list(hold_unloaded([create], [], skipped, margin_m=10)) == []
    assert [item.code for item in skipped] == ["osm_not_loaded"]


@pytest.mark.parametrize("seed", range(4))
def test_the_quick_test_of_a_create_well_inside_agrees_with_the_measure(seed):
    """hold_unloaded lets a create well inside a box through without measuring: it must keep
    exactly the creates `unloaded` keeps, near every edge, far north and south too."""
    import random

    rng = random.Random(seed)
    boxes = [
        LOADED,
        (5.36, 43.28, 5.40, 43.31),
        (-0.01, -0.01, 0.01, 0.01),
        (10.0, 79.9, 10.2, 80.0),
    ]
    for _ in range(2000):
        areas = rng.sample(boxes, rng.randint(1, 2))
        west, south, east, north = rng.choice(areas)
        # Points spread over the box and a little past it, most near its edges.
        lat = rng.uniform(south - 0.0003, north + 0.0003)
        lon = rng.uniform(west - 0.0006, east + 0.0006)
        if rng.random() < 0.5:
            lat = rng.choice((south, north)) + rng.uniform(-0.0002, 0.0002)
        create = Create(lat, lon, {"man_made": "surveillance"}, ref="a")
        skipped: list[Skipped] = []

        kept = list(hold_unloaded([create], areas, skipped, margin_m=MARGIN_M))

        expected = unloaded(lat, lon, areas, MARGIN_M)
        assert (kept == [create]) == (expected is None), (lat, lon, areas)
        assert [item.code for item in skipped] == ([] if expected is None else [expected])


# A walk map's box, and the boxes the same group's walks were loaded for (west, south, east,
# north): what of them a walk map tests its cameras against.
ASKED = (5.37, 43.28, 5.38, 43.29)
WITHIN_CASES = [
    (
        "one holds all the box asked",
        [(5.36, 43.27, 5.39, 43.30), (5.371, 43.281, 5.372, 43.282)],
        None,
    ),
    ("nothing loaded", [], []),
    ("loaded elsewhere only", [(5.40, 43.30, 5.41, 43.31)], []),
    ("cut to the box asked", [(5.375, 43.285, 5.39, 43.30)], [(5.375, 43.285, 5.38, 43.29)]),
    (
        "a box another holds is left out",
        [(5.371, 43.281, 5.372, 43.282), (5.37, 43.28, 5.375, 43.285)],
        [(5.37, 43.28, 5.375, 43.285)],
    ),
]


@pytest.mark.parametrize(
    ("case", "areas", "expected"), WITHIN_CASES, ids=[c[0] for c in WITHIN_CASES]
)
def test_a_walk_map_tests_its_cameras_against_the_loaded_boxes_it_meets(case, areas, expected):
    assert loaded_within(areas, ASKED) == expected


def test_a_point_on_a_loaded_box_s_edge_is_loaded_and_one_past_it_is_not():
    box = [(5.375, 43.285, 5.38, 43.29)]
    assert in_loaded(43.285, 5.375, box) and in_loaded(43.29, 5.38, box)
    assert not in_loaded(43.2849999, 5.376, box) and not in_loaded(43.286, 5.3800001, box)
