"""A delete is judged by everything done since its base version, not only by who set each
field last; a change its walker made before her delete never undoes it (sync/merge.py)."""

import dataclasses

from sync_builders import LEA, SAM, created, delete, photo, run, update

from sync.changes import ConflictKind, Op, Status
from sync.merge import DELETED, KEPT, apply_change


def test_a_stale_delete_after_someone_elses_photo_stays_stale_after_her_own_photo():
    outcome, _ = run(
        created(),
        (photo("p-sam", Op.ATTACH_PHOTO, "ab12", 3), SAM),  # version 2
        (photo("p-lea", Op.ATTACH_PHOTO, "cd34", 4), LEA),  # offline since version 1
        (delete("d", 1, 5), LEA),
    )
    assert (outcome.status, outcome.state.deleted) == (Status.CONFLICT, False)
    (record,) = outcome.conflicts
    assert record.kind is ConflictKind.DELETE_EDIT
    assert (record.winner.value, record.winner.change_id) == (KEPT, "p-sam")
    assert (record.loser.value, record.loser.change_id) == (DELETED, "d")


def test_a_stale_delete_after_someone_elses_edit_stays_stale_when_her_own_edit_won():
    outcome, _ = run(
        created(),
        (update("u-sam", 1, 3, mount=("pole", "wall")), SAM),
        (update("u-lea", 1, 4, mount=("pole", "ceiling")), LEA),  # wins on made_at
        (delete("d", 1, 5), LEA),
    )
    assert (outcome.status, outcome.state.deleted) == (Status.CONFLICT, False)
    assert outcome.state.fields["mount"] == "ceiling"
    assert outcome.conflicts[0].winner.change_id == "u-sam"


def test_her_own_overwritten_edits_do_not_make_her_delete_stale():
    outcome, _ = run(
        created(),
        (update("u1", 1, 3, mount=("pole", "wall")), LEA),
        (update("u2", 1, 4, mount=("wall", "ceiling")), LEA),
        (delete("d", 1, 5), LEA),
    )
    assert (outcome.status, outcome.state.deleted) == (Status.APPLIED, True)


def test_a_delete_of_a_row_whose_authors_are_unknown_is_stale_below_its_version():
    # Rows stored before members' changes were kept: who made versions 2 and 3 is unknown.
    legacy = dataclasses.replace(created(), version=3, unattributed_until=3)
    stale = apply_change(legacy, delete("d", 2, 5), LEA)
    current = apply_change(legacy, delete("d", 3, 5), LEA)
    assert (stale.status, stale.state.deleted) == (Status.CONFLICT, False)
    assert (current.status, current.state.deleted) == (Status.APPLIED, True)


def test_a_photo_retried_after_her_delete_but_taken_before_it_stays_with_the_tombstone():
    # Outbox: attach (minute 3), delete (minute 4); the attach came back photo_not_uploaded
    # and is sent again once the bytes are there.
    outcome, _ = run(
        created(),
        (delete("d", 1, 4), LEA),
        (photo("p", Op.ATTACH_PHOTO, "ab12", 3), LEA),
    )
    assert (outcome.status, outcome.conflicts) == (Status.APPLIED, ())
    assert outcome.state.deleted
    assert {p.sha256 for p in outcome.state.photos} == {"ab12"}


def test_an_edit_made_before_her_delete_and_sent_after_it_does_not_revive():
    outcome, _ = run(
        created(),
        (delete("d", 1, 4), LEA),
        (update("u", 1, 3, operator=(None, "Police")), LEA),
    )
    assert (outcome.status, outcome.state.deleted) == (Status.APPLIED, True)
    assert outcome.state.fields["operator"] == "Police"  # kept with the tombstone


def test_her_edit_made_after_her_delete_still_brings_the_camera_back():
    outcome, _ = run(
        created(),
        (delete("d", 1, 4), LEA),
        (photo("p", Op.ATTACH_PHOTO, "ab12", 5), LEA),
    )
    assert (outcome.status, outcome.state.deleted) == (Status.APPLIED, False)
