from datetime import date

import pytest

from sync.osm.plan import NotExported, Skipped, plan_action, plan_actions
from sync.osm.records import Create, Delete, Modify, OsmNode

NODE = OsmNode(1001, 4, 43.2961234, 5.3812345, {"man_made": "surveillance"})
VERTEX = OsmNode(1002, 1, 43.2962, 5.3813, {"man_made": "surveillance"}, part_of_way=True)
NODES = {NODE.id: NODE, VERTEX.id: VERTEX}


def observation(**fields):
    return {
        "id": "obs",
        "position": {"lat": 43.29615, "lon": 5.38125, "accuracy_m": 6},
        "kind": "camera",
        "surveyed_on": "2026-11-21",
        "review_status": "approved",
        "presence": "present",
        **fields,
    }


@pytest.mark.parametrize(
    ("fields", "node", "action"),
    [
        ({}, None, Create),
        ({"osm_node_id": 1001}, NODE, Modify),
        ({"presence": "gone", "osm_node_id": 1001}, NODE, Delete),
        ({"mount": "pole"}, VERTEX, Modify),
    ],
)
def test_each_observation_becomes_one_action(fields, node, action):
    assert type(plan_action(observation(**fields), node)) is action


def test_a_create_stands_where_the_walker_stood_with_the_survey_tags():
    create = plan_action(observation(mount="pole"), None)
    assert (create.lat, create.lon, create.ref) == (43.29615, 5.38125, "obs")
    assert create.tags["camera:mount"] == "pole"


@pytest.mark.parametrize(
    ("fields", "node", "reason"),
    [
        ({"review_status": "pending"}, None, "not approved"),
        ({"review_status": "rejected"}, NODE, "not approved"),
        ({"presence": "gone"}, None, "not linked"),
        ({"presence": "gone", "osm_node_id": 1002}, VERTEX, "vertex of a way"),
        ({"osm_node_id": 4242}, None, "not in the OSM data"),
        ({"position": None}, None, "no position"),
    ],
)
def test_what_cannot_be_exported_says_why(fields, node, reason):
    with pytest.raises(NotExported, match=reason):
        plan_action(observation(**fields), node)


def test_a_survey_that_tells_osm_nothing_new_is_not_an_edit():
    tags = {"man_made": "surveillance", "surveillance:type": "camera", "check_date": "2026-11-21"}
    known = OsmNode(5, 2, 1.0, 2.0, tags)
    with pytest.raises(NotExported, match="already says"):
        plan_action(observation(), known)


def test_a_moved_pin_moves_the_node_only_when_asked():
    assert plan_action(observation(), NODE).lat == NODE.lat
    assert plan_action(observation(), NODE, move=True).lat == 43.29615


def test_a_stream_of_observations_gives_actions_and_a_report_of_the_rest():
    observations = [
        observation(id="a"),
        observation(id="b", osm_node_id=1001, mount="wall"),
        observation(id="c", review_status="pending"),
        observation(id="d", operator="x" * 300),
        observation(id="e", presence="gone", osm_node_id=1002),
        observation(id="f"),
    ]
    skipped: list[Skipped] = []
    actions = list(plan_actions(iter(observations), NODES, skipped, matched={"f": 1001}))
    assert [(type(action).__name__, action.ref) for action in actions] == [
        ("Create", "a"),
        ("Modify", "b"),
    ]
    assert [(entry.ref, entry.reason.split(":")[0]) for entry in skipped] == [
        ("c", "not approved by an organiser"),
        ("d", "tag 'operator'"),
        ("e", "OSM node 1002 is a vertex of a way"),
        ("f", "OSM node 1001 is already changed by observation b"),
    ]


def test_a_match_by_distance_turns_a_create_into_a_modify():
    skipped = []
    (action,) = plan_actions([observation(id="m")], NODES, skipped, matched={"m": 1001})
    assert (type(action), action.id, action.version) == (Modify, 1001, 4)
    assert skipped == []


def test_a_survey_day_is_judged_against_each_export_day_not_the_first_one_asked():
    # plan_action remembers the bound of a day given as text: per export day, not once.
    early, late = date(2026, 11, 1), date(2026, 12, 6)
    day = {"surveyed_on": "2026-11-21"}
    with pytest.raises(NotExported) as refused:
        plan_action(observation(**day), None, today=early)
    assert refused.value.code == "future_survey_day"
    assert type(plan_action(observation(**day), None, today=late)) is Create
    as_date = observation(surveyed_on=date(2026, 11, 21))
    assert type(plan_action(as_date, None, today=late)) is Create
    with pytest.raises(NotExported) as refused:
        plan_action(observation(surveyed_on="2014-12-31"), None, today=late)
    assert refused.value.code == "past_survey_day"
