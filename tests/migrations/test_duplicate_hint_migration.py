"""Duplicate hints across c9d4e7a2f816, which added "not the same camera" (`dismissed`, with
who and when): SQLite adds the organiser's foreign key by rebuilding the table, which must
keep every hint, and a downgrade keeps a dismissed pair unflagged."""

import datetime as dt
import uuid

import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from server import geo
from server.auth.models import Role
from server.auth.service import create_member
from server.extensions import db
from server.groups.models import Group, Walk
from server.observations.models import DuplicateHint, Observation
from server.schema_check import schema_differences
from tests.migrations.test_migrations import fresh_app  # noqa: F401  (a fixture)

BEFORE = "b8e4f2c7a915"


def hints_as_stored() -> list[tuple]:
    with db.engine.connect() as conn:
        query = "SELECT observation_a_id, observation_b_id, status FROM duplicate_hint ORDER BY id"
        return [tuple(row) for row in conn.execute(sa.text(query))]


def test_every_hint_comes_through_and_a_dismissed_pair_stays_unflagged_after_a_downgrade(
    fresh_app,  # noqa: F811
):
    upgrade(revision=BEFORE)
    group = Group(name="Noailles", slug=f"noailles-{uuid.uuid4().hex[:6]}")
    db.session.add(group)
    karim = create_member(group, "karim", Role.ORGANISER, "secret-pass")
    db.session.flush()
    walk = Walk(group_id=group.id, name="Noailles walk")
    db.session.add(walk)
    db.session.flush()
    cameras = [
        Observation(
            uuid=str(uuid.uuid4()),
            group_id=group.id,
            walk_id=walk.id,
            geom=geo.point_element(5.38 + index * 0.00003, 43.29),
            kind="camera",
        )
        for index in range(3)
    ]
    db.session.add_all(cameras)
    db.session.flush()
    a, b, c = (camera.id for camera in cameras)
    # The columns the table has before the migration, no more.
    db.session.execute(
        sa.insert(DuplicateHint.__table__),
        [
            {"group_id": group.id, "observation_a_id": a, "observation_b_id": b,
             "distance_m": 2.0, "status": "open"},
            {"group_id": group.id, "observation_a_id": a, "observation_b_id": c,
             "distance_m": 4.0, "status": "merged"},
        ],
    )  # fmt: skip
    db.session.commit()
    karim_id = karim.id
    db.session.remove()

    upgrade()
    up = hints_as_stored()
    held = db.session.scalars(sa.select(DuplicateHint).order_by(DuplicateHint.id)).all()
    assert [(h.dismissed_by_id, h.dismissed_at) for h in held] == [(None, None), (None, None)]
    held[0].status = DuplicateHint.DISMISSED
    held[0].dismissed_by_id = karim_id
    held[0].dismissed_at = dt.datetime(2026, 12, 5, 14, 0, tzinfo=dt.UTC)
    db.session.commit()
    db.session.remove()

    downgrade(revision=BEFORE)
    down = hints_as_stored()
    upgrade()

    assert up == [(a, b, "open"), (a, c, "merged")]
    # The earlier code flags only open hints: the pair she said were two stays unflagged.
    assert down == [(a, b, "dismissed"), (a, c, "merged")]
    assert hints_as_stored() == down
    with db.engine.connect() as conn:
        assert schema_differences(conn, db.metadata) == []
