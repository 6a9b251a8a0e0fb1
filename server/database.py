"""Engine set-up for the two supported engines: SQLite + SpatiaLite and PostgreSQL + PostGIS."""

import os
import sqlite3

from sqlalchemy import event
from sqlalchemy.dialects.sqlite.base import SQLiteCompiler
from sqlalchemy.engine import make_url

# geoalchemy2's engine plugin loads SpatiaLite on every new SQLite connection. WGS84 mode
# creates the spatial metadata with EPSG:4326 only; transaction=true makes that first
# initialisation take a fraction of a second instead of many seconds.
SPATIALITE_URL_OPTIONS = {
    "geoalchemy2_connect_sqlite_init_mode": "WGS84",
    "geoalchemy2_connect_sqlite_transaction": "true",
}


class DatabaseSetupError(RuntimeError):
    """The configured database cannot be used on this machine; the message says what to do."""


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def prepare_url(url: str) -> str:
    """Return the URL with the SpatiaLite loading options added for SQLite URLs."""
    if not is_sqlite(url):
        return url
    parsed = make_url(url)
    missing = {k: v for k, v in SPATIALITE_URL_OPTIONS.items() if k not in parsed.query}
    return parsed.update_query_dict(missing).render_as_string(hide_password=False)


def _sqlite_table_hint(compiler, table, text: str) -> str:
    return text


# SQLAlchemy drops the table hints of `Select.with_hint` on SQLite. SQLite has one, `INDEXED BY
# <index>`, which a query names when the planner's pick is much slower (server/exports/osc.py):
# hints given for "sqlite" are written after their table as they are.
SQLiteCompiler.get_from_hint_text = _sqlite_table_hint


def engine_options(url: str) -> dict:
    options = {"plugins": ["geoalchemy2"]}
    if is_sqlite(url):
        os.environ.setdefault("SPATIALITE_LIBRARY_PATH", "mod_spatialite")
        options["module"] = sqlite_module()
        # Requests run in threads; each connection is used by one thread at a time.
        options["connect_args"] = {"check_same_thread": False}
    else:
        options["pool_pre_ping"] = True
    return options


def sqlite_module():
    """The sqlite3 module to use: one that can load the SpatiaLite extension."""
    if hasattr(sqlite3.Connection, "enable_load_extension"):
        return sqlite3
    try:
        from pysqlite3 import dbapi2

        return dbapi2
    except ImportError:
        raise DatabaseSetupError(
            "This Python's sqlite3 cannot load extensions, so SpatiaLite cannot be used. "
            "Use Debian's /usr/bin/python3 for the virtual environment (make install does), "
            "or `pip install pysqlite3-binary`, or set CAMWALK_DATABASE_URL to a PostGIS URL."
        ) from None


# Bound parameters one statement may hold on SQLite: 32,766, SQLite's own default since 3.32.
# Debian's build and pysqlite3-binary's take 250,000, so an unbounded list of ids (IN (?, ?,
# ...)) passes every test here with 100,000 ids and fails only past 250,000, or on a build
# with the default. Every connection is held to the default: a statement that would fail
# anywhere fails in the tests at 32,767 (server/sql.py names long lists in batches).
SQLITE_MAX_PARAMETERS = 32_766


def install_sqlite_pragmas(engine, busy_timeout_ms: int) -> None:
    """WAL lets readers go on while a sync batch writes; foreign keys make cascades real;
    statements are held to SQLITE_MAX_PARAMETERS."""

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record):
        # Python's own sqlite3 has setlimit (3.11 on); pysqlite3's has not.
        if hasattr(dbapi_connection, "setlimit"):
            dbapi_connection.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, SQLITE_MAX_PARAMETERS)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


# Owner only, like the photos and the secret key: the database holds every walker's
# pseudonym, the positions and times of what they logged, and the history.
PRIVATE_FILE_MODE = 0o600


def create_private_file(path: str | os.PathLike) -> None:
    """Create `path` empty with mode 0600 if it does not exist, and take group and other
    permissions away if it does. SQLite makes its -wal and -shm files with the database
    file's mode, so they follow."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))
    except FileExistsError:
        mode = os.stat(path).st_mode & 0o777
        if mode & 0o077:
            os.chmod(path, mode & 0o700)


def prepare_sqlite_file(url: str) -> None:
    """Before SQLite creates the database file (mode 0644 under the usual umask), create it
    private."""
    database = make_url(url).database
    if database and database != ":memory:" and not database.startswith("file:"):
        os.makedirs(os.path.dirname(os.path.abspath(database)), exist_ok=True)
        create_private_file(database)
