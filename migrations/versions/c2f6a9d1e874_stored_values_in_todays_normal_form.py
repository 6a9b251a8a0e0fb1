"""stored values in today's normal form: -0.0 stored before the sync wrote 0.0 reads 0.0

The sync stores -0.0 as 0.0 since cbd1c07 (sync/fields.py `_float`): PostgreSQL kept the sign,
SQLite dropped it, and one value read back as two. What was stored before still holds -0.0: in
`height_m` and `accuracy_m` on PostGIS, in the point's coordinates and in JSON text on both
engines (the approved copy, the history's payloads and answers, the conflicts' values). A pure
spelling change: each is rewritten as 0.0 in place, nothing else about the row moves.

The other rules that commit and the ones before it added are not spellings, and nothing here
touches what they refuse (docs/contract.md, "Values stored before a rule"):
- a survey day before 2015 or one still to come: kept; the export leaves it out
  (`past_survey_day`, `future_survey_day`), and the walker or an organiser corrects the day;
- more bearings than `MAX_DIRECTIONS`: kept; the export leaves the camera out (`bad_tags`, the
  tag would pass OSM's 255 characters), and any edit of the direction is judged anew;
- a time's lower-case `t`/`z` and ids in capitals: nothing to do, times are stored as times
  and ids were always stored lower-cased.

A migration is history: its rule is its own copy (`_signless`), checked against the app's
normal form by tests/migrations/test_negative_zero_migration.py. Rows are read in batches by
id, only those whose values may hold a -0.0 (a zero, or "-0.0" in the JSON text): a group may
hold 100,000 cameras, and far more revisions.

Downgrade does nothing: 0.0 and -0.0 are the same number, and which rows held which is not kept.

Revision ID: c2f6a9d1e874
Revises: b5f0c3e8a617
"""

import json
import math

import sqlalchemy as sa
from alembic import op
from geoalchemy2 import Geometry
from geoalchemy2.elements import WKTElement

revision = "c2f6a9d1e874"
down_revision = "b5f0c3e8a617"
branch_labels = None
depends_on = None

ROWS_PER_BATCH = 1000
SRID = 4326

# Every JSON column that keeps a copy of surveyed values: (table, column).
JSON_COPIES = (
    ("observation", "approved"),
    ("observation", "direction"),
    ("revision", "payload"),
    ("revision", "result"),
    ("conflict", "base_value"),
    ("conflict", "sides"),
    ("conflict", "provisional_value"),
    ("conflict", "resolution"),
)


def _signless(value):
    """`value` with every -0.0 in it written 0.0 (adding 0.0, as sync/fields.py `_float`)."""
    if isinstance(value, float):
        return value + 0.0
    if isinstance(value, dict):
        return {key: _signless(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_signless(item) for item in value]
    return value


def _negative_zero(value) -> bool:
    return value == 0 and math.copysign(1.0, value) < 0


def _batches(connection, query, id_column):
    """The rows of `query`, ROWS_PER_BATCH at a time, by increasing id (`id_column` first)."""
    last = 0
    while True:
        rows = connection.execute(
            query.where(id_column > last).order_by(id_column).limit(ROWS_PER_BATCH)
        ).all()
        if not rows:
            return
        yield rows
        last = rows[-1][0]


def _observation_numbers(connection):
    observation = sa.table(
        "observation",
        sa.column("id", sa.Integer),
        sa.column("geom", Geometry("POINT", srid=SRID)),
        sa.column("accuracy_m", sa.Float),
        sa.column("height_m", sa.Float),
    )
    t = observation.c
    lon, lat = sa.func.ST_X(t.geom), sa.func.ST_Y(t.geom)
    query = sa.select(t.id, lon, lat, t.accuracy_m, t.height_m).where(
        sa.or_(lon == 0, lat == 0, t.accuracy_m == 0, t.height_m == 0)
    )
    for rows in _batches(connection, query, t.id):
        for row_id, x, y, accuracy, height in rows:
            values = {}
            if _negative_zero(x) or _negative_zero(y):
                values["geom"] = WKTElement(f"POINT({x + 0.0!r} {y + 0.0!r})", srid=SRID)
            for name, number in (("accuracy_m", accuracy), ("height_m", height)):
                if number is not None and _negative_zero(number):
                    values[name] = 0.0
            if values:
                connection.execute(observation.update().where(t.id == row_id).values(**values))


def _json_copy(connection, table_name: str, column_name: str):
    table = sa.table(table_name, sa.column("id", sa.Integer), sa.column(column_name, sa.JSON))
    column = table.c[column_name]
    # The JSON text as SQLAlchemy wrote it (json.dumps; kept as text by PostgreSQL's json and
    # by SQLite) spells -0.0 "-0.0": only rows holding that are read, not every day and time
    # ("2025-06-01", "-03:00"). A -0.05 or a note saying "-0.0" is read too, and left as is.
    query = sa.select(table.c.id, column).where(sa.cast(column, sa.Text).like("%-0.0%"))
    for rows in _batches(connection, query, table.c.id):
        changed = []
        for row_id, value in rows:
            # Read as JSON by the column's type: a string here is a walker's text, never
            # JSON to read again (a note saying "-0.0" stays a note).
            signless = _signless(value)
            if json.dumps(signless) != json.dumps(value):
                changed.append({"row_id": row_id, "value": signless})
        if changed:
            connection.execute(
                table.update()
                .where(table.c.id == sa.bindparam("row_id"))
                .values({column_name: sa.bindparam("value", type_=sa.JSON)}),
                changed,
            )


def upgrade():
    connection = op.get_bind()
    _observation_numbers(connection)
    for table_name, column_name in JSON_COPIES:
        _json_copy(connection, table_name, column_name)


def downgrade():
    pass  # see the module docstring: the same numbers, and the sign was never meaningful
