"""Small builders for sync tests: walkers, times, changes and observations in one line each."""

import datetime

from sync.changes import Author, Change, FieldEdit, Op, Photo
from sync.merge import apply_change

T0 = datetime.datetime(2026, 11, 21, 9, 0, tzinfo=datetime.UTC)
LEA = Author(1)
KARIM_WALKING = Author(2)
SAM = Author(3)
ORGANISER = Author(9, organiser=True)

CORNER = {"lat": 43.2961234, "lon": 5.3812345, "accuracy_m": 6}
DOME = {
    "position": CORNER,
    "kind": "camera",
    "camera_type": "dome",
    "mount": "pole",
    "direction": [180],
    "surveyed_on": "2026-11-21",
}


def at(minutes: float) -> datetime.datetime:
    return T0 + datetime.timedelta(minutes=minutes)


def create(change_id="c-create", obs="obs-1", minute=0, walk_id=3, **fields) -> Change:
    return Change(change_id, obs, Op.CREATE, at(minute), walk_id, None, {**DOME, **fields})


def update(change_id, base_version, minute, obs="obs-1", **edits) -> Change:
    """`edits` maps a field to `(old, new)`."""
    fields = {name: FieldEdit(old, new) for name, (old, new) in edits.items()}
    return Change(change_id, obs, Op.UPDATE, at(minute), None, base_version, fields)


def delete(change_id, base_version, minute, obs="obs-1") -> Change:
    return Change(change_id, obs, Op.DELETE, at(minute), None, base_version)


def photo(change_id, op, sha, minute, role="close_up", obs="obs-1") -> Change:
    return Change(change_id, obs, op, at(minute), photo=Photo(sha, role))


def created(author=LEA, **fields):
    """A fresh observation at version 1, created by `author` at T0."""
    return apply_change(None, create(**fields), author).state


def run(state, *changes_by):
    """Apply `(change, author)` pairs in order; return the last outcome and all outcomes."""
    outcomes = []
    for change, author in changes_by:
        outcome = apply_change(state, change, author)
        state = outcome.state
        outcomes.append(outcome)
    return outcomes[-1], outcomes
