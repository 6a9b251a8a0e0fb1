import pytest

from sync.osm.reapply import SurveyRefused, apply_survey, reapply_survey, refresh_gone
from sync.osm.records import Delete, Modify, OsmNode

SURVEY = {
    "id": "obs-1",
    "position": {"lat": 43.29615, "lon": 5.38125, "accuracy_m": 6},
    "mount": "pole",
    "operator": "Police municipale",
    "surveyed_on": "2026-11-21",
}

READ_AT_EXPORT = OsmNode(
    1001,
    4,
    43.2961234,
    5.3812345,
    {"man_made": "surveillance", "camera:mount": "wall", "operator": "Old"},
)

# What a mapper made of the node between camwalk's export and its upload (the 409).
EDITED_MEANWHILE = OsmNode(
    1001,
    5,
    43.2961300,
    5.3812400,
    {
        "man_made": "surveillance",
        "camera:mount": "wall",
        "operator": "Old",
        "camera:type": "dome",
        "survey:date": "2026-11-20",  # a survey of theirs before the walk's
    },
)


def test_a_survey_on_a_node_is_a_modify_at_the_version_read():
    modify = apply_survey(READ_AT_EXPORT, SURVEY)
    assert modify == Modify(
        1001,
        4,
        43.2961234,
        5.3812345,
        {
            "man_made": "surveillance",
            "camera:mount": "pole",
            "operator": "Police municipale",
            "check_date": "2026-11-21",
        },
        ref="obs-1",
    )


def test_the_walkers_gps_fix_never_moves_an_osm_node_by_itself():
    modify = apply_survey(READ_AT_EXPORT, SURVEY)
    assert (modify.lat, modify.lon) == (READ_AT_EXPORT.lat, READ_AT_EXPORT.lon)


def test_after_a_conflict_the_survey_goes_onto_the_nodes_current_tags_and_version():
    retry = reapply_survey(EDITED_MEANWHILE, SURVEY)
    assert retry.version == 5
    assert retry.tags == {
        "man_made": "surveillance",
        "camera:mount": "pole",
        "operator": "Police municipale",
        "camera:type": "dome",
        "survey:date": "2026-11-20",
        "check_date": "2026-11-21",
    }


def test_after_a_conflict_a_mappers_move_stands_unless_the_organiser_moved_it():
    assert (reapply_survey(EDITED_MEANWHILE, SURVEY).lat) == 43.2961300
    moved = reapply_survey(EDITED_MEANWHILE, SURVEY, move_to=(43.29614, 5.38124))
    assert (moved.lat, moved.lon) == (43.29614, 5.38124)


def test_a_node_retagged_as_something_else_meanwhile_is_left_to_a_person():
    retagged = OsmNode(1001, 5, 43.29613, 5.38124, {"highway": "street_lamp"})
    with pytest.raises(SurveyRefused):
        reapply_survey(retagged, SURVEY)


def test_a_way_vertex_takes_the_survey_but_is_never_moved():
    vertex = OsmNode(7, 2, 43.1, 5.1, {"man_made": "surveillance"}, part_of_way=True)
    assert apply_survey(vertex, SURVEY).tags["camera:mount"] == "pole"
    assert apply_survey(vertex, SURVEY, move_to=(43.1, 5.1)).lat == 43.1
    with pytest.raises(SurveyRefused, match="vertex"):
        apply_survey(vertex, SURVEY, move_to=(43.2, 5.2))


def test_a_delete_is_retried_at_the_current_version():
    assert refresh_gone(EDITED_MEANWHILE, {"id": "obs-9"}) == Delete(1001, 5, ref="obs-9")


@pytest.mark.parametrize(
    "current",
    [
        OsmNode(3, 2, 1, 2, {"man_made": "surveillance"}, part_of_way=True),
        OsmNode(3, 2, 1, 2, {"amenity": "bench"}),
    ],
)
def test_a_delete_is_not_retried_on_a_node_that_became_a_vertex_or_something_else(current):
    with pytest.raises(SurveyRefused):
        refresh_gone(current, {"id": "obs-9"})


# Helsinki 4096268654, read by camwalk as a camera; a walker's survey found it by distance
# (no link). Before the upload a mapper made it a plate reader, or turned it: the retry
# after the version conflict rewrote `surveillance:type=ALPR` to `camera`, a match across
# kinds that distance never makes.
def now_mapped(**tags) -> OsmNode:
    base = {"man_made": "surveillance", "surveillance:type": "camera", "camera:type": "dome"}
    return OsmNode(4096268654, 2, 60.1713717, 24.9402259, {**base, **tags})


FOUND_BY_DISTANCE = SURVEY | {"kind": "camera", "direction": [90]}


@pytest.mark.parametrize(
    "tags",
    [{"surveillance:type": "ALPR"}, {"surveillance:type": "guard"}, {"camera:direction": "270"}],
)
def test_a_retry_refuses_a_node_found_by_distance_that_no_longer_matches(tags):
    with pytest.raises(SurveyRefused) as refused:
        reapply_survey(now_mapped(**tags), FOUND_BY_DISTANCE)
    assert refused.value.code == "no_longer_matches"


def test_a_retry_keeps_a_named_node_and_a_match_that_only_disagrees():
    linked = FOUND_BY_DISTANCE | {"osm_node_id": 4096268654}
    assert (
        reapply_survey(now_mapped(**{"surveillance:type": "ALPR"}), linked).tags[
            "surveillance:type"
        ]
        == "camera"
    )  # somebody named the node: their word, as for the first try
    fixed = FOUND_BY_DISTANCE | {"camera_type": "fixed"}
    assert reapply_survey(now_mapped(), fixed).tags["camera:type"] == "fixed"
    assert reapply_survey(now_mapped(**{"camera:direction": "80"}), FOUND_BY_DISTANCE)
