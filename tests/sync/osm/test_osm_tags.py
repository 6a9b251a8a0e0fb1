from datetime import date, datetime

import pytest

from sync.osm.tags import (
    MANAGED_KEYS,
    MAX_TAG_LENGTH,
    TagError,
    check_tags,
    modified_tags,
    observation_fields,
    survey_tags,
)

CAMERA = ("man_made", "surveillance")


@pytest.mark.parametrize(
    ("field", "value", "key", "written"),
    [
        ("kind", "camera", "surveillance:type", "camera"),
        ("kind", "ALPR", "surveillance:type", "ALPR"),
        ("kind", "guard", "surveillance:type", "guard"),
        ("kind", "gunshot_detector", "surveillance:type", "gunshot_detector"),
        ("surveillance", "public", "surveillance", "public"),
        ("surveillance", "outdoor", "surveillance", "outdoor"),
        ("surveillance", "indoor", "surveillance", "indoor"),
        ("camera_type", "fixed", "camera:type", "fixed"),
        ("camera_type", "dome", "camera:type", "dome"),
        ("camera_type", "panning", "camera:type", "panning"),
        ("mount", "wall", "camera:mount", "wall"),
        ("mount", "pole", "camera:mount", "pole"),
        ("mount", "ceiling", "camera:mount", "ceiling"),
        ("mount", "street_lamp", "camera:mount", "street_lamp"),
        ("mount", "traffic_signals", "camera:mount", "traffic_signals"),
        ("mount", "tree", "camera:mount", "tree"),
        ("zone", "town", "surveillance:zone", "town"),
        ("zone", "traffic", "surveillance:zone", "traffic"),
        ("zone", "parking", "surveillance:zone", "parking"),
        ("zone", "shop", "surveillance:zone", "shop"),
        ("zone", "bank", "surveillance:zone", "bank"),
        ("zone", "building", "surveillance:zone", "building"),
        ("zone", "entrance", "surveillance:zone", "entrance"),
        ("operator", "Police municipale", "operator", "Police municipale"),
        ("operator", "  Ville de Marseille ", "operator", "Ville de Marseille"),
        # A line pasted from a sign's two lines: the sync keeps what she typed, a tag is a line.
        ("operator", "Ville de\nMarseille\r\n", "operator", "Ville de Marseille"),
        ("operator", "Ville\tde  Marseille\u2028\x85", "operator", "Ville de Marseille"),
        ("manufacturer", "Axis\nCommunications", "manufacturer", "Axis Communications"),
        ("model", "P3245\u2028LVE", "model", "P3245 LVE"),
        ("manufacturer", "Axis", "manufacturer", "Axis"),
        ("model", "P3245-LVE", "model", "P3245-LVE"),
        ("height_m", 4, "height", "4"),
        ("height_m", 4.0, "height", "4"),
        ("height_m", 4.5, "height", "4.5"),
        ("height_m", 3.25, "height", "3.25"),
        ("height_m", 0, "height", "0"),
        ("height_m", 100, "height", "100"),
        ("direction", [180], "camera:direction", "180"),
        ("direction", [90, 270], "camera:direction", "90;270"),
        ("surveyed_on", "2026-11-21", "check_date", "2026-11-21"),
        ("surveyed_on", date(2026, 2, 3), "check_date", "2026-02-03"),
    ],
)
def test_each_field_becomes_its_osm_tag(field, value, key, written):
    assert survey_tags({field: value}) == dict([CAMERA, (key, written)])


def test_every_device_is_a_man_made_surveillance_node():
    assert survey_tags({}) == {"man_made": "surveillance"}


def test_an_alpr_direction_goes_under_direction_not_camera_direction():
    tags = survey_tags({"kind": "ALPR", "direction": [45]})
    assert tags["direction"] == "45"
    assert "camera:direction" not in tags


def test_height_is_never_written_as_ele():
    assert "ele" not in survey_tags({"height_m": 6})


