"""A survey day that has not come yet is refused, change by change, with its own code: one day
ahead of the server's date is a phone east of it; more is a wrong clock or a typo (2062), which
would become OSM's check_date and stay there (camwalk never moves check_date back). A day before
camwalk could exist (EARLIEST_SURVEY_DAY) is refused alike, with a code of its own."""

import datetime

import pytest
from sync_builders import LEA, ORGANISER, create, created, update

from sync.changes import Status
from sync.checks import Context
from sync.merge import apply_change

TODAY = datetime.date(2026, 12, 5)
SERVER = Context(today=TODAY)


@pytest.mark.parametrize(
    ("day", "code", "bound"),
    [
        ("2026-12-05", None, None),
        ("2026-12-06", None, None),  # tomorrow already, east of the server
        ("2026-12-07", "future_day", "2026-12-05"),
        ("2062-11-21", "future_day", "2026-12-05"),
        ("2025-11-21", None, None),
        ("0001-01-01", "past_day", "2015-01-01"),
        ("1970-01-01", "past_day", "2015-01-01"),  # a phone whose clock went back to its start
        ("2014-12-31", "past_day", "2015-01-01"),
        ("2015-01-01", None, None),
        ("2024-05-11", None, None),
    ],
)
def test_a_survey_day_out_of_bounds_is_refused_with_its_own_code(day, code, bound):
    outcome = apply_change(None, create(surveyed_on=day), LEA, context=SERVER)
    if code is None:
        assert outcome.status is Status.APPLIED
        return
    assert outcome.status is Status.REJECTED and outcome.state is None
    assert outcome.rejection.code == code
    assert day in outcome.rejection.message and bound in outcome.rejection.message
    # Not kept: the walker corrects the day, and the same change is judged anew.
    assert outcome.rejection.kept is False


def test_an_edit_to_a_future_day_is_refused_too_even_from_an_organiser():
    state = created()
    change = update("c-2", state.version, 5, surveyed_on=("2026-11-21", "2062-11-21"))
    outcome = apply_change(state, change, ORGANISER, context=SERVER)
    assert outcome.rejection.code == "future_day"
    assert outcome.state.fields["surveyed_on"] == "2026-11-21"


def test_without_the_servers_date_the_engine_cannot_judge_and_does_not():
    assert apply_change(None, create(surveyed_on="2062-11-21"), LEA).status is Status.APPLIED


def test_an_edit_to_a_day_gone_by_is_refused_even_without_the_servers_date():
    """The past bound needs no clock: the engine judges it wherever it runs."""
    state = created()
    change = update("c-2", state.version, 5, surveyed_on=("2026-11-21", "0001-01-01"))
    outcome = apply_change(state, change, ORGANISER)
    assert outcome.rejection.code == "past_day"
    assert outcome.state.fields["surveyed_on"] == "2026-11-21"
