"""Applying one change to one observation: the per-field three-way merge.

`apply_change(current, change, author)` is the whole engine; it reads nothing but its arguments.
Rules (docs/sync-protocol.md, "Merge rules", says why):

- A field edit carries the value the walker saw (`old`). If the server still holds `old`, set
  by a change she knew (pulled, or her own), the edit is fresh and applies. If the server
  already holds `new`, there is no conflict, but an agreeing edit of higher rank lends the
  value its rank. Anything else is a conflict: both values are kept in a conflict record and
  the provisional winner is the value with the higher rank (organiser before walker, then
  later `made_at`, then greater `change_id`), so the winner does not depend on the order in
  which walkers sync.
- A delete based on an old version, when someone else changed the observation since (even if
  the deleter's own later change overwrote it), is a conflict; so is an edit or a new photo
  reaching a deleted observation. In both cases the observation stays alive and an organiser
  confirms or undoes the deletion. The deleter's own edit revives it without conflict, unless
  she made it before her delete: then it stays with the tombstone.
- Photos are a set: attach and detach never conflict.
- What is published is what an organiser approved. Approving keeps a copy of the fields
  (`approved`), which the public map and the OSM export read. A walker's edit of an approved
  observation sends it back for review (`review_status` becomes pending; the copy stays
  published until an organiser approves again); an organiser's edits are approved edits and
  reach the copy at once, her merges of duplicates included (sync/duplicates.py runs these
  rules too); rejecting withdraws it, and keeping the approved version undoes a later edit
  (`back_to_approved`). A field under an open conflict keeps its published value whoever
  changes it, as an approval waits for the conflict, one the approving change raises included
  (sync/checks.py): the value leading for now is nobody's decision. Settling the conflict
  (sync/resolve.py) publishes the value chosen.
  A walker's delete of an approved observation, or of one someone else logged, is a proposal:
  a delete/edit conflict the organiser settles.
"""

import dataclasses

from sync import fields as observation_fields
from sync.changes import (
    PHOTOS,
    Author,
    Change,
    ConflictKind,
    ConflictRecord,
    FieldEdit,
    ObservationState,
    Op,
    Outcome,
    Revision,
    Side,
    Stamp,
    Status,
)
from sync.checks import NO_CONTEXT, Context, approval_problem, as_merged, rejection_for

DELETED = "deleted"  # the loser's value in a delete/edit conflict
KEPT = "kept"  # the winner's value in a delete/edit conflict


def apply_change(
    current: ObservationState | None,
    change: Change,
    author: Author,
    *,
    redirected_from: str | None = None,
    context: Context = NO_CONTEXT,
) -> Outcome:
    """Merge `change` into `current` (None when the observation does not exist yet).

    The caller follows `merged_into` first (see `follow_merges`) and passes the survivor with a
    change whose `observation_id` is the survivor's, naming the original in `redirected_from`.
    `context` is what the server holds that the rules of sync/checks.py need.
    """
    rejection = rejection_for(current, change, author, context)
    if rejection is not None:
        return _rejected(current, change, author, redirected_from, rejection)
    stamp = Stamp(change.change_id, author, change.made_at, current.version + 1 if current else 1)
    # The revision keeps the change as sent.
    merged = answered_opposites(current, as_merged(change, author))
    stored = current.open_conflicts if current else frozenset()
    if current is None:
        draft, conflicts = _create(merged, stamp), []
    else:
        draft, conflicts = _HANDLERS[change.op](current, merged, stamp, redirected_from)
        # Before the review rules: the copy they keep takes no value a conflict contests,
        # one this change raises included.
        opened = frozenset(conflict.key for conflict in conflicts)
        draft = dataclasses.replace(draft, open_conflicts=stored | opened)
    rejection = approval_problem(merged, stored, tuple(conflicts))
    if rejection is not None:
        return _rejected(current, change, author, redirected_from, rejection)
    draft = keep_review_honest(current, draft, stamp)
    return _finish(current, draft, conflicts, change, stamp, redirected_from)


def answered_opposites(current: ObservationState | None, change: Change) -> Change:
    """An update naming a node in one of two opposite fields (sync.fields.OPPOSITES) also
    answers what the other field says of that node: the node an organiser chooses on the
    review card answers a walker's "it is another one", and a walker's "it is another one"
    of the node the camera is linked to withdraws that link. So the change clears the other
    field too, an edit from the value the server holds, merged three-way like the rest: fresh
    when its author knew who set it, else a conflict an organiser settles (her link outranks
    a walker's word meanwhile). Never refused: each side alone said something valid, and the
    stored camera would otherwise say both at once. One change setting both is refused
    (sync.fields.pair_problems)."""
    if current is None or change.op is not Op.UPDATE:
        return change
    added = {}
    for pair in observation_fields.OPPOSITES:
        for one, other in (pair, pair[::-1]):
            if one not in change.fields or other in change.fields:
                continue
            node = observation_fields.normalise(one, change.fields[one].new)
            if node is not None and current.fields.get(other) == node:
                added[other] = FieldEdit(node, None)
    return dataclasses.replace(change, fields={**change.fields, **added}) if added else change


