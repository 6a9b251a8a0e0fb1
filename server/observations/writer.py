"""The writes of one transaction, sent to the database in a few flushes instead of several
per change.

A revision's id is the seq of the write it makes, so writing it at once meant a flush per
change, and every query in between flushed again: that was most of a push's time. The writer
keeps what each change decided and, in `finish`, inserts the observation rows, then the
revisions in the order the changes came (so their ids grow in that order), gives each written
observation the id of its last revision as seq, and only then adds what needs ids: conflict
records, duplicate hints, photo links. Nothing between two changes reads back what an earlier
one wrote: the push keeps the states it wrote (`server.observations.push`).
"""

import sqlalchemy as sa

from server.extensions import db
from server.observations import convert, store
from server.observations.models import Conflict, DuplicateHint, Observation, Revision
from server.types import utcnow
from sync.changes import ObservationState, Outcome


class BatchWriter:
    def __init__(self, group_id: int):
        self.group_id = group_id
        self._revisions: dict[int, tuple[Revision, Observation | None]] = {}
        self._seqs: list[tuple[Observation, Revision]] = []
        self._last_state: dict[int, tuple[Observation, ObservationState]] = {}
        self._photos_moved: set[int] = set()
        self._conflicts: list[tuple] = []
        self._closes: list[tuple] = []
        self._hints: list[tuple[Observation, Observation, float]] = []

    def add_revision(self, observation_uuid: str, row: Observation | None, **columns):
        columns.setdefault("result", {})
        revision = Revision(group_id=self.group_id, observation_uuid=observation_uuid, **columns)
        self._revisions[id(revision)] = (revision, row)
        return revision

    def write_state(
        self,
        row: Observation | None,
        state: ObservationState,
        revision: Revision,
        previous: ObservationState | None,
        created_by_id: int | None = None,
    ) -> Observation:
        """Write `state` to its row (made if new); its seq is set by `finish`."""
        previous_photos = previous.photos if previous is not None else frozenset()
        reviewed = row is not None and row.review_status != state.fields.get("review_status")
        if row is None:
            row = Observation(uuid=state.id, group_id=self.group_id, walk_id=state.walk_id, seq=0)
            row.created_by_id = created_by_id
            db.session.add(row)
        convert.write_fields(row, state)
        if reviewed:
            row.reviewed_by_id, row.reviewed_at = revision.member_id, utcnow()
        row.updated_at = utcnow()
        self.move_seq(row, revision)
        self._last_state[id(row)] = (row, state)
        if state.photos != previous_photos:
            self._photos_moved.add(id(row))
        return row

    def move_seq(self, row: Observation, revision: Revision) -> None:
        """`row` takes `revision`'s id as seq, so that every client pulls it again."""
        self._revisions[id(revision)] = (revision, row)
        self._seqs.append((row, revision))

    def open_conflicts(self, outcome: Outcome, row: Observation, bases: dict) -> None:
        for record in outcome.conflicts:
            self._conflicts.append((record, row, bases.get(record.field)))

    def close_conflicts(self, keys, member_id: int | None, resolution: dict) -> None:
        if keys:
            self._closes.append((tuple(keys), member_id, resolution))

    def add_hint(self, new: Observation, other: Observation, distance_m: float) -> None:
        self._hints.append((new, other, distance_m))

    def finish(self) -> None:
        db.session.flush()  # new observation rows get their ids
        for revision, row in self._revisions.values():
            if row is not None:
                revision.observation_id = row.id
        db.session.add_all(revision for revision, _ in self._revisions.values())
        db.session.flush()  # revision ids, in the order of the changes
        for row, revision in self._seqs:
            row.seq = max(row.seq or 0, revision.id)
        for key in self._photos_moved:
            row, state = self._last_state[key]
            store.write_photos(self.group_id, row, state)
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
        for keys, member_id, resolution in self._closes:
            store.close_conflicts(keys, member_id, resolution)
        db.session.flush()

    def _add_conflicts(self) -> None:
        """New conflict records; a key already stored is left as it is (a retried change)."""
        if not self._conflicts:
            return
        keys = {record.key for record, _, _ in self._conflicts}
        stored = set(db.session.scalars(sa.select(Conflict.key).where(Conflict.key.in_(keys))))
        names = store.pseudonyms(
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
