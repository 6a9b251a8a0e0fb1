"""Writing what the engine decided: revisions, observation rows, photos, conflicts, seqs.

Every write of an observation takes a new `seq`: the id of the revision that made it. Ids come
from one global counter, so seqs only grow; `lock_group` makes them also commit in that order
within a group (see `server.observations.push`).
"""

import uuid

import sqlalchemy as sa

from server.auth.models import Member
from server.extensions import db
from server.observations import convert
from server.observations.models import Conflict, Observation, Revision
from server.photos.models import ObservationPhoto, Photo
from server.types import utcnow
from sync.changes import ObservationState, Outcome


def lock_group(group_id: int) -> None:
    """Start the write transaction holding the group's write lock until commit.

    PostgreSQL: a row lock on the group (`SELECT ... FOR UPDATE`). SQLite: a no-op UPDATE,
    which takes the database's write lock at once (waiting up to the busy timeout) instead of
    failing later when a read transaction tries to become a writer.
    """
    db.session.commit()  # end the read transaction of the permission checks
    if db.session.get_bind().dialect.name == "sqlite":
        db.session.execute(sa.text('UPDATE "group" SET id = id WHERE id = :id'), {"id": group_id})
    else:
        db.session.execute(
            sa.text('SELECT id FROM "group" WHERE id = :id FOR UPDATE'), {"id": group_id}
        )


def find_row(observation_uuid: str) -> Observation | None:
    return db.session.scalar(sa.select(Observation).where(Observation.uuid == observation_uuid))


def server_change_id() -> str:
    """The change id of a write the server makes itself (a merge, a resolution, a hint)."""
    return str(uuid.uuid4())


def add_revision(group_id: int, observation_uuid: str, **columns) -> Revision:
    columns.setdefault("result", {})
    revision = Revision(group_id=group_id, observation_uuid=observation_uuid, **columns)
    db.session.add(revision)
    db.session.flush()
    return revision


def write_state(
    group_id: int,
    row: Observation | None,
    state: ObservationState,
    revision: Revision,
    previous: ObservationState | None,
    created_by_id: int | None = None,
) -> Observation:
    """Write `state` to its row (made if new; `previous` is what the row held), with the
    revision's id as its new seq."""
    previous_photos = previous.photos if previous is not None else frozenset()
    reviewed = row is not None and row.review_status != state.fields.get("review_status")
    if row is None:
        row = Observation(
            uuid=state.id, group_id=group_id, walk_id=state.walk_id, created_by_id=created_by_id
        )
        db.session.add(row)
    convert.write_fields(row, state)
    if reviewed:
        row.reviewed_by_id, row.reviewed_at = revision.member_id, utcnow()
    row.seq = revision.id
    row.updated_at = utcnow()
    db.session.flush()
    if state.photos != previous_photos:
        write_photos(group_id, row, state)
    revision.observation_id = row.id
    return row


def write_photos(group_id: int, row: Observation, state: ObservationState) -> None:
    """Make the observation's photo links match the engine's state."""
    wanted = {photo.sha256: photo.role for photo in state.photos}
    photos = {}
    if wanted:
        query = sa.select(Photo).where(Photo.group_id == group_id, Photo.sha256.in_(wanted))
        photos = {photo.sha256: photo for photo in db.session.scalars(query)}
    keep = {photo.id: wanted[sha] for sha, photo in photos.items()}
    links = db.session.scalars(
        sa.select(ObservationPhoto).where(ObservationPhoto.observation_id == row.id)
    )
    for link in links:
        if link.photo_id in keep:
            link.role = keep.pop(link.photo_id)
        else:
            db.session.delete(link)
    for photo_id, role in keep.items():
        db.session.add(ObservationPhoto(observation_id=row.id, photo_id=photo_id, role=role))


def pseudonyms(member_ids) -> dict:
    ids = {i for i in member_ids if i is not None}
    if not ids:
        return {}
    rows = db.session.execute(sa.select(Member.id, Member.pseudonym).where(Member.id.in_(ids)))
    return dict(rows.all())


def open_conflicts(outcome: Outcome, group_id: int, row: Observation, bases: dict) -> None:
    """Store the outcome's new conflict records; a key already stored is left as it is."""
    names = pseudonyms(
        side.author.member_id
        for record in outcome.conflicts
        for side in (record.winner, record.loser)
        if side.author
    )
    for record in outcome.conflicts:
        if db.session.scalar(sa.select(Conflict.id).where(Conflict.key == record.key)):
            continue
        base = bases.get(record.field)
        db.session.add(convert.conflict_row(record, group_id, row.id, base, names))


def close_conflicts(keys, member_id: int | None, resolution: dict) -> None:
    if not keys:
        return
    for conflict in db.session.scalars(sa.select(Conflict).where(Conflict.key.in_(keys))):
        conflict.status = "resolved"
        conflict.resolved_by_id = member_id
        conflict.resolved_at = utcnow()
        conflict.resolution = resolution
