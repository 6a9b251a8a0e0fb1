"""The sync round trip of docs/sync-protocol.md, on the database.

`sync.merge` decides; this loads rows, builds the engine's inputs and stores what it decided.
One request is one write transaction (`writer.write_transaction`, the group's lock): changes are
applied in request order through `sync.merge.apply_change`, each gets a revision (its id is the
seq of the write it made), and the transaction commits once after the last change; any error
before that rolls the whole batch back. A change the server cannot take is rejected alone.
"""

import dataclasses

import sqlalchemy as sa
from flask import current_app

from server import collector
from server.auth.models import Member, Role
from server.errors import error_body
from server.extensions import db
from server.groups.models import Group, Walk
from server.observations import convert
from server.observations.models import Observation, Revision
from server.observations.nearby import NearbyIndex
from server.observations.pull import pull
from server.observations.schemas import InvalidChange
from server.observations.writer import (
    BatchWriter,
    NewRevision,
    Row,
    server_change_id,
    write_transaction,
)
from server.photos.models import Photo as PhotoRow
from server.sql import among
from server.types import utcnow
from sync import fields as observation_fields
from sync.changes import (
    PHOTOS,
    Author,
    Change,
    FieldEdit,
    ObservationState,
    Op,
    Outcome,
    Photo,
    Rejection,
    Stamp,
    Status,
)
from sync.changes import Revision as EngineRevision
from sync.checks import Context
from sync.duplicates import DuplicateRules
from sync.merge import apply_change, follow_merges


def author_of(member: Member) -> Author:
    return Author(member.id, member.rank >= Role.ORGANISER)


def sync(
    group: Group,
    member: Member,
    cursor: int,
    limit: int,
    changes: list[dict],
    author: Author | None = None,
) -> dict:
    """Push the changes (one transaction), then pull what moved after `cursor`. `author`: the
    rights the changes carry, when not the member's own (a walker file's)."""
    group_id, member_id = group.id, member.id
    author = author or author_of(member)
    results = []
    if changes:
        with collector.paused(), write_transaction(group_id):
            loaded = [c if isinstance(c, InvalidChange) else to_change(c) for c in changes]
            push = Push(group_id, member_id, author, loaded)
            results = [push.apply(index, change) for index, change in enumerate(loaded)]
            push.writer.finish()
    return {"results": results, **pull(group_id, cursor, limit)}


def to_change(data: dict) -> Change:
    values = data.get("fields_", {})
    if data["op"] == Op.UPDATE:
        values = {name: FieldEdit(edit["old"], edit["new"]) for name, edit in values.items()}
    photo = data.get("photo")
    return Change(
        change_id=data["change_id"],
        observation_id=data["observation_id"],
        op=Op(data["op"]),
        made_at=data["made_at"],
        walk_id=data.get("walk_id"),
        base_version=data.get("base_version"),
        fields=values,
        photo=Photo(photo["sha256"], photo["role"]) if photo else None,
    )


