"""The one writer of observation state and revisions, and the one write transaction.

Every write of an observation, a walker's push, an organiser's decision, a photo import, goes
through `write_transaction` (the group's write lock, one commit, a rollback on any error) and
a `BatchWriter` (revisions, rows, seqs, photo links, conflicts).

Seqs. Every write of an observation takes a new `seq`: the id of the revision that made it.
Ids come from one global counter, so seqs only grow. A puller asks for `seq > cursor`; two
transactions writing the same group could commit out of order (ids 10 then 9) and a puller who
already saw 10 would skip 9 for ever. `lock_group` therefore serialises the writers of a group:
on PostgreSQL a `SELECT ... FOR UPDATE` on the group row at the start of the write transaction,
held until commit; SQLite has one writer at a time anyway, and the lock there is taken before
the first read so that a batch never merges against a stale snapshot. Pulls take no lock: they
only read committed rows.

The batch: writes sent to the database in a few flushes instead of several per change.

A revision's id is the seq of the write it makes, so writing it at once meant a flush per
change, and every query in between flushed again: that was most of a push's time. The writer
keeps what each change decided and, in `finish`, reserves the ids of the new observations and of
the revisions (these in the order the changes came, so they grow in that order), gives each
written observation the id of its last revision as seq, inserts the observations, then all the
revisions in one executemany, and only then adds what needs ids: conflict records, duplicate
hints, photo links. With every id known before the insert nothing is read back: on PostGIS the
500-row INSERT ... RETURNING of a push, and the UPDATE of each new row's seq after it, were
half the time of a 500-change push. Nothing between two changes reads back what an earlier
one wrote: the push keeps the states it wrote (`server.observations.push`).

New observations are plain records too (`NewObservation`), inserted with one executemany: an
ORM object per create, its two dozen instrumented attributes and the unit of work's flush of
it, were a third of a 500-create push's time in Python. Observations that already exist stay
ORM rows, which the flush updates.
"""

import contextlib
import types
import uuid

import sqlalchemy as sa

from server.extensions import db
from server.observations import convert
from server.observations.models import Conflict, DuplicateHint, Observation, Revision
from server.observations.views import pseudonyms
from server.photos import publication
from server.photos.models import ObservationPhoto, Photo
from server.sql import among
from server.types import utcnow
from sync.changes import ObservationState, Outcome
from sync.order import approved_place

# db.session.info's list of photo files the transaction's rows no longer point at.
_FILES_TO_REMOVE = "camwalk_files_to_remove"


@contextlib.contextmanager
def write_transaction(group_id: int):
    """The group's write lock and one transaction, committed when the block ends and rolled
    back on any error. No autoflush inside: the batch writer decides when rows go out. Photo
    files the committed rows no longer point at are removed after the commit, never before."""
    lock_group(group_id)
    try:
        with db.session.no_autoflush:
            yield
        db.session.commit()
    except BaseException:
        db.session.rollback()
        db.session.info.pop(_FILES_TO_REMOVE, None)
        raise
    if removed := db.session.info.pop(_FILES_TO_REMOVE, None):
        publication.remove_public_copies(removed)


def _remove_after_commit(keys: list[str]) -> None:
    db.session.info.setdefault(_FILES_TO_REMOVE, []).extend(keys)


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


def server_change_id() -> str:
    """The change id of a write the server makes itself (a merge, a resolution, a hint)."""
    return str(uuid.uuid4())


class NewRevision(types.SimpleNamespace):
    """A revision that `BatchWriter.finish` inserts, with `Revision`'s columns as attributes.

    Not an ORM object: a push makes one per change, and the ORM's bookkeeping for each (its
    instrumented attributes, then its unit of work) cost more than the change's merge.
    """


class NewObservation(types.SimpleNamespace):
    """An observation that this batch creates, with `Observation`'s columns as attributes,
    inserted by `finish`; a later change of the same batch writes to it like to a row.

    Not an ORM object, for the reason of `NewRevision`. Every column starts NULL, except the
    ones whose default the ORM would have filled in (and that take no NULL).
    """

    def __init__(self, **columns):
        now = utcnow()
        defaults = {"seq": 0, "created_at": now, "updated_at": now}
        super().__init__(**{**_NULL_OBSERVATION, **defaults, **columns})


_OBSERVATION_COLUMNS = [c.key for c in Observation.__table__.columns]
_NULL_OBSERVATION = dict.fromkeys(_OBSERVATION_COLUMNS)
# Columns a revision may leave unset: NULL, not a default (`received_at` is set by `finish`).
_REVISION_COLUMNS = [c.key for c in Revision.__table__.columns if c.key != "received_at"]
_REVISION_KEYS = frozenset(_REVISION_COLUMNS)


