"""Conditions written once for both engines, where the best SQL differs between them."""

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