@pytest.mark.parametrize("field", ["note", "photos", "created_by", "walker", "accuracy_m"])
def test_private_fields_never_reach_osm(field):
    secret = "mouette saw this from the café"
    tags = survey_tags({"kind": "camera", field: secret, "position": {"accuracy_m": 6}})
    assert secret not in tags.values()
    assert field not in tags
    assert "6" not in tags.values()


@pytest.mark.parametrize(
    ("field", "empty"),
    [
        ("operator", None),
        ("operator", ""),
        ("operator", "   "),
        ("mount", None),
        ("mount", ""),
        ("manufacturer", " "),
        ("direction", None),
        ("direction", []),
        ("height_m", None),
        ("surveyed_on", None),
    ],
)
def test_an_empty_field_writes_nothing(field, empty):
    assert survey_tags({field: empty}) == dict([CAMERA])


def test_no_survey_day_means_no_check_date_rather_than_an_invented_one():
    assert "check_date" not in survey_tags({"kind": "camera"})


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("kind", "speed_camera"),
        ("zone", "street"),
        ("zone", "public"),
        ("mount", "Wall"),
        ("operator", 42),
        ("height_m", -1),
        ("height_m", 100.5),
        ("height_m", float("nan")),
        ("height_m", True),
        ("height_m", "4"),
        ("direction", [400]),
        ("direction", "90"),
        ("surveyed_on", "21/11/2026"),
        ("surveyed_on", "2026-02-30"),
        ("surveyed_on", "20261121"),
        ("surveyed_on", datetime(2026, 11, 21, 9, 14)),
        ("operator", "x" * (MAX_TAG_LENGTH + 1)),
        ("model", "bell\x07"),
    ],
)
def test_a_bad_value_is_an_error_naming_its_field(field, value):
    with pytest.raises(TagError) as raised:
        survey_tags({field: value})
    assert raised.value.problems
    assert field in str(raised.value) or "tag" in str(raised.value)


def test_a_value_of_exactly_255_characters_is_written_whole():
    operator = "é" * MAX_TAG_LENGTH
    assert survey_tags({"operator": operator})["operator"] == operator


def test_an_over_long_value_is_reported_not_cut():
    with pytest.raises(TagError) as raised:
        survey_tags({"operator": "P" * 280})
    assert "280 characters" in str(raised.value)


def test_all_problems_of_one_observation_are_reported_together():
    with pytest.raises(TagError) as raised:
        survey_tags({"kind": "drone", "height_m": 500, "surveyed_on": "yesterday"})
    assert [field for field, _ in raised.value.problems] == ["kind", "height_m", "surveyed_on"]


NODE = {
    "man_made": "surveillance",
    "surveillance:type": "camera",
    "camera:mount": "wall",
    "operator": "Old operator",
    "direction": "N",
    "note": "mapper's own note",
    "fixme": "check the model",
    "check_date": "2019-05-01",
}


@pytest.mark.parametrize(
    ("survey", "changed"),
    [
        ({}, {}),
        ({"mount": None}, {}),
        ({"mount": "pole"}, {"camera:mount": "pole"}),
        ({"operator": "Police municipale"}, {"operator": "Police municipale"}),
        ({"direction": [90]}, {"direction": "90"}),
        ({"surveyed_on": "2026-11-21"}, {"check_date": "2026-11-21"}),
        ({"camera_type": "dome"}, {"camera:type": "dome"}),
    ],
)
def test_a_modify_keeps_the_nodes_tags_and_puts_the_survey_on_top(survey, changed):
    assert modified_tags(NODE, survey) == {**NODE, **changed}


