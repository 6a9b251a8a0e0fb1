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


def two_disputes():
    """Lea edits, Sam deletes from the version before: a delete/edit conflict, alive."""
    outcome, outcomes = run(
        created(),
        (update("u1", 1, 3, operator=(None, "Mairie")), LEA),
        (update("u2", 1, 4, mount=("pole", "wall")), SAM),
        (delete("d1", 1, 5), SAM),
    )
    return outcome.state, [c for o in outcomes for c in o.conflicts]


def test_settling_a_field_after_a_confirmed_deletion_leaves_it_deleted():
    state, conflicts = two_disputes()
    field_conflict = apply_change(state, update("u3", 1, 6, operator=(None, "Police")), SAM)
    state = field_conflict.state
    conflicts += list(field_conflict.conflicts)
    common = {"organiser": ORGANISER, "made_at": at(60)}
    deleted = resolve_deletion(state, True, conflicts, change_id="r1", **common).state
    assert deleted.deleted

    # Sam's later "Police" is the provisional winner; the organiser picks Lea's "Mairie".
    settled = resolve_field(deleted, "operator", "Mairie", conflicts, change_id="r2", **common)

    assert settled.status is Status.APPLIED and settled.conflicts == ()
    assert settled.state.deleted and settled.state.fields["operator"] == "Mairie"
    assert settled.state.open_conflicts == frozenset()


def test_kept_holds_even_when_a_fresh_delete_came_in_before_the_organiser_answered():
    state, conflicts = two_disputes()
    assert not state.deleted
    fresh = apply_change(state, delete("d2", state.version, 30), LEA)
    assert fresh.status is Status.APPLIED and fresh.state.deleted

    kept = resolve_deletion(
        fresh.state, False, conflicts, change_id="r1", organiser=ORGANISER, made_at=at(60)
    )

    assert not kept.state.deleted and kept.changed
    assert kept.state.version == fresh.state.version + 1
    assert not any(c.kind == "delete_edit" for c in kept.conflicts)
    assert not {c.key for c in conflicts if c.kind == "delete_edit"} & kept.state.open_conflicts


def kept_after_sams_proposal():
    """Sam proposes deleting Lea's camera (a delete/edit conflict); the organiser keeps it."""
    proposal = apply_change(created(), delete("d1", 1, 5), SAM)
    assert proposal.status is Status.CONFLICT and not proposal.state.deleted
    common = {"change_id": "r1", "organiser": ORGANISER, "made_at": at(60)}
    kept = resolve_deletion(proposal.state, False, proposal.conflicts, **common).state
    assert not kept.open_conflicts
    return kept


def test_a_delete_made_before_the_organiser_kept_the_camera_does_not_undo_it():
    """Lea's own delete, made offline before the organiser answered and synced after, is a
    new question for the organiser, not a silent tombstone: the camera stays."""
    late = apply_change(kept_after_sams_proposal(), delete("d2", 1, 30), LEA)

    assert late.status is Status.CONFLICT and not late.state.deleted
    (question,) = late.conflicts
    assert question.kind == "delete_edit"
    assert (question.winner.value, question.winner.author) == ("kept", ORGANISER)
    assert (question.loser.value, question.loser.author) == ("deleted", LEA)


def test_a_delete_made_after_seeing_the_organiser_keep_it_applies_as_her_own():
    kept = kept_after_sams_proposal()

    later = apply_change(kept, delete("d2", kept.version, 90), LEA)

    assert later.status is Status.APPLIED and later.state.deleted
