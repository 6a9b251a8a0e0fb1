"""A request that loses its turn for a database lock gets a 503 the phone retries, not a 500,
and leaves nothing behind: the same request afterwards goes through whole.

SQLite gives up with "database is locked" after its busy timeout; PostgreSQL with
lock_not_available after lock_timeout. Both are made short here, on every connection the pool
hands out, while another connection holds the lock the sync needs.
"""

import sqlite3

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from server.extensions import db
from server.observations.models import Observation
from tests.builders import create_change

SHORT_WAIT_MS = 200


@pytest.fixture
def impatient(app, engine_name):
    """Every pooled connection gives up on a lock after SHORT_WAIT_MS, for this test only."""
    statement = (
        f"PRAGMA busy_timeout={SHORT_WAIT_MS}"
        if engine_name == "spatialite"
        else f"SET lock_timeout = '{SHORT_WAIT_MS}ms'"
    )

    def on_checkout(dbapi_connection, record, proxy):
        cursor = dbapi_connection.cursor()
        cursor.execute(statement)
        cursor.close()

    db.session.commit()
    sa.event.listen(db.engine, "checkout", on_checkout)
    yield
    sa.event.remove(db.engine, "checkout", on_checkout)
    db.session.remove()
    db.engine.dispose()  # pooled connections keep the short wait: start afresh


def hold_observation_lock(engine_name: str, database_url: str):
    """Another connection holding what a sync's insert needs; returns its release function."""
    if engine_name == "spatialite":
        conn = sqlite3.connect(make_url(database_url).database, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        return lambda: (conn.execute("COMMIT"), conn.close())
    conn = db.engine.connect()
    conn.execute(sa.text("LOCK TABLE observation IN EXCLUSIVE MODE"))
    return lambda: (conn.commit(), conn.close())


def sync_body(walk_id: int) -> dict:
    return {"cursor": 0, "limit": 10, "changes": [create_change(walk_id)]}


def test_a_sync_that_cannot_get_the_lock_is_a_503_and_goes_through_later(
    app, client, group, engine_name, impatient
):
    url = f"/api/v1/groups/{group.id}/sync"
    headers = group.headers("walker")
    body = sync_body(group.walk.id)
    observation_id = body["changes"][0]["observation_id"]
    db.session.commit()

    release = hold_observation_lock(engine_name, app.config["DATABASE_URL"])
    try:
        busy = client.post(url, json=body, headers=headers)
    finally:
        release()

    assert (busy.status_code, busy.json["code"]) == (503, "database_busy")
    assert int(busy.headers["Retry-After"]) > 0
    db.session.remove()
    assert db.session.scalar(sa.select(Observation).filter_by(uuid=observation_id)) is None

    again = client.post(url, json=body, headers=headers)
    assert again.status_code == 200, again.json
    assert [r["status"] for r in again.json["results"]] == ["applied"], again.json
    assert not again.json["results"][0].get("replayed")


def test_other_database_errors_stay_500s(app, client, group, monkeypatch):
    """Only lock contention is worth a retry: a broken query must still show as a bug."""
    from server.observations import routes

    def broken(*args, **kwargs):
        raise sa.exc.OperationalError("SELECT x", {}, Exception("no such column: x"))

    monkeypatch.setattr(routes.push, "sync", broken)
    response = client.post(
        f"/api/v1/groups/{group.id}/sync",
        json=sync_body(group.walk.id),
        headers=group.headers("walker"),
    )
    assert (response.status_code, response.json["code"]) == (500, "internal_error")
