import datetime as dt
import json
import tracemalloc
from io import BytesIO
from pathlib import Path

import pytest

from sync.osm.parse import known_relations, overpass_query, read_osm_xml, read_overpass_json
from sync.osm.records import OsmNode

DATA = Path(__file__).parent / "data"

EXPECTED_CAMERAS = [
    OsmNode(
        id=1001,
        version=4,
        lat=43.2961234,
        lon=5.3812345,
        tags={
            "man_made": "surveillance",
            "surveillance:type": "camera",
            "camera:direction": "NE",
            "operator": 'Ville & Police "municipale"',
        },
    ),
    OsmNode(
        id=1002,
        version=1,
        lat=43.2962,
        lon=5.3813,
        tags={"man_made": "surveillance", "surveillance:type": "ALPR", "direction": "90;270"},
    ),
    OsmNode(
        id=1003,
        version=2,
        lat=43.2963,
        lon=5.3814,
        tags={"man_made": "surveillance"},
        part_of_way=True,
    ),
]


def read_sample(**options):
    with open(DATA / "noailles.osm", "rb") as source:
        return read_osm_xml(source, **options)


def test_osm_xml_gives_the_camera_nodes_with_versions_and_tags():
    # As the API's map call answers: known to hold every way and relation using a camera.
    assert read_sample(parent_ways=True, parent_relations=True).nodes == EXPECTED_CAMERAS


def test_osm_xml_is_read_from_an_open_file_never_a_path_because_sync_does_no_io():
    with pytest.raises(TypeError, match="no I/O"):
        read_osm_xml(DATA / "noailles.osm")


def test_a_camera_drawn_as_a_way_is_listed_apart_not_as_a_node():
    assert read_sample().not_nodes == [("way", 3002)]


def test_another_filter_can_keep_other_nodes():
    found = read_sample(keep=lambda tags: tags.get("amenity") == "bench")
    assert [node.id for node in found.nodes] == [2001]


def osm(*elements: str) -> BytesIO:
    return BytesIO(f'<osm version="0.6">{"".join(elements)}</osm>'.encode())


CAMERA_TAG = '<tag k="man_made" v="surveillance"/>'


@pytest.mark.parametrize(
    "node",
    [
        f'<node id="5" version="2" visible="false" lat="1" lon="2">{CAMERA_TAG}</node>',
        f'<node id="5" version="2" action="delete" lat="1" lon="2">{CAMERA_TAG}</node>',
        f'<node id="-5" action="modify" lat="1" lon="2">{CAMERA_TAG}</node>',
    ],
)
def test_deleted_and_not_yet_uploaded_nodes_are_not_osm_cameras(node):
    assert read_osm_xml(osm(node)).nodes == []


def test_a_camera_without_a_version_cannot_be_modified_later_so_it_is_an_error():
    with pytest.raises(ValueError, match="no version"):
        read_osm_xml(osm(f'<node id="5" lat="1" lon="2">{CAMERA_TAG}</node>'))


def test_a_camera_node_after_a_way_is_an_error_not_a_guess():
    way = '<way id="9" version="1"><nd ref="5"/></way>'
    node = f'<node id="5" version="1" lat="1" lon="2">{CAMERA_TAG}</node>'
    with pytest.raises(ValueError, match="after a way"):
        read_osm_xml(osm(way, node))


def test_a_large_osm_file_is_read_without_loading_it_whole(tmp_path):
    path = tmp_path / "big.osm"
    with open(path, "w", encoding="utf-8") as out:
        out.write('<osm version="0.6">\n')
        for number in range(1, 40_001):
            tag = CAMERA_TAG if number % 1000 == 0 else '<tag k="amenity" v="bench"/>'
            out.write(f'<node id="{number}" version="1" lat="1" lon="2">{tag}</node>\n')
        out.write("</osm>\n")
    with open(path, "rb") as source:
        tracemalloc.start()
        found = read_osm_xml(source)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert len(found.nodes) == 40
    # A tree of 40,000 nodes would take tens of megabytes; streaming keeps well under one.
    assert peak < path.stat().st_size / 4


def test_overpass_json_gives_the_same_cameras_as_osm_xml():
    answer = (DATA / "overpass.json").read_bytes()
    found = read_overpass_json(answer, parent_ways=True, parent_relations=True)
    assert found.nodes == [EXPECTED_CAMERAS[0], EXPECTED_CAMERAS[2]]
    assert found.not_nodes == [("way", 3002), ("relation", 4002)]