# Helsinki node 316415987's place and id, with values mappers write: a survey that saw one of
# the values listed keeps the mapper's list; one value in another case is written as camwalk
# spells it; a survey that saw something else replaces the list.
@pytest.mark.parametrize(
    ("node_tags", "survey", "written"),
    [
        ({"camera:mount": "wall;pole"}, {"mount": "wall"}, {"camera:mount": "wall;pole"}),
        ({"camera:mount": "pole; wall"}, {"mount": "wall"}, {"camera:mount": "pole; wall"}),
        ({"camera:mount": "wall;pole"}, {"mount": "ceiling"}, {"camera:mount": "ceiling"}),
        ({"camera:type": "fixed;dome"}, {"camera_type": "dome"}, {"camera:type": "fixed;dome"}),
        ({"surveillance:type": "camera;ALPR"}, {"kind": "camera"},
         {"surveillance:type": "camera;ALPR"}),
        ({"surveillance:type": "Camera"}, {"kind": "camera"}, {"surveillance:type": "camera"}),
        ({"camera:mount": "Wall"}, {"mount": "wall"}, {"camera:mount": "wall"}),
        ({"operator": "A;B"}, {"operator": "A"}, {"operator": "A"}),  # free text: no list
    ],
)  # fmt: skip
def test_a_modify_keeps_a_mappers_list_that_holds_the_surveyed_value(node_tags, survey, written):
    node = {"man_made": "surveillance", "surveillance:type": "camera", **node_tags}  # 316415987
    tags = modified_tags(node, survey)
    assert {key: tags[key] for key in written} == written


def test_a_modify_never_adds_camera_direction_beside_an_existing_direction():
    assert "camera:direction" not in modified_tags(NODE, {"direction": [90]})


def test_a_modify_keeps_tags_camwalk_does_not_manage():
    tags = modified_tags(NODE, {"operator": "Police municipale", "note": "walker's note"})
    assert tags["note"] == "mapper's own note"
    assert tags["fixme"] == "check the model"


def test_a_walker_note_does_not_replace_a_mappers_note():
    assert "note" not in MANAGED_KEYS


OSM_MD_KEYS = {
    "man_made",
    "surveillance:type",
    "surveillance",
    "camera:type",
    "camera:mount",
    "camera:direction",
    "direction",
    "surveillance:zone",
    "operator",
    "height",
    "manufacturer",
    "model",
    "check_date",
}


def test_managed_keys_are_exactly_the_osm_md_table():
    assert MANAGED_KEYS == OSM_MD_KEYS


def test_an_over_long_tag_already_on_the_node_stops_the_modify():
    with pytest.raises(TagError):
        modified_tags({**NODE, "description": "d" * 300}, {"mount": "pole"})


@pytest.mark.parametrize(
    ("tags", "problem"),
    [
        ({"a": "b"}, None),
        ({"": "b"}, "key is empty"),
        ({"a": ""}, "value is empty"),
        ({"k" * 256: "b"}, "key has 256 characters"),
        ({"a": "\x00"}, "control character"),
        ({"height": 4}, "is not text"),
        ({"a": "\ud800"}, "control character"),
        ({"a": "line\nbreak\ttab"}, None),
        ({"a": "🎥 שלום"}, None),
    ],
)
def test_tag_checks_follow_osm_and_xml_limits(tags, problem):
    problems = check_tags(tags)
    if problem is None:
        assert problems == []
    else:
        assert problem in problems[0][1]


def test_reading_a_node_back_gives_camwalk_fields():
    tags = {**NODE, "camera:type": "dome", "height": "4.5 m", "surveillance:zone": "town"}
    fields = observation_fields(tags)
    assert fields["kind"] == "camera"
    assert fields["mount"] == "wall"
    assert fields["camera_type"] == "dome"
    assert fields["zone"] == "town"
    assert fields["direction"] == [0]
    assert fields["height_m"] == 4.5
    assert fields["surveillance"] is None


@pytest.mark.parametrize(
    ("height", "read"), [("4", 4.0), ("4.5", 4.5), ("12 m", 12.0), ("tall", None), ("-3", None)]
)
def test_heights_are_read_back_in_metres(height, read):
    assert observation_fields({"height": height})["height_m"] == read
