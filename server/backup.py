"""`camwalk backup` and `camwalk restore`: the database and the photo files, together.

SpatiaLite is copied with SQLite's online backup API (a consistent snapshot even while the
server writes, WAL included); PostGIS with pg_dump's custom format. Photos are copied file by
file. A manifest names the engine and the migration, so a backup is never restored onto the
wrong engine or silently onto an older schema: a backup of an older migration is upgraded
as soon as it is put back (the same migrations as `camwalk db upgrade`, the documented way
to move a database to new code; a database left on the old schema crashed the commands that
read the new columns), and one of a migration this code does not know (made by newer code)
is refused before anything is replaced.

Both refuse, before they touch anything, while the photo folder is away (a volume not
mounted, a folder camwalk cannot read: `LocalPhotoStore.reachable`, the rule the server and
the worker follow too). A backup then held no photos (or the root disk's files under the
mount point) and said it had succeeded; a restore wrote the photos onto the root disk, where
they vanished from view once the volume was mounted again.
"""

import hashlib
import hmac
import json
import os
import shutil
import subprocess
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url

from server.database import create_private_file, sqlite_module
from server.epoch import renew_epoch
from server.extensions import db
from server.photos.storage import MARKER, LocalPhotoStore
from server.schema_check import known_migrations

FORMAT = "camwalk-backup"
MANIFEST = "manifest.json"
SQLITE_FILE = "camwalk.db"
PG_FILE = "camwalk.pgdump"
# How long pg_restore waits for a table lock before giving up, in milliseconds.
LOCK_TIMEOUT_MS = 15_000
# Separates this use of SECRET_KEY from every other one.
KEY_PURPOSE = b"camwalk backup: which secret key"


class BackupError(RuntimeError):
    """A backup or restore that cannot go ahead; the message says why."""


def require_photo_folder(photos: LocalPhotoStore) -> None:
    """Raise BackupError unless the photo folder is there: a folder that is not the store
    (an empty mount point, the root disk under it) is neither copied nor written to.

    The check may read the database (`database_vouches`); the transaction it opened is
    ended here, or it would hold locks that the restore's DROPs (or the migrations run
    after a backup) wait for. Call it with no work of the caller's in the session."""
    there = photos.reachable()
    db.session.remove()
    if not there:
        raise BackupError(
            f"the photo folder is not there: {photos.root} is missing its marker "
            f"{MARKER} or cannot be read (a volume not mounted, a folder camwalk may not "
            "read); nothing was done. Mount it, or, if it is the right folder and its photos "
            f'were really lost, mark it: touch "{photos.root / MARKER}"'
        )


