"""The table the rate limiter counts in (server/rate_limits.py).

A module of its own so that loading the models, which every command does, does not load the
`limits` library: only the web server's rate limiter uses it.
"""

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from server.extensions import db


class RateLimitCounter(db.Model):
    """One fixed window of one limit for one client."""

    __tablename__ = "rate_limit_counter"

    key_hash: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    count: Mapped[int] = mapped_column(default=0)
    # Unix time (seconds) when the window ends; a float, as `limits` counts.
    expires_at: Mapped[float] = mapped_column(sa.Float, index=True)
