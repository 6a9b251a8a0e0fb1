"""Receiving photos and handing out their served copies.

A photo is addressed by the SHA-256 of its bytes within its group. Upload order: check the
bytes (size, hash, the member's quota, type, pixels), write the files, then commit the row;
if the commit fails the new files are removed, so a failed upload leaves neither row nor
file behind. A row therefore always has its files; a crash between the two steps can leave
unreferenced files, never a row without them.
"""

import hashlib
import re
from typing import BinaryIO

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import IntegrityError

from server.auth.models import Member
from server.errors import InvalidInput, NotFound
from server.extensions import db
from server.photos import derivatives, quota
from server.photos.errors import HashMismatch, PhotoTooLarge, UnsupportedPhotoType
from server.photos.exif_reader import IMAGE_MIME_TYPES, detect_image_type, read_photo_metadata
from server.photos.models import Photo
from server.photos.storage import PhotoStore, photo_store

SHA256 = re.compile(r"[0-9a-f]{64}")
_CHUNK_BYTES = 1 << 20


def find_photo(group_id: int, sha256: str) -> Photo | None:
    """The group's photo with these bytes, or None. Used by sync's attach_photo too."""
    return db.session.scalar(
        sa.select(Photo).where(Photo.group_id == group_id, Photo.sha256 == sha256)
    )


def get_photo(group_id: int, sha256: str) -> Photo:
    """Like :func:`find_photo`, but a missing photo is a 404."""
    photo = find_photo(group_id, sha256) if SHA256.fullmatch(sha256) else None
    if photo is None:
        raise NotFound()
    return photo


def max_photo_bytes() -> int:
    return int(current_app.config["MAX_PHOTO_BYTES"])


def file_key(photo: Photo, variant: str) -> str:
    """Storage key of one file of a photo: ``g<group>/<ab>/<sha256>/<variant>``.

    Per group, although the bytes may be the same in two groups: deleting one group's photos
    must never touch another's.
    """
    return f"g{photo.group_id}/{photo.sha256[:2]}/{photo.sha256}/{variant}"


def refuse_declared_oversize(content_length: int | None) -> None:
    """Refuse a body whose Content-Length is over the limit, before reading a byte of it."""
    if content_length is not None and content_length > max_photo_bytes():
        raise PhotoTooLarge(f"The photo is larger than {max_photo_bytes()} bytes.")


def read_body(stream: BinaryIO) -> bytes:
    """The request body, stopping one byte past the limit (Content-Length may be absent)."""
    limit = max_photo_bytes()
    chunks, total = [], 0
    while chunk := stream.read(min(_CHUNK_BYTES, limit + 1 - total)):
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise PhotoTooLarge(f"The photo is larger than {limit} bytes.")
    return b"".join(chunks)


def receive_photo(member: Member, sha256: str, data: bytes) -> tuple[Photo, bool]:
    """Store an upload for the member's group. Returns the photo and whether it is new."""
    if not SHA256.fullmatch(sha256):
        raise InvalidInput(errors={"sha256": ["Must be 64 lowercase hexadecimal digits."]})
    if hashlib.sha256(data).hexdigest() != sha256:
        raise HashMismatch()
    existing = find_photo(member.group_id, sha256)
    if existing is not None:
        return existing, False  # the same bytes again: nothing to check or rewrite
    quota.check_quota(member, len(data))  # before decoding: refusing must cost nothing
    kind = detect_image_type(data)
    if kind not in derivatives.PILLOW_FORMATS:
        raise UnsupportedPhotoType()
    decoded = derivatives.decode(data, kind)
    photo = _new_photo(member, sha256, data, kind, decoded)
    files = {f"{name}.jpg": body for name, body in derivatives.render_all(decoded.image).items()}
    if photo.original_kept:
        files["original"] = data
    return _store(photo, files)


def _new_photo(member, sha256, data, kind, decoded) -> Photo:
    meta = read_photo_metadata(data)
    return Photo(
        group_id=member.group_id,
        sha256=sha256,
        uploaded_by_id=member.id,
        media_type=IMAGE_MIME_TYPES[kind],
        size_bytes=len(data),
        width=decoded.width,
        height=decoded.height,
        exif_lat=meta.lat,
        exif_lon=meta.lon,
        exif_altitude_m=meta.altitude_m,
        exif_direction_deg=meta.direction_deg,
        exif_direction_ref=meta.direction_ref,
        taken_at=meta.taken_at.isoformat() if meta.taken_at else None,
        original_kept=bool(member.group.keep_originals),
    )


def _store(photo: Photo, files: dict[str, bytes]) -> tuple[Photo, bool]:
    store = photo_store()
    written: list[str] = []
    try:
        for variant, body in files.items():
            key = file_key(photo, variant)
            if not store.exists(key):
                written.append(key)  # files left by an earlier crash are not ours to delete
            store.put(key, body)
        db.session.add(photo)
        db.session.commit()
    except IntegrityError:
        # The same bytes arrived twice at once; the other request's row and files stand.
        db.session.rollback()
        existing = find_photo(photo.group_id, photo.sha256)
        if existing is None:
            raise
        return existing, False
    except BaseException:
        db.session.rollback()
        _delete_quietly(store, written)
        raise
    return photo, True


def _delete_quietly(store: PhotoStore, keys: list[str]) -> None:
    for key in keys:
        try:
            store.delete(key)
        except OSError:
            current_app.logger.exception("could not remove %s after a failed upload", key)


def served_copy(member: Member, sha256: str, size: str) -> bytes:
    """The display or thumbnail JPEG of one of the member's group's photos."""
    photo = get_photo(member.group_id, sha256)
    if size not in derivatives.SIZES:
        raise NotFound()
    store = photo_store()
    key = file_key(photo, f"{size}.jpg")
    body = store.get(key)
    if body is None:
        body = _remake(store, photo, size)
        store.put(key, body)
    return body


def _remake(store: PhotoStore, photo: Photo, size: str) -> bytes:
    """Make a lost served copy again from the kept original, when the group keeps them."""
    original = store.get(file_key(photo, "original")) if photo.original_kept else None
    if original is None:
        raise NotFound("This photo's file is missing on the server.")
    kind = detect_image_type(original)
    decoded = derivatives.decode(original, kind or "")
    return derivatives.render(decoded.image, derivatives.SIZES[size])
