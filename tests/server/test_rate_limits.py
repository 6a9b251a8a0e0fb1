"""Join and login attempts are counted once per server: by every worker process together,
and across a restart (server/rate_limits.py)."""

import json
import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa

from server.extensions import db
from server.rate_limits import RateLimitCounter
from tests.camwalk_program import run_camwalk

ROOT = Path(__file__).resolve().parents[2]

# One worker process: its own app on the shared database, a few joins from one address.
WORKER = """
import json, sys
from server import create_app
url, instance, tries = sys.argv[1], sys.argv[2], int(sys.argv[3])
app = create_app({"DATABASE_URL": url, "INSTANCE_PATH": instance, "SECRET_KEY": "test-secret",
                  "AUTH_RATE_LIMIT": "5 per minute"})
client = app.test_client()
statuses = [
    client.post("/api/v1/join", json={"invite_code": "wrong", "pseudonym": f"p{i}"},
                environ_base={"REMOTE_ADDR": "203.0.113.9"}).status_code
    for i in range(tries)
]
print(json.dumps(statuses))
"""


def worker(app, tmp_path, tries: int) -> list[int]:
    url = app.config["DATABASE_URL"]
    done = subprocess.run(
        [sys.executable, "-c", WORKER, url, str(tmp_path), str(tries)],
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_two_worker_processes_share_one_allowance(app, tmp_path):
    first = worker(app, tmp_path, 3)
    second = worker(app, tmp_path, 3)  # another worker, or the same server restarted

    assert first == [410, 410, 410]
    assert second == [410, 410, 429]


def test_the_database_keeps_no_client_address(app, tmp_path):
    worker(app, tmp_path, 1)

    with db.engine.connect() as conn:
        rows = [str(row) for row in conn.execute(sa.select(RateLimitCounter.__table__))]
    assert rows
    assert not [row for row in rows if "203.0.113.9" in row]


def test_a_window_that_has_passed_starts_again_and_is_forgotten(app, monkeypatch):
    from server import rate_limits

    storage = rate_limits.DatabaseStorage(f"{rate_limits.SCHEME}://")
    now = [1_000_000.0]
    monkeypatch.setattr(rate_limits.time, "time", lambda: now[0])

    assert [storage.incr("join/203.0.113.9", 60) for _ in range(3)] == [1, 2, 3]
    assert storage.get("join/203.0.113.9") == 3
    assert storage.get_expiry("join/203.0.113.9") == 1_000_060.0
    storage.incr("login/198.51.100.7", 60)
    now[0] += 61

    assert storage.get("join/203.0.113.9") == 0
    assert storage.incr("join/203.0.113.9", 60) == 1
    with db.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(RateLimitCounter)).scalar() == 1


def test_flask_limiters_config_command_names_the_counters_table(app, monkeypatch):
    monkeypatch.setenv("COLUMNS", "240")  # its table would wrap the name
    done = run_camwalk(app, "limiter", "config")

    assert done.returncode == 0, done.stderr
    assert "DatabaseStorage" in done.stdout
    assert f"table rate_limit_counter ({db.engine.dialect.name})" in done.stdout
