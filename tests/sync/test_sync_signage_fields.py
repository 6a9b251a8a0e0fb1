"""The signage survey's fields are surveyed fields like the others: each merges on its own,
two walkers who disagree on one make a conflict, and values outside the lists are refused."""

import pytest
from sync_builders import LEA, SAM, created, run, update

from sync import fields as observation_fields
from sync.changes import ConflictKind, Status

SIGNAGE = observation_fields.SIGNAGE_FIELDS


def test_every_signage_field_is_a_mergeable_field_that_starts_unset():
    state = created()

    assert set(SIGNAGE) <= set(observation_fields.FIELDS)
    assert {name: state.fields[name] for name in SIGNAGE} == dict.fromkeys(SIGNAGE)


@pytest.mark.parametrize(
    ("field", "good", "bad"),
    [
        ("sign", "not_looked", "maybe"),
        ("sign_pictogram", "yes", True),
        ("sign_cnil", "no", "oui"),
        ("filmed_by", "transport_operator", "police"),
        ("aimed_at_road", "yes", 1),
    ],
)
def test_a_signage_value_outside_its_list_is_refused(field, good, bad):
    assert observation_fields.problem(field, good) is None
    assert observation_fields.problem(field, None) is None
    assert "must be one of" in observation_fields.problem(field, bad)


def test_two_walkers_ticking_different_checklist_items_both_keep_their_answer():
    outcome, _ = run(
        created(),
        (update("u1", 1, 3, sign=(None, "seen"), sign_pictogram=(None, "yes")), LEA),
        (update("u2", 1, 5, sign_retention=(None, "no"), filmed_by=(None, "business")), SAM),
    )

    assert outcome.status is Status.APPLIED
    values = {name: outcome.state.fields[name] for name in SIGNAGE if outcome.state.fields[name]}
    assert values == {
        "sign": "seen",
        "sign_pictogram": "yes",
        "sign_retention": "no",
        "filmed_by": "business",
    }


def test_two_walkers_disagreeing_on_the_sign_make_a_conflict_the_later_one_provisionally_wins():
    outcome, _ = run(
        created(),
        (update("u1", 1, 3, sign=(None, "none")), LEA),
        (update("u2", 1, 5, sign=(None, "seen")), SAM),
    )

    (record,) = outcome.conflicts
    assert outcome.status is Status.CONFLICT and record.kind is ConflictKind.FIELD
    assert (record.field, record.winner.value, record.loser.value) == ("sign", "seen", "none")
    assert outcome.state.fields["sign"] == "seen"
