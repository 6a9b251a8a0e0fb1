"""observation.approved_place across its migration: the backfill gives every approved row the
key the app's write path gives it (the migration keeps its own copy of the curve)."""

import random

import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from server import geo
from server.extensions import db
from server.groups.models import Group, Walk
from server.observations.models import Observation
from tests.migrations.test_migrations import fresh_app  # noqa: F401  (a fixture)

BEFORE = "c4e8a1f7d203"


def approved_copy(lon: float, lat: float) -> dict:
    return {"kind": "camera", "position": {"lat": lat, "lon": lon, "accuracy_m": None}}


def test_the_backfill_gives_each_approved_row_the_key_the_write_path_gives_it(
    fresh_app,  # noqa: F811
):
    upgrade(revision=BEFORE)
    rng = random.Random(19)
    # Around the globe and on its edges, where a copy of the curve would first go wrong.
    places = [(rng.uniform(-180, 180), rng.uniform(-90, 90)) for _ in range(60)]
    places += [(-180.0, -90.0), (180.0, 90.0), (0.0, 0.0), (5.3812345, 43.2912345)]
    with db.engine.begin() as conn:
        conn.execute(sa.insert(Group.__table__), [{"id": 1, "name": "G", "slug": "g"}])
        conn.execute(sa.insert(Walk.__table__), [{"id": 1, "group_id": 1, "name": "W"}])
        rows = [
            {"uuid": f"00000000-0000-4000-8000-{index:012d}", "group_id": 1, "walk_id": 1,
             "geom": geo.point_element(lon, lat), "approved": approved_copy(lon, lat)}
            for index, (lon, lat) in enumerate(places)
        ]  # fmt: skip
        rows.append({**rows[0], "uuid": "00000000-0000-4000-8000-999999999999", "approved": None})
        conn.execute(sa.insert(Observation.__table__), rows)

    upgrade()

    found = db.session.scalars(sa.select(Observation).order_by(Observation.id)).all()
    assert [row.approved_place is None for row in found] == [False] * len(places) + [True]
    backfilled = [row.approved_place for row in found]
    for row in found:  # the write path: the ORM's "set" listener on `approved`
        row.approved = None if row.approved is None else dict(row.approved)
    db.session.commit()
    written = db.session.scalars(sa.select(Observation.approved_place).order_by(Observation.id))
    assert list(written) == backfilled
    assert len(set(backfilled[: len(places)])) == len(places)
    db.session.remove()

    downgrade(revision=BEFORE)
    columns = {column["name"] for column in sa.inspect(db.engine).get_columns("observation")}
    assert "approved_place" not in columns
    upgrade()
