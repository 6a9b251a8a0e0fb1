"""Photos an organiser publishes on the group's public campaign map, blurred where asked.

Nothing is public by default. Publishing renders one more served copy, ``public-<digest>.jpg``,
from the kept original (or, when the group keeps none, from the display copy, which is already
upright): the boxes are pixelated then blurred, the image is downscaled to the display size and
written as a JPEG made from pixels alone. `<digest>` hashes the boxes, and so does the public
URL, so a cache that holds an earlier rendering can never show it under the current address.

The file is written before the row says "public", and removed after the row says "private", so
a public row always has its file.

A photo may show several cameras, and a walker may link one already published beside a camera
to another, approved, camera. Publication is therefore recorded per camera too
(`ObservationPhoto.published`): publishing shows the photo beside each camera of the public map
that shows it then (and keeps it beside those it was published with before), and beside no
camera it is linked to later until an organiser publishes it again. Withdrawing takes it off
beside the camera named (the card she kept it private from: a face that matters beside one
camera, a photo linked to the wrong one) or, given none, beside every camera; taken off beside
the last camera it was published with, the photo is private again, its public copy removed,
as a withdrawal everywhere leaves it; so is a photo a walker detaches from the last camera it
was published with (`links_removed`). Every public reader asks `shown_publicly`.

A request for a public photo finds it by its name in the `photo.public_name` index, then checks
that name against the photo as it is now (one HMAC), so it costs the same whatever the number
of published photos (docs/capacity.md); working out every published photo's name to find the
one asked for took up to 250 ms a request at 3,000, and as long for a name that stands for
nothing. A name is
stored on its row before it is handed out: by `set_publication`, which changes the boxes, and
by `_names_handed_out` for a row whose name changed without them (a new SECRET_KEY, a photo
published before the names were stored).
"""

import hashlib
import hmac
import json
import logging
import math
from collections.abc import Iterable, Iterator

import sqlalchemy as sa
from flask import current_app, url_for
from PIL import Image, ImageFilter

from server.auth.models import Member
from server.errors import ApiError, InvalidInput, NotFound
from server.extensions import db
from server.groups.models import Group
from server.observations.models import Observation
from server.photos import derivatives, detection
from server.photos.errors import CameraNotApproved, PhotoFileMissing
from server.photos.exif_reader import detect_image_type
from server.photos.models import PREPARED, ObservationPhoto, Photo, shown_publicly
from server.photos.service import file_key, find_photo, require_prepared
from server.photos.storage import PhotoStoreAway, photo_store, read_file
from server.sql import among
from sync.fields import published_present

log = logging.getLogger(__name__)

# Blocks across the width of a box: few enough that a face is gone, not merely softened.
BLUR_BLOCKS = 12
PUBLIC_SIZE = derivatives.SIZES["display"]


def blur_digest(boxes: list[list[float]] | None) -> str:
    """A short, stable name for a set of boxes (no boxes and null are the same)."""
    canonical = json.dumps([[round(v, 6) for v in box] for box in boxes or []])
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


# The public copies' file names: PUBLIC_PREFIX, the boxes' digest, ".jpg".
PUBLIC_PREFIX = "public-"


def public_key(photo: Photo, boxes: list[list[float]] | None) -> str:
    return file_key(photo, f"{PUBLIC_PREFIX}{blur_digest(boxes)}.jpg")


def public_name(photo: Photo) -> str:
    """The photo's name on the public map: keyed with the server's secret, so it does not give
    away the original's SHA-256 (which would let anyone holding the original file, a walker's
    own copy say, tie her to the campaign), and new with every new set of boxes, so a copy
    cached before the boxes changed can never be served again."""
    secret = str(current_app.config["SECRET_KEY"]).encode()
    message = f"{photo.sha256}:{blur_digest(photo.blur)}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()[:32]


def public_url(group: Group, photo: Photo) -> str | None:
    if not photo.public:
        return None
    photo_id = photo.id  # read first: storing its name commits, which expires the row
    return _url(group, _names_handed_out([photo])[photo_id])


def _url(group: Group, name: str) -> str:
    return url_for("reports.PublicPhoto", slug=group.slug, name=name, _external=True)


def _names_handed_out(photos: Iterable[Photo]) -> dict[int, str]:
    """Each published photo's public name (by photo id), stored on its row before it is handed
    out, so that asking for it finds the row (`public_photo`). A row holds another name only
    when the secret changed (a new SECRET_KEY, a restore made under another) or when it was
    published before the names were stored: it gets its new name here, the first time the
    map or the organiser's editor shows it. Stored only where the row still holds the name
    read, so that a publication with new boxes meanwhile keeps the name it stored."""
    held = {photo.id: photo.public_name for photo in photos}
    names = {photo.id: public_name(photo) for photo in photos}
    stale = [
        {"photo_id": photo_id, "held": held[photo_id], "name": name}
        for photo_id, name in names.items()
        if held[photo_id] != name
    ]
    if stale:
        table = Photo.__table__
        db.session.execute(
            sa.update(table)
            .where(
                table.c.id == sa.bindparam("photo_id"),
                table.c.public.is_(True),
                table.c.public_name.is_not_distinct_from(sa.bindparam("held")),
            )
            .values(public_name=sa.bindparam("name")),
            stale,
        )
        db.session.commit()
    return names


