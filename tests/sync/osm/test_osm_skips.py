"""Every observation left out of an osmChange carries a code of sync/osm/skips.py and the values
its sentence names, beside the English sentence the `camwalk export osc` command prints."""

from datetime import date

import pytest

from sync.osm.loaded import hold_unloaded
from sync.osm.plan import Skipped, plan_actions
from sync.osm.reapply import SurveyRefused, apply_survey, reapply_survey, refresh_gone
from sync.osm.records import DEMO_NODE_IDS_FROM, OsmNode
from sync.osm.skips import SKIPS, LeftOut, reason

CAMERA = {"man_made": "surveillance", "surveillance:type": "camera"}
NODE = OsmNode(1001, 4, 43.2961234, 5.3812345, CAMERA)
VERTEX = OsmNode(1002, 1, 43.2962, 5.3813, CAMERA, part_of_way=True)
UNSURE = OsmNode(1003, 1, 43.2963, 5.3814, CAMERA, part_of_way=None)
DEMO = OsmNode(DEMO_NODE_IDS_FROM + 4, 1, 43.2964, 5.3815, CAMERA)
SAME = OsmNode(1005, 2, 43.2965, 5.3816, CAMERA | {"check_date": "2026-11-21"})
# A mapper surveyed it on 2026-12-01, after the walk of 2026-11-21.
NEWER = OsmNode(
    1006,
    3,
    43.2966,
    5.3817,
    CAMERA | {"check_date": "2026-12-01", "operator": "Helsingin poliisi"},
)
# Listed by two relations (a `type=surveillance` relation's camera, another's extent), and one
# whose relations are not known (a file without them).
MEMBER = OsmNode(1007, 1, 43.2967, 5.3818, CAMERA, relations=(55815, 55816))
UNLISTED = OsmNode(1008, 1, 43.2968, 5.3819, CAMERA, relations=None)
NODES = {node.id: node for node in (NODE, VERTEX, UNSURE, DEMO, SAME, NEWER, MEMBER, UNLISTED)}


def observation(ref, **fields):
    return {
        "id": ref,
        "position": {"lat": 43.29615, "lon": 5.38125},
        "kind": "camera",
        "surveyed_on": "2026-11-21",
        "review_status": "approved",
        "presence": "present",
        **fields,
    }


CASES = [
    ({"review_status": "pending"}, "not_approved", {}, "not approved by an organiser"),
    ({"position": None}, "no_position", {}, "no position"),
    (
        {"osm_node_id": 4242},
        "node_not_in_data",
        {"osm_node_id": 4242},
        "OSM node 4242 is not in the OSM data: deleted since, or outside the area fetched",
    ),
    (
        {"osm_node_id": 1005},
        "nothing_to_change",
        {"osm_node_id": 1005},
        "OSM node 1005 already says all this survey says",
    ),
    (
        {"presence": "gone"},
        "gone_not_linked",
        {},
        "reported gone, but not linked to a node in the OSM data",
    ),
    (
        {"presence": "gone", "osm_node_id": 1002},
        "gone_vertex",
        {"osm_node_id": 1002},
        "OSM node 1002 is a vertex of a way: remove its camera tags in an editor",
    ),
    (
        {"presence": "gone", "osm_node_id": 1003},
        "gone_vertex_unknown",
        {"osm_node_id": 1003},
        "not known whether a way uses OSM node 1003: fetch the walk's cameras from Overpass "
        "or the OSM API first",
    ),
    (
        {"presence": "gone", "osm_node_id": 1007},
        "gone_member",
        {"osm_node_id": 1007, "relations": "55815, 55816"},
        "relations that list OSM node 1007: 55815, 55816; in an editor, take it out of them, or "
        "remove its camera tags",
    ),
    (
        {"presence": "gone", "osm_node_id": 1008},
        "gone_member_unknown",
        {"osm_node_id": 1008},
        "not known whether a relation lists OSM node 1008: fetch the walk's cameras from "
        "Overpass or the OSM API first",
    ),
    (
        {"osm_node_id": 1006, "operator": "Helsingin kaupunki"},
        "newer_survey",
        {"osm_node_id": 1006, "checked": "2026-12-01", "surveyed": "2026-11-21"}
        | {"fields": ["operator"]},
        "OSM node 1006 was surveyed on 2026-12-01, after this survey of 2026-11-21: camwalk "
        "does not overwrite the newer values; compare them on the spot or in an editor",
    ),
    (
        {"osm_node_id": 1006, "presence": "gone"},
        "gone_newer_survey",
        {"osm_node_id": 1006, "checked": "2026-12-01", "surveyed": "2026-11-21"},
        "reported gone on 2026-11-21, but OSM node 1006 was surveyed on 2026-12-01, after: "
        "camwalk does not delete it; check on the spot",
    ),
    (
        {"osm_node_id": DEMO.id},
        "demo_node",
        {"osm_node_id": DEMO.id},
        f"node {DEMO.id} is a demo camera, not in OpenStreetMap",
    ),
    (
        {"operator": "x" * 300},
        "bad_tags",
        {
            "fields": ["tag 'operator'"],
            "problems": "tag 'operator': value has 300 characters, OSM allows 255",
        },
        "tag 'operator': value has 300 characters, OSM allows 255",
    ),
]


@pytest.mark.parametrize(("fields", "code", "values", "english"), CASES, ids=[c[1] for c in CASES])
def test_each_observation_left_out_says_why_by_a_code_and_in_english(
    fields, code, values, english
):
    skipped: list[Skipped] = []
    assert list(plan_actions([observation("a", **fields)], NODES, skipped)) == []
    (item,) = skipped
    assert (item.code, dict(item.values), item.reason) == (code, values, english)
    assert item.as_dict() == {"observation": "a", "code": code, "reason": english, **values}