def _insert_observations(rows: list[NewObservation]) -> None:
    if rows:
        for row in rows:
            # What the ORM's listener on `approved` does for loaded rows (models.py): these
            # records are not ORM objects. Only an organiser's approved create has a copy.
            if row.approved is not None:
                row.approved_place = approved_place(row.approved)
        values = [{key: getattr(row, key) for key in _OBSERVATION_COLUMNS} for row in rows]
        db.session.execute(sa.insert(Observation.__table__), values)


def _insert_revisions(revisions: list[NewRevision]) -> None:
    if not revisions:
        return
    received_at = utcnow()
    rows = [
        {**{key: getattr(r, key, None) for key in _REVISION_COLUMNS}, "received_at": received_at}
        for r in revisions
    ]
    db.session.execute(sa.insert(Revision.__table__), rows)


# What the writer writes to: a stored observation, or one this batch creates.
Row = Observation | NewObservation


class BatchWriter:
    def __init__(self, group_id: int):
        self.group_id = group_id
        self._revisions: dict[int, tuple[NewRevision, Observation | None]] = {}
        self._seqs: list[tuple[Observation, NewRevision]] = []
        self._last_state: dict[int, tuple[Observation, ObservationState]] = {}
        self._photos_moved: set[int] = set()
        self._conflicts: list[tuple] = []
        self._closes: list[tuple] = []
        self._held: list[tuple] = []
        self._hints: list[tuple[Row, Row, float]] = []
        self._new_rows: list[NewObservation] = []

    def add_revision(self, observation_uuid: str, row: Row | None, **columns):
        """A revision to insert at `finish`, its columns as attributes (`NewRevision`)."""
        columns.setdefault("result", {})
        if unknown := columns.keys() - _REVISION_KEYS:
            raise TypeError(f"not a revision column: {sorted(unknown)}")
        revision = NewRevision(
            group_id=self.group_id, observation_uuid=observation_uuid, **columns
        )
        self._revisions[id(revision)] = (revision, row)
        return revision

    def write_state(
        self,
        row: Row | None,
        state: ObservationState,
        revision: NewRevision,
        previous: ObservationState | None,
        created_by_id: int | None = None,
    ) -> Row:
        """Write `state` to its row (a `NewObservation` if new); its seq is set by `finish`."""
        previous_photos = previous.photos if previous is not None else frozenset()
        reviewed = row is not None and row.review_status != state.fields.get("review_status")
        if row is None:
            row = NewObservation(
                uuid=state.id,
                group_id=self.group_id,
                walk_id=state.walk_id,
                created_by_id=created_by_id,
            )
            self._new_rows.append(row)
        convert.write_fields(row, state)
        if reviewed:  # a decision names its organiser; back to review, nobody's decision
            decided = state.fields.get("review_status") != "pending"
            row.reviewed_by_id = revision.member_id if decided else None
            row.reviewed_at = utcnow() if decided else None
        row.updated_at = utcnow()
        self.move_seq(row, revision)
        self._last_state[id(row)] = (row, state)
        if state.photos != previous_photos:
            self._photos_moved.add(id(row))
        return row

    def move_seq(self, row: Row, revision: NewRevision) -> None:
        """`row` takes `revision`'s id as seq, so that every client pulls it again."""
        self._revisions[id(revision)] = (revision, row)
        self._seqs.append((row, revision))

    def open_conflicts(self, outcome: Outcome, row: Row, bases: dict) -> None:
        for record in outcome.conflicts:
            self._conflicts.append((record, row, bases.get(record.field)))

    def hold_current(self, now_held) -> None:
        """Open conflicts to show the value their field now holds first (`Outcome.now_held`)."""
        self._held.extend(now_held)

    def close_conflicts(self, keys, member_id: int | None, resolution: dict) -> None:
        if keys:
            self._closes.append((tuple(keys), member_id, resolution))

    def add_hint(self, new: Row, other: Row, distance_m: float) -> None:
        self._hints.append((new, other, distance_m))

    def finish(self) -> None:
        revisions = list(self._revisions.values())  # in the order the changes came
        new_ids = reserve_ids(Observation.__table__, len(self._new_rows))
        for row, new_id in zip(self._new_rows, new_ids, strict=True):
            row.id = new_id
        ids = reserve_ids(Revision.__table__, len(revisions))
        for (revision, row), new_id in zip(revisions, ids, strict=True):
            revision.id = new_id
            if row is not None:
                revision.observation_id = row.id
        for row, revision in self._seqs:
            row.seq = max(row.seq or 0, revision.id)
        # The observations first, new and changed: revisions point at them.
        _insert_observations(self._new_rows)
        db.session.flush()
        _insert_revisions([revision for revision, _ in revisions])
        unpublished: set[int] = set()
        for key in self._photos_moved:
            row, state = self._last_state[key]
            unpublished |= _write_photos(self.group_id, row, state)
        if unpublished:
            db.session.flush()  # the links gone, for the publication's rule to see
            _remove_after_commit(publication.links_removed(unpublished))
        self._add_conflicts()
        for new, other, distance in self._hints:
            a, b = sorted((new.id, other.id))
            db.session.add(
                DuplicateHint(
                    group_id=self.group_id,
                    observation_a_id=a,
                    observation_b_id=b,
                    distance_m=distance,
                )
            )
        db.session.flush()  # conflicts opened in this batch can be closed by a later change
        self._put_current_first()
        for keys, member_id, resolution in self._closes:
            _close_conflicts(keys, member_id, resolution)
        db.session.flush()

    def _add_conflicts(self) -> None:
        """New conflict records; a key already stored is left as it is (a retried change)."""
        if not self._conflicts:
            return
        keys = {record.key for record, _, _ in self._conflicts}
        stored = set(db.session.scalars(sa.select(Conflict.key).where(among(Conflict.key, keys))))
        names = pseudonyms(
            side.author.member_id
            for record, _, _ in self._conflicts
            for side in (record.winner, record.loser)
            if side.author
        )
        for record, row, base in self._conflicts:
            if record.key in stored:
                continue
            stored.add(record.key)
            db.session.add(convert.conflict_row(record, self.group_id, row.id, base, names))

    def _put_current_first(self) -> None:
        """In the order the changes came, so the last value a field took is the one shown."""
        if not self._held:
            return
        keys = {key for key, _ in self._held}
        rows = db.session.scalars(sa.select(Conflict).where(among(Conflict.key, keys)))
        conflicts = {conflict.key: conflict for conflict in rows}
        names = pseudonyms(side.author.member_id for _, side in self._held if side.author)
        for key, side in self._held:
            if key in conflicts:
                convert.hold_current(conflicts[key], side, names)
        db.session.flush()


