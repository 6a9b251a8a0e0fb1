"""Preparing a received photo: read its EXIF, make its served copies, say it is prepared.

This is the photo worker's job (``camwalk worker``; server/photos/queue.py). The upload has
already stored the bytes as the photo's ``original`` file and committed the row as
``received``; the receipt went back to the phone then.

A job can be lost (huey forgets a job once a worker takes it) or run twice (the sweep queues
again a photo whose lease ran out while a slow job still runs), so a job is idempotent and
the photo row is the ledger:

1. Claim: count the attempt and renew the lease, only while the photo is still ``received``
   (committed, so an attempt that dies still counts). Past the most attempts the photo is
   ``failed`` (preparation_gave_up): a photo that kills its worker must not kill it forever.
2. Decode, read the metadata, write the copies (each file written whole or not at all).
3. Finish: the row becomes ``prepared`` with its EXIF, only if still ``received`` (a twin job
   may have finished first); then the original is deleted unless the group keeps originals
   or a backup is running (server/in_use.py: the backup deletes it once done).
   A crash between the commit and the delete leaves an original that ``camwalk photos gc``
   removes.

A photo that cannot be decoded (truncated, damaged) becomes ``failed`` with the error's code:
no second attempt would help. Anything else (a locked database, a full disk) is raised for
huey to retry; the sweep is the backstop.

A photo store away (a volume unmounted, a folder unreadable) is not the photo's fault: its
bytes were stored and come back with the folder. The job then stops with
:class:`PhotoStoreAway`, gives back the attempt it counted (an outage longer than the most
attempts must not make the photo ``preparation_gave_up``), and leaves the photo ``received``
for huey's retries, each later than the one before, then for the sweep. Only a file missing
from a store that is there is lost (``photo_file_missing``).

A file that a store that is there cannot read (an input/output error: a bad sector; a
permission it lacks) is the file's trouble, not the store's: that attempt counts, and once
the most attempts are spent the photo is ``failed``, ``photo_file_missing``, as a file gone:
the server cannot get its bytes, and the phone that still holds them sends them again
(docs/sync-protocol.md). Taken as the store's, it was tried again for as long as the file
stayed unreadable, that is, for ever.
"""

import logging
from contextlib import contextmanager
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app

from server.errors import ApiError
from server.extensions import db
from server.in_use import a_backup_runs
from server.photos import derivatives
from server.photos.errors import PhotoFileMissing, PreparationGaveUp
from server.photos.exif_reader import detect_image_type, read_photo_metadata
from server.photos.models import FAILED, PREPARED, RECEIVED, Photo
from server.photos.queue import prepare_later, propose_later
from server.photos.service import ORIGINAL, file_key
from server.photos.storage import PhotoStore, PhotoStoreAway, photo_store, read_file
from server.sql import among, in_batches
from server.types import utcnow

log = logging.getLogger(__name__)

# Photos queued again by one periodic sweep, at most: the next, a minute later, takes more.
SWEEP_BATCH = 1000


def prepare(photo_id: int) -> str | None:
    """Run one job. Returns the state the photo is left in, or None if it was not owed."""
    photo = _claim(photo_id)
    if photo is None:
        return None
    if photo.prepare_attempts > int(current_app.config["PHOTO_PREPARE_MAX_ATTEMPTS"]):
        return _fail(photo, PreparationGaveUp.code)
    store = photo_store()
    original = file_key(photo, ORIGINAL)
    try:
        with _store_away_is_no_attempt(store, photo):
            data = read_file(store, original)
    except PhotoStoreAway:
        raise
    except OSError:  # this file alone cannot be read: the attempt counts
        if photo.prepare_attempts < int(current_app.config["PHOTO_PREPARE_MAX_ATTEMPTS"]):
            raise  # for huey to try again: a sector may read on a later try
        data = None  # as lost as a file gone: its bytes are owed again
    if data is None:
        return _fail(photo, PhotoFileMissing.code)
    try:
        decoded = derivatives.decode(data, detect_image_type(data) or "")
        copies = derivatives.render_all(decoded.image)
    except ApiError as error:
        return _fail(photo, error.code)
    meta = read_photo_metadata(data)
    with _store_away_is_no_attempt(store, photo):
        for name, body in copies.items():
            store.put(file_key(photo, f"{name}.jpg"), body)
    done = _finish(
        photo.id,
        state=PREPARED,
        width=decoded.width,
        height=decoded.height,
        exif_lat=meta.lat,
        exif_lon=meta.lon,
        exif_altitude_m=meta.altitude_m,
        exif_direction_deg=meta.direction_deg,
        exif_direction_ref=meta.direction_ref,
        taken_at=meta.taken_at.isoformat() if meta.taken_at else None,
    )
    if done and not photo.original_kept and not a_backup_runs(current_app.instance_path):
        store.delete(original)  # during a backup, kept: server/in_use.py says why
    if done and current_app.config["BLUR_PROPOSALS"]:
        # Faces and plates are looked for by a job of their own, after every photo's copies:
        # about 1 s of CPU each, they would hold back the copies of a burst of uploads.
        propose_later(photo.id)
    return PREPARED


