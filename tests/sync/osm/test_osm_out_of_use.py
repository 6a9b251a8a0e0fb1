"""Cameras a mapper marked as no longer in use: read, offered, never matched by distance, and
kept out of use when a person links a survey to one (sync/osm/matching.py, tags.py)."""

import io
import math

import pytest

from sync.osm.matching import SurveyPoint, match_observations
from sync.osm.parse import overpass_query, read_osm_xml, read_overpass_json
from sync.osm.plan import kept_out_of_use, plan_action
from sync.osm.reapply import SurveyRefused, reapply_survey
from sync.osm.records import Delete, Modify, OsmNode
from sync.osm.tags import out_of_use

METRE_DEG = 180 / (6_371_008.8 * math.pi)
HERE = (60.1670816, 24.9470237)  # Helsinki node 311112541

PREFIXED = {"disused:man_made": "surveillance", "surveillance:type": "camera"}
LIFECYCLE_TAG = {"man_made": "surveillance", "disused": "yes"}


def node(tags, node_id=7, lat=HERE[0]) -> OsmNode:
    return OsmNode(node_id, 3, lat, HERE[1], tags)


def survey(**values) -> dict:
    return {
        "id": "obs-1",
        "review_status": "approved",
        "position": {"lat": HERE[0], "lon": HERE[1]},
        "kind": "camera",
        "mount": "wall",
        "surveyed_on": "2026-12-01",
        **values,
    }


@pytest.mark.parametrize(
    ("tags", "keys"),
    [
        (PREFIXED, ("disused:man_made",)),
        (LIFECYCLE_TAG, ("disused",)),
        ({"man_made": "surveillance", "disused": "no"}, ()),
        ({"man_made": "surveillance"}, ()),
        ({"disused:man_made": "surveillance_camera"}, ()),
        ({"disused": "yes", "amenity": "bench"}, ()),  # a disused bench is no camera
    ],
)
def test_out_of_use_reads_the_prefix_and_the_lifecycle_tag(tags, keys):
    assert out_of_use(tags) == keys


def test_an_osm_file_brings_the_cameras_marked_out_of_use():
    xml = (
        b'<osm version="0.6">'
        b'<node id="1" version="2" lat="60.1" lon="24.9">'
        b'<tag k="disused:man_made" v="surveillance"/></node>'
        b'<node id="2" version="1" lat="60.1" lon="24.9"><tag k="amenity" v="bench"/></node>'
        b"</osm>"
    )
    assert [found.id for found in read_osm_xml(io.BytesIO(xml)).nodes] == [1]


def test_an_overpass_answer_and_the_query_bring_them_too():
    answer = {
        "elements": [
            {"type": "node", "id": 1, "lat": 60.1, "lon": 24.9, "version": 2, "tags": PREFIXED}
        ]
    }
    assert [found.id for found in read_overpass_json(answer).nodes] == [1]
    assert '["disused:man_made"="surveillance"](60.1,24.9,60.2,25.0)' in overpass_query(
        60.1, 24.9, 60.2, 25.0
    )


@pytest.mark.parametrize("tags", [PREFIXED, LIFECYCLE_TAG], ids=["prefix", "disused=yes"])
def test_a_camera_out_of_use_is_offered_never_matched_by_distance(tags):
    # 3 m away: before, the survey's tags went onto it (disused=yes) or, the prefixed node
    # never read, a second camera was created beside it without a word.
    walker = SurveyPoint(HERE[0] + 3 * METRE_DEG, HERE[1])
    matching = match_observations([walker], [node(tags)])

    assert matching.matches == [] and matching.unmatched == [0]
    assert matching.candidates == {0: []} and matching.other_kinds == {}
    assert [(pair.node, round(pair.distance_m, 1)) for pair in matching.out_of_use[0]] == [
        (0, 3.0)
    ]


