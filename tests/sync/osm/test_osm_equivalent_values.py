"""No edit for an equivalent value: a survey that says what a node says in another spelling
changes nothing, check_date never moves back, and several directions round-trip."""

from dataclasses import replace
from io import BytesIO

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sync.fields import normalise
from sync.osm.direction import direction_meaning, same_direction
from sync.osm.osmchange import write_osmchange
from sync.osm.parse import read_osm_xml
from sync.osm.plan import NotExported, plan_action
from sync.osm.reapply import NothingToChange, SurveyRefused, apply_survey
from sync.osm.records import OsmNode
from sync.osm.tags import modified_tags, observation_fields
from tests.sync.osm.test_osm_direction import COMPASS_TABLE

NODE = OsmNode(1001, 4, 43.2961234, 5.3812345, {"man_made": "surveillance"})


def survey(**fields):
    return {
        "id": "obs",
        "position": {"lat": 43.29615, "lon": 5.38125},
        "review_status": "approved",
        "presence": "present",
        **fields,
    }


def with_tags(**tags) -> OsmNode:
    return replace(NODE, tags={"man_made": "surveillance", **tags})


@pytest.mark.parametrize("key", ["direction", "camera:direction"])
@pytest.mark.parametrize(("point", "degrees"), COMPASS_TABLE)
def test_a_compass_point_surveyed_at_its_bearing_is_not_rewritten(key, point, degrees):
    node = with_tags(**{key: point})
    with pytest.raises(NothingToChange):
        apply_survey(node, survey(direction=[degrees]))


@pytest.mark.parametrize(
    ("value", "degrees"),
    [
        ("90;180", [180, 90]),
        ("180;90", [90, 180]),
        ("E;S", [90, 180]),
        ("e; 180", [90, 180]),
        ("045", [45]),
        ("45.0", [45]),
        ("360", [0]),
        ("90;", [90]),
        ("0;90;180;270", [0, 90, 180, 270]),
    ],
)
def test_a_degree_or_list_form_that_means_the_survey_is_kept_as_the_mapper_wrote_it(
    value, degrees
):
    node = with_tags(**{"camera:direction": value})
    with pytest.raises(NotExported, match="already says"):
        plan_action(survey(direction=degrees), node)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("0-360", "10-370"),
        ("0-360", "0-360;"),
        ("45-135", "NE-SE"),
        ("45 - 135", "45-135"),
        ("270-90", "W-E"),
        ("90;180-270", "S-W;E"),
    ],
)
def test_range_forms_that_mean_the_same_sector_are_the_same_direction(a, b):
    assert same_direction(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("45-135", "90"), ("0-360", "0"), ("45-135", "135-45"), ("90;180", "90"), ("left", "90")],
)
def test_different_directions_or_a_sector_against_a_bearing_are_not_the_same(a, b):
    assert not same_direction(a, b)


def test_a_direction_that_changes_is_written_and_the_node_keeps_its_key():
    modify = apply_survey(with_tags(direction="NE"), survey(direction=[90]))
    assert modify.tags["direction"] == "90"
    assert "camera:direction" not in modify.tags


@pytest.mark.parametrize(
    ("sweep", "degrees"),
    [
        ("0-360", [90]),
        ("90-180", [135]),
        ("90-180", [90, 180]),
        ("NE-SE", [100]),
        ("270-90", [0]),
        ("W-E", [300, 60]),
        ("90-180;270-300", [100, 280]),
    ],
)
def test_bearings_inside_the_range_a_camera_sweeps_leave_the_range_alone(sweep, degrees):
    # The walker saw where the turning camera pointed as she passed: one moment of its sweep.
    with pytest.raises(NothingToChange):
        apply_survey(with_tags(**{"camera:direction": sweep}), survey(direction=degrees))


@pytest.mark.parametrize(
    ("sweep", "degrees", "written"),
    [
        ("90-180", [200], "200"),
        ("270-90", [180], "180"),
        ("90-180", [135, 200], "135;200"),
        ("90;180-270", [200], "200"),  # a bearing beside the range: not only a sweep
    ],
)
def test_a_bearing_outside_the_range_replaces_it(sweep, degrees, written):
    modify = apply_survey(with_tags(**{"camera:direction": sweep}), survey(direction=degrees))
    assert modify.tags["camera:direction"] == written


