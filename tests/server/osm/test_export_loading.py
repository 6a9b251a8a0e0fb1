"""How the export reads the database: the plan's rows come in place order from the index on
(group_id, approved_place), so nothing sorts the whole group (not Python, not SQLite's
temporary tree), and the approved copy keeps its place key whoever writes it."""

import gc
import io
import json
import math
import threading

import pytest
import sqlalchemy as sa

from server.exports.osc import Scope, export_osc
from server.extensions import db
from server.observations.models import Observation, read_copy
from sync.order import approved_place, place_cell


class Part:
    def __init__(self, number):
        self.out = io.BytesIO()

    def __enter__(self):
        return self.out

    def __exit__(self, *exc):
        return False


def sqlite_plan(sql: str, params) -> str:
    """What SQLite's EXPLAIN QUERY PLAN says of one statement, as one line."""
    plan = db.session.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + sql, params)
    return " ".join(row[-1] for row in plan)


def sqlite_plans_of_observation_reads(statements) -> list[tuple[str, str]]:
    """(SQL, plan) of every SELECT the statements ran on the observation table."""
    return [
        (sql, sqlite_plan(sql, params))
        for sql, params in list(statements)
        if sql.startswith("SELECT") and "FROM observation" in sql
    ]


@pytest.fixture
def three_on_sqlite(app, group, add_observation):
    """The group with three approved cameras, on SQLite only (PostgreSQL plans from its
    statistics, which three rows do not make)."""
    if db.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL plans from its statistics")
    for step in range(3):
        add_observation(group, 5.38 + step * 0.001, 43.29, operator="RTM")
    return group


def test_the_plan_reads_its_rows_in_place_order_from_the_index_on_sqlite(
    three_on_sqlite, statements
):
    group = three_on_sqlite

    for scope in (Scope.of_group(group.group), Scope.of_walk(group.walk)):
        statements.clear()
        export_osc(scope, Part)
        ordered = [
            (sql, p) for sql, p in statements if "ORDER BY observation.approved_place" in sql
        ]
        assert len(ordered) == 2  # the matching's pass, then the plan's
        for sql, plan in sqlite_plans_of_observation_reads(statements):
            assert "TEMP B-TREE" not in plan, sql
        for sql, params in ordered:
            assert "ix_observation_group_id_approved_place" in sqlite_plan(sql, params)


def test_every_write_of_the_approved_copy_keeps_its_place_key(app, group, add_observation):
    row = add_observation(group, 5.38, 43.29)
    assert row.approved_place == place_cell(5.38, 43.29)
    moved = {**row.approved, "position": {"lat": 48.85, "lon": 2.35, "accuracy_m": None}}
    row.approved = moved
    db.session.commit()
    stored = db.session.scalar(
        sa.select(Observation.approved_place).where(Observation.id == row.id)
    )
    assert stored == place_cell(2.35, 48.85) == approved_place(moved)
    row.approved = None
    db.session.commit()
    assert row.approved_place is None


def test_rows_written_without_their_place_key_are_still_exported_in_place_order(
    app, group, add_observation
):
    # An approved copy written around the ORM (a bulk import) has no key: the export must
    # neither drop it nor misplace it, only order it in memory.
    for step in range(6):
        add_observation(group, 5.38 + (step % 3) * 0.01, 43.29 + step * 0.001, operator="RTM")
    scope = Scope.of_group(group.group)
    keyed = Part(0)
    export_osc(scope, lambda number: keyed)
    ids = db.session.scalars(sa.select(Observation.id).order_by(Observation.id)).all()
    db.session.execute(
        sa.update(Observation).where(Observation.id.in_(ids[::2])).values(approved_place=None)
    )
    db.session.commit()
    unkeyed = Part(0)
    export_osc(scope, lambda number: unkeyed)

    assert unkeyed.out.getvalue() == keyed.out.getvalue()
    assert keyed.out.getvalue().count(b"<node ") == 6


