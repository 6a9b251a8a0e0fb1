"""sync/basemap.py: which OSM objects make the walk map, as which layer, read from answers."""

from io import BytesIO

import pytest

from sync.basemap import (
    LAYERS,
    features_from_osm_xml,
    features_from_overpass,
    is_area,
    join_rings,
    layer_of,
    overpass_query,
)


@pytest.mark.parametrize(
    ("tags", "shape", "layer"),
    [
        ({"highway": "residential", "name": "Rue d'Aubagne"}, "line", "street"),
        ({"highway": "primary"}, "line", "street"),
        ({"highway": "service"}, "line", "street"),
        ({"highway": "pedestrian"}, "line", "street"),
        ({"highway": "footway"}, "line", "path"),
        ({"highway": "steps"}, "line", "path"),
        ({"highway": "cycleway"}, "line", "path"),
        ({"highway": "construction"}, "line", None),
        ({"highway": "proposed"}, "line", None),
        ({"highway": "bus_stop"}, "point", None),
        ({"building": "yes"}, "area", "building"),
        ({"building": "church", "amenity": "place_of_worship"}, "area", "building"),
        ({"building": "no", "leisure": "park"}, "area", "park"),
        ({"highway": "pedestrian", "area": "yes"}, "area", "square"),
        ({"place": "square", "name": "Cours Julien"}, "area", "square"),
        ({"place": "square", "name": "Cours Julien"}, "point", "square"),
        ({"place": "square"}, "point", None),
        ({"natural": "water"}, "area", "water"),
        ({"landuse": "reservoir"}, "area", "water"),
        ({"waterway": "river"}, "line", "water"),
        ({"waterway": "riverbank"}, "area", "water"),
        ({"leisure": "park"}, "area", "park"),
        ({"landuse": "grass"}, "area", "park"),
        ({"natural": "wood"}, "area", "park"),
        ({"landuse": "retail"}, "area", None),
        ({"amenity": "parking"}, "area", None),
        ({"railway": "station", "name": "Rautatieasema"}, "point", "landmark"),
        ({"historic": "monument", "name": "Havis Amanda"}, "point", "landmark"),
        ({"amenity": "place_of_worship"}, "point", None),
        ({"amenity": "bench"}, "point", None),
        ({"man_made": "surveillance"}, "point", None),
        ({"barrier": "wall"}, "line", None),
    ],
)
def test_tags_pick_the_layer(tags, shape, layer):
    assert layer_of(tags, shape) == layer
    assert layer is None or layer in LAYERS


@pytest.mark.parametrize(
    ("tags", "closed", "area"),
    [
        ({"building": "yes"}, True, True),
        ({"building": "yes"}, False, False),
        ({"highway": "pedestrian"}, True, False),
        ({"highway": "pedestrian", "area": "yes"}, True, True),
        ({"highway": "footway"}, True, False),
        ({"leisure": "park", "area": "no"}, True, False),
        ({"natural": "water"}, True, True),
        ({"waterway": "riverbank"}, True, True),
        ({"barrier": "fence"}, True, False),
    ],
)
def test_a_closed_way_is_an_area_only_when_tagged_as_a_surface(tags, closed, area):
    assert is_area(tags, closed) is area


def test_an_unknown_shape_is_an_error():
    with pytest.raises(ValueError):
        layer_of({"building": "yes"}, "volume")


SQUARE = [(5.0, 43.0), (5.001, 43.0), (5.001, 43.001), (5.0, 43.001), (5.0, 43.0)]


def _geom(points):
    return [{"lon": lon, "lat": lat} for lon, lat in points]