def _rejected(current, change, author, redirected_from, rejection) -> Outcome:
    """Nothing applied: the revision keeps the change as sent, with why."""
    version = current.version if current else None
    revision = Revision(change, author, Status.REJECTED, version, (), redirected_from, rejection)
    return Outcome(Status.REJECTED, current, False, revision, rejection=rejection)


def follow_merges(observation_id, lookup):
    """The survivor an observation id leads to, following `merged_into` links.

    `lookup(id) -> ObservationState | None` is the caller's loader; the chain is short (one
    link per organiser merge) and a cycle would be a storage bug, so it is refused.
    """
    state, seen = lookup(observation_id), {observation_id}
    while state is not None and state.merged_into is not None:
        if state.merged_into in seen:
            raise ValueError(f"merge cycle through observation {state.merged_into}")
        seen.add(state.merged_into)
        state = lookup(state.merged_into)
    return state


def _finish(current, draft, conflicts, change, stamp, redirected_from) -> Outcome:
    author = stamp.author
    keys = tuple(conflict.key for conflict in conflicts)
    changed = current is None or draft != current
    if changed:
        draft = dataclasses.replace(draft, version=current.version + 1 if current else 1)
    if changed and change.op is not Op.DELETE:
        # A delete (or its proposal) is no sighting of the camera: it never makes another
        # walker's delete stale.
        draft = dataclasses.replace(draft, changed_by={**draft.changed_by, author: stamp})
    status = Status.CONFLICT if conflicts else Status.APPLIED
    revision = Revision(change, author, status, draft.version, keys, redirected_from)
    held = _now_held(current, draft)
    return Outcome(status, draft, changed, revision, tuple(conflicts), now_held=held)


def _now_held(current, draft) -> tuple[tuple[str, Side], ...]:
    """The open field conflicts whose field this change gave another value, each with the
    side now held. A record keeps every value it was raised with, but the one it shows as
    current (and that "keep the current value" keeps) must be the field's, never a value a
    later conflict or edit has since replaced."""
    if current is None or not current.open_conflicts:  # most changes: nothing to look at
        return ()
    moved = {name for name, value in draft.fields.items() if value != current.fields.get(name)}
    return held_sides(draft, (key for key in current.open_conflicts if _field_of(key) in moved))


def held_sides(state: ObservationState, keys) -> tuple[tuple[str, Side], ...]:
    """For each field conflict among `keys`, the side its field holds in `state`, for
    `Outcome.now_held`. A change computes its own; a caller that builds a state by other
    means (an organiser merge, which takes fields from the other observation and unites both
    open conflict sets) passes every open key: a record already showing that value first is
    left as it is."""
    held = []
    for key in sorted(keys):
        name = _field_of(key)
        if name in state.fields:
            held.append((key, _side(state.fields[name], state.stamps.get(name))))
    return tuple(held)


def _field_of(key: str) -> str:
    """A conflict key ends with its field: `<change_id>/<field>` (or `/deleted`)."""
    return key.rpartition("/")[2]


def _create(change: Change, stamp: Stamp) -> ObservationState:
    values = {name: observation_fields.DEFAULTS.get(name) for name in observation_fields.FIELDS}
    for name, value in change.fields.items():
        values[name] = observation_fields.normalise(name, value)
    return ObservationState(
        id=change.observation_id,
        walk_id=change.walk_id,
        version=0,
        fields=values,
        stamps={name: stamp for name in observation_fields.FIELDS},
        created_by=stamp.author.member_id,
    )


REVIEW_FIELDS = frozenset({"review_status", "review_note"})


def published(fields: dict) -> dict:
    """The copy of an observation's fields that approval publishes."""
    return {name: value for name, value in fields.items() if name not in REVIEW_FIELDS}


def back_to_approved(current: ObservationState) -> dict[str, FieldEdit]:
    """The edits that put each published field an edit changed since approval back to its
    approved value: an organiser keeping the approved version over a walker's later edit
    ("bad edit: it really is the Mairie"). Sent with `review_status` approved in one organiser
    change, it undoes the edit and keeps the camera published, where rejecting would withdraw
    it. The walker's edit stays in the history. Empty when nothing differs; never approved
    (`approved` None), there is no version to keep: ValueError."""
    if current.approved is None:
        raise ValueError(f"observation {current.id} has no approved version")
    edits = {}
    for name, now in published(current.fields).items():
        # a copy approved before a field existed lacks it, which is its default
        kept = current.approved.get(name, observation_fields.DEFAULTS.get(name))
        if not observation_fields.same(name, kept, now):
            edits[name] = FieldEdit(now, kept)
    return edits


