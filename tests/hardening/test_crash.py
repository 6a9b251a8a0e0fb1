"""Crash consistency: the real server (gunicorn, one worker) SIGKILLed in the middle of a
500-change sync batch and of a photo upload, on SpatiaLite and on PostGIS.

After each kill the server is started again and the client retries, as a phone does, until
it holds a result. Then: every change has exactly one revision, every observation its
revision, version and seq; a photo has either its row and all its files, or no row, and no
file under a final name is partial. Files left with no row are what `camwalk photos gc`
removes. The short variants run in the normal suite; `-m slow` runs many more kills.
"""

import contextlib
import hashlib
import io
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
import requests
import sqlalchemy as sa
from PIL import Image

from server.photos.storage import MARKER

CAMWALK = Path(sys.executable).with_name("camwalk")
BATCH = 500


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(params=["spatialite", "postgis"])
def crash_env(request, tmp_path, postgis_database):
    """Environment for a server of its own: a fresh database, photo folder and instance."""
    if request.param == "spatialite":
        url = f"sqlite:///{tmp_path / 'crash.db'}"
    else:
        url = postgis_database("camwalk_crash")
    env = {
        **os.environ,
        "CAMWALK_DATABASE_URL": url,
        "CAMWALK_INSTANCE_PATH": str(tmp_path / "instance"),
        "CAMWALK_PHOTO_DIR": str(tmp_path / "photos"),
        "CAMWALK_AUTH_RATE_LIMIT": "1000 per minute",
    }
    subprocess.run([CAMWALK, "db", "upgrade"], env=env, check=True, capture_output=True)
    out = subprocess.run(
        [CAMWALK, "demo", "--json"], env=env, check=True, capture_output=True, text=True
    ).stdout
    demo = json.loads(out.strip().splitlines()[-1])
    return {"env": env, "url": url, "demo": demo, "photos": tmp_path / "photos"}


@contextlib.contextmanager
def running_server(env: dict):
    """`camwalk serve --workers 1` in a process group of its own, so a kill takes all of it."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen(
        [CAMWALK, "serve", "--workers", "1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        _wait_until_up(base, proc)
        yield base, proc
    finally:
        _kill_group(proc)


def _kill_group(proc: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def _wait_until_up(base: str, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"camwalk serve exited with {proc.returncode}")
        with contextlib.suppress(requests.RequestException):
            if requests.get(f"{base}/api/v1/health", timeout=1).ok:
                return
        time.sleep(0.1)
    raise RuntimeError("camwalk serve did not start within 30 s")


def kill_during(env: dict, send, delay_s: float):
    """Start the server, call `send(base)`, SIGKILL the server group after `delay_s`.
    Returns send's answer when it finished before the kill, else None."""
    with running_server(env) as (base, proc):
        timer = threading.Timer(delay_s, _kill_group, [proc])
        timer.start()
        try:
            return send(base)
        except requests.RequestException:
            return None
        finally:
            timer.cancel()


def until_acknowledged(env: dict, send):
    """What a phone does after the crash: retry on a running server until it answers."""
    with running_server(env) as (base, _proc):
        for _ in range(5):
            with contextlib.suppress(requests.RequestException):
                return send(base)
    raise AssertionError("the server never acknowledged the request")


def _changes(walk_id: int) -> list[dict]:
    return [
        {
            "change_id": str(uuid.uuid4()),
            "observation_id": str(uuid.uuid4()),
            "op": "create",
            "walk_id": walk_id,
            "made_at": "2026-11-21T09:14:03+01:00",
            "fields": {
                "position": {"lat": 43.29 + i * 1e-5, "lon": 5.38, "accuracy_m": 5},
                "kind": "camera",
                "direction": [i % 360],
                "surveyed_on": "2026-11-21",
                "note": f"crash test {i}",
            },
        }
        for i in range(BATCH)
    ]


def _sync_sender(demo: dict, changes: list[dict]):
    def send(base):
        response = requests.post(
            f"{base}/api/v1/groups/{demo['group_id']}/sync",
            json={"cursor": 0, "limit": 1, "changes": changes},
            headers={"Authorization": f"Bearer {demo['walker_token']}"},
            timeout=60,
        )
        assert response.status_code == 200, response.text[:300]
        return response.json()

    return send


def check_batch_consistent(url: str, changes: list[dict]) -> None:
    """One revision per change_id, each observation complete and matching its revision."""
    wanted = {c["change_id"]: c["observation_id"] for c in changes}
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            revisions = conn.execute(
                sa.text(
                    "SELECT change_id, observation_uuid, observation_id, version_after "
                    "FROM revision"
                )
            ).all()
            observations = {
                row.uuid: row
                for row in conn.execute(sa.text("SELECT id, uuid, version, seq FROM observation"))
            }
    finally:
        engine.dispose()
    mine = [r for r in revisions if r.change_id in wanted]
    assert len(mine) == len(wanted), "a change was lost or applied twice"
    for revision in mine:
        row = observations.get(wanted[revision.change_id])
        assert row is not None, f"observation of {revision.change_id} missing"
        assert revision.observation_id == row.id
        assert row.seq is not None and row.version == 1 == revision.version_after
    orphan_rows = set(wanted.values()) - {wanted[r.change_id] for r in mine}
    assert not orphan_rows & set(observations), "an observation without its revision"