def test_an_unreadable_direction_is_replaced_by_the_survey():
    modify = apply_survey(with_tags(direction="left"), survey(direction=[270]))
    assert modify.tags["direction"] == "270"
    assert direction_meaning("left") is None


@pytest.mark.parametrize(("written", "surveyed"), [("4.0", 4), ("4", 4.0), ("4.5 m", 4.5)])
def test_a_height_in_another_spelling_is_not_rewritten(written, surveyed):
    with pytest.raises(NothingToChange):
        apply_survey(with_tags(height=written), survey(height_m=surveyed))


@pytest.mark.parametrize(
    ("key", "field", "mapped", "surveyed"),
    [
        (
            "operator",
            "operator",
            "Police municipale de Marseille",
            "police municipale de marseille",
        ),
        ("operator", "operator", "RTM", "rtm"),
        ("operator", "operator", "Ville de  Paris", "ville de Paris"),
        ("manufacturer", "manufacturer", "Axis", "AXIS"),
        ("model", "model", "P3225-LV Mk II", "p3225-lv mk ii"),
    ],
)
def test_a_name_in_other_capitals_or_spacing_keeps_the_mappers_spelling(
    key, field, mapped, surveyed
):
    with pytest.raises(NothingToChange):
        apply_survey(with_tags(**{key: mapped}), survey(**{field: surveyed}))


def test_another_name_replaces_the_mappers_and_keeps_its_own_capitals():
    modify = apply_survey(with_tags(operator="RTM"), survey(operator="Régie des transports"))
    assert modify.tags["operator"] == "Régie des transports"


def test_only_the_check_date_changes_when_a_newer_survey_confirms_a_node_in_another_spelling():
    node = with_tags(direction="NE", height="4.0", check_date="2023-05-14")
    modify = apply_survey(node, survey(direction=[45], height_m=4, surveyed_on="2024-05-04"))
    assert modify.tags == {**node.tags, "check_date": "2024-05-04"}


@pytest.mark.parametrize(
    ("on_node", "surveyed", "written"),
    [
        ("2025-06-01", "2024-05-04", "2025-06-01"),
        ("2024-05-04", "2024-05-04", "2024-05-04"),
        ("2023-05-14", "2024-05-04", "2024-05-04"),
        ("2023", "2024-05-04", "2024-05-04"),
        ("last spring", "2024-05-04", "2024-05-04"),
    ],
)
def test_check_date_never_moves_back_to_an_older_survey(on_node, surveyed, written):
    tags = modified_tags(with_tags(check_date=on_node).tags, survey(surveyed_on=surveyed))
    assert tags["check_date"] == written


def test_an_older_survey_of_an_unchanged_node_is_not_an_edit():
    node = with_tags(check_date="2025-06-01", **{"camera:mount": "pole"})
    with pytest.raises(NotExported, match="already says"):
        plan_action(survey(mount="pole", surveyed_on="2024-05-04"), node)


def test_an_older_survey_that_changes_a_field_leaves_the_newer_survey_standing():
    # Writing "wall" under the mapper's 2025 check_date would date the older value 2025.
    node = with_tags(check_date="2025-06-01", **{"camera:mount": "pole"})
    with pytest.raises(SurveyRefused, match="after this survey of 2024-05-04"):
        plan_action(survey(mount="wall", surveyed_on="2024-05-04"), node)


bearings = st.lists(st.integers(min_value=0, max_value=359), min_size=1, max_size=8)


@given(bearings)
def test_several_directions_round_trip_through_an_osmchange_and_back(directions):
    stored = normalise("direction", directions)
    modify = apply_survey(NODE, survey(direction=stored))
    out = BytesIO()
    write_osmchange(out, [modify])
    change = out.getvalue().replace(b"osmChange", b"osm").replace(b"<modify>", b"")
    change = change.replace(b"</modify>", b"")
    (read_back,) = read_osm_xml(BytesIO(change)).nodes
    assert observation_fields(read_back.tags)["direction"] == stored
    with pytest.raises(NothingToChange):
        apply_survey(read_back, survey(direction=list(reversed(stored))))
