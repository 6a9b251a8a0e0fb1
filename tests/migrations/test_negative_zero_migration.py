"""Values stored before the sync wrote -0.0 as 0.0, across the migration that rewrites them: every
copy a row keeps reads as the sync's normal form (sync/fields.py), and what today's rules refuse
but a walker stored before (65 bearings, a day in 1970) is kept as it was."""

import datetime as dt
import json
import math

import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from server import geo
from server.extensions import db
from server.groups.models import Group, Walk
from server.observations.models import Conflict, Observation, Revision
from sync import fields as observation_fields
from tests.migrations.test_migrations import fresh_app  # noqa: F401  (a fixture)

BEFORE = "b5f0c3e8a617"
# More than the migration's batch of 1,000, so that its batches meet rows on both sides.
ROWS = 2100
MANY_BEARINGS = list(range(0, 65 * 5, 5))
SIGNED = {"lat": -0.0, "lon": -0.0, "accuracy_m": -0.0}


def negative_zeros(value) -> list:
    """Every -0.0 in a JSON value."""
    if isinstance(value, float):
        return [value] if value == 0 and math.copysign(1.0, value) < 0 else []
    if isinstance(value, dict):
        return [zero for item in value.values() for zero in negative_zeros(item)]
    if isinstance(value, list):
        return [zero for item in value for zero in negative_zeros(item)]
    return []


def approved_copy(index: int) -> dict:
    if index % 2:  # a clean row, whose -0.05 a search of the text for "-0.0" also finds
        return {"kind": "camera", "position": {"lat": 43.3, "lon": -0.05, "accuracy_m": 4.0}}
    return {"kind": "camera", "position": SIGNED, "height_m": -0.0, "direction": [0, 90]}


def observation(index: int) -> dict:
    signed = index % 2 == 0
    return {
        "id": index + 1,
        "uuid": f"00000000-0000-4000-8000-{index:012d}",
        "group_id": 1,
        "walk_id": 1,
        "geom": geo.point_element(-0.0 if signed else -0.05, 43.3),
        "accuracy_m": -0.0 if signed else 4.0,
        "height_m": -0.0 if signed else 0.0,
        "direction": [0, 90],
        "surveyed_on": dt.date(2025, 6, 1),
        "approved": approved_copy(index),
    }


def refused_today() -> dict:
    """A camera stored before today's rules refused 65 bearings and a day before 2015."""
    return {
        **observation(ROWS),
        "id": ROWS + 1,
        "direction": MANY_BEARINGS,
        "surveyed_on": dt.date(1970, 1, 1),
        "approved": {"kind": "camera", "direction": MANY_BEARINGS, "surveyed_on": "1970-01-01"},
    }


def revision(index: int, payload: dict) -> dict:
    return {
        "change_id": f"10000000-0000-4000-8000-{index:012d}",
        "group_id": 1,
        "observation_uuid": observation(0)["uuid"],
        "observation_id": 1,
        "op": "update",
        "payload": payload,
        "status": "applied",
        "result": {"status": "applied", "version": 2, "height_m": -0.0},
    }


def conflict() -> dict:
    side = {"change_id": "c", "member_id": None, "organiser": False, "made_at": None}
    return {
        "key": "k1",
        "group_id": 1,
        "observation_id": 1,
        "field": "position",
        "base_value": {"value": SIGNED},
        "sides": [{**side, "value": SIGNED}, {**side, "value": {**SIGNED, "lat": 43.3}}],
        "provisional_value": {"value": SIGNED},
        "status": "resolved",
        "resolution": {"value": {"height_m": -0.0}},
    }


def store_rows_from_before_the_rule():
    with db.engine.begin() as conn:
        conn.execute(sa.insert(Group.__table__), [{"id": 1, "name": "G", "slug": "g"}])
        conn.execute(sa.insert(Walk.__table__), [{"id": 1, "group_id": 1, "name": "W"}])
        rows = [observation(index) for index in range(ROWS)] + [refused_today()]
        conn.execute(sa.insert(Observation.__table__), rows)
        edit = {"made_at": "2025-06-01T10:00:00+02:00", "fields": {}}
        conn.execute(
            sa.insert(Revision.__table__),
            [
                revision(0, {**edit, "fields": {"height_m": {"old": -0.0, "new": 3.0}}}),
                revision(1, {**edit, "fields": {"position": SIGNED, "kind": "camera"}}),
                revision(2, {**edit, "fields": {"operator": {"old": None, "new": "-0.0 m"}}}),
            ],
        )
        conn.execute(sa.insert(Conflict.__table__), [conflict()])


def json_copies(conn) -> dict:
    """Every JSON copy of values the migration reads, by (table, column, row id)."""
    copies = {}
    for model, names in (
        (Observation, ("approved", "direction")),
        (Revision, ("payload", "result")),
        (Conflict, ("base_value", "sides", "provisional_value", "resolution")),
    ):
        table = model.__table__
        for name in names:
            for row_id, value in conn.execute(sa.select(table.c.id, table.c[name])):
                copies[(table.name, name, row_id)] = value
    return copies


def numbers(conn) -> dict:
    t = Observation.__table__.c
    query = sa.select(t.id, sa.func.ST_X(t.geom), sa.func.ST_Y(t.geom), t.accuracy_m, t.height_m)
    return {row[0]: tuple(row[1:]) for row in conn.execute(query)}


def test_every_copy_of_a_negative_zero_reads_as_the_sync_stores_it_and_nothing_else_moves(
    fresh_app,  # noqa: F811
):
    upgrade(revision=BEFORE)
    store_rows_from_before_the_rule()
    with db.engine.connect() as conn:
        copies_before, numbers_before = json_copies(conn), numbers(conn)
    # The JSON text keeps the sign on both engines; the columns on PostGIS only.
    assert sum(bool(negative_zeros(v)) for v in copies_before.values()) == ROWS // 2 + 9

    upgrade()

    with db.engine.connect() as conn:
        copies_after, numbers_after = json_copies(conn), numbers(conn)
        text = conn.execute(sa.select(sa.cast(Revision.__table__.c.payload, sa.Text))).scalars()
        payload_text = list(text)
    assert copies_after == copies_before  # -0.0 == 0.0: the same values, and no other moved
    assert [key for key, v in copies_after.items() if negative_zeros(v)] == []
    assert numbers_after == numbers_before
    assert [i for i, row in numbers_after.items() if negative_zeros(list(row))] == []
    assert any('"-0.0 m"' in payload for payload in payload_text)  # a walker's text is hers

    # Each approved copy is now what the sync's normal form makes of it (sync/fields.py).
    for (table, name, _), value in copies_after.items():
        if (table, name) == ("observation", "approved"):
            normal = {field: observation_fields.normalise(field, v) for field, v in value.items()}
            assert json.dumps(value) == json.dumps(normal)

    kept = db.session.get(Observation, ROWS + 1)
    assert (kept.direction, kept.surveyed_on) == (MANY_BEARINGS, dt.date(1970, 1, 1))
    assert kept.approved["direction"] == MANY_BEARINGS
    db.session.remove()

    downgrade(revision=BEFORE)  # nothing to undo: the same numbers
    upgrade()
