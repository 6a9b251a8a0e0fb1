"""Waiting, from a test, until PostgreSQL sessions queue behind a lock the test holds: the way
to line up processes that must meet at the same moment, without sleeping and hoping."""

import time

import sqlalchemy as sa

WAITING = sa.text(
    "SELECT count(*) FROM pg_stat_activity "
    "WHERE datname = current_database() AND wait_event_type = 'Lock'"
)


def until_waiting_for_a_lock(engine: sa.Engine, count: int, seconds: float = 60) -> None:
    """Returns once `count` sessions of the engine's database wait for a lock; fails after
    `seconds` (they never came, or did not wait)."""
    deadline = time.monotonic() + seconds
    with engine.connect() as conn:
        while conn.execute(WAITING).scalar() < count:
            assert time.monotonic() < deadline, f"fewer than {count} sessions waited for a lock"
            time.sleep(0.05)
            conn.rollback()  # a fresh snapshot of pg_stat_activity