def publication_view(group: Group, photo: Photo) -> dict:
    return {
        "sha256": photo.sha256,
        "public": photo.public,
        "blur": photo.blur or [],
        "public_url": public_url(group, photo),
        # The editor starts from the proposals until the organiser has once said publish or
        # keep private: from then on her boxes are the decision, even an empty list.
        "decided": photo.blur is not None,
        "proposed_blur": photo.proposed_blur,
    }


def open_publication(member: Member, sha256: str) -> dict:
    """What the blur editor opens with. A photo stored before faces and plates were looked
    for (or whose worker has not looked yet, or could not) is looked at now."""
    photo = organisers_photo(member, sha256)
    _look_for_faces_and_plates(photo)
    return publication_view(member.group, photo)


def propose(photo_id: int) -> None:
    """The worker's job: the boxes to propose for one prepared photo (server/photos/queue)."""
    photo = db.session.get(Photo, photo_id)
    if photo is not None:
        _look_for_faces_and_plates(photo)


def _look_for_faces_and_plates(photo: Photo) -> None:
    """Once per photo, on its display copy (the same 1600 px the detector works at)."""
    if photo.proposed_blur is not None or photo.state != PREPARED:
        return
    image = _display_image(photo)
    found = detection.proposals(image) if image is not None else None
    if found is not None:
        photo.proposed_blur = found
        db.session.commit()


def _display_image(photo: Photo) -> Image.Image | None:
    data = read_file(photo_store(), file_key(photo, "display.jpg"))
    if data is None:
        return None
    return derivatives.decode(data, "jpeg").image


def organisers_photo(member: Member, sha256: str) -> Photo:
    """The member's group's photo, if an observation of that group shows it; else 404."""
    photo = find_photo(member.group_id, sha256)
    if photo is None or not _linked(photo, Observation.group_id == member.group_id):
        raise NotFound()
    return photo


def _linked(photo: Photo, *where) -> bool:
    return _link_of(photo, *where) is not None


def _link_of(photo: Photo, *where) -> int | None:
    """The id of one observation linked to the photo that `where` holds, or None."""
    query = (
        sa.select(ObservationPhoto.observation_id)
        .join(Observation, Observation.id == ObservationPhoto.observation_id)
        .where(ObservationPhoto.photo_id == photo.id, *where)
        .limit(1)
    )
    return db.session.scalar(query)


def set_publication(
    member: Member, sha256: str, public: bool, boxes: list, camera: str | None = None
) -> dict:
    """Publish the photo, blurred in `boxes`, beside the camera `camera` (a uuid) or, given
    none, beside every camera of the public map that shows it now; or withdraw it beside
    `camera`, or, given none, beside every camera. A camera it is linked to later, or that
    reaches the map later, shows it only once an organiser publishes it again: a walker's
    link is not her decision. The boxes are the photo's wherever it stays public."""
    photo = organisers_photo(member, sha256)
    if public:
        require_prepared(photo)  # the organiser chose the boxes on a copy that must exist
        beside = _cameras_on_the_map(member.group, photo, camera)
    elif camera is not None:
        beside = [_camera_showing(member.group, photo, camera)]
    else:
        beside = None  # every camera
    # Withdrawn beside the last camera it was published with, it is private again, its public
    # copy removed, exactly as withdrawn everywhere.
    stays_public = public or (
        photo.public and beside is not None and _published_beside_another(photo, beside)
    )
    old_key = public_key(photo, photo.blur) if photo.public else None
    new_key = public_key(photo, boxes) if stays_public else None
    store = photo_store()
    wrote_new = False
    if new_key is not None and not store.exists(new_key):
        store.put(new_key, render_public(photo, boxes))
        wrote_new = True
    try:
        photo.public, photo.blur = stays_public, boxes
        # New boxes, a new name: the old one finds nothing from this commit on.
        photo.public_name = public_name(photo) if stays_public else None
        _mark_beside(photo.id, beside if stays_public else None, public)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        if wrote_new:
            store.delete(new_key)
        raise
    if old_key is not None and old_key != new_key:
        store.delete(old_key)  # the row no longer points at it: nothing serves it any more
    return publication_view(member.group, photo)


