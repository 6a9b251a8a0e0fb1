import pytest

from sync.osm.direction import (
    UnreadableDirection,
    direction_keys,
    format_direction,
    node_direction,
    read_direction,
)

# Written out by hand from a compass rose, not computed: one well-known map drew N pointing east.
COMPASS_TABLE = [
    ("N", 0),
    ("NNE", 23),
    ("NE", 45),
    ("ENE", 68),
    ("E", 90),
    ("ESE", 113),
    ("SE", 135),
    ("SSE", 158),
    ("S", 180),
    ("SSW", 203),
    ("SW", 225),
    ("WSW", 248),
    ("W", 270),
    ("WNW", 293),
    ("NW", 315),
    ("NNW", 338),
]


@pytest.mark.parametrize(("point", "degrees"), COMPASS_TABLE)
def test_every_compass_point_reads_as_its_bearing_clockwise_from_north(point, degrees):
    assert read_direction(point) == [degrees]


@pytest.mark.parametrize(("point", "degrees"), COMPASS_TABLE)
def test_compass_points_read_in_lower_case_too(point, degrees):
    assert read_direction(point.lower()) == [degrees]


def test_the_table_covers_sixteen_distinct_points():
    assert len({point for point, _ in COMPASS_TABLE}) == 16


@pytest.mark.parametrize(
    ("value", "degrees"),
    [
        ("0", [0]),
        ("90", [90]),
        ("359", [359]),
        ("360", [0]),
        ("-90", [270]),
        ("45.4", [45]),
        ("45.5", [46]),
        ("90;180", [90, 180]),
        ("90; 270", [90, 270]),
        (" 120 ", [120]),
        ("90;", [90]),
        ("N;S", [0, 180]),
        ("E;225", [90, 225]),
    ],
)
def test_degree_values_and_lists_are_read(value, degrees):
    assert read_direction(value) == degrees


@pytest.mark.parametrize(
    "value", ["", ";", "north", "45-135", "NNNE", "1e2", "nan", "9000", "?", "\u0669\u0660"]
)
def test_values_that_are_not_directions_are_unreadable(value):
    with pytest.raises(UnreadableDirection):
        read_direction(value)


@pytest.mark.parametrize(
    ("degrees", "value"),
    [([0], "0"), ([180], "180"), ([90, 270], "90;270"), ([359, 0, 1], "359;0;1")],
)
def test_degrees_are_written_as_semicolon_lists(degrees, value):
    assert format_direction(degrees) == value


@pytest.mark.parametrize("degrees", [[360], [-1], [12.5], [True], ["90"]])
def test_writing_refuses_anything_but_whole_degrees_0_to_359(degrees):
    with pytest.raises(ValueError):
        format_direction(degrees)


@pytest.mark.parametrize(
    ("node_tags", "kind", "keys"),
    [
        ({}, "camera", ("camera:direction",)),
        ({}, None, ("camera:direction",)),
        ({}, " camera ", ("camera:direction",)),
        # A guard is a person and a gunshot detector a microphone: no camera's key on them.
        ({}, "guard", ("direction",)),
        ({}, "gunshot_detector", ("direction",)),
        ({"camera:direction": "90"}, "guard", ("camera:direction",)),
        ({}, "ALPR", ("direction",)),
        ({}, " ALPR ", ("direction",)),
        ({"direction": "90"}, "camera", ("direction",)),
        ({"camera:direction": "90"}, "ALPR", ("camera:direction",)),
        ({"direction": "N", "camera:direction": "0"}, "camera", ("camera:direction", "direction")),
    ],
)
def test_a_node_keeps_the_direction_key_it_already_uses(node_tags, kind, keys):
    assert direction_keys(node_tags, kind) == keys


@pytest.mark.parametrize(
    ("tags", "degrees"),
    [
        ({}, None),
        ({"camera:direction": "SW"}, [225]),
        ({"direction": "10;190"}, [10, 190]),
        ({"camera:direction": "80", "direction": "100"}, [80]),
        ({"camera:direction": "left", "direction": "100"}, [100]),
        ({"camera:direction": "left"}, None),
    ],
)
def test_a_node_direction_is_the_first_readable_key(tags, degrees):
    assert node_direction(tags) == degrees
