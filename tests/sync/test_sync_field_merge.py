"""Per-field merge rules, one row per rule (sync/merge.py, docs/sync-protocol.md "Merge rules")."""

import pytest
from sync_builders import CORNER, KARIM_WALKING, LEA, ORGANISER, SAM, created, run, update

from sync.changes import ConflictKind, Status

MOVED = {**CORNER, "lat": 43.2962}
FINER = {**CORNER, "accuracy_m": 3}

# (rule, first edit, its author, second edit, its author, status, operator/position/... after)
# Every first edit is fresh (based on the created value); the second one decides the rule.
ROWS = [
    (
        "fresh edit applies",
        None,
        None,
        update("u2", 1, 5, operator=(None, "Police")),
        SAM,
        Status.APPLIED,
        ("operator", "Police"),
    ),
    (
        "same field set to the same value is no conflict",
        update("u1", 1, 3, operator=(None, "Police")),
        LEA,
        update("u2", 1, 5, operator=(None, "Police")),
        SAM,
        Status.APPLIED,
        ("operator", "Police"),
    ),
    (
        "same field set to different values keeps the later made_at",
        update("u1", 1, 3, operator=(None, "Mairie")),
        LEA,
        update("u2", 1, 5, operator=(None, "Police")),
        SAM,
        Status.CONFLICT,
        ("operator", "Police"),
    ),
    (
        "an older edit arriving later does not win",
        update("u1", 1, 5, operator=(None, "Mairie")),
        LEA,
        update("u2", 1, 3, operator=(None, "Police")),
        SAM,
        Status.CONFLICT,
        ("operator", "Mairie"),
    ),
    (
        "a tie on made_at goes to the greater change id",
        update("u9", 1, 5, operator=(None, "Mairie")),
        LEA,
        update("u2", 1, 5, operator=(None, "Police")),
        SAM,
        Status.CONFLICT,
        ("operator", "Mairie"),
    ),
    (
        "an organiser's value beats a later walker's",
        update("u1", 1, 3, operator=(None, "Mairie")),
        ORGANISER,
        update("u2", 1, 50, operator=(None, "Police")),
        SAM,
        Status.CONFLICT,
        ("operator", "Mairie"),
    ),
    (
        "an edit based on the current value is fresh even if older",
        update("u1", 1, 30, operator=(None, "Mairie")),
        LEA,
        update("u2", 2, 5, operator=("Mairie", "Police")),
        SAM,
        Status.APPLIED,
        ("operator", "Police"),
    ),
    (
        "position is one field: a new accuracy clashes with a move",
        update("u1", 1, 3, position=(CORNER, MOVED)),
        LEA,
        update("u2", 1, 5, position=(CORNER, FINER)),
        SAM,
        Status.CONFLICT,
        ("position", {**FINER, "accuracy_m": 3.0}),
    ),
    (
        "direction order does not matter",
        update("u1", 1, 3, direction=([180], [90, 180])),
        LEA,
        update("u2", 1, 5, direction=([180], [180, 90])),
        SAM,
        Status.APPLIED,
        ("direction", [90, 180]),
    ),
    (
        "free text differing only in spaces is the same value",
        update("u1", 1, 3, operator=(None, "Police municipale")),
        LEA,
        update("u2", 1, 5, operator=(None, " Police municipale ")),
        SAM,
        Status.APPLIED,
        ("operator", "Police municipale"),
    ),
    (
        "edits to different fields merge",
        update("u1", 1, 3, operator=(None, "Police")),
        LEA,
        update("u2", 1, 5, mount=("pole", "wall")),
        SAM,
        Status.APPLIED,
        ("operator", "Police"),
    ),
]


@pytest.mark.parametrize(
    ("first", "first_by", "second", "second_by", "status", "expected"),
    [row[1:] for row in ROWS],
    ids=[row[0] for row in ROWS],
)
def test_field_merge_rule(first, first_by, second, second_by, status, expected):
    steps = [(first, first_by)] if first else []
    outcome, _ = run(created(), *steps, (second, second_by))
    field, value = expected
    assert outcome.status is status
    assert outcome.state.fields[field] == value


def test_edits_to_different_fields_both_survive():
    outcome, _ = run(
        created(),
        (update("u1", 1, 3, operator=(None, "Police")), LEA),
        (update("u2", 1, 5, mount=("pole", "wall")), SAM),
    )
    assert (outcome.state.fields["operator"], outcome.state.fields["mount"]) == ("Police", "wall")


@pytest.mark.parametrize("order", ["later arrives last", "later arrives first"])
def test_conflict_winner_does_not_depend_on_arrival_order(order):
    early = (update("u1", 1, 3, operator=(None, "Mairie")), LEA)
    late = (update("u2", 1, 5, operator=(None, "Police")), SAM)
    steps = [early, late] if order == "later arrives last" else [late, early]
    outcome, _ = run(created(), *steps)
    record = outcome.conflicts[0]
    assert outcome.state.fields["operator"] == "Police"
    assert (record.winner.value, record.loser.value) == ("Police", "Mairie")


def test_conflict_record_keeps_both_values_with_who_and_when():
    outcome, _ = run(
        created(),
        (update("u1", 1, 3, operator=(None, "Mairie")), LEA),
        (update("u2", 1, 5, operator=(None, "Police")), SAM),
    )
    (record,) = outcome.conflicts
    assert record.kind is ConflictKind.FIELD and record.field == "operator"
    assert (record.winner.change_id, record.winner.author) == ("u2", SAM)
    assert (record.loser.change_id, record.loser.author, record.loser.value) == (
        "u1",
        LEA,
        "Mairie",
    )
    assert outcome.state.open_conflicts == {record.key}


def test_a_conflict_where_the_server_value_stays_still_moves_the_version():
    # Clients must pull the new open conflict, so the state changed even if no value did.
    outcome, outcomes = run(
        created(),
        (update("u1", 1, 5, operator=(None, "Mairie")), LEA),
        (update("u2", 1, 3, operator=(None, "Police")), SAM),
    )
    assert outcome.changed and outcome.state.version == outcomes[0].state.version + 1


def test_an_earlier_sighting_of_the_held_value_changes_nothing_and_keeps_the_version():
    outcome, outcomes = run(
        created(),
        (update("u1", 1, 5, operator=(None, "Police")), LEA),
        (update("u2", 1, 3, operator=(None, "Police")), KARIM_WALKING),
    )
    assert not outcome.changed and outcome.state == outcomes[0].state


def test_a_fresh_edit_in_a_conflicting_change_still_applies():
    outcome, _ = run(
        created(),
        (update("u1", 1, 3, operator=(None, "Mairie")), LEA),
        (update("u2", 1, 1, operator=(None, "Police"), zone=(None, "town")), SAM),
    )
    assert outcome.status is Status.CONFLICT
    assert (outcome.state.fields["operator"], outcome.state.fields["zone"]) == ("Mairie", "town")


def test_stamp_names_the_change_that_set_a_field():
    outcome, _ = run(created(), (update("u1", 1, 3, operator=(None, "Police")), SAM))
    stamp = outcome.state.stamps["operator"]
    assert (stamp.change_id, stamp.author, stamp.version) == ("u1", SAM, 2)
