"""An organiser settling conflicts.

A resolution is an ordinary change made by the organiser against the current version (so it is
always fresh and never conflicts itself), plus the closing of the conflicts it settles. Closing
changes the observation's open conflicts, so the version moves on and every client pulls the
result on its next sync, even when the organiser kept the value that was already there.

A resolution never undoes another: settling a field of an observation whose deletion was
confirmed leaves it deleted, and "kept" brings the observation back even if a walker's delete
arrived after the conflict was raised: the organiser answered the question of deletion last.
A delete made before that answer and synced after it is a new delete/edit conflict, as a stale
field edit after a resolution is a field conflict.
"""

import dataclasses
import datetime
from collections.abc import Iterable
from typing import Any

from sync.changes import (
    Author,
    Change,
    ConflictKind,
    ConflictRecord,
    FieldEdit,
    ObservationState,
    Op,
    Outcome,
    Revision,
    Stamp,
    Status,
)
from sync.merge import KEPT, apply_change, held_sides


def resolve_field(
    current: ObservationState,
    field: str,
    value: Any,
    conflicts: Iterable[ConflictRecord],
    *,
    change_id: str,
    organiser: Author,
    made_at: datetime.datetime,
) -> Outcome:
    """Set `field` to the organiser's choice (one of the sides or a new value) and close every
    open conflict of that field among `conflicts`."""
    edit = {field: FieldEdit(current.fields.get(field), value)}
    change = Change(change_id, current.id, Op.UPDATE, made_at, None, current.version, edit)
    keys = _keys(current, conflicts, lambda c: c.kind is ConflictKind.FIELD and c.field == field)
    return _settle(current, change, organiser, keys)


def resolve_deletion(
    current: ObservationState,
    delete: bool,
    conflicts: Iterable[ConflictRecord],
    *,
    change_id: str,
    organiser: Author,
    made_at: datetime.datetime,
) -> Outcome:
    """Confirm a disputed deletion (`delete=True`) or keep the observation, closing every open
    delete/edit conflict among `conflicts`."""
    if delete:
        change = Change(change_id, current.id, Op.DELETE, made_at, None, current.version)
    else:
        change = Change(change_id, current.id, Op.UPDATE, made_at, None, current.version)
    keys = _keys(current, conflicts, lambda c: c.kind is ConflictKind.DELETE_EDIT)
    return _settle(current, change, organiser, keys)


def _keys(current, conflicts, wanted) -> frozenset[str]:
    return frozenset(
        c.key
        for c in conflicts
        if c.observation_id == current.id and c.key in current.open_conflicts and wanted(c)
    )


def _settle(current, change, organiser, keys) -> Outcome:
    if not organiser.organiser:
        raise PermissionError("only an organiser settles conflicts")
    # Closed before the change is made on the field settled, and every branch below starts
    # from there: the review rules then publish the value chosen (an approved copy keeps its
    # value while a conflict contests it, sync/merge.py).
    settled = dataclasses.replace(current, open_conflicts=current.open_conflicts - keys)
    if change.op is Op.DELETE:
        outcome = apply_change(settled, change, organiser)
    elif change.fields and current.deleted:
        outcome = _on_tombstone(settled, change, organiser)
    elif change.fields:
        outcome = apply_change(settled, change, organiser)
    elif current.deleted:  # "kept", though a delete came in since: the organiser's word holds
        state = dataclasses.replace(
            settled, deleted=False, deleted_by=None, version=current.version + 1
        )
        revision = Revision(change, organiser, Status.APPLIED, state.version)
        outcome = Outcome(Status.APPLIED, state, True, revision)
    else:  # keeping things as they are: nothing to merge, only conflicts to close
        revision = Revision(change, organiser, Status.APPLIED, current.version)
        outcome = Outcome(Status.APPLIED, settled, False, revision)
    if outcome.status is Status.REJECTED:
        return dataclasses.replace(outcome, state=current)  # nothing settled
    state = outcome.state
    if keys and not outcome.changed:
        state = dataclasses.replace(state, version=current.version + 1)
    if change.op is Op.UPDATE and not change.fields and keys:
        # "Kept": the organiser's answer to the deletion, stamped as field edits are, so that a
        # delete made before it and synced after is stale (sync/merge.py _delete), a new
        # question for the organiser rather than a silent tombstone.
        kept = Stamp(change.change_id, organiser, change.made_at, state.version)
        state = dataclasses.replace(state, stamps={**state.stamps, KEPT: kept})
    revision = dataclasses.replace(outcome.revision, version=state.version)
    return dataclasses.replace(
        outcome,
        state=state,
        changed=outcome.changed or bool(keys),
        revision=revision,
        closed_conflicts=tuple(sorted(keys)),
        # The records closed show the value chosen first, as the open ones do after a change.
        now_held=outcome.now_held + held_sides(state, keys),
    )


def _on_tombstone(current, change, organiser) -> Outcome:
    """Set a field of a deleted observation without bringing it back (an ordinary edit of a
    tombstone would revive it, and open a deletion question the organiser already answered)."""
    live = dataclasses.replace(current, deleted=False, deleted_by=None)
    outcome = apply_change(live, change, organiser)
    state = dataclasses.replace(outcome.state, deleted=True, deleted_by=current.deleted_by)
    return dataclasses.replace(outcome, state=state, changed=state != current)