def test_sqlite_reads_a_whole_group_in_table_order_and_the_links_by_their_index(
    three_on_sqlite, statements
):
    group = three_on_sqlite

    export_osc(Scope.of_group(group.group), Part)
    indexes = [
        plan
        for sql, plan in sqlite_plans_of_observation_reads(statements)
        if "ORDER BY" not in sql
    ]
    # The place index would fetch every row out of table order: the whole-group read that
    # needs no order (the area's box) goes through (group_id, seq), the links through theirs.
    assert any("ix_observation_group_id_seq" in plan for plan in indexes)
    assert any("ix_observation_osm_node_id" in plan for plan in indexes)
    assert not any(
        "ix_observation_group_id_approved_place (group_id=?)" in plan for plan in indexes
    )


def test_read_copy_reads_as_json_loads_does():
    text = json.dumps(
        {"kind": "camera", "direction": [353, 10], "height_m": 4.5, "osm_node_id": 2**40,
         "operator": "Mairie & Cie \u00e9", "position": {"lat": 43.3036266, "lon": -0.0}}
    )  # fmt: skip
    assert read_copy(text) == json.loads(text)
    # What orjson refuses and json.loads reads: still read, the same way.
    assert read_copy('{"model": "\\ud800"}') == {"model": "\ud800"}
    assert math.isnan(read_copy('{"height_m": NaN}')["height_m"])


def test_the_export_pauses_the_cycle_collector_while_it_streams_and_resumes_it(
    app, group, add_observation, monkeypatch
):
    from server.exports import osc

    add_observation(group, 5.38, 43.29, operator="RTM")
    seen = []
    plan = osc.plan_scope

    def watched(*args, **kwargs):
        seen.append(gc.isenabled())
        matching, actions = plan(*args, **kwargs)
        return matching, (seen.append(gc.isenabled()) or action for action in actions)

    monkeypatch.setattr(osc, "plan_scope", watched)
    assert gc.isenabled()
    export_osc(Scope.of_group(group.group), Part)
    assert seen and not any(seen)  # paused while matching and while writing every action
    assert gc.isenabled()


def test_read_ahead_hands_every_row_in_order_and_stops_with_its_reader(
    app, group, add_observation, monkeypatch
):
    from server.exports import osc

    monkeypatch.setattr(osc, "ROWS_PER_FETCH", 2)  # several batches from a few rows
    for step in range(7):
        add_observation(group, 5.38 + step * 0.001, 43.29)
    query = (
        sa.select(Observation.id)
        .where(Observation.group_id == group.group.id)
        .order_by(Observation.id)
        .execution_options(yield_per=2)
    )
    expected = list(db.session.scalars(query))
    assert [row_id for (row_id,) in osc.read_ahead(query)] == expected
    # Left after one row: the reader stops, and the session's connection works on.
    rows = osc.read_ahead(query)
    assert next(rows)[0] == expected[0]
    rows.close()
    assert not any(thread.name == "export-read-ahead" for thread in threading.enumerate())
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Observation)) == 7


def test_read_ahead_raises_the_database_error(app, group):
    from server.exports import osc

    broken = sa.select(sa.text("no_such_column FROM observation")).execution_options(yield_per=2)
    with pytest.raises(sa.exc.DBAPIError):
        list(osc.read_ahead(broken))


def test_the_cameras_only_an_approved_copy_links_are_read_in_batches(app, group):
    """The matcher reads the cameras that only an approved copy links to as it meets them:
    nothing bounds them, so never one statement naming more ids than SQLite takes
    (server/database.py). Made-up ids pad a real one past that limit."""
    from server.database import SQLITE_MAX_PARAMETERS
    from server.exports.osc import _ScopeCameras
    from server.osm.service import store_node

    store_node(501, 4, 5.3812345, 43.2961234, {"man_made": "surveillance"})
    db.session.commit()
    cameras = _ScopeCameras.read(Scope(group.id, None, ""))
    made_up = set(range(-SQLITE_MAX_PARAMETERS - 1, 0))

    assert cameras.nodes == {}
    assert cameras.add_links({501} | made_up) is True
    assert list(cameras.nodes) == [501] and cameras.add_links(made_up) is False