@pytest.mark.parametrize("decode", [bytes.decode, json.loads])
def test_overpass_json_is_accepted_as_text_or_already_decoded(decode):
    answer = decode((DATA / "overpass.json").read_bytes())
    assert [node.id for node in read_overpass_json(answer).nodes] == [1001, 1003]


def test_overpass_without_out_meta_is_an_error_because_modifies_need_versions():
    answer = {
        "elements": [
            {"type": "node", "id": 1, "lat": 1, "lon": 2, "tags": {"man_made": "surveillance"}}
        ]
    }
    with pytest.raises(ValueError, match="out meta"):
        read_overpass_json(answer)


CAMERA_7 = {
    "type": "node",
    "id": 7,
    "lat": 1,
    "lon": 2,
    "version": 1,
    "tags": {"man_made": "surveillance"},
}


def test_a_node_is_a_vertex_only_when_the_answer_holds_a_way_listing_it():
    on_fence = {"elements": [CAMERA_7, {"type": "way", "id": 8, "nodes": [6, 7]}]}
    elsewhere = {"elements": [CAMERA_7, {"type": "way", "id": 8, "nodes": [5, 6]}]}
    found = [
        read_overpass_json(answer, parent_ways=True).nodes[0] for answer in (on_fence, elsewhere)
    ]
    assert [node.part_of_way for node in found] == [True, False]


def test_ways_in_an_answer_not_known_to_hold_every_parent_way_only_ever_say_vertex():
    on_fence = {"elements": [CAMERA_7, {"type": "way", "id": 8, "nodes": [6, 7]}]}
    elsewhere = {"elements": [CAMERA_7, {"type": "way", "id": 8, "nodes": [5, 6]}]}
    found = [read_overpass_json(answer).nodes[0] for answer in (on_fence, elsewhere)]
    assert [node.part_of_way for node in found] == [True, None]


def test_an_answer_without_ways_says_nothing_about_vertices_unless_it_asked_for_them():
    alone = {"elements": [CAMERA_7]}
    assert read_overpass_json(alone).nodes[0].part_of_way is None
    assert read_overpass_json(alone, parent_ways=True).nodes[0].part_of_way is False


def test_ways_given_by_out_center_alone_have_no_node_list_and_settle_nothing():
    centre = {"type": "way", "id": 8, "center": {"lat": 1, "lon": 2}}
    assert read_overpass_json({"elements": [CAMERA_7, centre]}).nodes[0].part_of_way is None


# A `type=surveillance` relation as Overpass's `rel(bn.cameras)` gives it (Helsinki 55816).
SURVEILLANCE = {
    "type": "relation",
    "id": 55816,
    "members": [
        {"type": "node", "ref": 7, "role": "camera"},
        {"type": "way", "ref": 8, "role": "extent"},
    ],
    "tags": {"type": "surveillance"},
}


def test_a_node_is_in_the_relations_of_the_answer_that_list_it_as_a_node():
    parents = {"parent_ways": True, "parent_relations": True}
    listed = read_overpass_json({"elements": [CAMERA_7, SURVEILLANCE]}, **parents)
    as_way = {**SURVEILLANCE, "members": [{"type": "way", "ref": 7, "role": "extent"}]}
    not_listed = read_overpass_json({"elements": [CAMERA_7, as_way]}, **parents)
    assert (listed.nodes[0].relations, not_listed.nodes[0].relations) == ((55816,), ())
    # Neither the relation nor its membership makes the node a vertex.
    assert listed.nodes[0].part_of_way is False


def test_relations_in_an_answer_not_known_to_hold_every_parent_only_ever_say_member():
    assert read_overpass_json({"elements": [CAMERA_7, SURVEILLANCE]}).nodes[0].relations == (
        55816,
    )
    assert read_overpass_json({"elements": [CAMERA_7]}).nodes[0].relations is None


def test_an_osm_file_names_the_relations_that_list_a_camera():
    node = f'<node id="5" version="2" lat="1" lon="2">{CAMERA_TAG}</node>'
    relations = (
        '<relation id="12" version="1"><member type="node" ref="5" role="camera"/></relation>'
        '<relation id="11" version="1"><member type="node" ref="5" role="extent"/>'
        '<member type="way" ref="9" role="extent"/></relation>'
    )
    assert read_osm_xml(osm(node, relations)).nodes[0].relations == (11, 12)
    assert read_osm_xml(osm(node), parent_relations=True).nodes[0].relations == ()
    assert read_osm_xml(osm(node)).nodes[0].relations is None


