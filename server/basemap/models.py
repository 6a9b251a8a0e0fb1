"""The walk map kept per walk: streets, paths, buildings and landmarks as last fetched."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from server.extensions import db
from server.types import UtcDateTime, utcnow


class WalkBasemap(db.Model):
    """One walk's basemap: GeoJSON features in lon/lat (sync/basemap.py made them).

    Kept as one JSON document rather than one row per street: it is always read whole (to
    serve the phone, to clip camera views), never searched, and a fetch replaces it whole.
    """

    __tablename__ = "walk_basemap"

    walk_id: Mapped[int] = mapped_column(
        sa.ForeignKey("walk.id", ondelete="CASCADE"), primary_key=True
    )
    source: Mapped[str] = mapped_column(sa.String(16))
    fetched_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    # [west, south, east, north] of the box that was fetched, degrees.
    bbox: Mapped[list] = mapped_column(sa.JSON)
    feature_count: Mapped[int] = mapped_column()
    features: Mapped[list] = mapped_column(sa.JSON)
    # SHA-256 of the features: the ETag phones revalidate their copy with.
    digest: Mapped[str] = mapped_column(sa.String(64))
    # What phones download (server/basemap/compact.py), made once per fetch, not per request.
    payload: Mapped[bytes] = mapped_column(sa.LargeBinary)