def test_overpass_ways_become_features_with_name_layer_and_lonlat_geometry():
    answer = {
        "elements": [
            {"type": "way", "id": 1, "tags": {"building": "yes"}, "geometry": _geom(SQUARE)},
            {
                "type": "way",
                "id": 2,
                "tags": {"highway": "residential", "name": "Rue Longue"},
                "geometry": _geom(SQUARE[:3]),
            },
            {"type": "way", "id": 3, "tags": {"barrier": "fence"}, "geometry": _geom(SQUARE)},
            {"type": "node", "id": 4, "lat": 43.0, "lon": 5.0, "tags": {"amenity": "bench"}},
        ]
    }

    found = features_from_overpass(answer)

    assert [(f["properties"]["osm"], f["properties"]["layer"]) for f in found] == [
        ("way/1", "building"),
        ("way/2", "street"),
    ]
    building, street = found
    assert building["geometry"] == {"type": "Polygon", "coordinates": [[list(p) for p in SQUARE]]}
    assert street["geometry"]["type"] == "LineString"
    assert street["geometry"]["coordinates"][0] == [5.0, 43.0]  # lon first
    assert (building["properties"]["name"], street["properties"]["name"]) == (None, "Rue Longue")


def test_an_overpass_answer_cut_short_is_refused_rather_than_kept_as_a_partial_map():
    with pytest.raises(ValueError, match="did not finish"):
        features_from_overpass({"elements": [], "remark": "runtime error: Query timed out"})
    with pytest.raises(ValueError):
        features_from_overpass({"version": 0.6})


def test_a_multipolygon_joins_its_outer_ways_and_puts_the_courtyard_in_as_a_hole():
    outer_a = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0)]
    outer_b = [(0.0, 0.0), (0.0, 10.0), (10.0, 10.0)]  # the other half, drawn the other way
    inner = [(4.0, 4.0), (6.0, 4.0), (6.0, 6.0), (4.0, 6.0), (4.0, 4.0)]
    answer = {
        "elements": [
            {
                "type": "relation",
                "id": 9,
                "tags": {"type": "multipolygon", "building": "yes", "name": "Kortteli"},
                "members": [
                    {"type": "way", "role": "outer", "geometry": _geom(outer_a)},
                    {"type": "way", "role": "outer", "geometry": _geom(outer_b)},
                    {"type": "way", "role": "inner", "geometry": _geom(inner)},
                ],
            }
        ]
    }

    (found,) = features_from_overpass(answer)

    assert found["properties"] == {"layer": "building", "name": "Kortteli", "osm": "relation/9"}
    ((shell, hole),) = found["geometry"]["coordinates"]
    assert len(shell) == 5 and shell[0] == shell[-1]
    assert {tuple(p) for p in shell} == {(0, 0), (10, 0), (10, 10), (0, 10)}
    assert hole == [list(p) for p in inner]


def test_ring_parts_that_never_close_are_dropped():
    assert join_rings([[(0, 0), (1, 0)], [(1, 0), (1, 1)]]) == []


def test_osm_xml_ways_take_their_geometry_from_the_nodes_before_them():
    xml = b"""<osm version="0.6">
      <node id="1" lat="43.0" lon="5.0" version="1"/>
      <node id="2" lat="43.0" lon="5.001" version="1"/>
      <node id="3" lat="43.001" lon="5.001" version="1">
        <tag k="historic" v="memorial"/><tag k="name" v="Stele"/></node>
      <way id="7" version="1"><nd ref="1"/><nd ref="2"/><nd ref="3"/>
        <tag k="highway" v="footway"/></way>
      <way id="8" version="1"><nd ref="1"/><nd ref="2"/></way>
    </osm>"""

    found = features_from_osm_xml(BytesIO(xml))

    assert [(f["properties"]["osm"], f["properties"]["layer"]) for f in found] == [
        ("node/3", "landmark"),
        ("way/7", "path"),
    ]
    assert found[1]["geometry"]["coordinates"] == [[5.0, 43.0], [5.001, 43.0], [5.001, 43.001]]


def test_the_overpass_query_asks_for_geometry_in_the_walks_box_south_first():
    query = overpass_query(60.16, 24.93, 60.18, 24.95)
    assert query.startswith("[out:json]") and query.endswith("out geom;")
    assert 'way["highway"](60.1600000,24.9300000,60.1800000,24.9500000);' in query
    assert 'way["building"]' in query
