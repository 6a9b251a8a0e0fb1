"""Photos across d4a8f1c6e293, which added `photo.public_name`: every photo and its choice to
publish come through both ways, a photo published before it has no name yet (the server names
it the first time it hands the name out: tests/server/photos/test_public_name.py), and a
downgrade drops only the names, which the earlier code works out again from the secret."""

import datetime as dt
import uuid

import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from server.extensions import db
from server.groups.models import Group
from server.schema_check import schema_differences
from tests.migrations.test_migrations import fresh_app  # noqa: F401  (a fixture)

BEFORE = "fbec45a24470"


def photos_as_stored() -> list[tuple]:
    with db.engine.connect() as conn:
        query = "SELECT sha256, public, blur FROM photo ORDER BY id"
        return [(sha, bool(public), blur) for sha, public, blur in conn.execute(sa.text(query))]


def test_every_photo_keeps_its_publication_and_only_the_names_come_and_go(fresh_app):  # noqa: F811
    upgrade(revision=BEFORE)
    group = Group(name="Noailles", slug=f"noailles-{uuid.uuid4().hex[:6]}")
    db.session.add(group)
    db.session.flush()
    made = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    kept = {"group_id": group.id, "media_type": "image/jpeg", "size_bytes": 10,
            "original_kept": False, "created_at": made}  # fmt: skip
    photo = sa.table(
        "photo",
        *(sa.column(name) for name in ("sha256", *kept)),
        sa.column("public", sa.Boolean),
        sa.column("blur", sa.JSON),
    )
    # The columns the table has before the migration, no more.
    db.session.execute(
        sa.insert(photo),
        [
            {**kept, "sha256": "a" * 64, "public": True, "blur": [[0.1, 0.1, 0.2, 0.2]]},
            {**kept, "sha256": "b" * 64, "public": False, "blur": None},
        ],
    )
    db.session.commit()
    before = photos_as_stored()
    db.session.remove()

    upgrade()
    with db.engine.begin() as conn:
        names = conn.execute(sa.text("SELECT public_name FROM photo ORDER BY id")).scalars().all()
        conn.execute(sa.text("UPDATE photo SET public_name = :n WHERE public"), {"n": "c" * 32})
    up = photos_as_stored()
    downgrade(revision=BEFORE)
    down = photos_as_stored()
    with db.engine.connect() as conn:
        columns = {column["name"] for column in sa.inspect(conn).get_columns("photo")}
    upgrade()

    assert names == [None, None]
    assert before == up == down
    assert "public_name" not in columns
    with db.engine.connect() as conn:
        assert schema_differences(conn, db.metadata) == []
