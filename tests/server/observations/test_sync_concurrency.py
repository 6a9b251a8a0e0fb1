"""Two syncs of one group at the same time never let a puller skip a row.

Seqs come from one global counter. If the writer that took seq 10 committed after the one that
took seq 11, a phone pulling in between would store cursor 11 and never see 10. The per-group
lock (`server.observations.writer.lock_group`) makes the second writer wait for the first to
commit, so
seqs commit in order. The test holds a writer open after it took its seq and shows the other
one waiting on the lock, a pull in between seeing neither, and a pull afterwards seeing both.
"""

import threading
import time

import pytest
import sqlalchemy as sa

from server.extensions import db
from server.observations import writer as batch

HOLD_LIMIT_S = 30  # a bound on every wait, so that a broken lock fails instead of hanging


def _waiting_on_a_lock(app) -> bool:
    """Whether some backend of this database is blocked on a lock (the second writer)."""
    with app.app_context():
        query = sa.text(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock'"
        )
        with db.engine.connect() as conn:
            return conn.execute(query).scalar() > 0


def _until(condition, limit_s=HOLD_LIMIT_S) -> bool:
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_a_second_writer_waits_for_the_first_so_no_puller_skips_a_row(
    app, sync_api, by_id, engine_name, monkeypatch
):
    if engine_name == "spatialite":
        pytest.skip("SQLite has one writer per database: a second writer cannot even start")
    took_seq, release = threading.Event(), threading.Event()
    finish = batch.BatchWriter.finish

    def finish_then_hold(self):
        finish(self)
        if threading.current_thread().name == "first-writer":
            took_seq.set()
            release.wait(HOLD_LIMIT_S)

    monkeypatch.setattr(batch.BatchWriter, "finish", finish_then_hold)
    first, second = sync_api.create(), sync_api.create(position={"lat": 43.3, "lon": 5.4})
    answers = {}
    # Read in this thread: the group fixture's rows belong to this thread's session.
    group_id, headers = sync_api.group.id, sync_api.group.headers("walker")

    def write(name, change):
        answers[name] = sync_api.post([change], group_id=group_id, headers=headers)

    writers = [
        threading.Thread(target=write, args=(name, change), name=name)
        for name, change in (("first-writer", first), ("second-writer", second))
    ]
    writers[0].start()
    assert took_seq.wait(HOLD_LIMIT_S)
    writers[1].start()
    try:
        assert _until(lambda: _waiting_on_a_lock(app)), "the second writer did not wait"
        between = sync_api.sync()
    finally:
        release.set()
        for writer in writers:
            writer.join(HOLD_LIMIT_S)
    after = sync_api.sync(cursor=between["cursor"])

    assert all(answers[name].status_code == 200 for name in ("first-writer", "second-writer"))
    assert between["observations"] == []
    pulled = by_id(after)
    first_seq = pulled[first["observation_id"]]["seq"]
    second_seq = pulled[second["observation_id"]]["seq"]
    assert between["cursor"] < first_seq < second_seq
    held = by_id(answers["second-writer"].json)
    assert first["observation_id"] in held  # the second answer already carries the first row
