"""End-to-end fixtures: a real camwalk server with a throwaway SpatiaLite database (and, for
the journeys that take `server_on_each_engine`, the same on PostGIS), a tiny tile server, and
Debian's Chromium driven by Playwright at a phone's size.

The server runs as its own process (`camwalk run`) on a free loopback port, serving the built
PWA from pwa/dist, exactly as a walker's phone would reach it. Without Chromium or a built PWA
the tests are skipped, unless CAMWALK_REQUIRE_TOOLS is set (`make test`), where that is a failure.
"""

import atexit
import contextlib
import datetime as dt
import json
import os
import shutil
import socket
import sqlite3
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests

from sync.geodesy import METRES_PER_DEGREE
from tests.conftest import ENGINES, new_postgis_database

from .chromium import CHROMIUM, CHROMIUM_ARGS

REPO = Path(__file__).resolve().parents[2]
PWA_DIST = REPO / "pwa" / "dist"
PHOTOS = REPO.parent / "shared" / "data" / "photos"
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
CAMWALK = Path(sys.executable).parent / "camwalk"
PHONE = {"width": 390, "height": 844}
# One metre of latitude, in degrees (camwalk's sphere): where a test puts a camera N m away.
METRE_DEG = 1 / METRES_PER_DEGREE

pytestmark = pytest.mark.browser


def missing_tool(what: str) -> None:
    if os.environ.get("CAMWALK_REQUIRE_TOOLS"):
        pytest.fail(f"CAMWALK_REQUIRE_TOOLS is set but {what}")
    pytest.skip(what)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _tile_png() -> bytes:
    """A 256 px beige tile with a darker edge: cached tiles show up as a grid on screenshots."""
    size, paper, edge = 256, b"\xec\xe8\xdf", b"\xc9\xc2\xb2"
    rows = []
    for y in range(size):
        line = edge * size if y == 0 else edge + paper * (size - 1)
        rows.append(b"\x00" + line)
    raw = zlib.compress(b"".join(rows))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")
    )


TILE_PNG = _tile_png()


