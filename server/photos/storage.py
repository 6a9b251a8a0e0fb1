"""Where photo files live, behind a four-method interface.

The upload and serving code only ever calls :func:`photo_store` and the :class:`PhotoStore`
methods, so an object store (S3, MinIO) can replace the local folder without touching them.
Keys are relative, slash-separated names such as ``g12/ab12…/display.jpg``.
"""

import os
import re
import tempfile
from pathlib import Path
from typing import Protocol

from flask import current_app

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
        """Whether the store itself is there to be read; asked when a file it was given is
        not found, to tell a file lost from a store away for a while."""


class PhotoStoreAway(OSError):
    """The store cannot be read at all (a volume unmounted, a folder unreadable): its files
    may be whole and back with it, so nothing is concluded about any photo meanwhile."""


def check_key(key: str) -> list[str]:
    parts = key.split("/")
    if not parts or not all(_SEGMENT.fullmatch(part) for part in parts):
        raise ValueError(f"not a valid photo storage key: {key!r}")
    return parts


class LocalPhotoStore:
    """Files in a folder. Writes go to a temporary file in the target folder, are fsynced, then
    renamed over the final name, so a crash leaves either the old file or the new one, never
    half of one under the final name."""

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)

    def path(self, key: str) -> Path:
        return self.root.joinpath(*check_key(key))

    def put(self, key: str, data: bytes) -> None:
        target = self.path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
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

    def get(self, key: str) -> bytes | None:
        try:
            return self.path(key).read_bytes()
        except FileNotFoundError:
            return None

    def exists(self, key: str) -> bool:
        return self.path(key).is_file()

    def delete(self, key: str) -> None:
        self.path(key).unlink(missing_ok=True)

    def reachable(self) -> bool:
        """A folder that is missing, cannot be listed, or holds nothing at all (the empty
        mount point of a volume not mounted) is away: a store that was given a file is never
        empty."""
        try:
            with os.scandir(self.root) as entries:
                return next(entries, None) is not None
        except OSError:
            return False


def _fsync_folder(folder: Path) -> None:
    # The rename is durable only once the folder entry is on disk too.
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def photo_store() -> PhotoStore:
    """The app's store: one per app, kept in `app.extensions`."""
    store = current_app.extensions.get("camwalk_photo_store")
    if store is None:
        store = LocalPhotoStore(current_app.config["PHOTO_DIR"])
        current_app.extensions["camwalk_photo_store"] = store
    return store
