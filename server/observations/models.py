"""Observations (surveyed devices), their append-only revision history, conflicts and
duplicate hints.

`seq` is the pull cursor: every accepted change writes a revision whose id becomes the
observation's `seq`, so "what changed since cursor N" is an index range scan on
(group_id, seq) whose cost grows with the answer, not with the table.
"""

import datetime as dt
import json

import orjson
import sqlalchemy as sa
from geoalchemy2 import Geometry
from sqlalchemy.orm import Mapped, mapped_column, relationship

from server.extensions import db
from server.types import UtcDateTime, utcnow
from sync import duplicates
from sync.order import approved_place


class Observation(db.Model):
    __tablename__ = "observation"
    __table_args__ = (
        sa.Index("ix_observation_group_id_seq", "group_id", "seq"),
        sa.Index("ix_observation_group_id_approved_place", "group_id", "approved_place"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(sa.String(36), unique=True)
    group_id: Mapped[int] = mapped_column(sa.ForeignKey("group.id", ondelete="CASCADE"))
    walk_id: Mapped[int] = mapped_column(sa.ForeignKey("walk.id", ondelete="CASCADE"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("member.id", ondelete="SET NULL")
    )

    # Surveyed fields (docs/contract.md); position = geom + accuracy_m.
    geom = mapped_column(Geometry("POINT", srid=4326, spatial_index=True), nullable=False)
    accuracy_m: Mapped[float | None] = mapped_column()
    kind: Mapped[str] = mapped_column(sa.String(32), default="camera")
    surveillance: Mapped[str | None] = mapped_column(sa.String(16))
    camera_type: Mapped[str | None] = mapped_column(sa.String(16))
    mount: Mapped[str | None] = mapped_column(sa.String(32))
    direction: Mapped[list | None] = mapped_column(sa.JSON)
    zone: Mapped[str | None] = mapped_column(sa.String(16))
    operator: Mapped[str | None] = mapped_column(sa.String(255))
    height_m: Mapped[float | None] = mapped_column()
    manufacturer: Mapped[str | None] = mapped_column(sa.String(255))
    model: Mapped[str | None] = mapped_column(sa.String(255))
    note: Mapped[str | None] = mapped_column(sa.Text)
    surveyed_on: Mapped[dt.date | None] = mapped_column(sa.Date)
    presence: Mapped[str] = mapped_column(sa.String(16), default="present")
    # The signage survey (sync/fields.py SIGNAGE_FIELDS): private, never sent to OSM.
    sign: Mapped[str | None] = mapped_column(sa.String(16))
    sign_pictogram: Mapped[str | None] = mapped_column(sa.String(3))
    sign_responsible: Mapped[str | None] = mapped_column(sa.String(3))
    sign_purpose: Mapped[str | None] = mapped_column(sa.String(3))
    sign_retention: Mapped[str | None] = mapped_column(sa.String(3))
    sign_rights_contact: Mapped[str | None] = mapped_column(sa.String(3))
    sign_cnil: Mapped[str | None] = mapped_column(sa.String(3))
    filmed_by: Mapped[str | None] = mapped_column(sa.String(32))
    aimed_at_road: Mapped[str | None] = mapped_column(sa.String(3))

    # Link to OpenStreetMap: the node this observation confirms, or the node created from it.
    osm_node_id: Mapped[int | None] = mapped_column(sa.BigInteger, index=True)
    osm_version: Mapped[int | None] = mapped_column()
    # An organiser's "new camera": no OSM node is this device, even one within matching distance.
    osm_new: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # A walker's "it is another one" on the log form's "already in OSM?" banner: the node this
    # device is not, which the export never matches it to by distance (sync/osm/matching.py).
    osm_not_node_id: Mapped[int | None] = mapped_column(sa.BigInteger)

    review_status: Mapped[str] = mapped_column(sa.String(16), default="pending")
    review_note: Mapped[str | None] = mapped_column(sa.Text)
    # The organiser whose decision (approved or rejected) is in force, and when: none while
    # the camera waits for review, a walker's edit that sent it back included.
    reviewed_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("member.id", ondelete="SET NULL")
    )
    reviewed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    # The surveyed fields as an organiser last approved them, in the engine's normal form:
    # what the public map and the OSM export show while a walker's later edit waits for
    # review. SQL NULL (not JSON null) while nothing is approved, so it can be filtered on.
    approved: Mapped[dict | None] = mapped_column(sa.JSON(none_as_null=True))
    # sync.order.approved_place(approved): kept by the "set" listener below, so the export
    # streams the approved cameras in place order from an index.
    approved_place: Mapped[int | None] = mapped_column(sa.BigInteger)

    version: Mapped[int] = mapped_column(default=1)
    seq: Mapped[int] = mapped_column(default=0)
    deleted: Mapped[bool] = mapped_column(default=False)
    # Who last set each field (and "photos"), for the sync engine's winner rule and its
    # stale-delete check: {field: {change_id, member_id, organiser, made_at, version}}, or
    # {field: "an earlier field"} naming where the same stamp is written (convert.py).
    field_stamps: Mapped[dict | None] = mapped_column(sa.JSON, default=dict)
    # The same stamp for the change that deleted this observation (None while alive).
    deleted_by: Mapped[dict | None] = mapped_column(sa.JSON)
    # Set when an organiser merged this record into another one (a duplicate).
    merged_into_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("observation.id", ondelete="SET NULL")
    )
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)

    walk = relationship("Walk")
    created_by = relationship("Member", foreign_keys=[created_by_id])
    merged_into = relationship("Observation", remote_side=[id])


