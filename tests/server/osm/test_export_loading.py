"""How the export reads the database: a batch of the plan's rows is found by primary key.

Through the group's index instead, SQLite (which keeps no statistics unless asked) read every
row of the group for each batch of 500, and a 100,000-observation export took minutes.
"""

import io

import pytest
import sqlalchemy as sa

from server.exports.osc import Scope, export_osc
from server.extensions import db


@pytest.fixture
def statements():
    """(SQL, parameters) of every statement the app runs while the fixture is alive."""
    seen = []

    def keep(conn, cursor, statement, parameters, context, executemany):
        seen.append((statement, parameters))

    sa.event.listen(db.engine, "before_cursor_execute", keep)
    yield seen
    sa.event.remove(db.engine, "before_cursor_execute", keep)


def test_the_plan_reads_its_rows_by_primary_key_on_sqlite(app, group, add_observation, statements):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL plans from its statistics")
    for step in range(3):
        add_observation(group, 5.38 + step * 0.001, 43.29, operator="RTM")

    class Part:
        def __init__(self, number):
            self.out = io.BytesIO()

        def __enter__(self):
            return self.out

        def __exit__(self, *exc):
            return False

    for scope in (Scope.of_group(group.group), Scope.of_walk(group.walk)):
        statements.clear()
        export_osc(scope, Part)
        by_key = [(sql, params) for sql, params in statements if "observation.id IN" in sql]
        assert by_key
        for sql, params in by_key:
            plan = db.session.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + sql, params)
            assert "INTEGER PRIMARY KEY" in " ".join(row[-1] for row in plan), sql
