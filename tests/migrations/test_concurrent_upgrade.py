"""Several servers started at once with `camwalk serve --migrate` on one PostgreSQL database
migrate at the same moment. The first holds a lock until its migrations commit
(migrations/env.py); the others wait, then find nothing left to do. Before that lock, all but
one failed creating alembic_version."""

import os
import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa
from alembic.script import ScriptDirectory

from tests.postgres_locks import until_waiting_for_a_lock

ROOT = Path(__file__).resolve().parents[2]
CAMWALK = Path(sys.executable).with_name("camwalk")


def test_two_upgrades_at_once_on_one_postgis_database_both_succeed(postgis_database, tmp_path):
    url = postgis_database("camwalk_two_upgrades")
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            # Both upgrades are made to meet: the table each creates first is being created,
            # not yet committed, by this session; they queue behind it until it is dropped.
            held = conn.begin()
            conn.execute(sa.text("CREATE TABLE alembic_version (version_num VARCHAR(32))"))
            upgrades = [upgrade(url, tmp_path / name) for name in ("first", "second")]
            until_waiting_for_a_lock(engine, 2, seconds=120)
            held.rollback()
        outputs = [process.communicate(timeout=300)[0] for process in upgrades]

        assert [process.returncode for process in upgrades] == [0, 0], "\n".join(outputs)
        with engine.connect() as conn:
            versions = conn.execute(sa.text("SELECT version_num FROM alembic_version")).all()
    finally:
        engine.dispose()
    assert versions == [(ScriptDirectory(str(ROOT / "migrations")).get_current_head(),)]


def upgrade(url: str, instance: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "CAMWALK_DATABASE_URL": url,
        "CAMWALK_INSTANCE_PATH": str(instance),
        "CAMWALK_SECRET_KEY": "t",
    }
    return subprocess.Popen(
        [CAMWALK, "db", "upgrade"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