@sa.event.listens_for(Observation.approved, "set")
def _keep_approved_place(row: Observation, approved, old, _initiator) -> None:
    # The one place the key follows the copy: every ORM write of `approved` (the sync
    # engine's write_fields, the demo, an import) passes here. Writes that bypass the ORM
    # must set it themselves; the export still orders a row without it, only in memory.
    # A push writes back the copy it loaded when nothing was approved: no work then.
    if approved is not old:
        row.approved_place = approved_place(approved)


# The approved copy as the database stores it (JSON text), for read_copy to decode: the
# export and the public map read every copy of a group this way.
APPROVED_TEXT = sa.cast(Observation.approved, sa.Text)


def read_copy(text: str) -> dict:
    """An approved copy from its stored text, decoded by orjson: about three times faster
    than json.loads, and the export decodes every copy of the group. The result is the same:
    a copy holds only the fields sync/fields.py checked, whose integers fit in 64 bits (orjson
    reads a longer one as a float) and whose numbers are finite; what orjson still refuses
    (a lone surrogate that json.dumps escaped) is left to json.loads."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


class Revision(db.Model):
    """Every change a client sent, whatever became of it. Append-only.

    `change_id` is the client-made idempotency key: a replayed change finds its revision and
    gets `result` back instead of being applied again.
    """

    __tablename__ = "revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    change_id: Mapped[str] = mapped_column(sa.String(36), unique=True)
    group_id: Mapped[int] = mapped_column(
        sa.ForeignKey("group.id", ondelete="CASCADE"), index=True
    )
    observation_uuid: Mapped[str] = mapped_column(sa.String(36), index=True)
    observation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("observation.id", ondelete="CASCADE")
    )
    member_id: Mapped[int | None] = mapped_column(sa.ForeignKey("member.id", ondelete="SET NULL"))
    op: Mapped[str] = mapped_column(sa.String(16))
    base_version: Mapped[int | None] = mapped_column()
    # The change as received (fields with their old/new values, or the photo reference).
    payload: Mapped[dict] = mapped_column(sa.JSON)
    made_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    received_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    status: Mapped[str] = mapped_column(sa.String(16))
    # The answer given for this change, returned again on replay.
    result: Mapped[dict] = mapped_column(sa.JSON)
    version_after: Mapped[int | None] = mapped_column()


class Conflict(db.Model):
    """One field that two changes set to different values, or a delete against an edit
    (`field` = "deleted"); waits for an organiser.

    `key` is derived from the change that raised it (`<change_id>/<field>`), so a retried
    transaction makes the same record; it is the id clients see in `conflict_ids`.
    """

    __tablename__ = "conflict"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str | None] = mapped_column(sa.String(80), unique=True, index=True)
    group_id: Mapped[int] = mapped_column(
        sa.ForeignKey("group.id", ondelete="CASCADE"), index=True
    )
    observation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("observation.id", ondelete="CASCADE"), index=True
    )
    field: Mapped[str] = mapped_column(sa.String(32))
    base_value: Mapped[dict | None] = mapped_column(sa.JSON)
    # Each side: {"value", "member_id", "pseudonym", "change_id", "made_at"}.
    sides: Mapped[list] = mapped_column(sa.JSON)
    provisional_value: Mapped[dict | None] = mapped_column(sa.JSON)
    status: Mapped[str] = mapped_column(sa.String(16), default="open")
    resolved_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("member.id", ondelete="SET NULL")
    )
    resolved_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    resolution: Mapped[dict | None] = mapped_column(sa.JSON)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)


class DuplicateHint(db.Model):
    """Two observations that may be the same physical device.

    `status`: `open` while it is a question; `merged` once an organiser folded the pair into
    one camera; `dismissed` once she said they are two ("not the same camera": two cameras on
    one pole), with who and when, until she takes it back. Only an open hint flags the pair
    (`flagged`). The answer is about these two records, not where they stand: a hint is
    flagged once, when the later of the two is logged, and never judged again as they are
    edited, so a dismissal holds as they move; a record logged again near them is another
    observation, and its pairs with them are new questions. A merge passes the merged-away
    record's hints to the survivor (`sync.duplicates.hints_after_merge`): its questions are
    about the camera that stays.
    """

    __tablename__ = "duplicate_hint"
    __table_args__ = (sa.UniqueConstraint("observation_a_id", "observation_b_id"),)

    OPEN, MERGED, DISMISSED = duplicates.OPEN, duplicates.MERGED, duplicates.DISMISSED

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(
        sa.ForeignKey("group.id", ondelete="CASCADE"), index=True
    )
    observation_a_id: Mapped[int] = mapped_column(
        sa.ForeignKey("observation.id", ondelete="CASCADE")
    )
    observation_b_id: Mapped[int] = mapped_column(
        sa.ForeignKey("observation.id", ondelete="CASCADE"), index=True
    )
    # Where the two stood when the pair was flagged; what an organiser is told is where they
    # stand now (server/observations/views.py pair_distance_m): a moved pin made it stale.
    distance_m: Mapped[float] = mapped_column()
    status: Mapped[str] = mapped_column(sa.String(16), default=OPEN)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    dismissed_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("member.id", ondelete="SET NULL")
    )
    dismissed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)

    @classmethod
    def flagged(cls) -> sa.ColumnElement[bool]:
        """The hints that flag their pair as possibly one device: the one test every list,
        card, pull, map, count and export of possible duplicates reads."""
        return cls.status == cls.OPEN
