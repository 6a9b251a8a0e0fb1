"""Original uploads a group no longer keeps: what is stored, and deleting it.

An original holds everything the camera wrote: position, time, make, model, serial numbers.
Turning the group's ``keep_originals`` off stops keeping new ones, but the setting alone does
not delete the originals already stored; an organiser is offered to
(``DELETE /api/v1/groups/<id>/originals``), and ``camwalk photos gc`` removes them too. Both
follow the one rule of :func:`may_keep_original`.

Deleting clears the rows' ``original_kept`` first and commits, then removes the files: a crash
in between leaves files that no row claims, which gc removes; never a row that claims a
file that is gone.

Every upload is stored as its original until the photo worker has made its copies (state
``received``): that file stays whatever the setting, and the worker deletes it once done
unless the row says it is kept.
"""

from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app

from server.extensions import db
from server.groups.models import Group
from server.photos.errors import OriginalsStillKept
from server.photos.models import RECEIVED, Photo
from server.photos.service import ORIGINAL, file_key
from server.photos.storage import photo_store

VARIANT = ORIGINAL


@dataclass(frozen=True)
class StoredOriginals:
    keep_originals: bool  # the group's setting, so a client can tell why originals are there
    count: int
    size_bytes: int


def may_keep_original(photo_kept: bool, group_keeps: bool, state: str | None = None) -> bool:
    """An original may stay while the worker still needs it, or while its row says it was kept
    and the group still keeps them."""
    return state == RECEIVED or (photo_kept and group_keeps)


def stored_originals(group: Group) -> StoredOriginals:
    count, size = db.session.execute(
        sa.select(sa.func.count(), sa.func.coalesce(sa.func.sum(Photo.size_bytes), 0)).where(
            Photo.group_id == group.id, Photo.original_kept
        )
    ).one()
    return StoredOriginals(bool(group.keep_originals), int(count), int(size))


def delete_originals(group: Group) -> StoredOriginals:
    """Delete every original the group holds; answers what was deleted."""
    if group.keep_originals:
        raise OriginalsStillKept()
    photos = db.session.scalars(
        sa.select(Photo).where(Photo.group_id == group.id, Photo.original_kept)
    ).all()
    deleted = StoredOriginals(False, len(photos), sum(photo.size_bytes for photo in photos))
    # A received photo's bytes are still the worker's to read: it deletes them when done.
    keys = [file_key(photo, VARIANT) for photo in photos if photo.state != RECEIVED]
    for photo in photos:
        photo.original_kept = False
    db.session.commit()
    store = photo_store()
    for key in keys:
        try:
            store.delete(key)
        except OSError:  # the row no longer claims it: `camwalk photos gc` will remove it
            current_app.logger.exception("could not delete the original %s", key)
    return deleted


def owners_allowed_an_original() -> set[tuple[int, str]]:
    """(group_id, sha256) of every photo whose original may stay on disk."""
    rows = db.session.execute(
        sa.select(
            Photo.group_id, Photo.sha256, Photo.original_kept, Group.keep_originals, Photo.state
        ).join(Group, Group.id == Photo.group_id)
    )
    return {(g, s) for g, s, kept, keeps, state in rows if may_keep_original(kept, keeps, state)}


def forget_originals(owners: set[tuple[int, str]]) -> None:
    """Record that these photos' originals are gone, before their files are deleted."""
    for group_id, sha256 in owners:
        db.session.execute(
            sa.update(Photo)
            .where(Photo.group_id == group_id, Photo.sha256 == sha256)
            .values(original_kept=False)
        )
    db.session.commit()
