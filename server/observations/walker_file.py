"""A walker's file: the work a phone could not send, imported by an organiser.

A phone that cannot reach the server (a broken screen the day before a trip, a network that
never comes, a change the server refuses) must never trap a walker's work. The PWA saves
everything still queued to one GeoJSON file (docs/sync-protocol.md, "Walker files"): features
for people to look at, and in the foreign member `camwalk_walker_file` the outbox itself, the
raw changes exactly as the phone would have sent them, with the photo bytes they need.

Importing replays those changes through the one push path (`server.observations.push.sync`, as the
walker who made them, so authorship, merge rules, conflicts and duplicate flags are the ones a
sync would have given) and stores the photos through `server.photos.service.receive_photo`.
A file replays a phone's outbox, which never holds an organiser's decision: its changes carry a
walker's rights whoever saved it, so a file cannot approve, reject or mark anything new.

The file names its walker; its proof (sync/walker_file.py) shows that her phone saved it. A file
without a valid proof (an older app, an edited file, or one naming somebody else) is refused
with `walker_file_unproven` unless the organiser, told so, imports it anyway (`?unproven=accept`).
Idempotent by `change_id`, like every push: a file imported twice, or imported after the phone
finally synced, applies nothing twice.

What cannot go in is reported and left out, never half-applied: a photo the server refuses
(with the attach_photo changes that need it), a change the request schema refuses, a change
whose batch the server refuses whole (found by replaying that batch one change at a time).
A photo no change attaches, or only one the schema refuses, is not stored, and one this import
stored that no applied change attached is removed again: it would hang on nothing and count
against the walker's quota.
"""

import base64
import binascii

from marshmallow import Schema, ValidationError, fields, validate
from sqlalchemy import select

from server.auth.models import DeviceToken, Member
from server.errors import ApiError, error_body
from server.extensions import db
from server.groups.models import Group
from server.observations import push as sync_service
from server.observations.errors import UnknownWalker, Unproven, WrongGroup
from server.observations.schemas import MAX_CHANGES, SHA256, ChangeSchema
from server.photos import service as photos
from server.validation import MAX_DB_INTEGER
from sync.changes import Author
from sync.walker_file import proven_by, readable_message

FORMAT = "camwalk_walker_file"
VERSION = 1
DATABASE_ID = validate.Range(min=1, max=MAX_DB_INTEGER)


class FilePhotoSchema(Schema):
    sha256 = fields.String(required=True, validate=SHA256)
    media_type = fields.String(load_default=None)
    data_base64 = fields.String(required=True)


class WalkerWorkSchema(Schema):
    version = fields.Integer(required=True, strict=True, validate=validate.Equal(VERSION))
    # Looked up in INTEGER columns: a larger id was a 500 (server/validation.py).
    group_id = fields.Integer(required=True, strict=True, validate=DATABASE_ID)
    member_id = fields.Integer(required=True, strict=True, validate=DATABASE_ID)
    pseudonym = fields.String(load_default=None)
    saved_at = fields.String(load_default=None)
    proof = fields.String(load_default=None, validate=validate.Regexp(r"^[0-9a-f]{64}$"))
    # Checked one by one on import: one change the schema refuses (why it was set aside on
    # the phone, perhaps) must not keep the others out.
    changes = fields.List(fields.Dict(), load_default=list)
    photos = fields.List(fields.Nested(FilePhotoSchema), load_default=list)
    set_aside = fields.List(fields.Dict(), load_default=list)


class WalkerFileSchema(Schema):
    """The GeoJSON a phone saves; only the foreign member matters to the import."""

    type = fields.String(required=True, validate=validate.Equal("FeatureCollection"))
    features = fields.List(fields.Dict(), load_default=list)
    work = fields.Nested(WalkerWorkSchema, required=True, data_key=FORMAT)


