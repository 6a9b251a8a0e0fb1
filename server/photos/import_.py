"""Photo-first import: turn photos already uploaded into draft observations on a walk.

A walker who photographed cameras with the phone's own camera app, rather than logging them,
uploads the photos and asks for drafts. Photos taken a few metres and a few seconds apart
show the same camera (a close-up, then a wide shot), so they become one draft. The grouping
is :func:`plan_drafts`, pure logic on plain records; :func:`import_photos` does the database
work around it.

A draft holds no more photos than any observation may (`MAX_PHOTOS_PER_OBSERVATION`, the
limit a sync's attach is held to). A longer burst (a mast of four cameras photographed from
one corner, a camera shot over and over) is cut, in time order, into the fewest drafts the
limit allows, where the walker paused longest between two photos: a pause is most often the
walker moving on to the next camera, so each draft is most likely one camera's photos, not
the tail of one and the head of the next. With no pause to go by (photos at an even pace),
each draft is filled in time order before the next. The answer names the drafts cut from
one burst (`split_bursts`), for the walker or an organiser to check.
"""

import contextlib
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from itertools import pairwise

import sqlalchemy as sa
from flask import current_app

from server.auth.models import Member
from server.extensions import db
from server.groups.models import Walk
from server.observations import push as sync_push
from server.observations.writer import write_transaction
from server.photos.models import FAILED, RECEIVED, ObservationPhoto, Photo
from server.types import utcnow
from sync import fields as observation_fields
from sync.changes import Change, Op, Rejection
from sync.changes import Photo as SyncPhoto
from sync.duplicates import distance_m

DEFAULT_MAX_DISTANCE_M = 15.0
DEFAULT_MAX_SECONDS = 120.0


@dataclass(frozen=True)
class PhotoPoint:
    """Where, when and which way one photo was taken, as its EXIF says."""

    sha256: str
    lat: float | None
    lon: float | None
    taken_at: datetime | None = None
    direction_deg: float | None = None


@dataclass(frozen=True)
class Draft:
    photos: tuple[PhotoPoint, ...]

    @property
    def lat(self) -> float:
        return round(sum(p.lat for p in self.photos) / len(self.photos), 7)

    @property
    def lon(self) -> float:
        return round(sum(p.lon for p in self.photos) / len(self.photos), 7)

    @property
    def direction(self) -> list[int] | None:
        """The way the camera faces: opposite to the way the walker's phone faced it."""
        for photo in self.photos:
            if photo.direction_deg is not None:
                return [round(photo.direction_deg + 180) % 360]
        return None


@dataclass(frozen=True)
class Skip:
    sha256: str
    code: str  # stable, the name every other answer gives its machine code
    message: str

    @property
    def reason(self) -> str:
        """The code under the name the answer first published, kept for clients that read it."""
        return self.code


@dataclass
class Plan:
    drafts: list[Draft] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    # Each burst longer than the limit: the indexes in `drafts` of the drafts cut from it.
    splits: list[tuple[int, ...]] = field(default_factory=list)


def plan_drafts(
    points: list[PhotoPoint],
    max_distance_m: float = DEFAULT_MAX_DISTANCE_M,
    max_seconds: float = DEFAULT_MAX_SECONDS,
    max_photos: int | None = None,
) -> Plan:
    """Group photos into drafts: in time order, a photo joins the latest draft whose last
    photo is within `max_distance_m` metres and `max_seconds` seconds of it; photos with no
    position are skipped, photos with no time stand alone (nothing says they go together).
    A group of more than `max_photos` is cut into drafts of at most that many
    (:func:`_cut_burst`)."""
    plan = Plan()
    positioned = []
    for point in points:
        if point.lat is None or point.lon is None:
            plan.skipped.append(
                Skip(point.sha256, "no_position", "The photo has no GPS position.")
            )
        else:
            positioned.append(point)
    groups: list[list[PhotoPoint]] = []
    for point in sorted(positioned, key=_time_order):
        home = next(
            (g for g in reversed(groups) if _together(g[-1], point, max_distance_m, max_seconds)),
            None,
        )
        if home is None:
            groups.append([point])
        else:
            home.append(point)
    for group in groups:
        parts = _cut_burst(group, max_photos)
        if len(parts) > 1:
            plan.splits.append(tuple(range(len(plan.drafts), len(plan.drafts) + len(parts))))
        plan.drafts += [Draft(tuple(part)) for part in parts]
    return plan