class Push:
    """One push: the rows, states, context and earlier answers its changes need, loaded once.

    `states` holds each observation as loaded or as last written in this batch, so a change
    builds on the ones before it without reading back what the writer has not flushed.
    """

    def __init__(self, group_id: int, member_id: int, author: Author, items: list):
        self.group_id, self.member_id, self.author = group_id, member_id, author
        changes = [item for item in items if isinstance(item, Change)]
        self.writer = BatchWriter(group_id)
        self.rows: dict[str, Row] = {}  # loaded, or made by this batch
        self.states: dict[str, ObservationState] = {}
        self.elsewhere: set[str] = set()  # ids another group holds
        self.unknown: set[str] = set()  # ids no group held when the batch was loaded
        self._load({c.observation_id for c in changes})
        change_ids = {c.change_id for c in changes} | {
            item.change_id for item in items if isinstance(item, InvalidChange) and item.change_id
        }
        self.known = {
            revision.change_id: revision
            for revision in db.session.scalars(
                sa.select(Revision).where(among(Revision.change_id, change_ids))
            )
        }
        self.context = Context(
            walks=frozenset(
                db.session.scalars(sa.select(Walk.id).where(Walk.group_id == group_id))
            ),
            uploaded_photos=frozenset(_photos_of(group_id, changes)),
            max_photos=int(current_app.config["MAX_PHOTOS_PER_OBSERVATION"]),
            today=utcnow().date(),
        )
        creates = [
            c.fields["position"]
            for c in changes
            if c.op is Op.CREATE and isinstance(c.fields.get("position"), dict)
        ]
        self.nearby = NearbyIndex(group_id, creates, duplicate_rules())

    def _load(self, uuids) -> None:
        """Rows of this group, and their states, for the uuids not loaded yet. Another
        group's observation is, to this group, one it never saw: only its id is kept, so that
        a create cannot take it (one query for the batch, not one per create). An id found
        nowhere is remembered too: the batch holds the writer's lock, so it stays unknown until
        this batch creates it (and `_record` then keeps its row)."""
        # Membership tests, not set differences: called once per change, a difference with
        # `self.rows.keys()` walked every row loaded so far.
        wanted = {
            u
            for u in uuids
            if u not in self.rows and u not in self.elsewhere and u not in self.unknown
        }
        if not wanted:
            return
        rows = db.session.scalars(
            sa.select(Observation).where(among(Observation.uuid, wanted))
        ).all()
        mine = [row for row in rows if row.group_id == self.group_id]
        self.elsewhere.update(row.uuid for row in rows if row.group_id != self.group_id)
        self.unknown.update(wanted - {row.uuid for row in rows})
        self.rows.update((row.uuid, row) for row in mine)
        self.states.update(convert.to_states(mine))

    def apply(self, index: int, item) -> dict:
        known = self.known.get(item.change_id) if item.change_id else None
        if known is not None:
            return _replay(known, self.group_id, item)
        if isinstance(item, InvalidChange):
            return _invalid_result(item)
        result, revision = self._apply(item)
        if revision is not None:
            self.known[item.change_id] = revision
        return result

    def _apply(self, change: Change):
        original = self.rows.get(change.observation_id)
        if original is None and change.op is Op.CREATE and change.observation_id in self.elsewhere:
            return self._record(change, _taken(change, self.author), None, None)
        survivor = follow_merges(change.observation_id, self._state_by_uuid)
        target = self.rows[survivor.id] if survivor is not None else None
        if original is not None and (change.base_version or 0) > original.version:
            rejection = Rejection(
                "unknown_base_version", "This change is based on a version the server never made."
            )
            return self._record(
                change, _rejected(change, self.author, survivor, rejection), None, None
            )
        redirected_from = original.uuid if target is not original else None
        if redirected_from:
            change = dataclasses.replace(change, observation_id=target.uuid)
        outcome = apply_change(
            survivor, change, self.author, redirected_from=redirected_from, context=self.context
        )
        if outcome.rejection is not None and not outcome.rejection.kept:
            return _not_kept(change, outcome, redirected_from), None
        result, revision = self._record(change, outcome, target, survivor, redirected_from)
        if change.op is Op.CREATE and survivor is None and outcome.status is not Status.REJECTED:
            self._flag_duplicates(outcome.state)
        return result, revision

    def _state_by_uuid(self, uuid: str) -> ObservationState | None:
        self._load([uuid])
        return self.states.get(uuid)

    def _record(self, change, outcome, row, previous, redirected_from=None):
        result, revision, written = write_outcome(
            self.writer,
            self.member_id,
            change,
            outcome,
            row,
            previous,
            redirected_from=redirected_from,
        )
        if outcome.changed:
            self.rows[written.uuid] = written
            self.states[written.uuid] = outcome.state
            self.nearby.put(written, outcome.state)
        return result, revision

    def create_with_photos(self, change: Change, photos: list[Photo]) -> NewRevision | Rejection:
        """A create that brings its photos in the same revision (version 1), as the photo
        import makes drafts: the engine's create, judged as a sync's is (the same context),
        with the photos stamped like its fields. A draft the engine refuses is written not
        at all and its rejection returned: the import says why, photo by photo, and goes on
        with the other drafts."""
        outcome = apply_change(None, change, self.author, context=self.context)
        if outcome.status is Status.REJECTED:
            return outcome.rejection
        stamp = Stamp(change.change_id, self.author, change.made_at, outcome.state.version)
        state = dataclasses.replace(
            outcome.state,
            photos=frozenset(photos),
            stamps={**outcome.state.stamps, PHOTOS: stamp},
        )
        _, revision = self._record(change, dataclasses.replace(outcome, state=state), None, None)
        self._flag_duplicates(state)
        return revision

    def _flag_duplicates(self, new: ObservationState) -> None:
        """Flag the live observations of the group near a new one that may be the same
        device; each one flagged gets a revision and a new seq, so every client pulls the
        hint."""
        new_row = self.rows[new.id]
        for other, distance in self.nearby.duplicates_of(new):
            self.writer.add_hint(new_row, other, distance)
            revision = self.writer.add_revision(
                other.uuid,
                other,
                change_id=server_change_id(),
                op="flag_duplicate",
                payload={"duplicate_of": new.id, "distance_m": round(distance, 2)},
                status=str(Status.APPLIED),
                version_after=other.version,
            )
            self.writer.move_seq(other, revision)


def _photos_of(group_id: int, changes: list[Change]) -> set[str]:
    """The photos of the batch's attaches that the group holds. A photo may show several
    cameras, so one already on another observation is attached here too."""
    wanted = {c.photo.sha256 for c in changes if c.op is Op.ATTACH_PHOTO and c.photo}
    if not wanted:
        return set()
    query = sa.select(PhotoRow.sha256).where(
        PhotoRow.group_id == group_id, among(PhotoRow.sha256, wanted)
    )
    return set(db.session.scalars(query))


def _replay(known: Revision | NewRevision, group_id: int, change) -> dict:
    if known.group_id != group_id:
        # A change id already used in another group: never show that group's answer.
        error = {"code": "invalid_change", "message": "This change_id is already in use."}
        return _result(change, Status.REJECTED, None, (), None, error)
    return {**known.result, "replayed": True}