def test_a_file_vouched_for_its_ways_alone_leaves_its_cameras_relations_unknown():
    # Overpass's `way(bn)` without `rel(bn)`: every way, no relation. Read as "in no relation",
    # a camera a relation lists was deletable.
    node = f'<node id="5" version="2" lat="1" lon="2">{CAMERA_TAG}</node>'
    way = '<way id="9" version="1"><nd ref="5"/><nd ref="6"/></way>'
    (camera,) = read_osm_xml(osm(node, way), parent_ways=True).nodes
    assert (camera.part_of_way, camera.relations) == (True, None)
    (alone,) = read_overpass_json({"elements": [CAMERA_7]}, parent_ways=True).nodes
    assert (alone.part_of_way, alone.relations) == (False, None)
    (vouched,) = read_overpass_json({"elements": [CAMERA_7]}, parent_relations=True).nodes
    assert (vouched.part_of_way, vouched.relations) == (None, ())


@pytest.mark.parametrize(
    ("cached", "found", "complete", "kept"),
    [
        ((11, 12), (12,), False, (11, 12)),  # some relations: 11 was left out, not left
        ((11,), (12,), False, (11, 12)),
        ((11,), None, False, (11,)),
        (None, (12,), False, (12,)),
        (None, None, False, None),
        ((), (12,), False, (12,)),
        ((11, 12), (12,), True, (12,)),  # every relation: the truth
        ((11,), (), True, ()),
        (None, (), True, ()),
    ],
)
def test_relations_known_of_a_node_are_replaced_by_complete_data_only(
    cached, found, complete, kept
):
    assert known_relations(cached, found, complete) == kept


def test_a_nodes_only_osm_file_leaves_vertices_unknown_and_one_with_ways_settles_them():
    node = f'<node id="5" version="2" lat="1" lon="2">{CAMERA_TAG}</node>'
    way = '<way id="9" version="1"><nd ref="4"/><nd ref="6"/></way>'
    assert read_osm_xml(osm(node)).nodes[0].part_of_way is None
    assert read_osm_xml(osm(node), parent_ways=True).nodes[0].part_of_way is False
    assert read_osm_xml(osm(node, way), parent_ways=True).nodes[0].part_of_way is False
    # Some ways, none listing the camera: a filter may have left its way out.
    assert read_osm_xml(osm(node, way)).nodes[0].part_of_way is None


def test_the_overpass_query_boxes_south_west_north_east_and_asks_for_meta():
    query = overpass_query(43.29, 5.37, 43.30, 5.39)
    assert query.startswith("[out:json][timeout:25];")
    assert '["man_made"="surveillance"](43.29,5.37,43.3,5.39)' in query
    assert "way(bn.cameras)" in query
    # The relations that list a camera: Overpass gives them only when asked.
    assert "(.cameras; way(bn.cameras); rel(bn.cameras););" in query
    assert query.endswith("out meta center;")


@pytest.mark.parametrize(
    "remark",
    [
        'runtime error: Query timed out in "query" at line 3 after 26 seconds.',
        "runtime error: Query run out of memory using about 2048 MB of RAM.",
    ],
)
def test_an_overpass_answer_cut_short_is_an_error_not_a_smaller_truth(remark):
    answer = json.loads((DATA / "overpass.json").read_bytes())
    assert read_overpass_json(answer).nodes  # the same answer without the remark is fine
    with pytest.raises(ValueError, match="did not finish"):
        read_overpass_json({**answer, "remark": remark})


def test_an_overpass_remark_that_is_not_an_error_changes_nothing():
    answer = json.loads((DATA / "overpass.json").read_bytes())
    noted = read_overpass_json({**answer, "remark": "area data may be stale"})
    assert noted.nodes == read_overpass_json(answer).nodes


@pytest.mark.parametrize(
    ("osm3s", "osm_base"),
    [
        (
            {"timestamp_osm_base": "2026-12-05T09:14:03Z"},
            dt.datetime(2026, 12, 5, 9, 14, 3, tzinfo=dt.UTC),
        ),
        (None, None),
        ({"copyright": "ODbL"}, None),
        ({"timestamp_osm_base": "yesterday"}, None),
    ],
    ids=["stamped", "no osm3s", "no timestamp", "not a time"],
)
def test_an_overpass_answer_says_the_moment_of_osm_it_shows_when_it_says_one(osm3s, osm_base):
    answer = {"version": 0.6, "elements": []} | ({"osm3s": osm3s} if osm3s else {})

    assert read_overpass_json(answer).osm_base == osm_base
