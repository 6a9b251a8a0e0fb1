"""Cached OpenStreetMap cameras, and records of exports and changeset uploads."""

from datetime import datetime

import sqlalchemy as sa
from geoalchemy2 import Geometry
from sqlalchemy.orm import Mapped, mapped_column

from server.extensions import db
from server.types import UtcDateTime, utcnow


class OsmNode(db.Model):
    """A `man_made=surveillance` node as last fetched from OSM."""

    __tablename__ = "osm_node"

    id: Mapped[int] = mapped_column(primary_key=True)
    osm_id: Mapped[int] = mapped_column(sa.BigInteger, unique=True)
    version: Mapped[int] = mapped_column()
    geom = mapped_column(Geometry("POINT", srid=4326, spatial_index=True), nullable=False)
    tags: Mapped[dict] = mapped_column(sa.JSON)
    # A vertex of a way must never be moved or deleted by camwalk.
    part_of_way: Mapped[bool] = mapped_column(default=False)
    fetched_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class Export(db.Model):
    """One export file made for an organiser or mapper (osmChange, GeoJSON, CSV)."""

    __tablename__ = "export"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(
        sa.ForeignKey("group.id", ondelete="CASCADE"), index=True
    )
    walk_id: Mapped[int | None] = mapped_column(sa.ForeignKey("walk.id", ondelete="SET NULL"))
    format: Mapped[str] = mapped_column(sa.String(16))
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("member.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    # {"created": n, "modified": n, "deleted": n, "skipped": n}
    counts: Mapped[dict] = mapped_column(sa.JSON)
    # What was skipped and why, per observation.
    report: Mapped[list] = mapped_column(sa.JSON)


class ChangesetUpload(db.Model):
    """One changeset uploaded to the OSM API: who, when, what."""

    __tablename__ = "changeset_upload"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(
        sa.ForeignKey("group.id", ondelete="CASCADE"), index=True
    )
    export_id: Mapped[int | None] = mapped_column(sa.ForeignKey("export.id", ondelete="SET NULL"))
    changeset_id: Mapped[int | None] = mapped_column(sa.BigInteger)
    api_url: Mapped[str] = mapped_column(sa.String(255))
    comment: Mapped[str] = mapped_column(sa.Text)
    status: Mapped[str] = mapped_column(sa.String(16))
    counts: Mapped[dict] = mapped_column(sa.JSON)
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("member.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
