"""Receiving photos and handing out their served copies.

A photo is addressed by the SHA-256 of its bytes within its group. Upload order: check the
bytes (size, hash, the member's quota, type and declared pixels from the header), write them
durably as the photo's ``original`` file, commit the row as ``received``, queue the job that
prepares it (server/photos/preparation.py), and answer: the receipt says the bytes are safe,
not that the copies exist. If the commit fails the new file is removed, so a failed upload
leaves neither row nor file behind. A row therefore always has its bytes; a crash between the
two steps can leave an unreferenced file, never a row without one. A job that is never queued
(a crash after the commit) is queued by the worker's sweep.

The same bytes sent again are the phone's retry after a lost answer, and are not written
again; but when the server has lost the photo's file before making its copies (a disk
swapped, a photo folder put back from an older copy), they are the only way back: such a
photo takes them as a new upload would, and is owed its copies again (`_owes_its_bytes`).
So does a prepared photo that lost its copies with no original kept to make them again
from: its receipt says it `failed`, `photo_file_missing` (`standing`), which tells the phone
to send the bytes again, and asking for a copy answers so. That is read from the files each
time, never written to the row: a photo folder away for a minute (a volume mounted late, a
restore half done) would otherwise leave every photo looked at meanwhile failed for good
once its files were back.

Nothing is written while the photo folder itself is away (server/photos/storage.py): an
upload, the same bytes sent again, or a copy asked for then answers 503
`photo_store_unavailable`, having stored nothing, and the phone keeps the photo.
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
from server.photos.errors import (
    FAILURES,
    HashMismatch,
    PhotoBeingPrepared,
    PhotoFileMissing,
    PhotoPreparationFailed,
    PhotoTooLarge,
)
from server.photos.exif_reader import IMAGE_MIME_TYPES, detect_image_type
from server.photos.models import FAILED, PREPARED, RECEIVED, ObservationPhoto, Photo
from server.photos.queue import prepare_later
from server.photos.storage import PhotoStore, PhotoStoreAway, photo_store, read_file
from server.types import utcnow

SHA256 = re.compile(r"[0-9a-f]{64}")
_CHUNK_BYTES = 1 << 20
# The uploaded bytes: kept after preparation only when the group keeps originals.
ORIGINAL = "original"
# Every file an upload and its preparation write.
VARIANTS = [ORIGINAL, *(f"{size}.jpg" for size in derivatives.SIZES)]


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


def receipt(group_id: int, sha256: str) -> Photo:
    """The photo whose receipt is asked for; the receipt says it as it stands (`standing`)."""
    return get_photo(group_id, sha256)


def standing(photo: Photo) -> tuple[str, str | None]:
    """The photo's state and failure code as they are now: the row's, except that a prepared
    photo whose copies the server lost, with nothing to make them again from, is `failed`,
    `photo_file_missing` for as long as they are missing. Not written: the row stays
    `prepared`, so the photo is prepared again the moment its files are back, and the same
    bytes sent again mend it if they never come back (`_owes_its_bytes`). One or two file
    lookups, for a prepared photo only."""
    if photo.state == PREPARED and _lost_its_copies(photo):
        return FAILED, PhotoFileMissing.code
    return photo.state, photo.failure_code


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
    if existing is not None and _owes_its_bytes(existing):
        return _take_again(existing, data), False
    if existing is not None:
        return existing, False  # the same bytes again: nothing to check or rewrite
    quota.check_quota(member, len(data))  # before decoding: refusing must cost nothing
    kind = detect_image_type(data) or ""
    derivatives.check_header(data, kind)
    photo = Photo(
        group_id=member.group_id,
        sha256=sha256,
        uploaded_by_id=member.id,
        media_type=IMAGE_MIME_TYPES[kind],
        size_bytes=len(data),
        original_kept=bool(member.group.keep_originals),
        state=RECEIVED,
        queued_at=utcnow(),
    )
    photo, created = _store(photo, {ORIGINAL: data})
    if created:
        _queue(photo)
    return photo, created


def _owes_its_bytes(photo: Photo) -> bool:
    """Whether the server lost this photo's file before it made its copies, or lost its
    copies with nothing to make them again from."""
    if photo.state == FAILED:
        return photo.failure_code == PhotoFileMissing.code
    if photo.state == PREPARED:
        return _lost_its_copies(photo)
    return photo.state == RECEIVED and not photo_store().exists(file_key(photo, ORIGINAL))


def _remake_source(store: PhotoStore, photo: Photo, size: str) -> str | None:
    """The key of the file a lost copy of `size` is made again from: the kept original, or,
    for the thumbnail, the display copy (already upright, and larger)."""
    sources = [ORIGINAL] if photo.original_kept else []
    sources += ["display.jpg"] if size != "display" else []
    return next((file_key(photo, s) for s in sources if store.exists(file_key(photo, s))), None)


def _lost_its_copies(photo: Photo) -> bool:
    """Whether a prepared photo lacks a copy it has nothing to make again from. The display
    copy is looked at first: the thumbnail can always be made again from it."""
    store = photo_store()
    return not store.exists(file_key(photo, "display.jpg")) and (
        _remake_source(store, photo, "display") is None
    )


def _take_again(photo: Photo, data: bytes) -> Photo:
    """Store the bytes of a photo that lost its file, and queue its copies again.

    The file first, then the row: a job reading the row as received finds the file. The
    quota is not checked again: the member's count already holds this photo. The receipt's
    time (`created_at`) moves to now: the bytes are safe from now on, and a phone counts its
    week before freeing them from it (docs/sync-protocol.md)."""
    photo_store().put(file_key(photo, ORIGINAL), data)
    photo.state, photo.failure_code = RECEIVED, None
    photo.prepare_attempts, photo.queued_at = 0, utcnow()
    photo.created_at = photo.queued_at
    db.session.commit()
    _queue(photo)
    return photo


def _queue(photo: Photo) -> None:
    try:
        prepare_later(photo.id)
    except Exception:
        # The bytes are stored and the row says "received": the worker's sweep queues the
        # photo again once its lease runs out. The walker's receipt must not wait for that.
        current_app.logger.exception("could not queue photo %s; the sweep will", photo.id)
    # The job may have run already (immediate mode, a quick worker): read the row again.
    db.session.expire(photo)


def _store(photo: Photo, files: dict[str, bytes]) -> tuple[Photo, bool]:
    store = photo_store()
    written: list[str] = []
    try:
        for variant, body in files.items():
            key = file_key(photo, variant)
            if not store.exists(key):
                written.append(key)  # files left by an earlier crash are not ours to delete
            store.put(key, body)  # refused, writing nothing, while the store is away
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
        except PhotoStoreAway as error:
            # Nothing is written to a store away: what is there waits for `photos gc`.
            current_app.logger.warning("%s left for `camwalk photos gc`: %s", key, error)
        except OSError:
            current_app.logger.exception("could not remove %s after a failed upload", key)


def forget_unattached(made: list[Photo]) -> set[str]:
    """Remove those of `made` (photos just stored) that no observation shows; their hashes.

    Row first, files after, as an upload's failure does: a row always has its bytes. A copy
    its preparation job writes after that is a file with no row, which `photos gc` removes.
    """
    if not made:
        return set()
    # Read before the delete: a deleted row's object can no longer be loaded.
    keys = {photo.id: (photo.sha256, [file_key(photo, v) for v in VARIANTS]) for photo in made}
    shown = sa.select(ObservationPhoto.photo_id).where(ObservationPhoto.photo_id == Photo.id)
    db.session.execute(
        sa.delete(Photo).where(Photo.id.in_(list(keys)), ~shown.exists()),
        execution_options={"synchronize_session": False},
    )
    db.session.commit()
    for photo_id in db.session.scalars(sa.select(Photo.id).where(Photo.id.in_(list(keys)))):
        del keys[photo_id]  # shown by an observation: kept
    _delete_quietly(photo_store(), [key for _, files in keys.values() for key in files])
    return {sha256 for sha256, _ in keys.values()}


def served_copy(member: Member, sha256: str, size: str) -> bytes:
    """The display or thumbnail JPEG of one of the member's group's photos."""
    photo = get_photo(member.group_id, sha256)
    if size not in derivatives.SIZES:
        raise NotFound()
    require_prepared(photo)
    store = photo_store()
    key = file_key(photo, f"{size}.jpg")
    body = read_file(store, key)  # a store away is 503, as every write to it is
    if body is None:
        source = _remake_source(store, photo, size)
        data = read_file(store, source) if source is not None else None
        if data is None:
            # As the receipt says it (`standing`), and not written: the files may be back soon.
            _refuse(FAILED, PhotoFileMissing.code)
        body = _remake(data, size)
        store.put(key, body)
    return body


def require_prepared(photo: Photo) -> None:
    """Refuse, with a code a client can act on, what needs copies the photo does not have."""
    _refuse(photo.state, photo.failure_code)


def _refuse(state: str, failure_code: str | None) -> None:
    if state == RECEIVED:
        raise PhotoBeingPrepared()
    if state == FAILED:
        reason = failure(state, failure_code)["message"]
        raise PhotoPreparationFailed(f"{PhotoPreparationFailed.message} {reason}")


def failure(state: str, failure_code: str | None) -> dict | None:
    """Why a failed photo could not be prepared, as ``{code, message}``; None otherwise."""
    if state != FAILED:
        return None
    code = failure_code or "unknown"
    return {"code": code, "message": FAILURES.get(code, PhotoPreparationFailed.message)}


def _remake(source: bytes, size: str) -> bytes:
    """Make a lost served copy again from `source` (`_remake_source`'s file)."""
    decoded = derivatives.decode(source, detect_image_type(source) or "")
    return derivatives.render(decoded.image, derivatives.SIZES[size])