def _invalid_result(item: InvalidChange) -> dict:
    """The answer to a change that failed the wire format: rejected, applied nowhere, kept
    nowhere (the same bytes would fail the same way again, so there is nothing to replay)."""
    error = error_body(
        "invalid_change", "This change is not valid; it was not applied. See errors.", item.errors
    )
    return {
        "change_id": item.change_id,
        "observation_id": item.observation_id,
        "status": str(Status.REJECTED),
        "version": None,
        "replayed": False,
        "conflict_ids": [],
        "redirected_to": None,
        "error": error,
    }


def _not_kept(change: Change, outcome: Outcome, redirected_from: str | None) -> dict:
    """The answer to a rejection the client can fix (sync/changes.py, `Rejection.kept`):
    nothing is stored, so the same change_id sent again is judged again, not replayed."""
    rejection = outcome.rejection
    answered = (
        dataclasses.replace(change, observation_id=redirected_from) if redirected_from else change
    )
    redirected_to = change.observation_id if redirected_from else None
    error = {"code": rejection.code, "message": rejection.message}
    return _result(answered, outcome.status, outcome.revision.version, (), redirected_to, error)


def _rejected(change: Change, author: Author, state, rejection: Rejection) -> Outcome:
    version = state.version if state else None
    revision = EngineRevision(change, author, Status.REJECTED, version, rejection=rejection)
    return Outcome(Status.REJECTED, state, False, revision, rejection=rejection)


def _taken(change: Change, author: Author) -> Outcome:
    rejection = Rejection("invalid_change", "This observation id is in use; make a new one.")
    return _rejected(change, author, None, rejection)


def _result(change, status, version, conflict_ids, redirected_to, error=None) -> dict:
    result = {
        "change_id": change.change_id,
        "observation_id": change.observation_id,
        "status": str(status),
        "version": version,
        "replayed": False,
        "conflict_ids": list(conflict_ids),
        "redirected_to": redirected_to,
    }
    if error:
        result["error"] = error
    return result


def record_outcome(
    group_id,
    member_id,
    change,
    outcome,
    row,
    previous,
    *,
    redirected_from=None,
    op=None,
    resolution=None,
) -> dict:
    """Keep the revision, write the state if it changed, open and close conflicts, all at
    once (an organiser's single change); return the result as it goes on the wire."""
    writer = BatchWriter(group_id)
    result, _, _ = write_outcome(
        writer,
        member_id,
        change,
        outcome,
        row,
        previous,
        redirected_from=redirected_from,
        op=op,
        resolution=resolution,
    )
    writer.finish()
    return result


def write_outcome(
    writer: BatchWriter,
    member_id,
    change,
    outcome,
    row,
    previous,
    *,
    redirected_from=None,
    op=None,
    resolution=None,
):
    """Hand the change's revision, state and conflicts to `writer`; return the result as it
    goes on the wire (and is kept for replays), the revision and the row written (or `row`)."""
    rejection = outcome.rejection
    error = {"code": rejection.code, "message": rejection.message} if rejection else None
    revision = writer.add_revision(
        redirected_from or change.observation_id,
        row,
        change_id=change.change_id,
        member_id=member_id,
        op=op or str(change.op),
        base_version=change.base_version,
        payload=_payload(change),
        made_at=change.made_at,
        status=str(outcome.status),
        version_after=outcome.revision.version,
    )
    if outcome.changed:
        row = writer.write_state(row, outcome.state, revision, previous, member_id)
    if outcome.conflicts:
        writer.open_conflicts(outcome, row, _bases(change))
    writer.hold_current(outcome.now_held)
    writer.close_conflicts(
        outcome.closed_conflicts, member_id, {"change_id": change.change_id, **(resolution or {})}
    )
    redirected_to = change.observation_id if redirected_from else None
    answered = (
        dataclasses.replace(change, observation_id=redirected_from) if redirected_from else change
    )
    result = _result(
        answered,
        outcome.status,
        outcome.revision.version,
        outcome.revision.conflict_keys,
        redirected_to,
        error,
    )
    revision.result = result
    return result, revision, row


def _payload(change: Change) -> dict:
    """The change as received, for the history."""
    payload: dict = {"made_at": change.made_at.isoformat()}
    if change.walk_id is not None:
        payload["walk_id"] = change.walk_id
    if change.fields:
        payload["fields"] = {
            name: {"old": v.old, "new": v.new} if isinstance(v, FieldEdit) else v
            for name, v in change.fields.items()
        }
    if change.photo is not None:
        payload["photo"] = {"sha256": change.photo.sha256, "role": change.photo.role}
    return payload


def _bases(change: Change) -> dict:
    """The value each field had before the walker's edit (a create starts from the blank
    form), shown beside a conflict's two sides."""
    return {
        name: v.old if isinstance(v, FieldEdit) else observation_fields.DEFAULTS.get(name)
        for name, v in change.fields.items()
    }


def duplicate_rules() -> DuplicateRules:
    distance = current_app.config["DUPLICATE_DISTANCE_M"]
    return DuplicateRules(distance_m=float(distance))
