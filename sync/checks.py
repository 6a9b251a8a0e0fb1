"""Why a change cannot be applied at all.

A rejected change is still kept in the revision history and answered with a stable code, so the
walker's app can tell them what happened; it is never silently dropped. A few are not kept
(`Rejection.kept`): what the client can still fix, so that the same change sent again is
judged again instead of replayed. Shape errors in the wire format are the schema's job; these
are the rules that need the observation, the author, or what the server holds (`Context`: the
group's walks, its uploaded photos, the photo limit). One also needs what the change would do:
an approval waits for the conflicts the change itself raises (`approval_problem`, asked by
sync/merge.py once the change is merged).
"""

import dataclasses
import datetime
from dataclasses import dataclass

from sync import fields as observation_fields
from sync.changes import (
    Author,
    Change,
    ConflictRecord,
    FieldEdit,
    ObservationState,
    Op,
    Rejection,
)

PHOTO_ROLES = ("close_up", "context", "other", "sign")


@dataclass(frozen=True, slots=True)
class Context:
    """What the server holds beyond the observation. None leaves that rule unchecked (the
    engine's own tests and the in-memory model have no walks or photo store)."""

    walks: frozenset[int] | None = None  # ids of the group's walks
    uploaded_photos: frozenset[str] | None = None  # SHA-256 of the photos the group holds
    max_photos: int | None = None  # photos one observation may hold
    today: datetime.date | None = None  # the server's date: no survey day after tomorrow


NO_CONTEXT = Context()


def rejection_for(
    current: ObservationState | None,
    change: Change,
    author: Author,
    context: Context = NO_CONTEXT,
) -> Rejection | None:
    if change.op is not Op.CREATE and current is None:
        # Not kept: its create may still come. One refused but not kept (a survey day to
        # come, set aside until the walker corrects it) takes with it the edits sent behind
        # it; kept, they would be answered as replays of this refusal once the create is in.
        return Rejection(
            "unknown_observation", "This observation does not exist on the server.", kept=False
        )
    if change.op is Op.CREATE:
        return _create_problem(current, change, author, context)
    if change.op is Op.UPDATE:
        return _update_problem(change, author, context)
    if change.op is Op.DELETE:
        if change.base_version is None:
            return Rejection("invalid_change", "A delete must say which version it saw.")
        return None
    return _photo_problem(change) or _attach_problem(current, change, context)


def _create_problem(current, change, author, context):
    if change.walk_id is None:
        return Rejection("invalid_change", "A new observation must belong to a walk.")
    if context.walks is not None and change.walk_id not in context.walks and current is None:
        return Rejection("unknown_walk", "This walk is not one of the group's.")
    missing = sorted(observation_fields.REQUIRED_ON_CREATE - change.fields.keys())
    if missing and current is None:
        return Rejection("invalid_change", f"A new observation needs {', '.join(missing)}.")
    return _fields_problem(change.fields, author, context)


def _update_problem(change, author, context):
    if not change.fields:
        return Rejection("invalid_change", "An update must change at least one field.")
    if change.base_version is None:
        # Without it the merge cannot tell a value the walker pulled from one another member
        # set meanwhile (`_saw` in sync/merge.py): her edit would replace it as fresh, unseen.
        return Rejection("invalid_change", "An update must say which version it saw.")
    if not all(isinstance(edit, FieldEdit) for edit in change.fields.values()):
        return Rejection("invalid_change", "Each updated field needs its old and new value.")
    return _fields_problem({n: e.new for n, e in change.fields.items()}, author, context)