def keep_review_honest(current, draft, stamp: Stamp) -> ObservationState:
    """The review rules of the docstring, applied to whatever the change made of `draft`: an
    edit here, or an organiser merge (`sync.duplicates.merge_observations`)."""
    before = current.fields if current is not None else {}
    edited = {
        name: value
        for name, value in draft.fields.items()
        if name not in REVIEW_FIELDS and before.get(name) != value
    }
    status = draft.fields.get("review_status")
    if stamp.author.organiser:
        if status == "approved":
            copy = _uncontested(draft, published(draft.fields))
            return dataclasses.replace(draft, approved=copy)
        if status == "rejected":
            return dataclasses.replace(draft, approved=None)
        if draft.approved is not None and edited:
            copy = _uncontested(draft, {**draft.approved, **edited})
            return dataclasses.replace(draft, approved=copy)
        return draft
    if current is not None and status == "approved" and edited:
        fields = {**draft.fields, "review_status": "pending"}
        return dataclasses.replace(
            draft, fields=fields, stamps={**draft.stamps, "review_status": stamp}
        )
    return draft


def _uncontested(state: ObservationState, copy: dict) -> dict:
    """`copy`, the approved copy about to be kept, with each field an open conflict of `state`
    contests back at the value published before (a copy approved before a field existed lacks
    it, which is its default). Nothing published before: nothing to keep, and a first approval
    waits for the conflicts anyway, those it raises included (sync/checks.py)."""
    if state.approved is None or not state.open_conflicts:
        return copy
    contested = {_field_of(key) for key in state.open_conflicts} & copy.keys()
    before = state.approved
    return {
        **copy,
        **{name: before.get(name, observation_fields.DEFAULTS.get(name)) for name in contested},
    }


def _create_again(current, change, stamp, redirected_from):
    """A create for an id the server knows (a second device, or a redirect after a merge) is
    merged as an edit made from a blank form, so that no value in it is lost."""
    edits = {
        name: FieldEdit(observation_fields.DEFAULTS.get(name), value)
        for name, value in change.fields.items()
    }
    as_update = dataclasses.replace(change, fields=edits)
    return _update(current, as_update, stamp, redirected_from)


def _update(current, change, stamp, redirected_from):
    values, stamps, conflicts = dict(current.fields), dict(current.stamps), []
    for name, edit in change.fields.items():
        old = observation_fields.normalise(name, edit.old)
        new = observation_fields.normalise(name, edit.new)
        held, held_stamp = values.get(name), current.stamps.get(name)
        incoming = Side(new, change.change_id, stamp.author, change.made_at)
        kept = _side(held, held_stamp)
        if held == new:
            # Two walkers agree. The value's rank is that of its best sighting, whichever
            # arrived first, so a later conflict is settled the same in every arrival order.
            # (`old` equal to `new` is no sighting: the walker changed nothing.)
            if old != new and _better_sighting(incoming, kept):
                stamps[name] = stamp
            continue
        if held != old or not _saw(change, held_stamp, stamp.author, redirected_from):
            winner, loser = (incoming, kept) if _outranks(incoming, kept) else (kept, incoming)
            conflicts.append(
                ConflictRecord(
                    f"{change.change_id}/{name}",
                    current.id,
                    ConflictKind.FIELD,
                    name,
                    winner,
                    loser,
                )
            )
            if winner is kept:
                continue
        values[name], stamps[name] = new, stamp
    draft = dataclasses.replace(current, fields=values, stamps=stamps)
    return _revive_if_touched(current, draft, change, stamp, conflicts)


def _saw(change, held_stamp, author, redirected_from) -> bool:
    """Whether an edit was made knowing the change that set the value it replaces: one pulled
    before (at or below its `base_version`) or the editor's own. A value the walker saw may be
    set again by someone she never heard of (she set X offline, another walker set X too):
    replacing it is then not fresh but concurrent, ranked like any conflict. A redirected
    change's base belongs to another observation and a create has none: they merge as usual."""
    if held_stamp is None or change.base_version is None or redirected_from:
        return True
    return held_stamp.author == author or held_stamp.version <= change.base_version