def backup(engine, photos: LocalPhotoStore, destination: Path, secret_key: str) -> dict:
    if destination.exists() and any(destination.iterdir()):
        raise BackupError(f"{destination} is not empty; choose a new folder")
    require_photo_folder(photos)
    destination.mkdir(parents=True, exist_ok=True)
    with engine.connect() as conn:
        migration = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    if engine.dialect.name == "sqlite":
        _sqlite_backup(engine, destination / SQLITE_FILE)
    else:
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "-f",
                str(destination / PG_FILE),
                _libpq_url(engine.url),
            ]
        )
    copied = _copy_photos(photos.root, destination / "photos")
    manifest = {
        "format": FORMAT,
        "version": 1,
        "engine": engine.dialect.name,
        "migration": migration,
        "photos": copied,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "secret_key": key_fingerprint(secret_key),
    }
    (destination / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def key_fingerprint(secret_key: str) -> str:
    """Whether two servers share a SECRET_KEY, told without holding it. The backup holds the
    database, not the key: what the key sealed there (invites' codes to show again, the
    group's OSM token) reads back only under the same key."""
    return hmac.new(secret_key.encode(), KEY_PURPOSE, hashlib.sha256).hexdigest()[:16]


def made_under_another_key(manifest: dict, secret_key: str) -> bool:
    """False too for a backup of a version that did not record its key: it cannot be told."""
    made_under = manifest.get("secret_key")
    return made_under is not None and made_under != key_fingerprint(secret_key)


def check_backup(engine, source: Path) -> dict:
    """The backup's manifest, once it is known that `restore` can put it back here: a camwalk
    backup, of this engine, of a migration this code knows. Replaces nothing."""
    manifest = _read_manifest(source)
    if manifest["engine"] != engine.dialect.name:
        raise BackupError(
            f"this backup is of a {manifest['engine']} database; "
            f"the configured database is {engine.dialect.name}"
        )
    migration = manifest.get("migration")
    if migration not in known_migrations():
        raise BackupError(
            f"this backup's database is at migration {migration}, which this version of "
            "camwalk does not know (a newer version made it): restore it with that version"
        )
    return manifest


def restore(engine, photos: LocalPhotoStore, source: Path, manifest: dict, upgrade_schema) -> None:
    """Replace the database's content with the backup's and put the photos back; then
    `upgrade_schema()` brings the database to this code's migration. `manifest` is what
    `check_backup(engine, source)` answered: the caller checks before asking the operator,
    and the check is not made again here.

    Stop the server first: a running server would keep writing to what is being replaced.
    The photo folder is asked for again here, not only before the caller asked: a volume
    may have gone while the operator answered.
    """
    require_photo_folder(photos)
    if engine.dialect.name == "sqlite":
        _sqlite_restore(engine, source / SQLITE_FILE)
    else:
        engine.dispose()
        _pg_restore(engine, source / PG_FILE)
    _copy_photos(source / "photos", photos.root)
    engine.dispose()
    try:
        upgrade_schema()
    except Exception as error:
        raise BackupError(
            f"the backup was put back, at migration {manifest.get('migration')}, but "
            f"upgrading it failed ({error}); run `camwalk db upgrade` once that is fixed"
        ) from error
    engine.dispose()
    # A new epoch: phones that synced after the backup hold cursors and acknowledgements of
    # revisions this database no longer has; their next sync is refused until they pull again.
    with engine.begin() as conn:
        renew_epoch(conn)
    engine.dispose()


def _sqlite_backup(engine, target: Path) -> None:
    create_private_file(target)  # a copy of the database is as private as the database
    raw = engine.raw_connection()
    try:
        copy = sqlite_module().connect(str(target))
        with copy:
            raw.driver_connection.backup(copy)
        copy.close()
    finally:
        raw.close()


def _sqlite_restore(engine, backup_file: Path) -> None:
    engine.dispose()
    source = sqlite_module().connect(str(backup_file))
    target = sqlite_module().connect(engine.url.database)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()


def _pg_restore(engine, dump: Path) -> None:
    """Put the dump's database in place of this one, in one transaction: all of it, or
    nothing changed.

    pg_restore --clean drops and makes again what the dump holds, and leaves the rest alone.
    A backup older than the code's schema lacks what later migrations added: a table that
    kept the replaced database's rows (and made the upgrade that follows fail to create it),
    and foreign keys, on such a table or on a column added to an older table
    (member.password_device_id → device_token), that kept pg_restore from dropping the key
    they point at. So the script psql runs first drops every foreign key of the database
    (the dump makes its own again), then the dump's own SQL, then drops the tables the dump
    lacks: the database is then the backup's and nothing else."""
    listing = _run(["pg_restore", "--list", str(dump)])
    in_backup = {
        parts[-2]
        for line in listing.splitlines()
        if not line.startswith(";") and len(parts := line.split()) >= 6 and parts[3] == "TABLE"
    }
    with engine.begin() as conn:
        present = set(
            conn.execute(
                text(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                    "AND tablename NOT IN ('spatial_ref_sys')"
                )
            ).scalars()
        )
        keys = conn.execute(
            text(
                "SELECT c.relname, k.conname FROM pg_constraint k "
                "JOIN pg_class c ON c.oid = k.conrelid "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE k.contype = 'f' AND n.nspname = 'public'"
            )
        ).all()
    engine.dispose()
    with tempfile.TemporaryDirectory() as folder:
        restored = Path(folder) / "restore.sql"
        _run(
            ["pg_restore", "--clean", "--if-exists", "--no-owner", "-f", str(restored), str(dump)]
        )
        script = Path(folder) / "script.sql"
        lines = [
            f'ALTER TABLE public."{table}" DROP CONSTRAINT IF EXISTS "{key}";'
            for table, key in keys
        ]
        lines.append(f"\\i {restored}")  # its SQL empties search_path: names below are qualified
        lines += [
            f'DROP TABLE IF EXISTS public."{t}" CASCADE;' for t in sorted(present - in_backup)
        ]
        script.write_text("\n".join(lines) + "\n", encoding="utf-8")
        _run(
            [
                "psql",
                "--single-transaction",
                "--quiet",
                "-v",
                "ON_ERROR_STOP=1",
                "-d",
                _libpq_url(engine.url),
                "-f",
                str(script),
            ]
        )


def _copy_photos(source: Path, destination: Path) -> int:
    if not source.is_dir():
        return 0
    count = 0
    for path in source.rglob("*"):
        if path.is_file() and not path.name.startswith("."):
            target = destination / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
            count += 1
    return count


def _read_manifest(source: Path) -> dict:
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{source} holds no readable camwalk backup ({error})") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{source} is not a camwalk backup")
    return manifest


def _libpq_url(url) -> str:
    # pg_dump speaks libpq URLs: no SQLAlchemy driver suffix such as +psycopg.
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _run(command: list[str]) -> str:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} not found (Debian package postgresql-client-15)")
    # A server still connected would hold locks that DROP waits for forever: fail instead.
    env = {**os.environ, "PGOPTIONS": f"-c lock_timeout={LOCK_TIMEOUT_MS}"}
    result = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[-500:]}")
    return result.stdout