def _cut_burst(burst: list[PhotoPoint], max_photos: int | None) -> list[list[PhotoPoint]]:
    """The burst (in time order) cut into the fewest parts of at most `max_photos`, where
    the pauses between photos add up longest; among equal cuts, the earlier parts fuller."""
    if max_photos is None or len(burst) <= max_photos:
        return [burst]
    count = -(-len(burst) // max_photos)
    # pause[i]: the seconds between photo i - 1 and photo i, the pause a cut before i uses.
    # Photos of one group all have comparable times (_together), but a group is never
    # longer than one photo without them.
    pause = [0.0] + [_seconds_apart(a.taken_at, b.taken_at) or 0.0 for a, b in pairwise(burst)]
    # best[j][i]: the longest pauses in total that cut the first i photos into j parts, and
    # where the last of those parts starts. Later starts are tried last and win ties.
    best: list[dict[int, tuple[float, int]]] = [{0: (0.0, 0)}]
    for parts in range(1, count + 1):
        row = {}
        for end in range(1, len(burst) + 1):
            for start in range(max(0, end - max_photos), end):
                if start not in best[parts - 1]:
                    continue
                score = best[parts - 1][start][0] + (pause[start] if start else 0.0)
                if end not in row or score >= row[end][0]:
                    row[end] = (score, start)
        best.append(row)
    cuts, end = [], len(burst)
    for parts in range(count, 0, -1):
        start = best[parts][end][1]
        cuts.append(burst[start:end])
        end = start
    return cuts[::-1]


def _time_order(point: PhotoPoint) -> tuple[bool, float]:
    if point.taken_at is None:
        return (True, 0.0)  # after every timed photo, in the order given (sorted is stable)
    moment = point.taken_at
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)  # only for ordering; never compared across kinds
    return (False, moment.timestamp())


def _together(a: PhotoPoint, b: PhotoPoint, max_distance_m: float, max_seconds: float) -> bool:
    seconds = _seconds_apart(a.taken_at, b.taken_at)
    if seconds is None or seconds > max_seconds:
        return False
    return distance_m({"lat": a.lat, "lon": a.lon}, {"lat": b.lat, "lon": b.lon}) <= max_distance_m


def _seconds_apart(a: datetime | None, b: datetime | None) -> float | None:
    """None when unknown, or when one time has an offset and the other not: a phone's local
    time and a UTC time cannot be compared without guessing the zone."""
    if a is None or b is None or (a.tzinfo is None) != (b.tzinfo is None):
        return None
    return abs((b - a).total_seconds())


# --- database side -------------------------------------------------------------------------


def import_photos(
    walk: Walk,
    member: Member,
    sha256s: list[str],
    max_distance_m: float = DEFAULT_MAX_DISTANCE_M,
    max_seconds: float = DEFAULT_MAX_SECONDS,
) -> dict:
    """Create one pending draft observation per group of photos; commit; report what was made.

    Written as the sync service writes a push, under the group's write lock and through its
    batch writer: each draft is a create revision (with field stamps, and its photos stamped
    with it) whose id is the draft's seq, and possible duplicates are flagged, so phones pull
    drafts like any other change and never skip one. Photos are chosen under the lock too: a
    photo attached meanwhile by a sync is skipped as `already_attached`, never taken away.
    """
    wanted = list(dict.fromkeys(sha256s))  # a repeated hash is one photo
    # The limit a sync's attach is held to (sync/checks.py): a draft is an observation too.
    # One at least: a draft is made of its photos (a limit of 0 would leave none to make).
    max_photos = max(1, int(current_app.config["MAX_PHOTOS_PER_OBSERVATION"]))
    group_id, walk_id, walk_date = walk.group_id, walk.id, walk.date
    member_id, author = member.id, sync_push.author_of(member)
    with write_transaction(group_id):
        rows = db.session.scalars(
            sa.select(Photo).where(Photo.group_id == group_id, Photo.sha256.in_(wanted))
        ).all()
        by_sha = {row.sha256: row for row in rows}
        skipped = [_unusable(sha, by_sha.get(sha)) for sha in wanted]
        skipped = [skip for skip in skipped if skip is not None]
        unusable = {skip.sha256 for skip in skipped}
        usable = [_point(by_sha[sha]) for sha in wanted if sha in by_sha and sha not in unusable]
        plan = plan_drafts(usable, max_distance_m, max_seconds, max_photos)
        changes = [_create_change(walk_id, walk_date, draft) for draft in plan.drafts]
        push = sync_push.Push(group_id, member_id, author, changes)
        made, refused = [], []
        for change, draft in zip(changes, plan.drafts, strict=True):
            photos = _write_draft(push, change, draft)
            if isinstance(photos, Rejection):
                refused += _refused(draft, photos)
            else:
                made.append((change, photos))
        push.writer.finish()
        created = [_report(push, change, photos) for change, photos in made]
    return {
        "observations": created,
        "skipped": skipped + plan.skipped + refused,
        "split_bursts": _splits(plan, changes, {c.observation_id for c, _ in made}, max_photos),
    }


