"""Cameras leave the group in an order that depends on where they are, not when they were
logged (sync/order.py)."""

import itertools
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sync.order import (
    LAST_PLACE,
    camera_order_key,
    hilbert_index,
    hilbert_index_by_bit,
    place_cell,
    places_within,
)


def test_the_hilbert_index_visits_every_cell_of_a_small_grid_once_in_adjacent_steps():
    order = 4
    side = 1 << order
    cells = sorted((hilbert_index(x, y, order), (x, y)) for x in range(side) for y in range(side))
    assert [index for index, _ in cells] == list(range(side * side))
    for (_, (x1, y1)), (_, (x2, y2)) in itertools.pairwise(cells):
        assert abs(x1 - x2) + abs(y1 - y2) == 1


def test_the_order_of_a_walk_does_not_depend_on_the_order_of_logging():
    # A walk along a street: cameras logged west to east, one every ~30 m.
    route = [(5.37 + i * 0.0004, 43.29 + (i % 3) * 0.0001, f"{i:08x}-id") for i in range(40)]
    logged = sorted(route, key=lambda camera: camera_order_key(*camera))
    shuffled = random.Random(7).sample(route, len(route))
    assert sorted(shuffled, key=lambda camera: camera_order_key(*camera)) == logged
    reversed_walk = sorted(reversed(route), key=lambda camera: camera_order_key(*camera))
    assert reversed_walk == logged


def test_the_order_is_not_the_logging_order_of_a_walk_that_turns_back():
    # Up one street and down the next: the logging order goes north then south.
    up = [(5.370, 43.290 + i * 0.001, f"up-{i}") for i in range(10)]
    down = [(5.380, 43.299 - i * 0.001, f"down-{i}") for i in range(10)]
    logged = up + down
    listed = sorted(logged, key=lambda camera: camera_order_key(*camera))
    assert listed != logged
    assert listed != list(reversed(logged))


def test_two_cameras_on_one_pole_are_ordered_by_position_then_by_id():
    pole = (5.3812345, 43.2961234)
    a, b = camera_order_key(*pole, "b-id"), camera_order_key(*pole, "a-id")
    assert b < a
    assert camera_order_key(5.3812340, 43.2961234, "z")[:1] == a[:1]


@pytest.mark.parametrize(("lon", "lat"), [(-180, -90), (180, 90), (0, 0), (179.9999999, -89.9)])
def test_the_key_exists_at_the_edges_of_the_world(lon, lat):
    key = camera_order_key(lon, lat, "id")
    assert 0 <= key[0] < 1 << 48


@settings(max_examples=500, deadline=None)
@given(
    x=st.integers(0, (1 << 28) - 1),
    y=st.integers(0, (1 << 28) - 1),
    order=st.sampled_from([4, 8, 24, 28]),
)
def test_the_table_gives_the_index_the_bit_by_bit_definition_gives(x, y, order):
    x, y = x % (1 << order), y % (1 << order)
    assert hilbert_index(x, y, order) == hilbert_index_by_bit(x, y, order)


@settings(max_examples=300, deadline=None)
@given(
    st.floats(-180, 180),
    st.floats(-90, 90),
    st.floats(0, 0.002),
    st.floats(0, 0.002),
    st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1)), min_size=1, max_size=20),
)
def test_every_point_of_a_box_has_its_place_between_the_first_and_the_last(
    west, south, width, height, spots
):
    east, north = west + width, south + height
    first, last = places_within(west, south, east, north)
    if east > 180 or north > 90:
        assert (first, last) == (0, LAST_PLACE)
    corners = [(west, south), (west, north), (east, south), (east, north)]
    inside = [(west + a * width, south + b * height) for a, b in spots]
    for lon, lat in corners + inside:
        if lon <= 180 and lat <= 90:
            assert first <= place_cell(lon, lat) <= last


def test_the_first_and_last_places_of_a_small_box_are_near_its_own():
    # Tiles of about 27 x 19 m: a box of 20 m spans at most a few tiles' worth of cells.
    west, south = 5.3812, 43.2961
    east, north = west + 0.0002, south + 0.0002
    first, last = places_within(west, south, east, north)
    own = [place_cell(lon, lat) for lon in (west, east) for lat in (south, north)]
    assert 0 < first <= min(own) <= max(own) <= last < LAST_PLACE
    assert last - first < 16 * 4 ** (24 - 20)  # a few tiles of 256 cells, not a city's
    assert places_within(179.9999, 0.0, 180.0001, 0.0001) == (0, LAST_PLACE)