def _revive_if_touched(current, draft, change, stamp, conflicts):
    """An edit that changes a deleted observation brings it back. When someone else deleted it,
    a conflict goes to the organiser: the walker saw the camera, and a deletion can be
    confirmed later but an edit hidden in a tombstone would be lost from sight. When the
    editor deleted it herself (a delete then an edit from one phone), she changed her mind:
    no one to disagree with, so no conflict; unless she made the edit before her delete.
    Only a value or a photo revives: a stamp raised by an agreeing edit changes neither."""
    touched = draft.fields != current.fields or draft.photos != current.photos
    if not current.deleted or (not touched and not conflicts):
        return draft, conflicts
    revived = dataclasses.replace(draft, deleted=False, deleted_by=None)
    deleted_by = current.deleted_by
    if deleted_by is not None and deleted_by.author == stamp.author:
        if change.made_at < deleted_by.made_at:
            # Made before her delete (one phone's clock orders its own changes) and sent
            # after it, as a photo retried once its upload got through: it was never a change
            # of mind. It stays with the tombstone, which an organiser can still bring back.
            return draft, conflicts
        return revived, conflicts
    record = ConflictRecord(
        f"{change.change_id}/{DELETED}",
        current.id,
        ConflictKind.DELETE_EDIT,
        None,
        Side(KEPT, change.change_id, stamp.author, change.made_at),
        _side(DELETED, deleted_by),
    )
    return revived, [*conflicts, record]


def _delete(current, change, stamp, redirected_from):
    if current.deleted:
        return current, []
    if _only_a_proposal(current, stamp):
        return current, [_disputed_delete(current, change, stamp, current.stamps.values())]
    # After a redirect the base version belongs to the merged-away observation: treat every
    # change on the survivor as unseen.
    base = 0 if redirected_from else change.base_version
    # The stamps name each field's last setter; `changed_by` also remembers a member whose
    # change was overwritten since, by the deleter's own later edit as much as anyone's.
    known = [*current.stamps.values(), *current.changed_by.values()]
    unseen = [s for s in known if s is not None and s.version > base and s.author != stamp.author]
    if not unseen and base >= current.unattributed_until:
        return dataclasses.replace(current, deleted=True, deleted_by=stamp), []
    return current, [_disputed_delete(current, change, stamp, unseen)]


def _disputed_delete(current, change, stamp, kept_by) -> ConflictRecord:
    """A delete/edit conflict: the observation stays (its side, the latest of `kept_by`),
    and the delete waits for an organiser."""
    latest = max(kept_by, key=lambda s: (s.made_at, s.change_id), default=None)
    return ConflictRecord(
        f"{change.change_id}/{DELETED}",
        current.id,
        ConflictKind.DELETE_EDIT,
        None,
        _side(KEPT, latest),
        Side(DELETED, change.change_id, stamp.author, change.made_at),
    )


def _only_a_proposal(current, stamp: Stamp) -> bool:
    """A walker may delete what she logged herself and nobody approved yet; any other delete
    of hers waits for an organiser."""
    if stamp.author.organiser:
        return False
    approved = current.fields.get("review_status") == "approved" or current.approved is not None
    someone_elses = current.created_by is not None and current.created_by != stamp.author.member_id
    return approved or someone_elses


def _attach_photo(current, change, stamp, redirected_from):
    others = {p for p in current.photos if p.sha256 != change.photo.sha256}
    photos = frozenset(others | {change.photo})
    if photos == current.photos:
        return current, []
    draft = dataclasses.replace(current, photos=photos, stamps={**current.stamps, PHOTOS: stamp})
    return _revive_if_touched(current, draft, change, stamp, [])


def _detach_photo(current, change, stamp, redirected_from):
    # Detaching from a tombstone revives nothing: it removes evidence rather than adding some.
    photos = frozenset(p for p in current.photos if p.sha256 != change.photo.sha256)
    if photos == current.photos:
        return current, []
    return dataclasses.replace(
        current, photos=photos, stamps={**current.stamps, PHOTOS: stamp}
    ), []


_HANDLERS = {
    Op.CREATE: _create_again,
    Op.UPDATE: _update,
    Op.DELETE: _delete,
    Op.ATTACH_PHOTO: _attach_photo,
    Op.DETACH_PHOTO: _detach_photo,
}


def _side(value, stamp: Stamp | None) -> Side:
    if stamp is None:
        return Side(value, None, None, None)
    return Side(value, stamp.change_id, stamp.author, stamp.made_at)


def _rank(side: Side):
    return (side.author.organiser, side.made_at, side.change_id)


def _better_sighting(incoming: Side, kept: Side) -> bool:
    """Whether an agreeing value ranks above the one held. The same walker's same moment sent
    again (a create from a second device) is one sighting, not a better one."""
    if (incoming.author, incoming.made_at) == (kept.author, kept.made_at):
        return False
    return _outranks(incoming, kept)


def _outranks(incoming: Side, kept: Side) -> bool:
    """The provisional winner rule. A value with no known origin (imported data) yields."""
    if kept.made_at is None:
        return True
    return _rank(incoming) > _rank(kept)
