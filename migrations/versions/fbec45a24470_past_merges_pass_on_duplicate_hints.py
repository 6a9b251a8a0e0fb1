"""past merges pass on duplicate hints: as if every merge had been made by today's code

A merge of A into B now passes A's duplicate hints with third records C to B
(sync/duplicates.py `hints_after_merge`, server/observations/organise.py `_move_hints`). Merges
made before left them on A: an open (A, C) still flagged C with a record merged away (C's card,
the phones' `duplicate_hints`, the organisers' duplicates list), and a dismissed one was lost
from C's card. This applies the same rule to what they left, so an upgraded instance looks as
if its merges had been made by today's code.

- Which groups: those holding a hint, not a merge's own (`merged`), that names a record merged
  away. Today's merges leave none, so a second run finds nothing to do.
- How: each such group's merges are replayed in the order they were made (the id of the
  merged-away record's `merge` revision; ids only grow), each passing the merged-away record's
  hints to its survivor as today's merge does. In that order a chain (A into B, then B into D)
  brings A's hints to D as two merges did, and a hint whose both records were merged away ends
  between the two cameras that stay. The rule sees the hints as they are now, not as they were
  on the day of the merge: a pair she decided since keeps what she decided, when the rule lets
  it stand (her "not the same camera" outweighs a guess, as in a merge).
- A moved hint's `distance_m` is measured between its two records where they stand now: the
  merge measured from the survivor as merged, a position no column keeps.
- Phones pull what changed: each record whose hints a replayed merge changed takes a revision,
  op `duplicate_merged` as a merge writes for the third records (payload `{"other": survivor,
  "merged": the record merged away}`, by the organiser who merged and when she did, received
  now), and its id as `seq`. The survivor and the record merged away take one as well: their
  merge gave them a seq then, but their hints change only now.

A migration is history: it does not import the app, whose rule may change after it. It keeps
its own copies of `hints_after_merge` and of the distance (`sync.geodesy.distance_m`), which
tests/migrations/test_past_merges_hints_migration.py checks against the app's.

Revision ID: fbec45a24470
Revises: c9d4e7a2f816
"""

import datetime
import math
import uuid
from collections import defaultdict

import sqlalchemy as sa
from alembic import op

revision = "fbec45a24470"
down_revision = "c9d4e7a2f816"
branch_labels = None
depends_on = None

OPEN, DISMISSED, MERGED = "open", "dismissed", "merged"
_DECIDED = {OPEN: 0, DISMISSED: 1, MERGED: 2}  # as sync/duplicates.py on 2026-12-05
EARTH_RADIUS_M = 6_371_008.8  # as sync/geodesy.py
IDS_PER_STATEMENT = 500  # well under SQLite's oldest limit of 999 parameters

observation = sa.table(
    "observation",
    sa.column("id", sa.Integer),
    sa.column("uuid", sa.String),
    sa.column("group_id", sa.Integer),
    sa.column("merged_into_id", sa.Integer),
    sa.column("version", sa.Integer),
    sa.column("seq", sa.Integer),
    sa.column("geom"),
)
hint_table = sa.table(
    "duplicate_hint",
    sa.column("id", sa.Integer),
    sa.column("group_id", sa.Integer),
    sa.column("observation_a_id", sa.Integer),
    sa.column("observation_b_id", sa.Integer),
    sa.column("distance_m", sa.Float),
    sa.column("status", sa.String),
)
revision_table = sa.table(
    "revision",
    sa.column("id", sa.Integer),
    sa.column("change_id", sa.String),
    sa.column("group_id", sa.Integer),
    sa.column("observation_uuid", sa.String),
    sa.column("observation_id", sa.Integer),
    sa.column("member_id", sa.Integer),
    sa.column("op", sa.String),
    sa.column("payload", sa.JSON),
    sa.column("made_at", sa.DateTime),
    sa.column("received_at", sa.DateTime),
    sa.column("status", sa.String),
    sa.column("result", sa.JSON),
    sa.column("version_after", sa.Integer),
)


