"""server/sql.py: `among`, an IN condition that costs PostgreSQL one parameter."""

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from server.auth.models import Member
from server.extensions import db
from server.sql import among

# Past the 50 placeholders up to which psycopg caches the statements it parsed.
UNKNOWN = 200


def test_among_finds_what_in_finds_for_numbers_and_texts(group, engine_name):
    members = db.session.scalars(sa.select(Member).where(Member.group_id == group.id)).all()
    assert len(members) == 2
    ids = [m.id for m in members] + [10**9 + i for i in range(UNKNOWN)]
    names = [m.pseudonym for m in members] + [f"nobody-{i}" for i in range(UNKNOWN)]

    def found(condition):
        return sorted(db.session.scalars(sa.select(Member.id).where(condition)))

    expected = sorted(m.id for m in members)
    assert found(among(Member.id, ids)) == found(Member.id.in_(ids)) == expected
    assert found(among(Member.pseudonym, set(names))) == expected
    assert found(among(Member.id, [])) == found(Member.id.in_([])) == []


def test_on_postgresql_the_values_go_as_one_array_parameter(group, engine_name):
    sent = []

    def record(conn, cursor, statement, parameters, context, executemany):
        sent.append((statement, parameters))

    names = [f"nobody-{i}" for i in range(UNKNOWN)]
    event.listen(db.engine, "before_cursor_execute", record)
    try:
        db.session.scalars(sa.select(Member.id).where(among(Member.pseudonym, names))).all()
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    (statement, parameters), *_ = [s for s in sent if "FROM member" in s[0]]
    if engine_name == "postgis":
        assert "ANY" in statement
        assert list(parameters.values()) == [names]
    else:
        assert len(parameters) == UNKNOWN


def test_a_sqlite_statement_is_held_to_sqlites_default_number_of_values(app, engine_name):
    """Debian's SQLite takes 250,000 values a statement, SQLite's default 32,766: every
    connection is held to the default, so that a list of ids with no bound fails in the
    tests, not only past 250,000 or on another build (server/database.py)."""
    if engine_name != "spatialite":
        pytest.skip("an SQLite limit")
    from server.database import SQLITE_MAX_PARAMETERS

    def names(count):
        query = sa.select(Member.id).where(Member.id.in_(range(count)))
        return db.session.scalars(query).all()

    assert names(SQLITE_MAX_PARAMETERS) == []
    with pytest.raises(sa.exc.OperationalError, match="too many SQL variables"):
        names(SQLITE_MAX_PARAMETERS + 1)
