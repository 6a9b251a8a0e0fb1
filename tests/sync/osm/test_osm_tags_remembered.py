"""survey_tags remembers conversions and checks each value once: the same answers as the plain
rule, written out below without either, on valid, odd and invalid values alike."""

import functools
from datetime import date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from sync.osm.direction import direction_keys
from sync.osm.tags import (
    CAMERA_FIELDS,
    TEXT_FIELDS,
    TagError,
    _direction,
    _height,
    _survey_day,
    _text,
    camera_fields,
    check_tags,
    modified_tags,
    survey_tags,
)


def plain_survey_tags(observation, node_tags=None):
    """Every value converted afresh, and the finished tags checked whole: slow, plainly right."""
    conversions = [
        *(
            (field, (key,), functools.partial(_text, allowed=allowed))
            for field, (key, allowed) in TEXT_FIELDS.items()
        ),
        ("height_m", ("height",), _height),
        ("direction", direction_keys(node_tags or {}, observation.get("kind")), _direction),
        ("surveyed_on", ("check_date",), _survey_day),
    ]
    problems, tags = [], {"man_made": "surveillance"}
    # The camera's own fields only for a kind that films (the writer picks its plan by kind).
    skipped = {field for field, _ in CAMERA_FIELDS} - dict(
        camera_fields(observation.get("kind"))
    ).keys()
    for field, keys, convert in conversions:
        value = observation.get(field)
        if value is None or field in skipped:
            continue
        try:
            written = convert(value)
        except (TypeError, ValueError) as error:
            problems.append((field, str(error)))
            continue
        if written is not None:
            tags.update(dict.fromkeys(keys, written))
    problems += check_tags(tags)
    if problems:
        raise TagError(problems)
    return tags


class Text(str):
    """Text that is not plain str (as some drivers hand back): never taken for a str key."""


# Values that look alike to a cache (1, True, 1.0; a list and a tuple; a str subclass) and
# values each conversion refuses, among valid ones repeated often enough to be remembered.
ODD = [
    None, "", "  ", 1, True, 1.0, 0, False, -1, 4, 4.0, 4.5, 4.125, 101, float("nan"),
    float("inf"), "4", [90], (90,), [90.0], [True], [1], (1,), [], [0, 359], [360], [-1],
    ["90"], [[90]], {"a": 1}, {90}, frozenset({1}), date(2026, 11, 21),
    datetime(2026, 11, 21, 9, 0), "2026-02-30", "x" * 256, "é" * 255, "bell\x07",
    "a&b<c>\"d'\n", Text("camera"), Text("2026-11-21"), b"wall", 10**20,
]  # fmt: skip
VALID = {
    "kind": ["camera", "ALPR", "guard", " camera "],
    "surveillance": ["public", "indoor"],
    "camera_type": ["dome", "fixed"],
    "mount": ["wall", "pole", "Wall"],
    "zone": ["town", "shop"],
    "operator": ["RTM", "Mairie & Cie", "Ville"],
    "manufacturer": ["Axis"],
    "model": ["P3245"],
    "height_m": [4, 4.0, 4.5, 3.25, 7, 12.125],
    "direction": [[0], [90], (90,), [359], [45, 270], [10]],
    "surveyed_on": ["2026-11-21", "2020-01-01", date(2026, 11, 20)],
}
NODE_TAGS = [
    None,
    {},
    {"man_made": "surveillance", "direction": "N"},
    {"man_made": "surveillance", "camera:direction": "90", "direction": "E", "height": "4 m"},
    {"man_made": "surveillance", "check_date": "2030-01-01", "note": "x" * 300},
]

observations = st.fixed_dictionaries(
    {},
    optional={
        field: st.sampled_from(values) | st.sampled_from(ODD) for field, values in VALID.items()
    },
)


def outcome(function, *arguments):
    try:
        tags = function(*arguments)
    except TagError as error:
        return "TagError", str(error), error.problems
    return "tags", list(tags.items())  # the order is the order the file is written in


@settings(max_examples=400)
@given(observations, st.sampled_from(NODE_TAGS))
def test_survey_tags_answer_as_the_plain_rule_does(observation, node_tags):
    expected = outcome(plain_survey_tags, observation, node_tags)
    # Twice: the first call may convert afresh, the second answers from what was remembered.
    assert outcome(survey_tags, observation, node_tags) == expected
    assert outcome(survey_tags, observation, node_tags) == expected


@settings(max_examples=200)
@given(observations, st.sampled_from(NODE_TAGS[1:]))
def test_a_modify_still_checks_the_nodes_own_tags(observation, node_tags):
    # survey_tags checks only what it converted; the node's tags are modified_tags' to check.
    surveyed = outcome(plain_survey_tags, observation, node_tags)
    modified = outcome(modified_tags, node_tags, observation)
    if surveyed[0] == "TagError":
        assert modified == surveyed
    elif check_tags(node_tags):
        assert modified[0] == "TagError"
        assert modified[2] == check_tags(node_tags)


def test_values_equal_as_keys_but_not_as_values_are_told_apart():
    for value in (1, 1.0, True):
        assert outcome(survey_tags, {"height_m": value}) == outcome(
            plain_survey_tags, {"height_m": value}
        )
    for value in ([1], (1,), [True], [1.0]):
        assert outcome(survey_tags, {"direction": value}) == outcome(
            plain_survey_tags, {"direction": value}
        )
    assert survey_tags({"height_m": 1}) == survey_tags({"height_m": 1.0})
    assert outcome(survey_tags, {"height_m": True})[0] == "TagError"
    assert outcome(survey_tags, {"direction": [True]})[0] == "TagError"
