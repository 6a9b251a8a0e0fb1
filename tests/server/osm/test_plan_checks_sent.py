"""The matches an organiser is told to check are those the plan sends: an ambiguous or
disagreeing match the plan then leaves out is named by neither the export's report and
counts nor the upload (server/exports/osc.py `PlanChecks`), as a camera beside one out of
use already was not.

Found reading a report: matching names its doubts before the planner runs, and the report
asked the organiser to check the match of a survey whose day had not come yet, a change the
file did not hold.
"""

import datetime as dt

import pytest

from server.extensions import db
from server.osm.service import store_node
from tests.server.osm.test_export_walker_answers import DOME_ON_POLE, LAT, LON, METRE_DEG, card
from tests.server.osm.test_out_of_use_checks import exported, warnings
from tests.server.osm.test_upload_preview import dry_run

TO_COME = dt.date(2999, 1, 1)  # a survey day the planner refuses: future_survey_day
SURVEYED = dt.date(2024, 5, 4)


def ambiguous_and_disagreeing(group, add_observation, surveyed_on) -> tuple[str, str]:
    """A survey between two cameras GPS cannot tell apart, and one 4 m from a dome on a pole
    surveyed as a fixed camera on a wall, 100 m east."""
    store_node(501, 4, LON, LAT, {"man_made": "surveillance"})
    store_node(502, 7, LON, LAT + 3.15 * METRE_DEG, {"man_made": "surveillance"})
    east = LON + 100 * METRE_DEG / 0.73  # a metre of longitude is shorter at 43° north
    store_node(503, 3, east, LAT + 4 * METRE_DEG, DOME_ON_POLE)
    db.session.commit()
    between = add_observation(
        group, LON, LAT + 1.45 * METRE_DEG, operator="Police", surveyed_on=surveyed_on
    )
    differs = add_observation(
        group, east, LAT, camera_type="fixed", mount="wall", surveyed_on=surveyed_on
    )
    return between.uuid, differs.uuid


@pytest.mark.parametrize("owner", ["walks", "groups"])
def test_matches_the_plan_sends_are_named_to_check(client, group, add_observation, owner):
    between, differs = ambiguous_and_disagreeing(group, add_observation, SURVEYED)

    preview = dry_run(client, group, owner)
    export = exported(client, group)

    expected = [("ambiguous_match", between), ("disagreeing_match", differs)]
    assert sorted(warnings(export["report"])) == expected
    assert (export["counts"]["ambiguous"], export["counts"]["disagreeing"]) == (1, 1)
    assert warnings(preview["ambiguous"] + preview["disagreeing"]) == expected
    assert (preview["counts"]["ambiguous"], preview["counts"]["disagreeing"]) == (1, 1)


@pytest.mark.parametrize("owner", ["walks", "groups"])
def test_matches_the_plan_leaves_out_are_not_named_to_check(client, group, add_observation, owner):
    between, differs = ambiguous_and_disagreeing(group, add_observation, TO_COME)

    preview = dry_run(client, group, owner)
    export = exported(client, group)

    left_out = [(between, "future_survey_day"), (differs, "future_survey_day")]
    assert sorted((item["observation"], item.get("code")) for item in export["report"]) == sorted(
        left_out
    )
    assert (export["counts"]["ambiguous"], export["counts"]["disagreeing"]) == (0, 0)
    assert (export["counts"]["modified"], export["counts"]["skipped"]) == (0, 2)
    assert sorted((item["observation"], item["code"]) for item in preview["skipped"]) == sorted(
        left_out
    )
    assert (preview["ambiguous"], preview["disagreeing"]) == ([], [])
    assert (preview["counts"]["ambiguous"], preview["counts"]["disagreeing"]) == (0, 0)


def card_checks(client, group, observation_id) -> tuple:
    """The review card's warnings about its match: the other camera, the keys that differ."""
    change = card(client, group, observation_id, "approved")["osm_change"]
    return change["ambiguous_with"], [item["key"] for item in change["disagreeing"]]


@pytest.mark.parametrize("surveyed_on", [SURVEYED, TO_COME], ids=["sent", "left out"])
def test_the_review_card_names_the_matches_to_check_as_the_report_does(
    client, group, add_observation, surveyed_on
):
    # The card told the organiser to check a match the plan then left out (action nothing).
    between, differs = ambiguous_and_disagreeing(group, add_observation, surveyed_on)

    cards = {uuid: card_checks(client, group, uuid) for uuid in (between, differs)}
    report = exported(client, group)["report"]

    others = {i["observation"]: i["other_osm_node_id"] for i in report if "other_osm_node_id" in i}
    keys = {i["observation"]: i["keys"] for i in report if i.get("warning") == "disagreeing_match"}
    assert cards == {
        between: (others.get(between), []),
        differs: (None, keys.get(differs, [])),
    }
    assert bool(others) == bool(keys) == (surveyed_on == SURVEYED)
