"""A throw-away PostGIS database for one bench run, next to the one a URL names.

    with scratch_database(os.environ["CAMWALK_BENCH_POSTGRES_URL"], "camwalk_x") as url: ...

The role of the URL must be allowed to create databases (scripts/test-postgis.sh's is). The
database is made with the postgis extension, handed over as a URL string with its password,
and dropped afterwards even if the run failed (connections still open are closed first).
"""

import contextlib
from collections.abc import Iterator

import sqlalchemy as sa


@contextlib.contextmanager
def scratch_database(base: str, name: str) -> Iterator[str]:
    url = sa.engine.make_url(base)
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            # A run killed before its clean-up leaves the database behind: start afresh.
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        target = url.set(database=name)
        try:
            engine = sa.create_engine(target)
            with engine.begin() as conn:
                conn.execute(sa.text("CREATE EXTENSION IF NOT EXISTS postgis"))
            engine.dispose()
            yield target.render_as_string(hide_password=False)
        finally:
            with admin.connect() as conn:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()