def _splits(plan: Plan, changes: list[Change], made: set[str], max_photos: int) -> list:
    """Each burst cut into several drafts, with the drafts made of it, said for a person."""
    splits = []
    for indexes in plan.splits:
        photos = sum(len(plan.drafts[i].photos) for i in indexes)
        ids = [changes[i].observation_id for i in indexes if changes[i].observation_id in made]
        message = (
            f"{photos} photos taken close together are more than one observation holds "
            f"({max_photos}): they make {len(indexes)} drafts, cut where the pauses between "
            "photos were longest. Check that each draft shows one camera."
        )
        splits.append({"observations": ids, "photos": photos, "message": message})
    return splits


def _attached(photo: Photo) -> bool:
    # A photo already on an observation was surveyed: importing it again would make a
    # second draft of the same camera.
    link = sa.select(ObservationPhoto.photo_id).where(ObservationPhoto.photo_id == photo.id)
    return db.session.scalar(link.limit(1)) is not None


def _unusable(sha256: str, photo: Photo | None) -> Skip | None:
    if photo is None:
        return Skip(sha256, "not_uploaded", "No photo with this hash was uploaded to this group.")
    if _attached(photo):
        return Skip(sha256, "already_attached", "The photo already belongs to an observation.")
    if photo.state == RECEIVED:
        # Its EXIF (the position the draft needs) is read by the photo worker.
        return Skip(sha256, "being_prepared", "The server is still reading this photo: ask again.")
    if photo.state == FAILED:
        return Skip(sha256, "preparation_failed", "The server could not read this photo.")
    return None


def _point(photo: Photo) -> PhotoPoint:
    taken_at = None
    # Stored by the reader, so well-formed; a hand-edited row is not worth a 500.
    with contextlib.suppress(ValueError, TypeError):
        taken_at = datetime.fromisoformat(photo.taken_at)
    return PhotoPoint(
        photo.sha256, photo.exif_lat, photo.exif_lon, taken_at, photo.exif_direction_deg
    )


def _surveyed_on(draft: Draft, walk_date: date | None) -> date:
    """The day of the draft's first timed photo, else the walk's day, else today: the first
    of them a survey can have been made on (sync.fields bounds a survey day). A camera whose
    clock was never set dates its photos 2000-01-01 or 1970-01-01, and one set wrong dates
    them years ahead: such a day says nothing of when the camera was seen, as no date says
    nothing, and the sync would refuse it."""
    today = utcnow().date()
    first = next((p.taken_at.date() for p in draft.photos if p.taken_at is not None), None)
    return next(
        day
        for day in (first, walk_date, today)
        if day is not None and observation_fields.survey_day_bound(day, today) is None
    )


def _fields(draft: Draft, walk_date: date | None) -> dict:
    """The full set of surveyed fields, as a sync `create` carries them."""
    return {
        "position": {"lat": draft.lat, "lon": draft.lon, "accuracy_m": None},
        "kind": "camera",
        "surveillance": None,
        "camera_type": None,
        "mount": None,
        "direction": draft.direction,
        "zone": None,
        "operator": None,
        "height_m": None,
        "manufacturer": None,
        "model": None,
        "note": None,
        "surveyed_on": _surveyed_on(draft, walk_date).isoformat(),
        "presence": "present",
    }


def _create_change(walk_id: int, walk_date: date | None, draft: Draft) -> Change:
    return Change(
        change_id=str(uuid.uuid4()),
        observation_id=str(uuid.uuid4()),
        op=Op.CREATE,
        made_at=utcnow(),
        walk_id=walk_id,
        fields=_fields(draft, walk_date),
    )


def _write_draft(push, change: Change, draft: Draft) -> list[SyncPhoto] | Rejection:
    """The draft's create revision, with its photos (the first is the close-up); or the
    engine's rejection, with nothing written."""
    photos = [
        SyncPhoto(point.sha256, "close_up" if index == 0 else "context")
        for index, point in enumerate(draft.photos)
    ]
    revision = push.create_with_photos(change, photos)
    if isinstance(revision, Rejection):
        return revision
    revision.payload = {
        **revision.payload,
        "source": "photo_import",
        "photos": [{"sha256": p.sha256, "role": p.role} for p in photos],
    }
    return photos


def _refused(draft: Draft, rejection: Rejection) -> list[Skip]:
    """A draft the sync's rules refuse skips its photos, each saying why; the other drafts
    are made: one photo the server cannot make a camera of must not cost the walker the
    rest of her import."""
    message = f"The draft made from this photo was refused: {rejection.message}"
    return [Skip(point.sha256, "draft_refused", message) for point in draft.photos]


def _report(push, change: Change, photos) -> dict:
    state = push.states[change.observation_id]
    return {
        "id": change.observation_id,
        "version": state.version,
        "seq": push.rows[change.observation_id].seq,
        "position": change.fields["position"],
        "direction": change.fields["direction"],
        "surveyed_on": change.fields["surveyed_on"],
        "review_status": "pending",
        "photos": [{"sha256": p.sha256, "role": p.role} for p in photos],
    }