def hints_after_merge(survivor: dict, other: dict) -> tuple[set, set]:
    """sync.duplicates.hints_after_merge as merges run it today: of the merged-away record's
    hints (`other`: third record -> status), those that pass to the survivor (replacing its
    own with that record) and those that go; a merge's own (`merged`) stays."""
    moved = {
        third
        for third, status in other.items()
        if status != MERGED and _DECIDED[status] > _DECIDED.get(survivor.get(third), -1)
    }
    dropped = {third for third, status in other.items() if status != MERGED} - moved
    return moved, dropped


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """sync.geodesy.distance_m: great-circle (haversine) distance in metres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    half_dphi = (phi2 - phi1) / 2
    half_dlambda = math.radians(lon2 - lon1) / 2
    a = math.sin(half_dphi) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(half_dlambda) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def upgrade():
    bind = op.get_bind()
    merged_away = sa.select(observation.c.id).where(observation.c.merged_into_id.is_not(None))
    stale = (
        sa.select(hint_table.c.group_id)
        .where(
            hint_table.c.status != MERGED,
            sa.or_(
                hint_table.c.observation_a_id.in_(merged_away),
                hint_table.c.observation_b_id.in_(merged_away),
            ),
        )
        .distinct()
        .order_by(hint_table.c.group_id)
    )
    for group_id in bind.scalars(stale).all():
        if bind.dialect.name == "postgresql":
            # The group's write lock, as every write of its observations takes it: a server
            # still running would otherwise commit a later seq before these, and a phone that
            # pulled it would skip these for ever (server/observations/writer.py).
            bind.execute(
                sa.text('SELECT id FROM "group" WHERE id = :id FOR UPDATE'), {"id": group_id}
            )
        _pass_on_hints(bind, group_id)


def downgrade():
    # Nothing to undo: the earlier code reads a moved hint as any other (a pair of two
    # records, flagged while open), and the pairs it left naming records merged away were
    # stale. The revisions stay, as history does.
    pass


class _Hints:
    """A group's hints touching its merges, by pair, as the replay leaves them."""

    def __init__(self, rows):
        self.rows = {}  # (a, b), a < b -> {"id", "status", "pair", "distance_m"}
        self.partners = defaultdict(set)
        for hint_id, a, b, status, distance in rows:
            row = {"id": hint_id, "status": status, "pair": (a, b), "distance_m": distance}
            self._put((a, b), row)
        self.original = {row["id"]: (row["pair"], row["status"]) for row in self.rows.values()}

    def _put(self, pair, row):
        self.rows[pair] = row
        self.partners[pair[0]].add(pair[1])
        self.partners[pair[1]].add(pair[0])

    def pop(self, one, other):
        pair = tuple(sorted((one, other)))
        self.partners[one].discard(other)
        self.partners[other].discard(one)
        return self.rows.pop(pair)

    def get(self, one, other):
        return self.rows.get(tuple(sorted((one, other))))

    def statuses(self, record, leaving_out) -> dict:
        return {
            third: self.get(record, third)["status"]
            for third in self.partners[record]
            if third != leaving_out
        }

    def merge(self, other, survivor) -> set:
        """Replay today's merge of `other` into `survivor`; the records whose hints changed."""
        changed = set()
        pair = self.get(other, survivor)
        if pair is not None and pair["status"] != MERGED:
            pair["status"] = MERGED  # the merge's own record, as today's merge marks it
            changed |= {other, survivor}
        moved, dropped = hints_after_merge(
            self.statuses(survivor, other), self.statuses(other, survivor)
        )
        for third in dropped:
            self.pop(other, third)
        for third in moved:
            if self.get(survivor, third) is not None:
                self.pop(survivor, third)
            row = self.pop(other, third)
            row["pair"] = tuple(sorted((survivor, third)))
            self._put(row["pair"], row)
        if moved or dropped:
            changed |= moved | dropped | {other, survivor}
        return changed


def _pass_on_hints(bind, group_id: int) -> None:
    tomb = observation.alias("tomb")
    last_merge = (
        sa.select(sa.func.max(revision_table.c.id))
        .where(
            revision_table.c.observation_uuid == tomb.c.uuid,
            revision_table.c.group_id == tomb.c.group_id,
            revision_table.c.op == "merge",
        )
        .scalar_subquery()
    )
    # The record merged away wrote its `merge` revision last of all its merges: it was the
    # survivor of the earlier ones. Every merge has written one; without it, the record's seq,
    # which that revision set.
    merge_revision = revision_table.alias("merge_revision")
    merges = bind.execute(
        sa.select(
            tomb.c.id,
            tomb.c.uuid,
            tomb.c.merged_into_id,
            sa.func.coalesce(merge_revision.c.id, tomb.c.seq).label("made"),
            merge_revision.c.member_id,
            merge_revision.c.made_at,
        )
        .select_from(tomb.outerjoin(merge_revision, merge_revision.c.id == last_merge))
        .where(tomb.c.group_id == group_id, tomb.c.merged_into_id.is_not(None))
    ).all()
    merges.sort(key=lambda merge: (merge.made, merge.id))
    members = sa.union(
        sa.select(observation.c.id).where(
            observation.c.group_id == group_id, observation.c.merged_into_id.is_not(None)
        ),
        sa.select(observation.c.merged_into_id).where(
            observation.c.group_id == group_id, observation.c.merged_into_id.is_not(None)
        ),
    )
    touching = sa.or_(
        hint_table.c.observation_a_id.in_(members), hint_table.c.observation_b_id.in_(members)
    )
    hints = _Hints(
        bind.execute(
            sa.select(
                hint_table.c.id,
                hint_table.c.observation_a_id,
                hint_table.c.observation_b_id,
                hint_table.c.status,
                hint_table.c.distance_m,
            ).where(hint_table.c.group_id == group_id, touching)
        ).all()
    )
    notes = []  # (record, the merge that changed its hints)
    for merge in merges:
        for record in sorted(hints.merge(merge.id, merge.merged_into_id)):
            notes.append((record, merge))
    _write_hints(bind, hints)
    _write_notes(bind, group_id, notes)


