"""How many photos, and how many bytes of them, one member of a group may have stored.

Every other upload limit bounds one request; this bounds what one account can pile up, so a
lost or shared walker token cannot fill the disk or keep a worker decoding for hours. It
counts the photos the member uploaded that the group still holds; sending bytes the group
already holds costs nothing and is never refused. Two uploads racing at the limit may both
pass: the quota is a guard against abuse, not an exact budget.
"""

import sqlalchemy as sa
from flask import current_app

from server.auth.models import Member
from server.extensions import db
from server.photos.errors import PhotoQuotaExceeded
from server.photos.models import Photo


def check_quota(member: Member, size_bytes: int) -> None:
    """Refuse one more photo of `size_bytes` if it takes the member past either limit."""
    max_photos = int(current_app.config["MAX_PHOTOS_PER_WALKER"])
    max_bytes = int(current_app.config["MAX_PHOTO_BYTES_PER_WALKER"])
    count, stored = db.session.execute(
        sa.select(sa.func.count(), sa.func.coalesce(sa.func.sum(Photo.size_bytes), 0)).where(
            Photo.group_id == member.group_id, Photo.uploaded_by_id == member.id
        )
    ).one()
    if count + 1 > max_photos or stored + size_bytes > max_bytes:
        raise PhotoQuotaExceeded(
            f"You have stored {count} photos ({stored} bytes); the server allows each member "
            f"{max_photos} photos and {max_bytes} bytes. Ask an organiser."
        )
