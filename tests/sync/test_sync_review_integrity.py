"""What is published is what an organiser approved (sync/merge.py, review rules)."""

import dataclasses

import pytest
from sync_builders import LEA, ORGANISER, SAM, at, create, created, delete, run, update

from sync.changes import Change, FieldEdit, Op, Status
from sync.merge import apply_change, back_to_approved, published
from sync.resolve import resolve_field


def approved(author=LEA):
    """Lea's camera, approved by the organiser: version 2."""
    state = created(author=author)
    outcome = apply_change(
        state, update("ok", 1, 10, review_status=("pending", "approved")), ORGANISER
    )
    return outcome.state


def test_approving_keeps_a_copy_of_what_was_approved():
    state = approved()
    assert state.approved == published(state.fields)
    assert "review_status" not in state.approved


def test_a_walkers_edit_of_an_approved_camera_sends_it_back_for_review_and_keeps_the_copy():
    state = approved()
    outcome = apply_change(state, update("u", 2, 20, operator=(None, "=HYPERLINK(x)")), SAM)
    assert outcome.status is Status.APPLIED
    assert outcome.state.fields["review_status"] == "pending"
    assert outcome.state.fields["operator"] == "=HYPERLINK(x)"
    assert outcome.state.approved == state.approved  # still the published values
    assert outcome.state.approved["operator"] is None


def test_reporting_an_approved_camera_gone_is_reviewed_before_it_is_published():
    state = approved()
    outcome = apply_change(state, update("u", 2, 20, presence=("present", "gone")), LEA)
    assert outcome.state.fields["review_status"] == "pending"
    assert outcome.state.approved["presence"] == "present"


def test_approving_again_publishes_the_new_values():
    edited = apply_change(approved(), update("u", 2, 20, operator=(None, "Mairie")), SAM).state
    again = apply_change(
        edited, update("ok2", 3, 30, review_status=("pending", "approved")), ORGANISER
    ).state
    assert again.approved["operator"] == "Mairie"


def test_an_organisers_own_edit_is_published_at_once():
    state = approved()
    outcome = apply_change(state, update("o", 2, 20, operator=(None, "Mairie")), ORGANISER)
    assert outcome.state.fields["review_status"] == "approved"
    assert outcome.state.approved["operator"] == "Mairie"


def test_rejecting_withdraws_what_was_published():
    state = approved()
    outcome = apply_change(
        state, update("r", 2, 20, review_status=("approved", "rejected")), ORGANISER
    )
    assert outcome.state.approved is None


def test_an_edit_that_changes_nothing_keeps_the_approval():
    state = approved()
    outcome = apply_change(state, update("u", 2, 20, mount=("pole", "pole")), SAM)
    assert (outcome.changed, outcome.state.fields["review_status"]) == (False, "approved")


@pytest.mark.parametrize(
    ("case", "state", "deleter"),
    [
        ("someone else's camera", created(author=LEA), SAM),
        ("her own approved camera", approved(author=LEA), LEA),
        ("someone else's approved camera", approved(author=LEA), SAM),
    ],
)
def test_a_walkers_delete_is_only_a_proposal(case, state, deleter):
    outcome = apply_change(state, delete("d", state.version, 40), deleter)
    assert outcome.status is Status.CONFLICT, case
    assert not outcome.state.deleted
    (record,) = outcome.conflicts
    assert (record.kind, record.loser.value, record.loser.author) == (
        "delete_edit",
        "deleted",
        deleter,
    )


def test_a_walker_deletes_her_own_unapproved_camera_at_once():
    outcome, _ = run(created(author=LEA), (delete("d", 1, 5), LEA))
    assert outcome.status is Status.APPLIED and outcome.state.deleted


def test_an_organiser_deletes_at_once():
    state = approved()
    outcome = apply_change(state, delete("d", state.version, 40), ORGANISER)
    assert outcome.status is Status.APPLIED and outcome.state.deleted


def contested():
    """Lea's camera whose operator Lea and Sam set two ways from version 1: one open
    conflict, Sam's value leading for now; and the conflict's record."""
    outcome, outcomes = run(
        created(),
        (update("lea", 1, 10, operator=(None, "SNCF")), LEA),
        (update("sam", 1, 20, operator=(None, "RTM")), SAM),
    )
    assert outcome.status is Status.CONFLICT
    return outcome.state, [c for o in outcomes for c in o.conflicts]


def test_a_camera_under_conflict_is_not_approved_with_whichever_value_leads():
    state, _ = contested()
    for change in (
        update("ok", 3, 30, review_status=("pending", "approved")),
        # Nor by an organiser's own value for the field: only a resolution settles it.
        update("ok", 3, 30, operator=("RTM", "SNCF"), review_status=("pending", "approved")),
    ):
        outcome = apply_change(state, change, ORGANISER)
        assert outcome.status is Status.REJECTED
        assert outcome.rejection.code == "open_conflicts"
        assert outcome.state.approved is None