def links_removed(photo_ids: Iterable[int]) -> list[str]:
    """After a change took away links these photos were published by (a walker detached the
    photo from a camera): each now published beside no standing camera is private again, as
    an organiser's withdrawal beside its last camera leaves it. Returns the keys of their
    public copies, to remove once this is committed (a public row always has its file).
    Without it the photo stayed "public" with nowhere to show it: its copy kept on disk and
    in backups, and the organiser's editor said it was on the map."""
    photos = db.session.scalars(
        sa.select(Photo).where(among(Photo.id, photo_ids), Photo.public.is_(True))
    ).all()
    keys = []
    for photo in photos:
        if not _published_beside_another(photo, []):
            keys.append(public_key(photo, photo.blur))
            photo.public, photo.public_name = False, None
            # Beside a camera deleted or merged away too, as set_publication withdraws it.
            _mark_beside(photo.id, None, False)
    return keys


def remove_public_copies(keys: Iterable[str]) -> None:
    """Remove public copies the committed rows no longer point at (nothing serves them). Left
    for `camwalk photos gc` while the store is away (server/photos/gc.py)."""
    store = photo_store()
    for key in keys:
        try:
            store.delete(key)
        except OSError as error:
            log.warning("public copy %s left for photos gc: %s", key, error)


def _camera_showing(group: Group, photo: Photo, camera: str) -> int:
    """The id of the group's camera `camera` (a uuid), which must show the photo (422)."""
    found = _link_of(photo, Observation.group_id == group.id, Observation.uuid == camera)
    if found is None:
        raise InvalidInput(errors={"observation_id": ["does not show this photo"]})
    return found


def _published_beside_another(photo: Photo, observation_ids: list[int]) -> bool:
    """Whether an organiser published the photo beside a camera not in `observation_ids`,
    one still standing: a camera merged into another, or deleted, never shows it again (its
    survivor holds the publication, `carry_over`). A rejected one may be approved again, and
    shows it again then, as it would have."""
    return _linked(
        photo,
        ObservationPhoto.published.is_(True),
        ObservationPhoto.observation_id.not_in(observation_ids),
        Observation.deleted.is_(False),
        Observation.merged_into_id.is_(None),
    )


def _cameras_on_the_map(group: Group, photo: Photo, camera: str | None) -> list[int]:
    """The ids of the cameras on the public map that show the photo (`camera` alone, when
    named): those it is published beside. None is refused (docs/privacy.md): said
    "published" of a pending or rejected camera's photo, the organiser believed it public
    while nobody could see it, and an approval later would show it with no second look. Her
    boxes can still be kept meanwhile, with `public` false."""
    where = [Photo.id == photo.id]
    if camera is not None:
        _camera_showing(group, photo, camera)
        where.append(Observation.uuid == camera)
    on_map = sorted({obs for obs, _ in _on_public_map(group, *where, published_only=False)})
    if not on_map:
        raise CameraNotApproved()
    return on_map


def _mark_beside(photo_id: int, observation_ids: list[int] | None, published: bool) -> None:
    """The photo published, or withdrawn, beside the cameras `observation_ids` (its other
    cameras keep their state), or beside every camera, given None (only to withdraw it)."""
    links = sa.update(ObservationPhoto).where(ObservationPhoto.photo_id == photo_id)
    if observation_ids is not None:
        links = links.where(ObservationPhoto.observation_id.in_(observation_ids))
    db.session.execute(links.values(published=published))


def carry_over(merged_id: int, survivor_id: int) -> None:
    """After an organiser merged one camera into another: each photo published beside the
    merged camera is published beside the survivor, which holds its photos now. Her merge
    says the two are one device, and she published the photo beside that device; without
    this a published photo left the map with the record it was published on."""
    published = sa.select(ObservationPhoto.photo_id).where(
        ObservationPhoto.observation_id == merged_id, ObservationPhoto.published.is_(True)
    )
    db.session.flush()  # the survivor's new links
    db.session.execute(
        sa.update(ObservationPhoto)
        .where(
            ObservationPhoto.observation_id == survivor_id,
            ObservationPhoto.photo_id.in_(published),
        )
        .values(published=True)
    )


def render_public(photo: Photo, boxes: list) -> bytes:
    """The public JPEG: upright, blurred in each box, display size, no metadata."""
    source = _source_bytes(photo)
    kind = detect_image_type(source) or ""
    decoded = derivatives.decode(source, kind)
    return derivatives.render(blur_boxes(decoded.image, boxes), PUBLIC_SIZE)


def _source_bytes(photo: Photo) -> bytes:
    store = photo_store()
    for variant in ("original", "display.jpg"):
        if variant == "original" and not photo.original_kept:
            continue
        data = read_file(store, file_key(photo, variant))
        if data is not None:
            return data
    raise PhotoFileMissing()