def import_walker_file(group: Group, work: dict, accept_unproven: bool = False) -> dict:
    """Replay a loaded walker file's changes as their walker; report what went in and what not.
    A file its walker's phone did not prove is refused unless `accept_unproven`."""
    if work["group_id"] != group.id:
        raise WrongGroup()
    walker = db.session.get(Member, work["member_id"])
    if walker is None or walker.group_id != group.id:
        raise UnknownWalker()
    proven = _proven(work, walker)
    if not proven and not accept_unproven:
        raise Unproven(walker.pseudonym)
    loaded, skipped = [], []
    for index, raw in enumerate(work["changes"]):
        try:
            loaded.append((index, raw, ChangeSchema().load(raw)))
        except ValidationError as exc:
            skipped.append(_skip(raw, index, "invalid_input", "The change is not valid.", exc))
    # Only the photos a change that may go in attaches: any other would be stored attached to
    # nothing, and counted against the walker's quota.
    attached = {_attached_photo(change) for _, _, change in loaded} - {None}
    held, new_photos, refused_photos = _store_photos(
        walker, [item for item in work["photos"] if item["sha256"] in attached]
    )
    changes = []
    for index, raw, change in loaded:
        sha = _attached_photo(change)
        if sha is not None and sha not in held and not photos.find_photo(group.id, sha):
            skipped.append(_skip(raw, index, "photo_missing", "Its photo is not on the server."))
            continue
        changes.append((index, raw, change))
    results = []
    for start in range(0, len(changes), MAX_CHANGES):
        results += _push(group, walker, changes[start : start + MAX_CHANGES], skipped)
    held -= photos.forget_unattached(new_photos)
    return {
        "walker": {"id": walker.id, "pseudonym": walker.pseudonym},
        "proven": proven,
        "results": results,
        "skipped": sorted(skipped, key=lambda s: s["index"]),
        "photos": {"stored": sorted(held), "refused": refused_photos},
    }


def _attached_photo(change: dict) -> str | None:
    """The SHA-256 of the photo an `attach_photo` change attaches; None for any other."""
    if change["op"] != "attach_photo":
        return None
    return (change.get("photo") or {}).get("sha256")


def _proven(work: dict, walker: Member) -> bool:
    message = readable_message(
        work["group_id"],
        work["member_id"],
        work["saved_at"],
        work["changes"],
        [photo["sha256"] for photo in work["photos"]],
    )
    digests = db.session.scalars(
        select(DeviceToken.token_hash).where(DeviceToken.member_id == walker.id)
    )
    return proven_by(work["proof"], message, digests)


def _store_photos(walker: Member, items: list[dict]) -> tuple[set[str], list, list[dict]]:
    """The hashes the group now holds, the photos this import made, and those refused."""
    held, made, refused = set(), [], []
    for item in items:
        try:
            data = base64.b64decode(item["data_base64"], validate=True)
        except (binascii.Error, ValueError):
            refused.append(
                {
                    "sha256": item["sha256"],
                    "code": "invalid_input",
                    "message": "The photo is not valid base64.",
                }
            )
            continue
        try:
            photo, created = photos.receive_photo(walker, item["sha256"], data)
        except ApiError as exc:
            refused.append({"sha256": item["sha256"], "code": exc.code, "message": exc.message})
            continue
        held.add(item["sha256"])
        if created:
            made.append(photo)
    return held, made, refused


def _push(group: Group, walker: Member, batch: list, skipped: list) -> list[dict]:
    """The sync push of `batch`; a batch refused whole is replayed one change at a time so
    that only the change the server refuses stays out. The pull that comes with each push is
    asked for one row only: the import needs the results, not the group's observations."""
    changes = [c for _, _, c in batch]
    as_walker = Author(walker.id, organiser=False)  # a phone's outbox: see the docstring
    try:
        return sync_service.sync(group, walker, 0, 1, changes, author=as_walker)["results"]
    except ApiError as exc:
        if len(batch) == 1:
            index, raw, _ = batch[0]
            skipped.append(_skip(raw, index, exc.code, exc.message))
            return []
    results = []
    for one in batch:
        results += _push(group, walker, [one], skipped)
    return results


def _skip(raw: dict, index: int, code: str, message: str, exc=None) -> dict:
    errors = exc.messages if exc is not None else None
    return {"index": index, "change_id": raw.get("change_id"), **error_body(code, message, errors)}