@contextmanager
def _store_away_is_no_attempt(store: PhotoStore, photo: Photo):
    """Raise PhotoStoreAway, with the attempt given back, when the store stops the job: a
    read or a write refused while the store is not there, or one that failed as it went
    away. Any other error is left as it is, and counts: one of the file alone, in a store
    that is there (a bad sector, a permission: what `read_file` raised from), or of the
    store that is there (a full disk)."""
    try:
        yield
    except OSError as error:
        cause = error.__cause__ if isinstance(error, PhotoStoreAway) else error
        if isinstance(cause, OSError) and store.reachable():
            raise cause from None
        log.warning(
            "photo %s (group %s) waits for the photo folder: %s", photo.id, photo.group_id, error
        )
        _give_back_attempt(photo.id)
        if isinstance(error, PhotoStoreAway):
            raise
        raise PhotoStoreAway(str(error)) from error


def _give_back_attempt(photo_id: int) -> None:
    # The count is for photos that kill their worker: one that only waited for its folder
    # would otherwise be given up after an outage of a few tries.
    db.session.rollback()
    db.session.execute(
        sa.update(Photo)
        .where(Photo.id == photo_id, Photo.state == RECEIVED, Photo.prepare_attempts > 0)
        .values(prepare_attempts=Photo.prepare_attempts - 1)
    )
    db.session.commit()


def _claim(photo_id: int) -> Photo | None:
    claimed = db.session.execute(
        sa.update(Photo)
        .where(Photo.id == photo_id, Photo.state == RECEIVED)
        .values(prepare_attempts=Photo.prepare_attempts + 1, queued_at=utcnow())
    ).rowcount
    db.session.commit()
    return db.session.get(Photo, photo_id) if claimed else None


def _finish(photo_id: int, **values) -> bool:
    """Write the outcome unless another job already did; True when this one did."""
    done = db.session.execute(
        sa.update(Photo).where(Photo.id == photo_id, Photo.state == RECEIVED).values(**values)
    ).rowcount
    db.session.commit()
    return bool(done)


def _fail(photo: Photo, code: str) -> str:
    log.warning("photo %s (group %s) cannot be prepared: %s", photo.id, photo.group_id, code)
    failed = _finish(photo.id, state=FAILED, failure_code=code)
    if failed and not photo.original_kept and not a_backup_runs(current_app.instance_path):
        # Nothing will ever be made from these bytes, and they carry the camera's metadata.
        photo_store().delete(file_key(photo, ORIGINAL))
    return FAILED


def queue_restored() -> int:
    """After a restore: queue at once every photo the restored database says is still
    owed its copies. Their `queued_at` came with the backup, so they would otherwise wait
    out the lease (PHOTO_PREPARE_LEASE_S) for a job the restore may have taken away (the
    SQLite queue is a file of its own, not in the backup). Returns how many."""
    db.session.execute(sa.update(Photo).where(Photo.state == RECEIVED).values(queued_at=None))
    db.session.commit()
    return queue_owed(restarting=True)


def queue_owed(restarting: bool = False) -> int:
    """Queue again the received photos whose lease ran out (their job was lost, or its
    worker died). A worker `restarting` also queues at once every photo a job had started
    on: with one worker, that job died with the worker it replaces (with several, another
    may still be running it, which costs a second run, never a lost one). Photos never
    started are most likely still in the queue: they wait for their lease. Returns how many
    were queued."""
    lease = timedelta(seconds=int(current_app.config["PHOTO_PREPARE_LEASE_S"]))
    lost = sa.or_(Photo.queued_at.is_(None), Photo.queued_at < utcnow() - lease)
    if restarting:
        lost = sa.or_(lost, Photo.prepare_attempts > 0)
    owed = sa.select(Photo.id).where(Photo.state == RECEIVED, lost).order_by(Photo.id)
    ids = list(db.session.scalars(owed if restarting else owed.limit(SWEEP_BATCH)))
    if not ids:
        db.session.rollback()
        return 0
    queued_at = utcnow()
    # A worker back after hours down may owe a whole day of action's photos: in batches.
    for batch in in_batches(ids):
        queued = sa.update(Photo).where(among(Photo.id, batch)).values(queued_at=queued_at)
        db.session.execute(queued)
    db.session.commit()
    for photo_id in ids:
        prepare_later(photo_id)
    log.info("queued %d photos still owed their copies", len(ids))
    return len(ids)
