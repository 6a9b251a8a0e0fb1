"""What `camwalk photos gc` does (server/photos/cli.py): remove photo files that no row
refers to, or no setting allows.

An upload writes its files first and commits the row after (server/photos/service.py), so a
crash between the two leaves files with no row, and a crash inside a write leaves a
``.tmp-*.part`` file. Neither is ever served. Originals are the other case: once a group turns
``keep_originals`` off, the originals it stored earlier (full EXIF, serial numbers) are no
longer allowed (server/photos/originals.py). So are public copies no row publishes: one
rendered for boxes since changed, or for a photo private again, which a crash between the
commit and the file's removal left (server/photos/publication.py). This finds all of them
and, when asked, deletes them. A served copy whose row exists is never deleted. Files younger
than ``min_age_s`` are left alone: they may belong to an upload or a publication that is about
to commit. The store's marker is not a photo file, and is never listed. Nothing is listed or
deleted while the store is away (:class:`PhotoStoreAway`): a folder that is not the store says
nothing of the store's files.
"""

import logging
import time
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from server.extensions import db
from server.photos import originals
from server.photos.models import Photo
from server.photos.publication import PUBLIC_PREFIX, public_key
from server.photos.storage import MARKER, PhotoStoreAway, photo_store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Orphan:
    path: Path
    size_bytes: int
    reason: str


_ORIGINAL_NOT_KEPT = "original the group no longer keeps"


@dataclass(frozen=True)
class _Rows:
    held: set[tuple[int, str]]  # (group_id, sha256) of every photo row
    originals_allowed: set[tuple[int, str]]
    # The one public copy each public photo has (its file name), by (group_id, sha256).
    public_copies: dict[tuple[int, str], str]


def _owner(root: Path, path: Path) -> tuple[int, str] | None:
    """(group_id, sha256) for ``g<group>/<ab>/<sha256>/<variant>``, None for anything else."""
    parts = path.relative_to(root).parts
    if len(parts) != 4 or not parts[0].startswith("g") or not parts[0][1:].isdigit():
        return None
    return int(parts[0][1:]), parts[2]


def _rows() -> _Rows:
    held = {(g, s) for g, s in db.session.execute(sa.select(Photo.group_id, Photo.sha256))}
    public = db.session.scalars(sa.select(Photo).where(Photo.public.is_(True)))
    copies = {(p.group_id, p.sha256): public_key(p, p.blur).rsplit("/", 1)[1] for p in public}
    return _Rows(held, originals.owners_allowed_an_original(), copies)


def find_orphans(root: Path, min_age_s: float) -> list[Orphan]:
    """Files under `root` that no photo row refers to and that are older than `min_age_s`."""
    _require_store()
    rows, cutoff, found = _rows(), time.time() - min_age_s, []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        stat = path.stat()
        if stat.st_mtime > cutoff:
            continue
        reason = _orphan_reason(root, path, rows)
        if reason:
            found.append(Orphan(path, stat.st_size, reason))
    return found


def _require_store() -> None:
    if not photo_store().reachable():
        raise PhotoStoreAway("the photo folder is away: nothing listed or deleted")


def _orphan_reason(root: Path, path: Path, rows: _Rows) -> str | None:
    if path == root / MARKER:
        return None
    if path.name.startswith(".tmp-"):
        return "unfinished write"
    owner = _owner(root, path)
    if owner is None:
        return "not a photo file"
    if owner not in rows.held:
        return "no photo row"
    if path.name == originals.VARIANT and owner not in rows.originals_allowed:
        return _ORIGINAL_NOT_KEPT
    if path.name.startswith(PUBLIC_PREFIX) and path.name != rows.public_copies.get(owner):
        return "public copy no row publishes"
    return None


def delete_originals_not_kept(root: Path) -> int:
    """Delete the originals no setting allows (the worker keeps them while a backup runs);
    none while the store is away: the next backup or `photos gc` will."""
    try:
        _require_store()
    except PhotoStoreAway as error:
        log.warning("originals no group keeps are left for later: %s", error)
        return 0
    found = [o for o in find_orphans(root, min_age_s=0) if o.reason == _ORIGINAL_NOT_KEPT]
    return delete_orphans(root, found) if found else 0


def delete_orphans(root: Path, orphans: list[Orphan]) -> int:
    """Delete the listed files, checking again that no row (or setting) claims them now."""
    _require_store()
    rows = _rows()
    # An upload may have committed, or the group turned keep_originals back on, since listing.
    confirmed = [o for o in orphans if _orphan_reason(root, o.path, rows) is not None]
    originals.forget_originals(
        {
            _owner(root, o.path)
            for o in confirmed
            if _orphan_reason(root, o.path, rows) == _ORIGINAL_NOT_KEPT
        }
    )
    deleted = 0
    for orphan in confirmed:
        orphan.path.unlink(missing_ok=True)
        deleted += 1
        _remove_empty_parents(root, orphan.path.parent)
    return deleted


def _remove_empty_parents(root: Path, folder: Path) -> None:
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return  # not empty
        folder = folder.parent
