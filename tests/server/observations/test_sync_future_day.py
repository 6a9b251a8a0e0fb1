"""A survey day after tomorrow (the server's date) never becomes an OSM check_date: the sync
refuses it, change by change, so the walker can correct it and send it again (a day already
stored: tests/server/osm/test_export_future_day.py)."""

import datetime as dt

from server.types import utcnow
from tests.builders import create_change, update_change


def sync(client, group, *changes):
    answer = client.post(
        f"/api/v1/groups/{group.id}/sync", json={"changes": list(changes)}, headers=group.headers()
    )
    assert answer.status_code == 200, answer.json
    return answer.json["results"]


def test_a_survey_day_in_2062_is_refused_and_the_corrected_change_goes(client, group):
    change = create_change(group.walk.id, surveyed_on="2062-11-21")
    (result,) = sync(client, group, change)
    assert result["status"] == "rejected"
    assert result["error"]["code"] == "future_day"
    # Nothing kept: the same change, its day corrected, is taken.
    change["fields"]["surveyed_on"] = "2026-11-21"
    (result,) = sync(client, group, change)
    assert result["status"] == "applied" and not result["replayed"]


def test_tomorrow_is_taken_for_a_phone_east_of_the_server(client, group):
    tomorrow = (utcnow().date() + dt.timedelta(days=1)).isoformat()
    (result,) = sync(client, group, create_change(group.walk.id, surveyed_on=tomorrow))
    assert result["status"] == "applied"


def test_an_edit_sent_behind_a_create_refused_for_its_day_goes_once_the_day_is_corrected(
    client, group
):
    """The edit, refused `unknown_observation` while its create was refused, was kept: sent
    again after the corrected create, it was answered as a replay of that refusal, and the
    walker's edit never reached the server."""
    create = create_change(group.walk.id, surveyed_on="2062-11-21")
    edit = update_change(
        create["observation_id"], 0, "2026-11-21T09:20:00+01:00", operator=(None, "Police")
    )
    first = sync(client, group, create, edit)
    assert [r["error"]["code"] for r in first] == ["future_day", "unknown_observation"]

    create["fields"]["surveyed_on"] = "2026-11-21"
    again = sync(client, group, create, edit)

    assert [(r["status"], r["replayed"]) for r in again] == [
        ("applied", False),
        ("applied", False),
    ]
    history = client.get(
        f"/api/v1/observations/{create['observation_id']}/history", headers=group.headers()
    ).json
    assert [(e["op"], e["status"]) for e in history] == [
        ("create", "applied"),
        ("update", "applied"),
    ]


def test_a_survey_day_in_year_one_is_refused_and_the_corrected_change_goes(client, group):
    """0001-01-01 was taken while 2062 was refused, and would have become OSM's check_date."""
    change = create_change(group.walk.id, surveyed_on="0001-01-01")
    (result,) = sync(client, group, change)
    assert (result["status"], result["error"]["code"]) == ("rejected", "past_day")
    change["fields"]["surveyed_on"] = "2026-11-21"
    (result,) = sync(client, group, change)
    assert result["status"] == "applied" and not result["replayed"]
