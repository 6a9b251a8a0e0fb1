"""A pull: the page of a group's observations written after a cursor, as a sync answers it.

A phone's first sync of a day of action pulls a full page (up to 1,000 observations), and in
the load test (bench/load_test.py, docs/capacity.md) that page, not the push, was most of a
sync's time. Loading the page as ORM objects built and tracked 1,000 instances and decoded
every row's JSON columns, `field_stamps` above all (a stamp per field), which the answer never
shows: a third of the page's cost. The page is read as plain rows of the columns the answer
uses instead; `views.observation_views` takes them as it takes ORM rows.
"""

import sqlalchemy as sa

from server.extensions import db
from server.observations import views
from server.observations.models import Observation

# What the engine and the organisers need and a puller never sees: left out by name, so that
# a column added for a new surveyed field is pulled without anyone remembering to add it here.
NOT_PULLED = frozenset({"field_stamps", "deleted_by", "approved"})
PULLED_COLUMNS = tuple(c for c in Observation.__table__.c if c.name not in NOT_PULLED)


def pull(group_id: int, cursor: int, limit: int) -> dict:
    """The observations of the group whose seq is past `cursor`, oldest write first, at most
    `limit`; `more` says whether another page follows."""
    rows = db.session.execute(
        sa.select(*PULLED_COLUMNS)
        .where(Observation.group_id == group_id, Observation.seq > cursor)
        .order_by(Observation.seq)
        .limit(limit + 1)
    ).all()
    page = rows[:limit]
    return {
        "observations": views.observation_views(page),
        "cursor": page[-1].seq if page else cursor,
        "more": len(rows) > limit,
    }
