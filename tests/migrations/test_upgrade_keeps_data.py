"""Databases made by earlier versions of camwalk upgrade without losing a row or an author.

SQLite alters a table by building a new one and dropping the old; with foreign keys on, the
drop cascaded: the upgrade deleted every device token (b3f7c2a91e55 rebuilds `member`) and
every photo link (d5e2a7c90f13 rebuilds `photo`), and cleared every author column, while
upgrades from empty, which every other test runs, saw nothing (migrations/env.py).

The two databases in data/ were made by camwalk itself, as it was at commits e273448
(2026-11-22, schema c4d81f2a6e07) and e87a26d (2026-12-01, schema e8b41f6c2d37): the demo
walk, then a walker's photo and edit, an organiser's conflicting edit, an approval and an
osmChange export. SpatiaLite only: PostgreSQL alters tables in place.
"""

import gzip
import shutil
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from server import create_app
from server.auth.models import Member
from server.auth.service import issue_token
from server.extensions import db

DATA = Path(__file__).resolve().parent / "data"
# What must come through: every row of these tables, and every author these columns name.
KEPT_TABLES = ["member", "device_token", "invite", "walk", "observation", "revision", "photo",
               "conflict", "export"]  # fmt: skip
AUTHORS = ["observation.created_by_id", "observation.reviewed_by_id", "revision.member_id",
           "photo.uploaded_by_id", "invite.created_by_id"]  # fmt: skip


def counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        found = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in KEPT_TABLES}
        for column in AUTHORS:
            table, name = column.split(".")
            query = f"SELECT count(*) FROM {table} WHERE {name} IS NOT NULL"
            found[column] = conn.execute(query).fetchone()[0]
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        # Photos on cameras: a column of `photo` before d5e2a7c90f13, a table of links after.
        if "observation_photo" in tables:
            query = "SELECT count(*) FROM observation_photo"
        else:
            query = "SELECT count(*) FROM photo WHERE observation_id IS NOT NULL"
        found["photo links"] = conn.execute(query).fetchone()[0]
    return found


@pytest.mark.parametrize("made_at", ["c4d81f2a6e07", "e8b41f6c2d37"])
def test_a_database_of_an_earlier_version_upgrades_with_every_row_and_author(
    engine_name, tmp_path, made_at
):
    if engine_name != "spatialite":
        pytest.skip("SpatiaLite only: PostgreSQL alters tables in place")
    path = tmp_path / "camwalk.db"
    with gzip.open(DATA / f"camwalk-{made_at}.db.gz") as packed, path.open("wb") as out:
        shutil.copyfileobj(packed, out)
    before = counts(path)
    assert before["device_token"] and before["photo links"] and before["revision.member_id"]

    app = create_app(
        {"DATABASE_URL": f"sqlite:///{path}", "INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "t"}
    )
    with app.app_context():
        upgrade()
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1  # on again
        # The app reads what it kept: the history names its authors, the camera its photo.
        karim = db.session.scalars(sa.select(Member).filter_by(pseudonym="karim")).one()
        token = issue_token(karim, "test")
        db.session.commit()
        headers = {"Authorization": f"Bearer {token}"}
        client = app.test_client()
        pulled = client.post(
            f"/api/v1/groups/{karim.group_id}/sync",
            json={"cursor": 0, "limit": 1000, "changes": []},
            headers=headers,
        ).json["observations"]
        with_photo = [o for o in pulled if o["photos"]]
        assert len(with_photo) == before["photo links"]
        history = client.get(
            f"/api/v1/observations/{with_photo[0]['id']}/history", headers=headers
        ).json
        assert history and all(entry["by"] for entry in history)
        db.session.remove()
        db.engine.dispose()

    after = counts(path)
    assert after == {**before, "device_token": before["device_token"] + 1}  # karim's test token