def test_a_node_changed_twice_names_the_observation_that_changes_it_first():
    skipped: list[Skipped] = []
    twins = [observation("first", osm_node_id=1001, mount="pole"), observation("second")]
    actions = list(plan_actions(twins, NODES, skipped, matched={"second": 1001}))
    assert [action.ref for action in actions] == ["first"]
    assert [item.as_dict() for item in skipped] == [
        {
            "observation": "second",
            "code": "node_taken",
            "osm_node_id": 1001,
            "other_observation": "first",
            "reason": "OSM node 1001 is already changed by observation first: "
            "merge the duplicates",
        }
    ]


REFUSALS = [
    (
        lambda: apply_survey(VERTEX, observation("a"), move_to=(43.3, 5.4)),
        "move_vertex",
        "node 1002 is a vertex of a way: camwalk will not move it",
    ),
    (
        lambda: apply_survey(UNSURE, observation("a"), move_to=(43.3, 5.4)),
        "move_vertex_unknown",
        "node 1003 may be a vertex of a way: fetch its ways first",
    ),
    (
        lambda: reapply_survey(OsmNode(1001, 5, 43.2, 5.3, {}), observation("a")),
        "no_longer_camera",
        "node 1001 is no longer tagged man_made=surveillance",
    ),
    (
        lambda: reapply_survey(
            OsmNode(1001, 5, 43.2, 5.3, {**CAMERA, "surveillance:type": "ALPR"}),
            observation("a"),
        ),
        "no_longer_matches",
        "node 1001 was found by distance and is now mapped as another kind or facing elsewhere: "
        "check which camera it is",
    ),
    (
        lambda: refresh_gone(OsmNode(1001, 5, 43.2, 5.3, CAMERA, part_of_way=True), {}),
        "now_vertex",
        "node 1001 is now a vertex of a way: it cannot be deleted",
    ),
    (
        lambda: refresh_gone(OsmNode(1001, 5, 43.2, 5.3, CAMERA, relations=(51776,)), {}),
        "now_member",
        "node 1001 is now a member of relation 51776: it cannot be deleted",
    ),
]


@pytest.mark.parametrize(("refuse", "code", "english"), REFUSALS, ids=[r[1] for r in REFUSALS])
def test_a_survey_refused_on_a_node_carries_its_code(refuse, code, english):
    with pytest.raises(SurveyRefused) as refused:
        refuse()
    node_id = int(english.split()[1])
    also = {"relations": "51776"} if code == "now_member" else {}
    assert (refused.value.code, refused.value.values) == (code, {"osm_node_id": node_id} | also)
    assert str(refused.value) == english


def test_a_survey_day_that_has_not_come_yet_is_left_out_with_its_day():
    skipped: list[Skipped] = []
    today = date(2026, 11, 19)  # the export's date: the walk's day is two days ahead
    assert list(plan_actions([observation("a")], NODES, skipped, today=today)) == []
    assert [item.as_dict() for item in skipped] == [
        {
            "observation": "a",
            "code": "future_survey_day",
            "surveyed": "2026-11-21",
            "reason": "surveyed on 2026-11-21, a day that has not come yet: correct the day",
        }
    ]
    assert len(list(plan_actions([observation("a")], NODES, [], today=date(2026, 11, 20)))) == 1


def test_a_survey_day_before_camwalk_could_be_used_is_left_out_with_its_day():
    """Stored before the sync refused it (past_day): the export needs no date of its own."""
    skipped: list[Skipped] = []
    old = observation("a") | {"surveyed_on": "2000-01-01"}
    assert list(plan_actions([old], NODES, skipped)) == []
    assert [item.as_dict() for item in skipped] == [
        {
            "observation": "a",
            "code": "past_survey_day",
            "surveyed": "2000-01-01",
            "reason": (
                "surveyed on 2000-01-01, before camwalk could be used (2015): correct the day"
            ),
        }
    ]
    first = observation("a") | {"surveyed_on": "2015-01-01"}
    assert len(list(plan_actions([first], NODES, []))) == 1


UNLOADED = [
    ([], "osm_not_loaded", "a new camera, but the walk's OSM cameras were never loaded"),
    (
        [(5.0, 43.0, 5.1, 43.1)],
        "outside_loaded_area",
        "a new camera outside the area whose OSM cameras were loaded",
    ),
]


@pytest.mark.parametrize(("areas", "code", "english"), UNLOADED, ids=[u[1] for u in UNLOADED])
def test_a_new_camera_where_the_walk_was_not_loaded_carries_its_code(areas, code, english):
    skipped: list[Skipped] = []
    planned = plan_actions([observation("a")], NODES, skipped)

    assert list(hold_unloaded(planned, areas, skipped, margin_m=10)) == []
    assert [(item.code, item.values) for item in skipped] == [(code, {})]
    assert skipped[0].reason.startswith(english)
    assert skipped[0].reason.endswith("or a camera already in OSM here would be added twice")


def test_every_code_is_tested_here():
    tested = {case[1] for case in CASES} | {refusal[1] for refusal in REFUSALS}
    tested |= {"node_taken", "future_survey_day", "past_survey_day"}
    tested |= {unloaded[1] for unloaded in UNLOADED}
    assert tested == set(SKIPS)


def test_a_sentence_needs_every_value_it_names():
    with pytest.raises(KeyError):
        reason("node_taken", {"osm_node_id": 1})  # the other observation is missing
    with pytest.raises(KeyError):
        LeftOut("demo_node")
