"""Why a change cannot be applied at all.

A rejected change is still kept in the revision history and answered with a stable code, so the
walker's app can tell them what happened; it is never silently dropped. Shape errors in the
wire format are the schema's job; these are the rules that need the observation or the author.
"""

from sync import fields as observation_fields
from sync.changes import Author, Change, FieldEdit, ObservationState, Op, Rejection

PHOTO_ROLES = ("close_up", "context", "other")


def rejection_for(
    current: ObservationState | None, change: Change, author: Author
) -> Rejection | None:
    if change.op is not Op.CREATE and current is None:
        return Rejection("unknown_observation", "This observation does not exist on the server.")
    if change.op is Op.CREATE:
        return _create_problem(current, change, author)
    if change.op is Op.UPDATE:
        return _update_problem(change, author)
    if change.op is Op.DELETE:
        if change.base_version is None:
            return Rejection("invalid_change", "A delete must say which version it saw.")
        return None
    return _photo_problem(change)


def _create_problem(current, change, author):
    if change.walk_id is None:
        return Rejection("invalid_change", "A new observation must belong to a walk.")
    missing = sorted(observation_fields.REQUIRED_ON_CREATE - change.fields.keys())
    if missing and current is None:
        return Rejection("invalid_change", f"A new observation needs {', '.join(missing)}.")
    return _fields_problem(change.fields, author)


def _update_problem(change, author):
    if not change.fields:
        return Rejection("invalid_change", "An update must change at least one field.")
    if not all(isinstance(edit, FieldEdit) for edit in change.fields.values()):
        return Rejection("invalid_change", "Each updated field needs its old and new value.")
    return _fields_problem({n: e.new for n, e in change.fields.items()}, author)


def _fields_problem(values, author):
    for name, value in values.items():
        if name in observation_fields.ORGANISER_ONLY and not author.organiser:
            return Rejection("organiser_only_field", f"Only an organiser may set {name}.")
        problem = observation_fields.problem(name, value)
        if problem is not None:
            return Rejection("invalid_value", f"{name} {problem}.")
    return None


def _photo_problem(change):
    if change.photo is None:
        return Rejection("invalid_change", "A photo change must name the photo.")
    if change.photo.role not in PHOTO_ROLES:
        return Rejection("invalid_value", f"photo role must be one of {', '.join(PHOTO_ROLES)}.")
    return None