def test_once_its_conflict_is_settled_the_camera_is_approved():
    state, conflicts = contested()
    settled = resolve_field(
        state, "operator", "SNCF", conflicts, change_id="r", organiser=ORGANISER, made_at=at(40)
    ).state
    outcome = apply_change(
        settled, update("ok", 4, 50, review_status=("pending", "approved")), ORGANISER
    )
    assert outcome.status is Status.APPLIED
    assert outcome.state.approved["operator"] == "SNCF"


def keep_approved(state, change_id="keep", minute=60):
    """The organiser's "keep the approved version": the edits back, and approved, in one change."""
    edits = {
        **back_to_approved(state),
        "review_status": FieldEdit(state.fields["review_status"], "approved"),
    }
    change = Change(change_id, state.id, Op.UPDATE, at(minute), None, state.version, edits)
    return apply_change(state, change, ORGANISER)


def test_keeping_the_approved_version_undoes_the_walkers_edit_and_stays_published():
    state = approved()
    edited = apply_change(
        state, update("u", 2, 20, operator=(None, "SNCF"), mount=("pole", "wall")), SAM
    ).state
    assert back_to_approved(edited) == {
        "operator": FieldEdit("SNCF", None),
        "mount": FieldEdit("wall", "pole"),
    }
    outcome = keep_approved(edited)
    assert outcome.status is Status.APPLIED
    assert outcome.state.fields["review_status"] == "approved"
    assert published(outcome.state.fields) == state.approved
    assert outcome.state.approved == state.approved


def test_a_field_the_approved_copy_lacks_goes_back_to_its_default():
    state = approved()
    older = {k: v for k, v in state.approved.items() if k != "presence"}
    edited = apply_change(state, update("u", 2, 20, presence=("present", "gone")), SAM).state
    edited = dataclasses.replace(edited, approved=older)
    assert back_to_approved(edited) == {"presence": FieldEdit("gone", "present")}


def test_a_camera_never_approved_has_no_version_to_keep():
    with pytest.raises(ValueError):
        back_to_approved(created())


def test_keeping_the_approved_version_waits_for_open_conflicts_like_an_approval():
    state, _ = contested()
    state = dataclasses.replace(state, approved=published(created().fields))
    outcome = keep_approved(state)
    assert outcome.status is Status.REJECTED
    assert outcome.rejection.code == "open_conflicts"


def test_an_organisers_edit_that_meets_a_conflict_is_not_published_until_settled():
    """Her edit from a card shown before Sam's: it leads for now, but the question is open."""
    state = approved()  # version 2, no operator
    outcome, _ = run(
        state,
        (update("sam", 2, 20, operator=(None, "RTM")), SAM),
        (update("hers", 2, 30, operator=(None, "SNCF")), ORGANISER),
    )
    assert outcome.status is Status.CONFLICT
    assert (outcome.state.fields["operator"], outcome.state.approved["operator"]) == ("SNCF", None)
    settled = resolve_field(
        outcome.state,
        "operator",
        "RTM",
        outcome.conflicts,
        change_id="r",
        organiser=ORGANISER,
        made_at=at(40),
    ).state
    assert settled.approved["operator"] == "RTM"


def stale_approval(state, base_version, minute=30):
    """The organiser's approval, sent with her value for the operator, from a card of
    `base_version` (before Sam's edit): the approval and the conflict her edit raises come in
    one change."""
    status = state.fields["review_status"] if base_version == state.version else "pending"
    return update(
        "hers",
        base_version,
        minute,
        operator=(None, "SNCF"),
        review_status=(status, "approved"),
    )


@pytest.mark.parametrize(
    ("case", "state"),
    [
        ("never approved", created()),
        ("approved, then sent back for review", approved()),
    ],
)
def test_an_approval_is_refused_when_the_change_itself_raises_a_conflict(case, state):
    seen = state.version
    edited = apply_change(state, update("sam", seen, 20, operator=(None, "RTM")), SAM).state
    assert edited.fields["review_status"] == "pending" and not edited.open_conflicts

    outcome = apply_change(edited, stale_approval(edited, seen), ORGANISER)

    assert outcome.status is Status.REJECTED, case
    # Its own code: with no conflict stored, `open_conflicts` sent her looking for one.
    assert outcome.rejection.code == "approval_contested"
    assert "(operator" in outcome.rejection.message
    assert (outcome.changed, outcome.state, outcome.conflicts) == (False, edited, ())


def test_a_create_sent_again_that_approves_waits_for_the_conflict_it_raises_too():
    """A second phone of the organiser sends her create again, approved, after Sam's edit: it
    is merged as an edit from a blank form (sync/merge.py), and its operator contests Sam's."""
    edited = apply_change(created(), update("sam", 1, 20, operator=(None, "RTM")), SAM).state
    again = create("again", minute=30, operator="SNCF", review_status="approved")

    outcome = apply_change(edited, again, ORGANISER)

    assert outcome.status is Status.REJECTED
    assert outcome.rejection.code == "approval_contested"
    assert (outcome.changed, outcome.state) == (False, edited)