def blur_boxes(image: Image.Image, boxes: list) -> Image.Image:
    """A copy of `image` with each box (fractions of its size) pixelated, then blurred."""
    out = image.copy()
    width, height = out.size
    for x, y, w, h in boxes:
        left, top = math.floor(x * width), math.floor(y * height)
        right = min(width, max(left + 1, math.ceil((x + w) * width)))
        bottom = min(height, max(top + 1, math.ceil((y + h) * height)))
        left, top = min(left, right - 1), min(top, bottom - 1)
        out.paste(_obscure(out.crop((left, top, right, bottom))), (left, top))
    return out


def _obscure(region: Image.Image) -> Image.Image:
    # Averaging into blocks throws the detail away (a blur alone can be partly undone); the
    # blur then hides the block edges, which would otherwise still outline a face.
    width, height = region.size
    block = max(1.0, width / BLUR_BLOCKS)
    across = max(1, round(width / block))
    down = max(1, round(height / block))
    small = region.resize((across, down), Image.Resampling.BOX)
    blocky = small.resize((width, height), Image.Resampling.NEAREST)
    return blocky.filter(ImageFilter.GaussianBlur(radius=block / 2))


def public_photo(group: Group, name: str) -> bytes:
    """The public JPEG of a published map's photo, or 404 for anything else. The name is
    looked up in the index of names handed out, among the photos the map shows, then checked
    against the photo's name by its boxes and the secret as they are now: one HMAC whatever
    the campaign's size, and a row holding a name that is no longer its own is not served."""
    photo = _named(group, name) if group.public_map else None
    if photo is None:
        raise NotFound()
    return public_copy(photo)


def _named(group: Group, name: str) -> Photo | None:
    # The photo and its cameras first, by their indexes, then the map's rule on those rows
    # alone: asked in one query, SQLite read every camera of the group to find them.
    links = db.session.execute(
        sa.select(ObservationPhoto.photo_id, ObservationPhoto.observation_id)
        .join(Photo, Photo.id == ObservationPhoto.photo_id)
        .where(Photo.group_id == group.id, Photo.public_name == name)
    ).all()
    if not links:
        return None
    photo_ids, observation_ids = zip(*links, strict=True)
    shown = _on_public_map(
        group, Photo.id.in_(set(photo_ids)), Observation.id.in_(set(observation_ids))
    )
    return next((p for _, p in shown if hmac.compare_digest(public_name(p), name)), None)


def public_copy(photo: Photo) -> bytes:
    """The blurred JPEG of a published photo (made again if its file went missing)."""
    key = public_key(photo, photo.blur)
    body = read_file(photo_store(), key)
    if body is None:
        # The copy went missing (a restore without it, a lost disk): the organiser's decision
        # still stands, so make it again, once, from the same source and boxes.
        try:
            body = render_public(photo, photo.blur or [])
        except PhotoStoreAway:
            raise  # the file may well be whole: not a photo to hide
        except ApiError as error:
            log.warning("public copy of photo %s cannot be made again: %s", photo.id, error)
            raise NotFound() from error
        photo_store().put(key, body)
    return body


def _on_public_map(
    group: Group, *where, published_only: bool = True
) -> Iterator[tuple[int, Photo]]:
    """(observation id, photo) for each photo published beside a camera the public map shows
    (`shown_publicly`; those of them that `where` also holds; with `published_only` false,
    its photos whether published or not): close-ups first, then by hash, so the order is the
    same on every call. The cameras are those of reports.service.public_cameras, by its rule
    (`published_present` of the approved copy): a walker's edit waiting for review leaves the
    camera shown, and its photos with it."""
    published = (shown_publicly(),) if published_only else ()
    query = (
        sa.select(ObservationPhoto.observation_id, Photo, Observation.approved)
        .join(Photo, Photo.id == ObservationPhoto.photo_id)
        .join(Observation, Observation.id == ObservationPhoto.observation_id)
        .where(
            *published,
            Observation.group_id == group.id,
            Observation.approved.is_not(None),
            Observation.deleted.is_(False),
            Observation.merged_into_id.is_(None),
            *where,
        )
        .order_by(ObservationPhoto.observation_id, ObservationPhoto.role, Photo.sha256)
    )
    for observation_id, photo, approved in db.session.execute(query):
        if published_present(approved):
            yield observation_id, photo


def public_photo_urls(group: Group) -> dict[int, list[str]]:
    """Per observation on the public map, its public photos' URLs, in `_on_public_map`'s
    order."""
    shown = [(observation_id, photo.id, photo) for observation_id, photo in _on_public_map(group)]
    names = _names_handed_out({photo.id: photo for _, _, photo in shown}.values())
    found: dict[int, list[str]] = {}
    # By the ids read before: storing a name commits, after which a row's attributes load again.
    for observation_id, photo_id, _ in shown:
        found.setdefault(observation_id, []).append(_url(group, names[photo_id]))
    return found
