"""The SQLite database file, its -wal and -shm files and a backup copy are readable by the
owner only, like the photos and the secret key."""

import os
import stat

from flask_migrate import upgrade

from server import create_app
from server.backup import backup
from server.extensions import db
from server.photos.storage import LocalPhotoStore, database_vouches


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_new_sqlite_database_and_its_backup_are_owner_only(tmp_path):
    old_umask = os.umask(0o022)
    try:
        database = tmp_path / "db" / "camwalk.db"
        app = create_app(
            {"DATABASE_URL": f"sqlite:///{database}", "INSTANCE_PATH": str(tmp_path),
             "SECRET_KEY": "t"}
        )  # fmt: skip
        with app.app_context():
            upgrade()
            with db.engine.connect() as conn:  # WAL: the -wal and -shm files exist now
                conn.exec_driver_sql("SELECT 1")
                files = sorted(database.parent.iterdir())
                modes = {path.name: mode(path) for path in files}
            photos = LocalPhotoStore(tmp_path / "photos", vouch=database_vouches)
            backup(db.engine, photos, tmp_path / "backup", app.config["SECRET_KEY"])
            db.engine.dispose()
    finally:
        os.umask(old_umask)

    assert "camwalk.db" in modes and "camwalk.db-wal" in modes
    assert set(modes.values()) == {0o600}, modes
    assert mode(tmp_path / "backup" / "camwalk.db") == 0o600


def test_an_existing_world_readable_database_is_made_owner_only(tmp_path):
    database = tmp_path / "camwalk.db"
    database.touch(mode=0o644)
    os.chmod(database, 0o644)

    create_app({"DATABASE_URL": f"sqlite:///{database}", "INSTANCE_PATH": str(tmp_path),
                "SECRET_KEY": "t"})  # fmt: skip

    assert mode(database) == 0o600
