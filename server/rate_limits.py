"""Rate-limit counters kept in the database, so that every worker of a server counts together.

Flask-Limiter kept its counters in each gunicorn worker's memory (`memory://`): with 9 workers
a client got 9 times the allowance (90 joins a minute instead of 10), and every restart
forgot them. `DatabaseStorage` is a `limits` storage (registered for the `camwalkdb://`
scheme) that keeps fixed-window counters in the `rate_limit_counter` table of whichever
engine the app uses; one upsert per counted request, on its own connection and transaction,
so that a request that fails still counts. The table's model is in
server/rate_limit_counter.py.

Keys hold the client's address. They are stored as an HMAC keyed with SECRET_KEY, never in
clear, and a row is deleted once its window has passed (an hour at most with the defaults),
so the database keeps no list of who came (docs/privacy.md).
"""

import hashlib
import hmac
import time
from typing import ClassVar

import sqlalchemy as sa
from flask import current_app
from limits.storage import Storage
from sqlalchemy.dialects import postgresql, sqlite

from server.extensions import db
from server.rate_limit_counter import RateLimitCounter

SCHEME = "camwalkdb"


class DatabaseStorage(Storage):
    STORAGE_SCHEME: ClassVar[list[str]] = [SCHEME]

    @property
    def base_exceptions(self):
        return sa.exc.SQLAlchemyError

    @property
    def storage(self) -> str:
        """What holds the counters. Every storage of `limits` names its client here, and
        Flask-Limiter's `limiter config` command prints it (it failed without one)."""
        return f"table {RateLimitCounter.__tablename__} ({db.engine.dialect.name})"

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        now = time.time()
        table = RateLimitCounter.__table__
        with db.engine.begin() as conn:
            insert = (postgresql if conn.dialect.name == "postgresql" else sqlite).insert(table)
            expired = table.c.expires_at <= now
            statement = (
                insert.values(key_hash=_digest(key), count=amount, expires_at=now + expiry)
                .on_conflict_do_update(
                    index_elements=[table.c.key_hash],
                    set_={
                        "count": sa.case((expired, amount), else_=table.c.count + amount),
                        "expires_at": sa.case((expired, now + expiry), else_=table.c.expires_at),
                    },
                )
                .returning(table.c.count)
            )
            count = conn.execute(statement).scalar_one()
            # Windows that have passed name clients for nothing: forget them.
            conn.execute(sa.delete(table).where(table.c.expires_at < now))
        return count

    def get(self, key: str) -> int:
        row = self._row(key)
        return row.count if row is not None else 0

    def get_expiry(self, key: str) -> float:
        row = self._row(key)
        return row.expires_at if row is not None else time.time()

    def check(self) -> bool:
        return True

    def reset(self) -> int | None:
        with db.engine.begin() as conn:
            return conn.execute(sa.delete(RateLimitCounter.__table__)).rowcount

    def clear(self, key: str) -> None:
        table = RateLimitCounter.__table__
        with db.engine.begin() as conn:
            conn.execute(sa.delete(table).where(table.c.key_hash == _digest(key)))

    def _row(self, key: str):
        table = RateLimitCounter.__table__
        with db.engine.connect() as conn:
            return conn.execute(
                sa.select(table.c.count, table.c.expires_at).where(
                    table.c.key_hash == _digest(key), table.c.expires_at > time.time()
                )
            ).first()


def _digest(key: str) -> str:
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, key.encode(), hashlib.sha256).hexdigest()
