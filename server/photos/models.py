"""Photos, addressed by the SHA-256 of their bytes."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from server.extensions import db
from server.types import UtcDateTime, utcnow

# A photo's life: its bytes are stored (received), then the worker reads its EXIF and makes
# its served copies (prepared), or finds it cannot (failed, with a code saying why).
RECEIVED, PREPARED, FAILED = "received", "prepared", "failed"
PHOTO_STATES = (RECEIVED, PREPARED, FAILED)


class Photo(db.Model):
    __tablename__ = "photo"
    __table_args__ = (
        sa.UniqueConstraint("group_id", "sha256"),
        sa.Index("ix_photo_group_id_public_name", "group_id", "public_name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(
        sa.ForeignKey("group.id", ondelete="CASCADE"), index=True
    )
    sha256: Mapped[str] = mapped_column(sa.String(64), index=True)
    uploaded_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("member.id", ondelete="SET NULL")
    )
    media_type: Mapped[str] = mapped_column(sa.String(32))
    size_bytes: Mapped[int] = mapped_column()
    width: Mapped[int | None] = mapped_column()
    height: Mapped[int | None] = mapped_column()
    exif_lat: Mapped[float | None] = mapped_column()
    exif_lon: Mapped[float | None] = mapped_column()
    exif_altitude_m: Mapped[float | None] = mapped_column()
    exif_direction_deg: Mapped[float | None] = mapped_column()
    exif_direction_ref: Mapped[str | None] = mapped_column(sa.String(1))
    # ISO 8601 as the camera recorded it, with its offset when it had one.
    taken_at: Mapped[str | None] = mapped_column(sa.String(40))
    original_kept: Mapped[bool] = mapped_column(default=False)
    # An organiser's choice to show the photo on the public campaign map (off until chosen),
    # and the rectangles to blur there: [x, y, w, h] as fractions of the upright image. Its
    # blurred copy is shown only beside the cameras she published it with
    # (ObservationPhoto.published, `shown_publicly`).
    public: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    blur: Mapped[list | None] = mapped_column(sa.JSON)
    # The name the photo was last handed out under on the public map (publication.public_name):
    # what a request for it is found by, never trusted alone (publication.public_photo).
    public_name: Mapped[str | None] = mapped_column(sa.String(32))
    # Boxes over the faces and number plates the detector found (server/photos/detection.py),
    # in the same fractions: the blur editor's starting point until the organiser decides.
    # Null until looked for (the worker does it; the first open does it for older photos).
    proposed_blur: Mapped[list | None] = mapped_column(sa.JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    # "prepared" by default: a row made by any other path than an upload (the demo, a
    # restore) comes with its copies. The upload sets "received" itself.
    state: Mapped[str] = mapped_column(sa.String(16), default=PREPARED, server_default=PREPARED)
    failure_code: Mapped[str | None] = mapped_column(sa.String(40))
    # Jobs started on this photo, and when it was last queued or started: the worker's sweep
    # queues again a photo whose lease ran out, and gives up after too many attempts.
    prepare_attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    queued_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class ObservationPhoto(db.Model):
    """A photo shown on an observation. One photo may show several cameras (a wide shot of a
    corner), so a photo can belong to several observations, each with its own role."""

    __tablename__ = "observation_photo"

    observation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("observation.id", ondelete="CASCADE"), primary_key=True
    )
    photo_id: Mapped[int] = mapped_column(
        sa.ForeignKey("photo.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    # close_up, context or other.
    role: Mapped[str] = mapped_column(sa.String(16))
    # Whether an organiser published the photo beside this camera (server/photos/publication):
    # a walker may link a photo already public beside one camera to another, and it must not
    # reach the public map there without her look. A new link is never published.
    published: Mapped[bool] = mapped_column(default=False, server_default=sa.false())


def shown_publicly() -> sa.ColumnElement[bool]:
    """The one rule of which photo the public sees beside which camera, for a query joining
    Photo and ObservationPhoto: the photo is published (its blurred copy exists) and an
    organiser published it beside this camera. Whether the camera itself is on the public
    map is the map's own rule (publication._on_public_map)."""
    return sa.and_(Photo.public.is_(True), ObservationPhoto.published.is_(True))