def reserve_ids(table: sa.Table, count: int) -> list[int]:
    """`count` new primary keys of `table`, increasing, for rows this transaction inserts.

    Rows that come with their ids are inserted in one executemany, with nothing to read back;
    left to the database, each needs its id returned, which on PostgreSQL cost a 500-row
    INSERT ... RETURNING whose statement psycopg re-parsed every time (too long for its cache).
    PostgreSQL: the column's own sequence, so ids stay unique whoever inserts. SQLite: the ids
    it would give itself (the table has no AUTOINCREMENT: the next rowid is max + 1), safe
    because the write transaction holds the only write lock.
    """
    if count == 0:
        return []
    if db.session.get_bind().dialect.name == "sqlite":
        last = db.session.scalar(sa.select(sa.func.max(table.c.id))) or 0
        return list(range(last + 1, last + 1 + count))
    sequence = sa.func.pg_get_serial_sequence(table.name, "id")
    query = sa.select(sa.func.nextval(sequence)).select_from(
        sa.func.generate_series(1, count).alias()
    )
    return sorted(db.session.scalars(query))


def _write_photos(group_id: int, row: Row, state: ObservationState) -> set[int]:
    """Make the observation's photo links match the engine's state; returns the photos whose
    link taken away was published."""
    wanted = {photo.sha256: photo.role for photo in state.photos}
    photos = {}
    if wanted:
        query = sa.select(Photo).where(Photo.group_id == group_id, among(Photo.sha256, wanted))
        photos = {photo.sha256: photo for photo in db.session.scalars(query)}
    keep = {photo.id: wanted[sha] for sha, photo in photos.items()}
    links, unpublished = [], set()
    if not isinstance(row, NewObservation):  # a new one has no links yet
        links = db.session.scalars(
            sa.select(ObservationPhoto).where(ObservationPhoto.observation_id == row.id)
        )
    for link in links:
        if link.photo_id in keep:
            link.role = keep.pop(link.photo_id)
        else:
            if link.published:
                unpublished.add(link.photo_id)
            db.session.delete(link)
    for photo_id, role in keep.items():
        db.session.add(ObservationPhoto(observation_id=row.id, photo_id=photo_id, role=role))
    return unpublished


def _close_conflicts(keys, member_id: int | None, resolution: dict) -> None:
    if not keys:
        return
    for conflict in db.session.scalars(sa.select(Conflict).where(among(Conflict.key, keys))):
        conflict.status = "resolved"
        conflict.resolved_by_id = member_id
        conflict.resolved_at = utcnow()
        conflict.resolution = resolution
