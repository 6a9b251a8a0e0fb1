"""Writes that queue behind another writer wait their turn instead of failing with a 500.

SQLite has one writer at a time: under a burst (bench/load_test.py, 200 walkers), photo uploads
and syncs queue for its write lock, and SQLite gives up after SQLITE_BUSY_TIMEOUT_MS with
"database is locked", which the app answers 500. At 10 s that happened while the phone was
still waiting for its answer; the wait now outlasts the phone's own timeout. On PostgreSQL the
same writers wait on row and table locks, with no limit but the request's.
"""

import hashlib
import io
import re
import runpy
import sqlite3
import threading
import time
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
from PIL import Image
from sqlalchemy.engine import make_url

from server.config import DEFAULTS
from server.extensions import db

ROOT = Path(__file__).resolve().parents[2]
WRITERS = 4
HOLD_S = 1.0  # how long another connection keeps the write lock (SQLite: no waiter to see)
LIMIT_S = 30  # a bound on every wait, so that a broken test fails instead of hanging
POSITION = {"lat": 43.29, "lon": 5.37, "accuracy_m": 5}


def phone_sync_timeout_ms() -> int:
    text = (ROOT / "pwa/src/api/client.js").read_text()
    match = re.search(r"const DEFAULT_TIMEOUT_MS = ([\d_]+);", text)
    assert match, "the PWA's request timeout moved: update this test"
    return int(match[1].replace("_", ""))


def test_sqlite_waits_for_the_write_lock_longer_than_a_phone_waits_for_its_sync():
    gunicorn = runpy.run_path(str(ROOT / "server/gunicorn_conf.py"))
    busy_ms = DEFAULTS["SQLITE_BUSY_TIMEOUT_MS"]

    assert busy_ms > phone_sync_timeout_ms()
    # Below the request limit: a writer stuck for good still ends in a logged error.
    assert busy_ms < gunicorn["timeout"] * 1000


def test_every_sqlite_connection_waits_the_configured_time(app, engine_name):
    if engine_name != "spatialite":
        pytest.skip("SQLite's busy timeout")

    with db.engine.connect() as conn:
        waits_ms = conn.exec_driver_sql("PRAGMA busy_timeout").scalar()

    assert waits_ms == app.config["SQLITE_BUSY_TIMEOUT_MS"]


def _jpeg(shade: int) -> tuple[str, bytes]:
    buffer = io.BytesIO()
    Image.new("RGB", (32, 24), (40 + 60 * shade, 90, 40)).save(buffer, "JPEG")
    return hashlib.sha256(buffer.getvalue()).hexdigest(), buffer.getvalue()


def _phone(client, group_id, walk_id, headers, shade, answers):
    """What one phone does at a burst: upload a photo, then sync the camera and attach it."""
    digest, data = _jpeg(shade)
    upload = client.put(f"/api/v1/photos/{digest}", data=data, headers=headers)
    observation = str(uuid.uuid4())
    changes = [
        {
            "change_id": str(uuid.uuid4()),
            "observation_id": observation,
            "op": "create",
            "walk_id": walk_id,
            "made_at": "2026-11-21T09:14:03+01:00",
            "fields": {"position": POSITION, "kind": "camera", "surveyed_on": "2026-11-21"},
        },
        {
            "change_id": str(uuid.uuid4()),
            "observation_id": observation,
            "op": "attach_photo",
            "made_at": "2026-11-21T09:15:00+01:00",
            "photo": {"sha256": digest, "role": "close_up"},
        },
    ]
    body = {"cursor": 0, "limit": 10, "changes": changes}
    sync = client.post(f"/api/v1/groups/{group_id}/sync", json=body, headers=headers)
    answers[shade] = (upload, sync)


def _waiting_on_postgres_locks(count: int) -> bool:
    query = sa.text(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
        "AND wait_event_type = 'Lock'"
    )
    with db.engine.connect() as conn:
        return conn.execute(query).scalar() >= count


class HeldWriteLock:
    """Another connection holding what the app's writers need: SQLite's write lock, or on
    PostgreSQL the group and photo tables (plain reads still go through)."""

    def __init__(self, engine_name: str, database_url: str):
        self.engine_name = engine_name
        if engine_name == "spatialite":
            path = make_url(database_url).database
            self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            self.conn.execute("BEGIN IMMEDIATE")
        else:
            self.conn = db.engine.connect()
            self.conn.execute(sa.text('LOCK TABLE "group", photo IN EXCLUSIVE MODE'))

    def until_writers_wait(self, count: int) -> None:
        if self.engine_name == "spatialite":
            time.sleep(HOLD_S)  # SQLite shows no waiters: give them time to queue
            return
        deadline = time.monotonic() + LIMIT_S
        while not _waiting_on_postgres_locks(count) and time.monotonic() < deadline:
            time.sleep(0.05)

    def release(self) -> None:
        if self.engine_name == "spatialite":
            self.conn.execute("COMMIT")
        else:
            self.conn.commit()
        self.conn.close()


def test_uploads_and_syncs_queued_behind_another_writer_all_get_through(
    app, client, group, engine_name
):
    group_id, walk_id, headers = group.id, group.walk.id, group.headers("walker")
    db.session.commit()  # end this thread's read: on SQLite it would not block, but be plain
    answers: dict = {}
    phones = [
        threading.Thread(target=_phone, args=(client, group_id, walk_id, headers, shade, answers))
        for shade in range(WRITERS)
    ]

    held = HeldWriteLock(engine_name, app.config["DATABASE_URL"])
    try:
        for phone in phones:
            phone.start()
        held.until_writers_wait(WRITERS)
        waited = not answers  # nobody got through while the lock was held
    finally:
        held.release()
        for phone in phones:
            phone.join(LIMIT_S)

    assert waited
    assert sorted(answers) == list(range(WRITERS))
    for upload, sync in answers.values():
        assert upload.status_code == 201, upload.get_data(as_text=True)
        assert sync.status_code == 200, sync.get_data(as_text=True)
        assert [r["status"] for r in sync.json["results"]] == ["applied", "applied"]
