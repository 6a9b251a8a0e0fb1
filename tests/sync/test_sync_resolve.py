"""Organiser resolutions are ordinary changes that close conflicts (sync/resolve.py)."""

import pytest
from sync_builders import LEA, ORGANISER, SAM, at, created, delete, run, update

from sync.changes import Status
from sync.merge import apply_change
from sync.resolve import resolve_deletion, resolve_field


def operator_dispute():
    outcome, outcomes = run(
        created(),
        (update("u1", 1, 3, operator=(None, "Mairie")), LEA),
        (update("u2", 1, 5, operator=(None, "Police")), SAM),
        (update("u3", 1, 7, mount=("pole", "wall")), LEA),
        (update("u4", 1, 8, mount=("pole", "tree")), SAM),
    )
    conflicts = [c for o in outcomes for c in o.conflicts]
    return outcome.state, conflicts


@pytest.mark.parametrize("choice", ["Mairie", "Police", "Police municipale"])
def test_an_organiser_picks_a_side_or_gives_a_value(choice):
    state, conflicts = operator_dispute()
    outcome = resolve_field(
        state, "operator", choice, conflicts, change_id="r1", organiser=ORGANISER, made_at=at(60)
    )
    assert outcome.status is Status.APPLIED
    assert outcome.state.fields["operator"] == choice
    assert outcome.changed and outcome.state.version == state.version + 1


def test_a_resolution_closes_only_the_conflicts_of_its_field():
    state, conflicts = operator_dispute()
    outcome = resolve_field(
        state, "operator", "Mairie", conflicts, change_id="r1", organiser=ORGANISER, made_at=at(60)
    )
    operator_keys = {c.key for c in conflicts if c.field == "operator"}
    assert set(outcome.closed_conflicts) == operator_keys
    assert outcome.state.open_conflicts == state.open_conflicts - operator_keys


def test_a_resolution_is_kept_in_the_history_as_the_organisers_change():
    state, conflicts = operator_dispute()
    outcome = resolve_field(
        state, "operator", "Mairie", conflicts, change_id="r1", organiser=ORGANISER, made_at=at(60)
    )
    assert outcome.revision.change.change_id == "r1" and outcome.revision.author == ORGANISER
    assert outcome.revision.version == outcome.state.version


def test_a_walkers_stale_edit_after_a_resolution_does_not_overturn_it():
    state, conflicts = operator_dispute()
    resolved = resolve_field(
        state, "operator", "Mairie", conflicts, change_id="r1", organiser=ORGANISER, made_at=at(60)
    ).state
    late = apply_change(resolved, update("u9", 1, 90, operator=(None, "Gendarmerie")), SAM)
    assert late.status is Status.CONFLICT and late.state.fields["operator"] == "Mairie"


def test_only_an_organiser_settles_conflicts():
    state, conflicts = operator_dispute()
    with pytest.raises(PermissionError):
        resolve_field(
            state, "operator", "Mairie", conflicts, change_id="r1", organiser=SAM, made_at=at(60)
        )


def deletion_dispute():
    outcome, _ = run(
        created(),
        (update("u1", 1, 3, operator=(None, "Police")), SAM),
        (delete("d1", 1, 5), LEA),
    )
    return outcome.state, list(outcome.conflicts)


@pytest.mark.parametrize("confirm", [True, False], ids=["confirm deletion", "keep camera"])
def test_an_organiser_settles_a_disputed_deletion(confirm):
    state, conflicts = deletion_dispute()
    outcome = resolve_deletion(
        state, confirm, conflicts, change_id="r1", organiser=ORGANISER, made_at=at(60)
    )
    assert outcome.state.deleted is confirm
    assert outcome.closed_conflicts == (conflicts[0].key,) and not outcome.state.open_conflicts
    assert outcome.changed and outcome.state.version == state.version + 1
