"""A mapper's tag that a survey's value denies (`revolving=yes` beside `camera:type=fixed`) is
kept, and named for a person to settle (sync.osm.tags.contradicted, sync.osm.plan.contradicting).

Found by an OSM mapper on Helsinki's cameras, 34 of which say `revolving=yes` and none a
camera:type: a survey saying the camera is fixed wrote camera:type=fixed beside it, and the
node contradicted itself without a word.
"""

import pytest

from sync.osm.plan import contradicting, plan_action
from sync.osm.records import OsmNode
from sync.osm.tags import contradicted

# Helsinki node 316412602 as the extract has it (version 1).
REVOLVING = {"height": "8", "man_made": "surveillance", "revolving": "yes"}
FIXED_DENIES = (("revolving", "yes", "camera:type", "fixed"),)


@pytest.mark.parametrize(
    ("node_tags", "camera_type", "expected"),
    [
        (REVOLVING, "fixed", FIXED_DENIES),
        ({**REVOLVING, "revolving": "Yes "}, "fixed",
         (("revolving", "Yes ", "camera:type", "fixed"),)),
        ({**REVOLVING, "camera:type": "dome"}, "fixed", FIXED_DENIES),
        (REVOLVING, "panning", ()),  # a panning camera turns
        (REVOLVING, "dome", ()),  # a dome may turn or not
        ({**REVOLVING, "revolving": "no"}, "panning",
         (("revolving", "no", "camera:type", "panning"),)),
        ({**REVOLVING, "revolving": "no"}, "fixed", ()),
        (REVOLVING, None, ()),  # the survey says nothing of the type
        # The node said fixed already: the contradiction is the mapper's own, not the survey's.
        ({**REVOLVING, "camera:type": "fixed"}, "fixed", ()),
    ],
)  # fmt: skip
def test_a_tag_the_survey_denies_is_named(node_tags, camera_type, expected):
    survey = {"camera_type": camera_type, "surveyed_on": "2026-11-21"}
    modify = plan_action(_approved(survey), OsmNode(316412602, 1, 60.17, 24.94, node_tags))

    assert contradicted(node_tags, modify.tags) == expected
    # The survey's word goes into camwalk's key; the mapper's tag stays whatever it says.
    assert modify.tags["revolving"] == node_tags["revolving"]
    if camera_type:
        assert modify.tags["camera:type"] == camera_type


def test_the_report_item_names_the_node_both_tags_and_says_nothing_is_removed():
    node = OsmNode(316412602, 1, 60.17, 24.94, REVOLVING)
    modify = plan_action(_approved({"camera_type": "fixed"}), node)

    item = contradicting(modify, node)

    assert {key: item[key] for key in ("observation", "warning", "osm_node_id")} == {
        "observation": "a", "warning": "contradicted_tag", "osm_node_id": 316412602,
    }  # fmt: skip
    assert (item["kept"], item["surveyed"]) == ({"revolving": "yes"}, {"camera:type": "fixed"})
    assert "revolving=yes" in item["reason"] and "camera:type=fixed" in item["reason"]
    assert contradicting(plan_action(_approved({"camera_type": "dome"}), node), node) is None


def _approved(fields):
    return {
        "id": "a", "review_status": "approved", "kind": "camera", "osm_node_id": 316412602,
        "position": {"lat": 60.17, "lon": 24.94}, **fields,
    }  # fmt: skip