def approval_problem(
    change: Change, stored: frozenset[str], raised: tuple[ConflictRecord, ...]
) -> Rejection | None:
    """An approval publishes the observation's values (the public map, the OSM export): not
    while two changes contest one of them (or its deletion) and no organiser has chosen
    (sync/resolve.py closes a conflict). `stored` are the conflicts open before the change,
    `raised` those the change raises itself: an edit sent with the approval from a card older
    than a walker's edit contests that value as surely as a conflict raised before, and
    nothing was ever published for it to fall back on. So the merge asks once the change is
    merged (sync/merge.py), and the whole change is refused. Each case has its own code: with
    nothing stored, there is no conflict to settle, and `open_conflicts` sent an API client
    looking for one; what she can do is send her edit again on the observation as it is."""
    value = change.fields.get("review_status")
    if isinstance(value, FieldEdit):  # an update; a create (sent again) names the value
        value = value.new
    if value != "approved":
        return None
    if stored:
        return Rejection(
            "open_conflicts",
            "Settle this observation's open conflicts before approving it: an approval "
            "publishes its values.",
        )
    if raised:
        contested = sorted({conflict.field for conflict in raised if conflict.field})
        contested += ["its deletion"] if any(c.field is None for c in raised) else []
        return Rejection(
            "approval_contested",
            "This approval was sent from an earlier version, and what it also changes was "
            f"changed since by someone else ({', '.join(contested)}): nothing of it was "
            "applied and no conflict was stored. Load the observation again, then approve it "
            "as it is now, or send that edit on its own first.",
        )
    return None


def _fields_problem(values, author, context):
    for name, value in values.items():
        if not author.organiser and not observation_fields.walker_may_send(name, value):
            return Rejection("organiser_only_field", f"Only an organiser may set {name}.")
        problem = observation_fields.problem(name, value)
        if problem is not None:
            return Rejection("invalid_value", f"{name} {problem}.")
    pair = observation_fields.pair_problems(values)
    if pair:
        return Rejection("invalid_change", "; ".join(f"{n} {p}" for n, p in pair.items()) + ".")
    return _day_problem(values.get("surveyed_on"), context.today)


def _day_problem(day, today: datetime.date | None):
    """A survey day outside the days a survey can have been made on: before camwalk could
    exist (sync.fields.EARLIEST_SURVEY_DAY), or one that has not come yet
    (sync.fields.latest_survey_day; only with the server's date). Not kept: the walker
    corrects the day and her phone sends the same change again, to be judged anew."""
    crossed = observation_fields.survey_day_bound(day, today)
    if crossed == "past":
        return Rejection(
            "past_day",
            f"surveyed_on {day} is before {observation_fields.EARLIEST_SURVEY_DAY.isoformat()}, "
            "before any survey with camwalk: correct the day the camera was seen.",
            kept=False,
        )
    if crossed is None:
        return None
    return Rejection(
        "future_day",
        f"surveyed_on {day} is after today ({today.isoformat()}, the server's date): "
        "check the phone's date, and correct the day the camera was seen.",
        kept=False,
    )


def as_merged(change: Change, author: Author) -> Change:
    """The change the merge applies: a walker's organiser-only fields left out. The checks
    above let them through only at their default, which sets nothing; merged, they would
    reset an approved camera's status or conflict with the organiser's decision."""
    if author.organiser or observation_fields.ORGANISER_ONLY.isdisjoint(change.fields):
        return change
    kept = {
        name: value
        for name, value in change.fields.items()
        if name not in observation_fields.ORGANISER_ONLY
    }
    return dataclasses.replace(change, fields=kept)


def _photo_problem(change):
    if change.photo is None:
        return Rejection("invalid_change", "A photo change must name the photo.")
    if change.photo.role not in PHOTO_ROLES:
        return Rejection("invalid_value", f"photo role must be one of {', '.join(PHOTO_ROLES)}.")
    return None


def _attach_problem(current: ObservationState, change: Change, context: Context):
    """An attach needs the bytes on the server first (the client uploads before syncing), and
    may not take the observation past the photo limit (a new role for a photo it already
    holds adds nothing, so it passes)."""
    if change.op is not Op.ATTACH_PHOTO:
        return None
    sha256 = change.photo.sha256
    if context.uploaded_photos is not None and sha256 not in context.uploaded_photos:
        return Rejection(
            "photo_not_uploaded",
            "Upload the photo, then send this change again.",
            kept=False,
        )
    held = {photo.sha256 for photo in current.photos}
    limit = context.max_photos
    if limit is not None and sha256 not in held and len(held) >= limit:
        return Rejection("too_many_photos", f"An observation holds at most {limit} photos.")
    return None