def test_a_camera_in_use_beside_one_out_of_use_is_matched_and_the_other_still_offered():
    walker = SurveyPoint(*HERE)
    dead, live = node(PREFIXED, 1), node({"man_made": "surveillance"}, 2, HERE[0] + 4 * METRE_DEG)

    matching = match_observations([walker], [dead, live])

    assert [(match.node, match.linked) for match in matching.matches] == [(1, False)]
    assert [pair.node for pair in matching.out_of_use[0]] == [0]


def test_one_out_of_use_facing_elsewhere_is_not_offered():
    walker = SurveyPoint(*HERE, direction=[180])
    dead = node(PREFIXED | {"camera:direction": "0"})
    assert match_observations([walker], [dead]).out_of_use == {}


def test_a_survey_linked_to_a_prefixed_node_keeps_it_out_of_use():
    action = plan_action(survey(osm_node_id=7), node(PREFIXED))

    assert isinstance(action, Modify)
    assert "man_made" not in action.tags
    assert action.tags["disused:man_made"] == "surveillance"
    assert action.tags["camera:mount"] == "wall" and action.tags["check_date"] == "2026-12-01"
    assert kept_out_of_use(action)["keys"] == ["disused:man_made"]


@pytest.mark.parametrize("key", ["direction", "camera:direction"])
def test_a_survey_linked_to_a_prefixed_node_turns_its_prefixed_direction(key):
    # Before, `disused:direction=NE` stayed and a plain `camera:direction=180` came beside it:
    # two directions of one device, one of them in use.
    action = plan_action(
        survey(osm_node_id=7, direction=[180]), node(PREFIXED | {f"disused:{key}": "NE"})
    )

    assert action.tags[f"disused:{key}"] == "180"
    assert not {"direction", "camera:direction"} & action.tags.keys()


def test_a_survey_linked_to_a_node_tagged_disused_yes_keeps_the_tag_and_says_so():
    action = plan_action(survey(osm_node_id=7), node(LIFECYCLE_TAG))

    assert action.tags["disused"] == "yes" and action.tags["man_made"] == "surveillance"
    item = kept_out_of_use(action)
    assert item["warning"] == "disused_node" and item["osm_node_id"] == 7
    assert item["keys"] == ["disused"] and "not whether it works" in item["reason"]


def test_a_survey_of_a_camera_in_use_has_no_such_warning():
    action = plan_action(survey(osm_node_id=7), node({"man_made": "surveillance"}))
    assert kept_out_of_use(action) is None


def test_after_a_conflict_a_linked_survey_still_goes_on_a_node_since_marked_out_of_use():
    # A mapper marked it out of use meanwhile; a person named the node: it is still the
    # device, and it stays out of use (before: refused as no longer a camera).
    action = reapply_survey(node(PREFIXED), survey(osm_node_id=7))
    assert "man_made" not in action.tags and action.tags["disused:man_made"] == "surveillance"


def test_after_a_conflict_a_match_by_distance_to_a_node_since_marked_out_of_use_is_held():
    with pytest.raises(SurveyRefused) as refused:
        reapply_survey(node(LIFECYCLE_TAG), survey())
    assert refused.value.code == "no_longer_matches"


@pytest.mark.parametrize(
    "tags",
    [PREFIXED | {"disused:camera:type": "dome"}, LIFECYCLE_TAG],
    ids=["prefix", "disused=yes"],
)
def test_a_camera_out_of_use_reported_gone_is_deleted_whole(tags):
    # Before, its lifecycle keys were read as another feature's and the node stayed, a
    # `disused=yes` (or `disused:man_made=surveillance`) on nothing.
    gone = survey(presence="gone", osm_node_id=7)
    assert isinstance(plan_action(gone, node(tags)), Delete)


def test_a_street_lamp_keeps_its_own_disused_tag_when_the_camera_on_it_is_gone():
    lamp = {"highway": "street_lamp", "disused": "yes", "man_made": "surveillance"}
    action = plan_action(survey(presence="gone", osm_node_id=7), node(lamp))
    assert action.tags == {"highway": "street_lamp", "disused": "yes"}
