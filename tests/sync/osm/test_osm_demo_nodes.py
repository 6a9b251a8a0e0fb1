"""Demo cameras (ids from DEMO_NODE_IDS_FROM) never become an OSM change, at any step."""

from io import BytesIO

import pytest

from sync.osm.osmchange import InvalidElement, write_osmchange
from sync.osm.plan import plan_action
from sync.osm.reapply import SurveyRefused, apply_survey, refresh_gone
from sync.osm.records import DEMO_NODE_IDS_FROM, Delete, Modify, OsmNode, is_demo_node

DEMO = OsmNode(DEMO_NODE_IDS_FROM + 1, 3, 43.2961, 5.3812, {"man_made": "surveillance"})


def test_demo_ids_are_beyond_any_id_osm_has_given_or_will_soon_give():
    assert is_demo_node(DEMO_NODE_IDS_FROM) and not is_demo_node(13_500_000_000)
    assert DEMO_NODE_IDS_FROM > 1_000 * 13_500_000_000
    # A JavaScript number (the PWA's JSON) holds every integer below 2**53 exactly.
    assert DEMO_NODE_IDS_FROM + 1_000 < 2**53


def test_a_survey_of_a_demo_camera_is_refused_first_time_and_after_a_conflict():
    with pytest.raises(SurveyRefused, match="demo camera"):
        apply_survey(DEMO, {"id": "obs", "operator": "Police"})
    with pytest.raises(SurveyRefused, match="demo camera"):
        refresh_gone(DEMO, {"id": "obs"})


def test_a_gone_report_on_a_demo_camera_is_not_a_delete():
    report = {"id": "obs", "review_status": "approved", "presence": "gone"}
    with pytest.raises(SurveyRefused, match="demo camera"):
        plan_action({**report, "osm_node_id": DEMO.id}, DEMO)


@pytest.mark.parametrize(
    "action",
    [Modify(DEMO.id, 3, 43.2961, 5.3812, {"man_made": "surveillance"}), Delete(DEMO.id, 3)],
)
def test_the_osmchange_writer_refuses_a_demo_id_whatever_built_the_action(action):
    with pytest.raises(InvalidElement, match="demo camera"):
        write_osmchange(BytesIO(), [action], changeset=5)
