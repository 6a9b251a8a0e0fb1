"""A walk's survey older than the node's own (check_date or survey:date after the walk's day)
neither overwrites the node nor deletes it, at planning and again after a 409; agreeing with
it is nothing to change."""

import pytest

from sync.osm.plan import Skipped, plan_actions
from sync.osm.reapply import SurveyRefused, reapply_survey, refresh_gone
from sync.osm.records import Modify, OsmNode

WALK_DAY = "2026-11-21"
CAMERA = {"man_made": "surveillance", "surveillance:type": "camera", "location": "under_canopy"}


def survey(**fields):
    return {
        "id": "obs",
        "position": {"lat": 60.17, "lon": 24.94},
        "kind": "camera",
        "review_status": "approved",
        "presence": "present",
        "osm_node_id": 7,
        "surveyed_on": WALK_DAY,
        **fields,
    }


def node(**tags):
    return OsmNode(7, 2, 60.1701, 24.9401, CAMERA | tags)


def plan(observation, osm_node):
    skipped: list[Skipped] = []
    actions = list(plan_actions([observation], {7: osm_node}, skipped))
    return actions, [item.code for item in skipped]


# (node's tags, survey's fields, what happens: a code left out, or "modify")
CASES = [
    # A mapper's later survey says another operator: theirs stands.
    (
        {"check_date": "2026-12-01", "operator": "Helsingin poliisi"},
        {"operator": "HKL"},
        "newer_survey",
    ),
    (
        {"survey:date": "2026-12-01", "operator": "Helsingin poliisi"},
        {"operator": "HKL"},
        "newer_survey",
    ),
    # What the node does not say yet, an older survey may add: it contradicts nothing.
    ({"check_date": "2026-12-01", "operator": "HKL"}, {"operator": "HKL", "mount": "pole"}, "add"),
    # Agreeing with the later survey: nothing to send (its check_date stays).
    ({"check_date": "2026-12-01", "operator": "HKL"}, {"operator": "HKL"}, "nothing_to_change"),
    ({"survey:date": "2026-12-01", "operator": "HKL"}, {"operator": "HKL"}, "nothing_to_change"),
    # A gone report older than a mapper's confirmation deletes nothing.
    ({"check_date": "2026-12-01"}, {"presence": "gone"}, "gone_newer_survey"),
    (
        {"check_date": "2026-12-01", "highway": "street_lamp"},
        {"presence": "gone"},
        "gone_newer_survey",
    ),
    # The same day, or an earlier one, is no newer survey: the walk goes on top.
    ({"check_date": WALK_DAY, "operator": "Helsingin poliisi"}, {"operator": "HKL"}, "modify"),
    ({"check_date": "2025-06-01", "operator": "Helsingin poliisi"}, {"operator": "HKL"}, "modify"),
    ({"survey:date": "2026-12", "operator": "Helsingin poliisi"}, {"operator": "HKL"}, "modify"),
]


@pytest.mark.parametrize(("tags", "fields", "outcome"), CASES)
def test_an_older_survey_never_overwrites_or_deletes_a_newer_one(tags, fields, outcome):
    actions, skipped = plan(survey(**fields), node(**tags))
    if outcome in ("modify", "add"):
        assert [type(action) for action in actions] == [Modify] and skipped == []
        assert actions[0].tags["operator"] == "HKL"
        assert actions[0].tags["check_date"] == max(WALK_DAY, tags.get("check_date", ""))
    else:
        assert (actions, skipped) == ([], [outcome])


def test_the_refusal_names_both_days_and_what_would_have_changed():
    skipped: list[Skipped] = []
    newer = node(check_date="2026-12-01", operator="Helsingin poliisi")
    list(plan_actions([survey(operator="HKL", mount="pole")], {7: newer}, skipped))
    (item,) = skipped
    assert item.values == {
        "osm_node_id": 7,
        "checked": "2026-12-01",
        "surveyed": WALK_DAY,
        "fields": ["operator"],
    }


def test_after_a_conflict_a_mappers_newer_survey_is_not_overwritten():
    # Camwalk read the node undated; a mapper re-surveyed it before the upload.
    now = node(check_date="2026-12-01", operator="Helsingin poliisi")
    with pytest.raises(SurveyRefused) as refused:
        reapply_survey(now, survey(operator="HKL"))
    assert refused.value.code == "newer_survey"


def test_after_a_conflict_a_camera_a_mapper_confirmed_since_is_not_deleted():
    now = node(check_date="2026-12-01")
    with pytest.raises(SurveyRefused) as refused:
        refresh_gone(now, survey(presence="gone"))
    assert refused.value.code == "gone_newer_survey"
