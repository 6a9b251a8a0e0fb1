"""Cached OpenStreetMap cameras, and records of exports and changeset uploads."""

from datetime import datetime

import sqlalchemy as sa
from geoalchemy2 import Geometry
from sqlalchemy.orm import Mapped, mapped_column

from server import geo
from server.extensions import db
from server.types import UtcDateTime, utcnow
from sync.osm.loaded import in_loaded


class OsmNode(db.Model):
    """A `man_made=surveillance` node as last fetched from OSM."""

    __tablename__ = "osm_node"

    id: Mapped[int] = mapped_column(primary_key=True)
    osm_id: Mapped[int] = mapped_column(sa.BigInteger, unique=True)
    version: Mapped[int] = mapped_column()
    geom = mapped_column(Geometry("POINT", srid=4326, spatial_index=True), nullable=False)
    tags: Mapped[dict] = mapped_column(sa.JSON)
    # A vertex of a way must never be moved or deleted by camwalk. `vertex_known` is False
    # while only data without ways (a nodes-only file) has been read: see `part_of_way`.
    # Two plain columns rather than a NULL: SpatiaLite can only add columns to this table, not
    # change one, without losing its geometry registration.
    on_way: Mapped[bool] = mapped_column("part_of_way", default=False)
    vertex_known: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # The ids of the relations that list it as a member: it must not be deleted either (a
    # `type=surveillance` relation would point at nothing). NULL: not known yet, as
    # `vertex_known` False for a vertex; a column added to the table, unlike one changed, may
    # allow NULL. sync/osm/records.py `OsmNode.relations`.
    relations: Mapped[list | None] = mapped_column(sa.JSON(none_as_null=True), nullable=True)
    fetched_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    # Set on the made-up cameras of `camwalk demo` only: that group alone sees them, and their
    # ids (sync/osm/records.py DEMO_NODE_IDS_FROM) can never name a real node. NULL: real OSM.
    # Deleted with the demo group (server/demo.py), which the reference makes come first.
    demo_group_id: Mapped[int | None] = mapped_column(sa.ForeignKey("group.id"), index=True)
    # Brought by `camwalk osm import`: an operator's file, shown to every group (`shown_to`).
    # False: cached by a group's fetch or camwalk's upload, which tell where a campaign works.
    # Kept once set: a fetch that repeats the camera does not make it any less public.
    imported: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    @classmethod
    def seen_by(cls, group_id: int):
        """A WHERE clause: the real OSM cameras, and the demo ones of this group."""
        return sa.or_(cls.demo_group_id.is_(None), cls.demo_group_id == group_id)

    def shown_to(self, fetched: list[tuple[float, float, float, float]] | None) -> bool:
        """Of the cameras `seen_by` a group, whether its walk maps show this one: its own demo
        ones, the real ones an operator imported for everyone, and those its own walks were
        loaded for; not those only another group's fetch brought, whose places would draw the
        outline of where that campaign works. `fetched`: the boxes of its walks' loads within
        the box asked (sync.osm.loaded.loaded_within), None when one holds all that box.
        Decided here rather than in SQL: a box per walk made the query grow with the group's
        walks, tested on every row, while these are a few comparisons on a row read anyway.
        The export still matches against every camera `seen_by` the group: OSM's data is
        public, and one missed would be mapped twice."""
        if fetched is None or self.demo_group_id is not None or self.imported:
            return True
        point = geo.to_lonlat(self.geom)
        return in_loaded(point.lat, point.lon, fetched)

    @property
    def part_of_way(self) -> bool | None:
        """True: a way uses it; False: known that none does; None: not known yet."""
        return way_flag(self.on_way, self.vertex_known)

    @part_of_way.setter
    def part_of_way(self, value: bool | None) -> None:
        self.on_way = bool(value)
        self.vertex_known = value is not None


class OsmNodeGone(db.Model):
    """A node camwalk's upload took out of OSM as a camera: deleted, or only its camera tags.

    Data older than the upload (an Overpass copy minutes behind, an extract made the day
    before) still shows the camera, and its row has left the cache: `version` is what tells
    that data from a node a mapper brought back since, which OSM gives a newer version
    (sync.osm.parse.still_gone). Kept after that: it refuses only what is older.
    """

    __tablename__ = "osm_node_gone"

    osm_id: Mapped[int] = mapped_column(sa.BigInteger, primary_key=True, autoincrement=False)
    # OSM's version of the node once camwalk's change was applied: a delete's (one above the
    # version deleted), or that of the node left without its camera tags.
    version: Mapped[int] = mapped_column()
    gone_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


def way_flag(on_way: bool, vertex_known: bool) -> bool | None:
    """`OsmNode.part_of_way` from its two columns, for code that reads the columns alone."""
    return on_way if vertex_known else None


def member_of(relations: list | None) -> tuple[int, ...] | None:
    """The `relations` column as sync/osm/records.py reads it: a tuple of ids, None unknown."""
    return None if relations is None else tuple(relations)


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
    # opening (OSM asked, `changeset_id` not yet known), open, answer_lost: unfinished, read
    # back by the next upload; then done, failed, closed_by_api, recovered, or not_found (an
    # opening whose changeset OSM lists none of). server/exports/upload.py sets them.
    status: Mapped[str] = mapped_column(sa.String(16))
    counts: Mapped[dict] = mapped_column(sa.JSON)
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("member.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class OsmAccount(db.Model):
    """The OSM account a group's organiser connected through OAuth 2.0 (one per group).

    The access token is kept encrypted (server/osm/tokens.py); it never leaves the server.
    """

    __tablename__ = "osm_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(
        sa.ForeignKey("group.id", ondelete="CASCADE"), unique=True
    )
    token_encrypted: Mapped[str] = mapped_column(sa.Text)
    scope: Mapped[str] = mapped_column(sa.String(255))
    # The token is only valid on the API that issued it (the live one or the sandbox).
    api_url: Mapped[str] = mapped_column(sa.String(255))
    osm_user: Mapped[str | None] = mapped_column(sa.String(255))
    osm_user_id: Mapped[int | None] = mapped_column(sa.BigInteger)
    connected_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("member.id", ondelete="SET NULL")
    )
    connected_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class OsmAuthorisation(db.Model):
    """An OAuth 2.0 authorisation an organiser started and OSM has not called back for yet.

    Only the SHA-256 of `state` is kept (it travels in URLs); the PKCE verifier is encrypted.
    A row is used once: the callback deletes it whatever the outcome.
    """

    __tablename__ = "osm_authorisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    state_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    verifier_encrypted: Mapped[str] = mapped_column(sa.Text)
    group_id: Mapped[int] = mapped_column(
        sa.ForeignKey("group.id", ondelete="CASCADE"), index=True
    )
    member_id: Mapped[int] = mapped_column(sa.ForeignKey("member.id", ondelete="CASCADE"))
    api_url: Mapped[str] = mapped_column(sa.String(255))
    redirect_uri: Mapped[str] = mapped_column(sa.String(255))
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class OsmCampaign(db.Model):
    """Organised Editing facts of a group's campaign: its wiki page and a contact.

    The campaign hashtag lives on the group (`group.hashtags`).
    """

    __tablename__ = "osm_campaign"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(
        sa.ForeignKey("group.id", ondelete="CASCADE"), unique=True
    )
    wiki_url: Mapped[str | None] = mapped_column(sa.String(255))
    contact: Mapped[str | None] = mapped_column(sa.String(255))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
