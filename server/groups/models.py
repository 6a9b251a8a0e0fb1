"""Groups (a campaign or walking group), their walks and their invites."""

import datetime as dt
import enum

import sqlalchemy as sa
from geoalchemy2 import Geometry
from sqlalchemy.orm import Mapped, mapped_column, relationship

from server.extensions import db
from server.types import UtcDateTime, utcnow

# The slug of the group `camwalk demo` makes (server/demo.py), whose walk's OSM load is made
# up: here, where the walk map's rule (server/osm/service.py) can read it too.
DEMO_SLUG = "demo-marseille"


class Group(db.Model):
    __tablename__ = "group"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    slug: Mapped[str] = mapped_column(sa.String(64), unique=True)
    # Campaign hashtags for OSM changesets, e.g. "#technopolice #marseille".
    hashtags: Mapped[str | None] = mapped_column(sa.String(255))
    # Keep the walkers' original photo files (with their EXIF) besides the stripped copies.
    keep_originals: Mapped[bool] = mapped_column(default=False)
    public_map: Mapped[bool] = mapped_column(default=False)
    # Walkers' phones ask no tile server but the campaign's own: the walk map only (or the
    # server's own tiles), so no third party learns who walks where.
    own_tiles_only: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # The campaign's changes to the coverage assumptions (server/coverage/assumptions.py);
    # None keeps the documented defaults.
    coverage: Mapped[dict | None] = mapped_column(sa.JSON(none_as_null=True))
    # Camera views shown on the public map too (only with public_map, approved cameras only).
    coverage_public: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # The signage fields (sync/fields.py SIGNAGE_FIELDS) the public map shows: none unless
    # an organiser picks them one by one.
    public_fields: Mapped[list] = mapped_column(sa.JSON, default=list)
    # When the upload to OpenStreetMap under way began or last went on to a changeset (None:
    # none is): one at a time per group (server/exports/upload.py upload_claim).
    osm_upload_since: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)

    walks = relationship("Walk", back_populates="group", passive_deletes=True)


class Walk(db.Model):
    __tablename__ = "walk"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(
        sa.ForeignKey("group.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(sa.String(120))
    date: Mapped[dt.date | None] = mapped_column(sa.Date)
    area = mapped_column(Geometry("POLYGON", srid=4326, spatial_index=False), nullable=True)
    # The moment of OSM the last fetch of the walk's box showed (server/osm/importer.py
    # `data_time`; None: never fetched, or by an answer that did not say how old it was). An
    # imported file does not count: its data may be older than its import.
    osm_fetched_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    # The box that fetch covered, [west, south, east, north] (None: never fetched): new
    # cameras are created only inside it (sync/osm/loaded.py).
    osm_fetched_bbox: Mapped[list | None] = mapped_column(sa.JSON(none_as_null=True))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)

    group = relationship("Group", back_populates="walks")


class InviteRole(enum.StrEnum):
    WALKER = "walker"
    ORGANISER = "organiser"


class Invite(db.Model):
    """A code that lets a person join a group with a pseudonym."""

    __tablename__ = "invite"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(
        sa.ForeignKey("group.id", ondelete="CASCADE"), index=True
    )
    # The code is a credential: it is found by its SHA-256, and kept otherwise only
    # encrypted with a key derived from SECRET_KEY (server/groups/invites.py), so that
    # organisers can show and print it again while a copy of the database alone admits nobody.
    code_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    code_sealed: Mapped[str | None] = mapped_column(sa.String(255))
    role: Mapped[str] = mapped_column(sa.String(16), default=InviteRole.WALKER)
    expires_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    max_uses: Mapped[int | None] = mapped_column()
    uses: Mapped[int] = mapped_column(default=0)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("member.id", ondelete="SET NULL")
    )
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
