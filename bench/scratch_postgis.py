"""A throw-away PostGIS database for one bench run, next to the one a URL names.

    with scratch_database(os.environ["CAMWALK_BENCH_POSTGRES_URL"], "camwalk_x") as url: ...

`each_engine` gives a bench SpatiaLite, then PostGIS when CAMWALK_BENCH_POSTGRES_URL is set.

The role of the URL must be allowed to create databases (scripts/test-postgis.sh's is). The
database is made with the postgis extension, handed over as a URL string with its password,
and dropped afterwards even if the run failed (connections still open are closed first).
"""

import contextlib
import os
import tempfile
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


def each_engine(name: str) -> Iterator[tuple[str, str, str]]:
    """(engine, database URL, scratch folder): SpatiaLite, then PostGIS in a scratch database
    `name` when CAMWALK_BENCH_POSTGRES_URL is set, else a line saying it was skipped."""
    with tempfile.TemporaryDirectory() as folder:
        yield "SpatiaLite", f"sqlite:///{folder}/bench.db", folder
    postgres = os.environ.get("CAMWALK_BENCH_POSTGRES_URL")
    if not postgres:
        print("(PostGIS skipped: set CAMWALK_BENCH_POSTGRES_URL to run it too)")
        return
    with scratch_database(postgres, name) as url, tempfile.TemporaryDirectory() as folder:
        yield "PostGIS", url, folder
