"""Conditions written once for both engines, where the best SQL differs between them, and
the one rule for lists of ids with no bound."""

from collections.abc import Iterable, Iterator

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from server.extensions import db


def among(column, values):
    """`column IN values`. On PostgreSQL as `column = ANY(array)`, one parameter: an IN list
    is one placeholder per value, which psycopg parses again, in Python, every time a statement
    has more than 50 (its cache stops there), and which the server reads and plans at length.
    A pull page, a push batch and a table export look hundreds of ids up at a time: 1,000 ids
    took 11-15 ms a query as an IN list against 1-3 ms as an array (a loaded 2-core box)."""
    values = list(values)
    if db.session.get_bind().dialect.name == "postgresql":
        array = sa.bindparam(None, values, type_=postgresql.ARRAY(column.type))
        return column == sa.any_(array)
    return column.in_(values)


# Ids one statement names at most, where a list has no bound (a region's cameras, the photos
# owed after a long outage of the worker, a day of action's cards under review). An IN list is
# a bound parameter per value: PostgreSQL (psycopg) refuses a statement of more than 65,535
# ("number of parameters must be between 0 and 65535"), SQLite one of more than 32,766
# (server/database.py holds every build to that).
IDS_PER_STATEMENT = 10_000


def in_batches(values: Iterable, size: int = IDS_PER_STATEMENT) -> Iterator[list]:
    """`values` as lists of at most `size`, in order: one statement each, which names them
    through `among` like any other list."""
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]