class _TileHandler(BaseHTTPRequestHandler):
    hits: list

    def do_GET(self):
        self.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Cache-Control", "max-age=604800")
        self.end_headers()
        self.wfile.write(TILE_PNG)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def tile_server():
    """Stands in for the tile provider: counts requests so tests can see the cache at work."""
    handler = type("Tiles", (_TileHandler,), {"hits": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield {
        "url": f"http://127.0.0.1:{server.server_port}/{{z}}/{{x}}/{{y}}.png",
        "hits": handler.hits,
    }
    server.shutdown()
    server.server_close()


@contextlib.contextmanager
def running_camwalk(
    workdir: Path,
    tile_url: str,
    pwa_dir: Path | None = None,
    env_extra: dict | None = None,
    worker: bool = True,
):
    """Starts `camwalk run` on a free port with its own database, photo store and demo group,
    and `camwalk worker` beside it (as `make run` does) unless `worker` is False.

    env_extra: more CAMWALK_* settings, e.g. a fake Overpass for the OSM fetch."""
    if not ((pwa_dir or PWA_DIST) / "index.html").exists():
        missing_tool("the PWA is not built (cd pwa && npm ci && npm run build)")
    if not CAMWALK.exists():
        missing_tool(f"{CAMWALK} is not installed (pip install -e .)")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "CAMWALK_DATABASE_URL": f"sqlite:///{workdir / 'camwalk.db'}",
        "CAMWALK_PHOTO_DIR": str(workdir / "photos"),
        "CAMWALK_TILE_URL": tile_url,
        "CAMWALK_TILE_ATTRIBUTION": "© OpenStreetMap contributors",
        # Several phones join within a minute here; the door limit is not under test.
        "CAMWALK_AUTH_RATE_LIMIT": "1000 per minute",
    }
    if pwa_dir:
        env["CAMWALK_PWA_DIR"] = str(pwa_dir)
    # "{base}" in a setting stands for this server's own address (an OAuth redirect URI).
    env.update({key: value.format(base=base) for key, value in (env_extra or {}).items()})
    if "CAMWALK_DATABASE_URL" in (env_extra or {}):
        demo = prepare_camwalk(env, base)
    else:
        demo = prepare_from_template(env, base, workdir / "camwalk.db")
    with open(workdir / "server.log", "w") as log:
        proc = start_camwalk(env, port, log)
        workers = []
        try:
            _require_sync_endpoint(base, demo)
            # After the server is up: starting both at once slows the server's start on a
            # busy 2-core machine past the wait above.
            if worker:
                workers.append(start_worker(env, log))
            yield {"url": base, "demo": demo, "env": env, "log": log, "workers": workers}
        finally:
            for process in [proc, *workers]:
                stop(process)


def prepare_camwalk(env: dict, base: str) -> dict:
    """Migrates the database `env` names and adds the demo group; returns its credentials."""
    subprocess.run([CAMWALK, "db", "upgrade"], env=env, check=True, capture_output=True)
    out = subprocess.run(
        [CAMWALK, "demo", "--json", "--base-url", base],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


# Migrated SpatiaLite databases holding the demo group, one per test process, instance folder
# (its SECRET_KEY seals the invite) and day (the demo's walk is dated): each journey server on
# SpatiaLite starts from a copy. Migrating and adding the demo anew took 2-4 s per server on a
# busy 2-core machine, for some fifty servers a run.
_TEMPLATES: dict[tuple, tuple[Path, dict]] = {}


def prepare_from_template(env: dict, base: str, database: Path) -> dict:
    """What prepare_camwalk makes, as a copy of a template made by it once: the database
    file at `database` and the demo's credentials, its invite link on `base`."""
    key = (env.get("CAMWALK_INSTANCE_PATH"), env.get("CAMWALK_SECRET_KEY"), dt.date.today())
    if key not in _TEMPLATES:
        folder = Path(tempfile.mkdtemp(prefix="camwalk-e2e-template-"))
        atexit.register(shutil.rmtree, folder, True)
        settings = {
            **env,
            "CAMWALK_DATABASE_URL": f"sqlite:///{folder / 'camwalk.db'}",
            "CAMWALK_PHOTO_DIR": str(folder / "photos"),
        }
        demo = prepare_camwalk(settings, "http://template")
        # The commands leave their writes in the write-ahead log: into the file with them.
        with contextlib.closing(sqlite3.connect(folder / "camwalk.db")) as connection:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        _TEMPLATES[key] = folder / "camwalk.db", demo
    template, demo = _TEMPLATES[key]
    shutil.copyfile(template, database)
    return {**demo, "invite_url": f"{base}/join/{demo['invite_code']}"}


def start_camwalk(
    env: dict, port: int, log, command: str = "run", seconds: float = 10
) -> subprocess.Popen:
    """`camwalk run` (or `serve`, gunicorn) on a loopback port; returns once it answers."""
    proc = subprocess.Popen(
        [CAMWALK, command, "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_until_up(f"http://127.0.0.1:{port}", proc, seconds)
    except BaseException:
        stop(proc)
        raise
    return proc


def start_worker(env: dict, log) -> subprocess.Popen:
    """`camwalk worker` on the server's settings: it prepares the uploaded photos."""
    return subprocess.Popen([CAMWALK, "worker"], env=env, stdout=log, stderr=subprocess.STDOUT)


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def camwalk_server(tmp_path_factory, tile_server):
    """A running camwalk with the Marseille demo group; yields its URL and demo credentials."""
    with running_camwalk(tmp_path_factory.mktemp("e2e"), tile_server["url"]) as server:
        yield server


@pytest.fixture(scope="session")
def camwalk_server_postgis(request, tmp_path_factory, tile_server):
    """As `camwalk_server`, on a PostGIS database of its own (tests/conftest.py: skipped
    without CAMWALK_TEST_POSTGRES_URL, a failure if CAMWALK_REQUIRE_POSTGIS=1)."""
    database = new_postgis_database(request, f"camwalk_e2e_{os.getpid()}")
    settings = {"CAMWALK_DATABASE_URL": database}
    folder = tmp_path_factory.mktemp("e2e-postgis")
    with running_camwalk(folder, tile_server["url"], env_extra=settings) as server:
        yield server


@pytest.fixture(scope="module", params=ENGINES)
def server_on_each_engine(request):
    """`camwalk_server`, then the same on PostGIS: a journey module that takes this fixture
    under that name (`camwalk_server = server_on_each_engine`) runs once on each engine.

    The server's behaviour is tested on both engines by tests/server; these modules are the
    walker's and the organiser's journeys through a browser, where an engine's difference
    (a lock, an ordering, a type read back) would first show as a screen that lies."""
    name, dialect = {
        "spatialite": ("camwalk_server", "sqlite"),
        "postgis": ("camwalk_server_postgis", "postgresql"),
    }[request.param]
    server = request.getfixturevalue(name)
    # The engine the running server says it uses, not the one its settings were meant to name.
    health = requests.get(f"{server['url']}/api/v1/health", timeout=10).json()
    assert health["database"] == dialect, health
    return server


def _wait_until_up(base: str, proc: subprocess.Popen, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"camwalk exited with {proc.returncode}")
        try:
            if requests.get(f"{base}/api/v1/config", timeout=1).ok:
                return
        # A first request slower than the poll (a busy machine) is not a failure yet.
        except (requests.ConnectionError, requests.Timeout):
            pass
        time.sleep(0.1)
    raise RuntimeError(f"camwalk did not start within {seconds} s")


def _require_sync_endpoint(base: str, demo: dict) -> None:
    """The walker journeys end in a sync: without the endpoint there is nothing to prove."""
    r = requests.post(
        f"{base}/api/v1/groups/{demo['group_id']}/sync",
        json={"cursor": 0, "limit": 1, "changes": []},
        headers={"Authorization": f"Bearer {demo['walker_token']}"},
        timeout=10,
    )
    if r.status_code in (404, 405):
        pytest.skip("the server has no sync endpoint yet (POST /api/v1/groups/<id>/sync)")


@pytest.fixture(scope="module")
def fake_osm():
    """The fake OSM API and Overpass (tests/fake_osm_api), one per test module."""
    from tests.fake_osm_api.server import FakeOsm, serve

    with serve(FakeOsm()) as running:
        yield running


@pytest.fixture(scope="module")
def server_with_overpass(tmp_path_factory, tile_server, fake_osm):
    """A camwalk of its own, one per test module, whose OSM fetches go to `fake_osm`."""
    settings = {"CAMWALK_OVERPASS_URL": f"{fake_osm.url}/api"}
    with running_camwalk(
        tmp_path_factory.mktemp("overpass"), tile_server["url"], env_extra=settings
    ) as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        missing_tool("Debian chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def new_phone(browser):
    """Opens phone-sized browser contexts (one per walker) and closes them after the test."""
    contexts = []

    def make(lat=43.2955, lon=5.3755, accuracy=6, viewport=PHONE):
        ctx = browser.new_context(
            viewport=viewport,
            device_scale_factor=1,
            is_mobile=True,
            has_touch=True,
            locale="fr-FR",
            # The server's CSP forbids eval; Playwright's wait_for_function needs it.
            bypass_csp=True,
            permissions=["geolocation"],
            geolocation={"latitude": lat, "longitude": lon, "accuracy": accuracy},
        )
        ctx.set_default_timeout(15_000)
        ctx.on("page", lambda page: _note_errors(page, errors))
        contexts.append(ctx)
        return ctx

    errors: list[str] = []
    yield make
    for ctx in contexts:
        ctx.close()
    # Shown by pytest with a failing test's output: what the pages threw or logged as errors.
    for line in errors:
        print(line)


def _note_errors(page, errors: list[str]) -> None:
    page.on("pageerror", lambda error: errors.append(f"page error: {error}"))
    page.on(
        "console",
        lambda message: message.type == "error" and errors.append(f"console: {message.text}"),
    )


@pytest.fixture(scope="session")
def screenshot():
    SCREENSHOTS.mkdir(exist_ok=True)

    def take(page, name: str, **options) -> None:
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), **options)

    return take


@pytest.fixture(scope="session")
def photos():
    if not PHOTOS.is_dir():
        missing_tool(f"the shared photo samples are not at {PHOTOS}")
    return PHOTOS
