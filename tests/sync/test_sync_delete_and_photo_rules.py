"""Delete versus edit, and photos as a set (sync/merge.py)."""

import pytest
from sync_builders import LEA, ORGANISER, SAM, create, created, delete, photo, run, update

from sync.changes import ConflictKind, Op, Photo, Status
from sync.merge import DELETED, KEPT

EDIT_BY_SAM = (update("u1", 1, 3, operator=(None, "Police")), SAM)
EDIT_BY_LEA = (update("u1", 1, 3, operator=(None, "Police")), LEA)
PHOTO_BY_SAM = (photo("p1", Op.ATTACH_PHOTO, "ab12", 3), SAM)

# (rule, steps after the create by Léa, status, deleted afterwards)
ROWS = [
    ("a delete based on the current version applies", [(delete("d", 1, 5), LEA)], "applied", True),
    (
        "a delete after one's own unsynced edit applies",
        [EDIT_BY_LEA, (delete("d", 1, 5), LEA)],
        "applied",
        True,
    ),
    (
        "a stale delete after someone else's edit is a conflict and keeps the observation",
        [EDIT_BY_SAM, (delete("d", 1, 5), LEA)],
        "conflict",
        False,
    ),
    (
        "a stale delete after someone else's photo is a conflict",
        [PHOTO_BY_SAM, (delete("d", 1, 5), LEA)],
        "conflict",
        False,
    ),
    (
        "an edit reaching a deleted observation is a conflict and revives it",
        [(delete("d", 1, 1), LEA), EDIT_BY_SAM],
        "conflict",
        False,
    ),
    (
        "a photo reaching a deleted observation is a conflict and revives it",
        [(delete("d", 1, 1), LEA), PHOTO_BY_SAM],
        "conflict",
        False,
    ),
    (
        "a detach on a deleted observation changes nothing else",
        [PHOTO_BY_SAM, (delete("d", 2, 5), LEA), (photo("p2", Op.DETACH_PHOTO, "ab12", 6), SAM)],
        "applied",
        True,
    ),
    (
        "deleting a deleted observation is no conflict",
        [(delete("d", 1, 1), LEA), (delete("d2", 1, 2), SAM)],
        "applied",
        True,
    ),
    (
        "an edit that repeats a deleted observation's value does not revive it",
        [(delete("d", 1, 1), LEA), (update("u1", 1, 3, mount=("pole", "pole")), SAM)],
        "applied",
        True,
    ),
]


@pytest.mark.parametrize(
    ("steps", "status", "deleted"), [r[1:] for r in ROWS], ids=[r[0] for r in ROWS]
)
def test_delete_rule(steps, status, deleted):
    outcome, _ = run(created(), *steps)
    assert (outcome.status, outcome.state.deleted) == (status, deleted)


@pytest.mark.parametrize("order", ["delete first", "edit first"])
def test_delete_against_edit_ends_alive_with_the_edit_whatever_the_order(order):
    steps = [(delete("d", 1, 5), LEA), EDIT_BY_SAM]
    outcome, _ = run(created(), *(steps if order == "delete first" else steps[::-1]))
    (record,) = outcome.conflicts
    assert outcome.state.fields["operator"] == "Police" and not outcome.state.deleted
    assert record.kind is ConflictKind.DELETE_EDIT
    assert (record.winner.value, record.winner.author) == (KEPT, SAM)
    assert (record.loser.value, record.loser.author) == (DELETED, LEA)


def test_an_organiser_delete_against_the_current_version_needs_no_review():
    outcome, _ = run(created(), EDIT_BY_SAM, (delete("d", 2, 5), ORGANISER))
    assert outcome.status is Status.APPLIED and outcome.state.deleted


def test_a_deleted_observation_keeps_its_fields():
    outcome, _ = run(created(), (delete("d", 1, 5), LEA))
    assert outcome.state.fields == created().fields


@pytest.mark.parametrize(
    ("steps", "photos"),
    [
        ([PHOTO_BY_SAM], {Photo("ab12", "close_up")}),
        (
            [PHOTO_BY_SAM, (photo("p2", Op.ATTACH_PHOTO, "cd34", 4, "context"), LEA)],
            {Photo("ab12", "close_up"), Photo("cd34", "context")},
        ),
        (
            [PHOTO_BY_SAM, (photo("p2", Op.ATTACH_PHOTO, "ab12", 4, "other"), LEA)],
            {Photo("ab12", "other")},
        ),
        ([PHOTO_BY_SAM, (photo("p2", Op.DETACH_PHOTO, "ab12", 4), LEA)], set()),
        ([(photo("p2", Op.DETACH_PHOTO, "ab12", 4), LEA)], set()),
    ],
    ids=["attach", "two photos", "same photo new role", "detach", "detach unknown photo"],
)
def test_photos_merge_as_a_set_without_conflicts(steps, photos):
    outcome, outcomes = run(created(), *steps)
    assert outcome.state.photos == photos
    assert all(o.status is Status.APPLIED for o in outcomes)


@pytest.mark.parametrize(
    ("fields", "status", "operator"),
    [
        ({}, Status.APPLIED, None),
        ({"operator": "Police"}, Status.APPLIED, "Police"),
        ({"mount": "wall"}, Status.CONFLICT, None),
    ],
    ids=["same values", "adds a value", "different value"],
)
def test_a_second_create_of_a_known_id_merges_as_an_edit_from_a_blank_form(
    fields, status, operator
):
    outcome, _ = run(created(), (create("c2", minute=5, **fields), SAM))
    assert outcome.status is status
    assert outcome.state.fields["operator"] == operator
    # made later than the first, even the same values are a better sighting: their rank rises
    assert outcome.state.version == 2


def test_a_walker_who_deletes_then_edits_her_own_camera_brings_it_back_without_a_conflict():
    outcome, _ = run(
        created(),
        (delete("d", 1, 5), LEA),
        (update("u", 2, 6, operator=(None, "Police")), LEA),
    )
    assert (outcome.status, outcome.conflicts) == ("applied", ())
    assert not outcome.state.deleted and outcome.state.fields["operator"] == "Police"


def test_an_edit_of_what_someone_else_deleted_still_asks_the_organiser():
    outcome, _ = run(
        created(),
        (delete("d", 1, 5), LEA),
        (update("u", 2, 6, operator=(None, "Police")), SAM),
    )
    assert outcome.status == "conflict" and not outcome.state.deleted
