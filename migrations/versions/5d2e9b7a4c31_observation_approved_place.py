"""observation approved place: the approved copy's place-order key, for exports in order

- `observation.approved_place`: the Hilbert index (sync/order.py `place_cell`) of the approved
  copy's position, null while nothing is approved; indexed with the group, so an export reads a
  group's cameras already in place order instead of sorting them all in memory.
- Filled here for every approved observation. A migration is history: it does not import the
  app, so the index is computed by its own copy of the curve's definition
  (`hilbert_index_by_bit`); tests/migrations/test_approved_place_migration.py checks that it
  gives what the app writes.

Revision ID: 5d2e9b7a4c31
Revises: c4e8a1f7d203
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "5d2e9b7a4c31"
down_revision = "c4e8a1f7d203"
branch_labels = None
depends_on = None

ORDER = 24  # bits per axis, as sync/order.py HILBERT_ORDER
ROWS_PER_BATCH = 1000


def _cell(offset: float, span: float) -> int:
    side = 1 << ORDER
    return min(side - 1, max(0, int(offset / span * side)))


def _hilbert(x: int, y: int) -> int:
    side = 1 << ORDER
    index, half = 0, side >> 1
    while half:
        right = 1 if x & half else 0
        up = 1 if y & half else 0
        index += half * half * ((3 * right) ^ up)
        if up == 0:
            if right == 1:
                x, y = side - 1 - x, side - 1 - y
            x, y = y, x
        half >>= 1
    return index


def place_of(approved) -> int | None:
    if isinstance(approved, str):
        approved = json.loads(approved)
    position = (approved or {}).get("position") or {}
    lon, lat = position.get("lon"), position.get("lat")
    if lon is None or lat is None:
        return None
    return _hilbert(_cell(lon + 180.0, 360.0), _cell(lat + 90.0, 180.0))


# Plain ALTER TABLE on both engines (never a batch copy of observation: photo links and
# revisions cascade from it on SQLite).
def upgrade():
    op.add_column("observation", sa.Column("approved_place", sa.BigInteger(), nullable=True))
    connection = op.get_bind()
    observation = sa.table(
        "observation",
        sa.column("id", sa.Integer),
        sa.column("approved", sa.JSON),
        sa.column("approved_place", sa.BigInteger),
    )
    last = 0
    while True:
        rows = connection.execute(
            sa.select(observation.c.id, observation.c.approved)
            .where(observation.c.id > last, observation.c.approved.is_not(None))
            .order_by(observation.c.id)
            .limit(ROWS_PER_BATCH)
        ).all()
        if not rows:
            break
        keys = [{"row_id": row_id, "place": place_of(approved)} for row_id, approved in rows]
        connection.execute(
            observation.update()
            .where(observation.c.id == sa.bindparam("row_id"))
            .values(approved_place=sa.bindparam("place")),
            keys,
        )
        last = rows[-1][0]
    op.create_index(
        "ix_observation_group_id_approved_place", "observation", ["group_id", "approved_place"]
    )


def downgrade():
    op.drop_index("ix_observation_group_id_approved_place", table_name="observation")
    op.drop_column("observation", "approved_place")