def crash_sync(crash_env, kills: int, seed: int) -> int:
    """Kill the server `kills` times during the same batch; return the kills that hit it."""
    rng = random.Random(seed)
    demo, env = crash_env["demo"], crash_env["env"]
    changes = _changes(demo["walk_id"])
    send = _sync_sender(demo, changes)
    hit = 0
    for _ in range(kills):
        answer = kill_during(env, send, rng.uniform(0.05, 1.5))
        hit += answer is None
        if answer is not None:  # finished before the kill: already whole
            check_batch_consistent(crash_env["url"], changes)
    answer = until_acknowledged(env, send)
    assert [r["change_id"] for r in answer["results"]] == [c["change_id"] for c in changes]
    assert {r["status"] for r in answer["results"]} == {"applied"}
    check_batch_consistent(crash_env["url"], changes)
    return hit


def test_a_sync_batch_killed_mid_way_is_applied_once_after_the_retry(crash_env, capsys):
    hit = crash_sync(crash_env, kills=2, seed=1)
    with capsys.disabled():
        print(f"\ncrash sync ({crash_env['url'].split(':')[0]}): 2 kills, {hit} mid-request")


@pytest.mark.slow
def test_a_sync_batch_survives_many_kills(crash_env, capsys):
    hit = crash_sync(crash_env, kills=12, seed=2)
    with capsys.disabled():
        print(f"\ncrash sync ({crash_env['url'].split(':')[0]}): 12 kills, {hit} mid-request")


def _big_photo(seed: int) -> bytes:
    rng = random.Random(seed)
    image = Image.frombytes("RGB", (1600, 1200), rng.randbytes(1600 * 1200 * 3))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def _photo_states(url: str, sha256: str) -> list[str]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            query = sa.text("SELECT state FROM photo WHERE sha256 = :sha")
            return list(conn.execute(query, {"sha": sha256}).scalars())
    finally:
        engine.dispose()


# The files a photo row needs: once received, its uploaded bytes wait for the photo worker
# (which this server does not run); once prepared, the copies the app shows.
NEEDED = {"received": {"original"}, "prepared": {"display.jpg", "thumb.jpg"}}


def check_photo_consistent(crash_env, sha256: str) -> list[Path]:
    """A row has the files its state needs; every file under a final name is a whole JPEG.
    Returns the files that have no row (what gc is for). The store's marker is the store's,
    not a photo's: the first upload writes it, and a kill after that and before the row left
    it as the one file, which this counted as an orphan gc should have removed."""
    files = [p for p in crash_env["photos"].rglob("*") if p.is_file() and p.name != MARKER]
    final = [p for p in files if not p.name.startswith(".tmp-")]
    for path in final:
        if path.suffix == ".jpg":
            with Image.open(path) as image:
                image.load()  # raises on a truncated file
    states = _photo_states(crash_env["url"], sha256)
    names = {p.name for p in final if p.parent.name == sha256}
    if states:
        assert NEEDED[states[0]] <= names, f"a {states[0]} photo row without its files"
        return [p for p in files if p.name.startswith(".tmp-")]
    return files


def crash_upload(crash_env, kills: int, seed: int) -> int:
    rng = random.Random(seed)
    data = _big_photo(seed)
    sha256 = hashlib.sha256(data).hexdigest()
    token = crash_env["demo"]["walker_token"]

    def send(base):
        response = requests.put(
            f"{base}/api/v1/photos/{sha256}",
            data=data,
            headers={"Authorization": f"Bearer {token}"},
            timeout=60,
        )
        assert response.status_code in (200, 201), response.text[:300]
        return response.json()

    hit = 0
    for _ in range(kills):
        hit += kill_during(crash_env["env"], send, rng.uniform(0.05, 0.6)) is None
        leftovers = check_photo_consistent(crash_env, sha256)
        if leftovers:
            gc = [CAMWALK, "photos", "gc", "--yes", "--min-age-minutes", "0"]
            subprocess.run(gc, env=crash_env["env"], check=True, capture_output=True)
            assert not [p for p in leftovers if p.exists()], "gc left an orphan file"
    assert until_acknowledged(crash_env["env"], send)["sha256"] == sha256
    assert len(_photo_states(crash_env["url"], sha256)) == 1
    check_photo_consistent(crash_env, sha256)
    return hit


def test_a_photo_upload_killed_mid_way_leaves_no_orphan_row_nor_partial_file(crash_env, capsys):
    hit = crash_upload(crash_env, kills=1, seed=3)
    with capsys.disabled():
        print(f"\ncrash upload ({crash_env['url'].split(':')[0]}): 1 kill, {hit} mid-request")


@pytest.mark.slow
def test_a_photo_upload_survives_many_kills(crash_env, capsys):
    hit = crash_upload(crash_env, kills=8, seed=4)
    with capsys.disabled():
        print(f"\ncrash upload ({crash_env['url'].split(':')[0]}): 8 kills, {hit} mid-request")