def _write_hints(bind, hints: _Hints) -> None:
    kept = {row["id"]: row for row in hints.rows.values()}
    gone = [{"hint_id": hint_id} for hint_id in hints.original if hint_id not in kept]
    # Those that go first: a moved hint may take the pair of one that goes.
    for start in range(0, len(gone), IDS_PER_STATEMENT):
        bind.execute(
            hint_table.delete().where(hint_table.c.id == sa.bindparam("hint_id")),
            gone[start : start + IDS_PER_STATEMENT],
        )
    changed = [
        row for row in kept.values() if hints.original[row["id"]] != (row["pair"], row["status"])
    ]
    moved = {row["id"] for row in changed if hints.original[row["id"]][0] != row["pair"]}
    places = _positions(
        bind, {side for row in changed if row["id"] in moved for side in row["pair"]}
    )
    updates = [
        {
            "hint_id": row["id"],
            "a": row["pair"][0],
            "b": row["pair"][1],
            "new_status": row["status"],
            "distance": (
                distance_m(*places[row["pair"][0]], *places[row["pair"][1]])
                if row["id"] in moved
                else row["distance_m"]
            ),
        }
        for row in changed
    ]
    for start in range(0, len(updates), IDS_PER_STATEMENT):
        bind.execute(
            hint_table.update()
            .where(hint_table.c.id == sa.bindparam("hint_id"))
            .values(
                observation_a_id=sa.bindparam("a"),
                observation_b_id=sa.bindparam("b"),
                status=sa.bindparam("new_status"),
                distance_m=sa.bindparam("distance"),
            ),
            updates[start : start + IDS_PER_STATEMENT],
        )


def _positions(bind, ids) -> dict:
    """(lat, lon) of each observation of `ids`."""
    found = {}
    ids = sorted(ids)
    for start in range(0, len(ids), IDS_PER_STATEMENT):
        query = sa.select(
            observation.c.id, sa.func.ST_Y(observation.c.geom), sa.func.ST_X(observation.c.geom)
        ).where(observation.c.id.in_(ids[start : start + IDS_PER_STATEMENT]))
        found.update((row_id, (lat, lon)) for row_id, lat, lon in bind.execute(query))
    return found


def _write_notes(bind, group_id: int, notes: list) -> None:
    """A `duplicate_merged` revision for each record a replayed merge changed the hints of,
    as today's merge writes for its third records, and its id as the record's seq."""
    ids = {record for record, _ in notes} | {merge.merged_into_id for _, merge in notes}
    records = {}
    for start in range(0, len(ids), IDS_PER_STATEMENT):
        batch = sorted(ids)[start : start + IDS_PER_STATEMENT]
        query = sa.select(observation.c.id, observation.c.uuid, observation.c.version)
        records.update(
            (row.id, row) for row in bind.execute(query.where(observation.c.id.in_(batch)))
        )
    received_at = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)  # naive UTC, as stored
    revisions = [
        {
            "change_id": str(uuid.uuid4()),
            "group_id": group_id,
            "observation_uuid": records[record].uuid,
            "observation_id": record,
            "member_id": merge.member_id,
            "op": "duplicate_merged",
            "payload": {"other": records[merge.merged_into_id].uuid, "merged": merge.uuid},
            "made_at": merge.made_at or received_at,
            "received_at": received_at,
            "status": "applied",
            "result": {},
            "version_after": records[record].version,
        }
        for record, merge in notes
    ]
    for start in range(0, len(revisions), IDS_PER_STATEMENT):
        batch = revisions[start : start + IDS_PER_STATEMENT]
        bind.execute(revision_table.insert(), batch)
        written = bind.execute(
            sa.select(revision_table.c.id, revision_table.c.observation_id).where(
                revision_table.c.change_id.in_([row["change_id"] for row in batch])
            )
        ).all()
        seqs = defaultdict(int)
        for revision_id, record in written:
            seqs[record] = max(seqs[record], revision_id)
        bind.execute(
            observation.update()
            .where(
                observation.c.id == sa.bindparam("record"),
                observation.c.seq < sa.bindparam("new_seq"),
            )
            .values(seq=sa.bindparam("new_seq")),
            [{"record": record, "new_seq": seq} for record, seq in seqs.items()],
        )
