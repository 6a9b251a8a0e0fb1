"""server/basemap/compact.py: the quantised form phones download loses under 11 cm."""

import gzip
import json

import pytest

from server.basemap import compact

BOX = (24.93, 60.16, 24.96, 60.18)


def flat(coordinates):
    """Every number of a nested coordinate list, in order (pytest.approx takes flat lists)."""
    if isinstance(coordinates, int | float):
        return [coordinates]
    return [n for item in coordinates for n in flat(item)]


def feature(layer, geometry, name=None):
    return {"type": "Feature", "geometry": geometry, "properties": {"layer": layer, "name": name}}


def test_points_lines_and_areas_come_back_within_a_unit():
    ring = [[24.94, 60.17], [24.9401234, 60.17], [24.9401234, 60.1701234], [24.94, 60.17]]
    hole = [[24.94005, 60.17005], [24.94006, 60.17005], [24.94006, 60.17006], [24.94005, 60.17005]]
    features = [
        feature("landmark", {"type": "Point", "coordinates": [24.95, 60.175]}, "Tuomiokirkko"),
        feature("street", {"type": "LineString", "coordinates": ring[:3]}, "Aleksanterinkatu"),
        feature("building", {"type": "MultiPolygon", "coordinates": [[ring, hole]]}),
    ]

    decoded = compact.decode(compact.encode(features, BOX))

    assert [f["properties"]["layer"] for f in decoded] == ["building", "street", "landmark"]
    building, street, landmark = decoded
    assert flat(building["geometry"]["coordinates"]) == pytest.approx(flat([ring, hole]), abs=1e-6)
    assert flat(street["geometry"]["coordinates"]) == pytest.approx(flat(ring[:3]), abs=1e-6)
    assert landmark["geometry"]["coordinates"] == pytest.approx([24.95, 60.175], abs=1e-6)
    assert landmark["properties"]["name"] == "Tuomiokirkko"


def test_points_are_steps_from_the_one_before_and_repeats_are_dropped():
    line = [[24.93, 60.16], [24.930001, 60.16], [24.930001, 60.16], [24.930003, 60.160002]]
    document = compact.encode([feature("path", {"type": "LineString", "coordinates": line})], BOX)
    ((_, name, kind, flat),) = document["features"]
    assert (name, kind) == (-1, 1)
    assert flat == [0, 0, 1, 0, 2, 2]


def test_names_are_listed_once():
    line = {"type": "LineString", "coordinates": [[24.94, 60.17], [24.941, 60.17]]}
    document = compact.encode([feature("street", line, "Bulevardi")] * 3, BOX)
    assert document["names"] == ["Bulevardi"]
    assert [row[1] for row in document["features"]] == [0, 0, 0]


def test_the_payload_is_the_same_bytes_for_the_same_map():
    line = {"type": "LineString", "coordinates": [[24.94, 60.17], [24.941, 60.17]]}
    one = compact.payload([feature("street", line)], BOX)
    assert one == compact.payload([feature("street", line)], BOX)
    assert json.loads(gzip.decompress(one))["version"] == compact.VERSION
