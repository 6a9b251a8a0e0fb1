"""Where photo files live, behind a four-method interface.

The upload and serving code only ever calls :func:`photo_store` and the :class:`PhotoStore`
methods, so an object store (S3, MinIO) can replace the local folder without touching them.
Keys are relative, slash-separated names such as ``g12/ab12…/display.jpg``.
"""

import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

import sqlalchemy as sa
from flask import current_app

from server.extensions import db
from server.photos.errors import PhotoStoreUnavailable

# Letters, digits, dot, dash and underscore per segment: no "..", no absolute paths, no
# surprises on case-insensitive or odd file systems.
_SEGMENT = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}")


class PhotoStore(Protocol):
    def put(self, key: str, data: bytes) -> None:
        """Store `data` under `key`, replacing any earlier content, all or nothing."""

    def get(self, key: str) -> bytes | None:
        """The bytes under `key`, or None."""

    def exists(self, key: str) -> bool: ...

    def delete(self, key: str) -> None:
        """Remove `key`; a missing key is not an error."""

    def reachable(self) -> bool:
        """Whether the store itself is there; asked before every write (`put` and `delete`
        raise :class:`PhotoStoreAway` otherwise), and when a file it was given is not found,
        to tell a file lost from a store away for a while."""


class PhotoStoreAway(PhotoStoreUnavailable, OSError):
    """The store is not there (a volume unmounted, a folder unreadable): its files may be
    whole and back with it, so nothing is concluded about any photo meanwhile, and nothing is
    written. An OSError for the worker, which waits for it (server/photos/preparation.py);
    answered 503 `photo_store_unavailable` to a request."""


# The file that tells the photo store from the folder it is mounted on (docs/photo-worker.md).
MARKER = ".camwalk-photo-store"
# Photo rows whose files are looked for when a store holds no marker yet: enough to find one
# whose files a store that is there holds, few enough to cost nothing.
_ROWS_LOOKED_AT = 20


def check_key(key: str) -> list[str]:
    parts = key.split("/")
    if not parts or not all(_SEGMENT.fullmatch(part) for part in parts):
        raise ValueError(f"not a valid photo storage key: {key!r}")
    return parts


class LocalPhotoStore:
    """Files in a folder. Writes go to a temporary file in the target folder, are fsynced, then
    renamed over the final name, so a crash leaves either the old file or the new one, never
    half of one under the final name.

    The folder is the store only while it holds its :data:`MARKER`. A folder without it is
    away, whatever else it holds (an empty mount point, the root disk's own files under it),
    unless `vouch` says this folder is the store (it is asked with the store, and answers
    whether the marker may be written there now: :func:`database_vouches` in the app)."""

    def __init__(self, root: str | os.PathLike, vouch: Callable[["LocalPhotoStore"], bool]):
        self.root = Path(root)
        self._vouch = vouch

    def path(self, key: str) -> Path:
        return self.root.joinpath(*check_key(key))

    def put(self, key: str, data: bytes) -> None:
        target = self.path(key)
        self._require_reachable(key)
        # Below the root only: the store is there, so its root is.
        target.parent.mkdir(parents=True, exist_ok=True)
        _write_whole(target, data)

    def get(self, key: str) -> bytes | None:
        try:
            return self.path(key).read_bytes()
        except FileNotFoundError:
            return None

    def exists(self, key: str) -> bool:
        return self.path(key).is_file()

    def delete(self, key: str) -> None:
        target = self.path(key)
        # Refused while away: a missing file there says nothing of the volume's own.
        self._require_reachable(key)
        target.unlink(missing_ok=True)

    def reachable(self) -> bool:
        """The folder can be listed and holds its marker; or it is missing or lacks the
        marker, and `vouch` says it is the store: then the marker is written. A folder that
        cannot be listed is away."""
        marked = self._marked()
        if marked is not None:
            return marked
        if not self._vouch(self):
            return False
        self.root.mkdir(parents=True, exist_ok=True)
        self.put_marker()
        return True

    def put_marker(self) -> None:
        """Write the marker: from now on this folder is the store."""
        _write_whole(self.root / MARKER, b"camwalk's photo store: a folder without this is not.\n")

    def _marked(self) -> bool | None:
        """True when marked; False when the folder cannot be listed; None when it is
        missing or lacks its marker (for `vouch` to decide)."""
        try:
            with os.scandir(self.root) as entries:
                return any(entry.name == MARKER for entry in entries) or None
        except FileNotFoundError:
            return None
        except OSError:
            return False

    def _require_reachable(self, key: str) -> None:
        if not self.reachable():
            raise PhotoStoreAway(f"the photo folder {self.root} is away; {key} not written")


def read_file(store: PhotoStore, key: str) -> bytes | None:
    """The bytes under `key`, or None when the store is there and lacks them. Whatever stops
    the read (a folder unreadable, an input/output error: the store's trouble, never the
    bytes', which would fail to decode instead), or a file not found in a store that is not
    there, raises :class:`PhotoStoreAway`: the file may well be whole on the volume."""
    try:
        data = store.get(key)
    except PhotoStoreAway:
        raise
    except OSError as error:
        raise PhotoStoreAway(f"{key} not read: {error}") from error
    if data is None and not store.reachable():
        raise PhotoStoreAway(f"the photo folder is away; {key} not read")
    return data


def _write_whole(target: Path, data: bytes) -> None:
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    _fsync_folder(target.parent)


def _fsync_folder(folder: Path) -> None:
    # The rename is durable only once the folder entry is on disk too.
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def database_vouches(store: LocalPhotoStore) -> bool:
    """Whether a folder without its marker is the store after all, by what the database
    knows: no photo whose files a store must hold (a fresh install: whatever the folder
    holds, no photo can be lost from it; a failed photo keeps no file), or the folder holds
    a file of one of the latest photos received or prepared (a store filled before camwalk
    wrote a marker). Otherwise it is a folder that is not the store (an empty mount point,
    the root disk under it), and is left alone."""
    from server.photos.service import VARIANTS, file_key  # not loaded with the storage

    latest = _latest_photos_with_files()
    if not latest:
        return True
    return any(
        store.path(file_key(photo, variant)).is_file() for photo in latest for variant in VARIANTS
    )


def _latest_photos_with_files() -> list:
    """`group_id` and `sha256` of the latest photos received or prepared. Read with only the
    columns every schema has: `camwalk backup` and `restore` ask on a database at any
    migration (one with no photo table yet holds no photo; one with no `state` yet, only
    photos with their copies)."""
    from server.photos.models import PREPARED, RECEIVED, Photo

    with db.session.no_autoflush:
        inspector = sa.inspect(db.session.connection())
        if not inspector.has_table(Photo.__tablename__):
            return []
        query = sa.select(Photo.group_id, Photo.sha256).order_by(Photo.id.desc())
        if "state" in {column["name"] for column in inspector.get_columns(Photo.__tablename__)}:
            query = query.where(Photo.state.in_([RECEIVED, PREPARED]))
        return db.session.execute(query.limit(_ROWS_LOOKED_AT)).all()


def photo_store() -> PhotoStore:
    """The app's store: one per app, kept in `app.extensions`."""
    store = current_app.extensions.get("camwalk_photo_store")
    if store is None:
        store = LocalPhotoStore(current_app.config["PHOTO_DIR"], vouch=database_vouches)
        current_app.extensions["camwalk_photo_store"] = store
    return store
