"""The signage file of a commune: counts, a map, the cameras with a missing or incomplete
sign, and how the survey was done (sync/signage.py holds the rules).

A commune is a walk's name: every walk of the group named alike (case, spaces and Unicode
form aside: "Orléans" typed on one phone may arrive decomposed, NFD, from another) is one
commune, so a district walked on three Saturdays makes one file. The server holds no OSM
administrative boundaries (only cached camera nodes), and fetching them for a printout would
make the file depend on Overpass being up; the organiser already names walks after places.

Only the devices the signage survey concerns count (sync.signage.concerns: those that film,
the law on signs being about video), and only those an organiser approved, as approved (the
copy the public map and the OSM export read): the file is handed to outsiders, so it holds
reviewed facts, not drafts.
Cameras come in order of place, never of logging, which with the survey dates would retrace
the walkers' routes; the table's numbers are the map's labels.
"""

import logging
import math
import unicodedata
from collections.abc import Callable

import sqlalchemy as sa

from server.auth.models import Member, Role
from server.errors import NotFound
from server.extensions import db
from server.groups.models import Walk
from server.observations.models import Observation, Revision
from server.photos.models import ObservationPhoto, Photo, shown_publicly
from server.photos.publication import public_copy
from server.reports.duplicates import flagged, open_duplicate_pairs
from server.sql import among, in_batches
from sync import signage
from sync.fields import published_present
from sync.order import camera_order_key

log = logging.getLogger(__name__)

# Who counts as having surveyed a camera, for the method's "by N people": whoever logged it
# or photographed it, and a walker who edited it (walkers edit what they see in the street).
# An organiser's edit is desk work (a typo fixed at review) and no survey; an organiser who
# walked logged or photographed something. Reviews and merges are no survey either.
FIELD_OPS = ("create", "attach_photo")
WALKER_OPS = ("update",)


def commune_walks(walk: Walk) -> list[Walk]:
    key = _commune_key(walk.name)
    walks = db.session.scalars(
        sa.select(Walk).where(Walk.group_id == walk.group_id).order_by(Walk.id)
    )
    return [w for w in walks if _commune_key(w.name) == key]


def _commune_key(name: str) -> str:
    return _display_name(name).casefold()


def _display_name(name: str) -> str:
    """A walk's name in one Unicode form (NFC) with its spaces tidied."""
    return " ".join(unicodedata.normalize("NFC", name).split())


def _cameras(walks: list[Walk]) -> list[Observation]:
    rows = db.session.scalars(
        sa.select(Observation).where(
            Observation.walk_id.in_([w.id for w in walks]),
            Observation.deleted.is_(False),
            Observation.merged_into_id.is_(None),
            Observation.approved.is_not(None),
        )
    ).all()
    present = [
        row
        for row in rows
        if published_present(row.approved) and signage.concerns(row.approved.get("kind"))
    ]
    return sorted(present, key=lambda row: _order(row.approved, row.uuid))


def _order(values: dict, uuid: str):
    position = values["position"]
    return camera_order_key(position["lon"], position["lat"], uuid)


def report(walk: Walk) -> dict:
    """The file's content, for the print view, the PDF and the CSV."""
    walks = commune_walks(walk)
    rows = _cameras(walks)
    photos = _public_photos([row.id for row in rows])
    pairs = open_duplicate_pairs(rows)
    doubtful = flagged(pairs)
    table = [
        _line(number, row, photos.get(row.id, []), row.id in doubtful)
        for number, row in enumerate(_listed(rows), 1)
    ]
    return {
        "commune": _display_name(walk.name),
        "walks": [
            {
                "id": w.id,
                "name": _display_name(w.name),
                "date": w.date.isoformat() if w.date else None,
            }
            for w in walks
        ],
        "counts": signage.counts(row.approved for row in rows),
        # Pairs of its cameras an organiser has neither merged nor said are two devices:
        # "cameras" may count one device twice (logged on two walks of the commune, say)
        # until she merges them.
        "open_duplicate_pairs": len(pairs),
        "rows": table,
        "map": _map(rows, {line["id"]: line["number"] for line in table}),
        "method": _method(rows),
    }


def _line(number: int, row: Observation, photos: list[str], possible_duplicate: bool) -> dict:
    values = row.approved
    position = values["position"]
    return {
        "number": number,
        "id": row.uuid,
        "lat": position["lat"],
        "lon": position["lon"],
        "surveyed_on": values.get("surveyed_on"),
        "sign": values.get("sign"),
        "state": signage.sign_state(values),
        "lacking": signage.lacking(values),
        "unanswered": signage.unanswered(values),
        "filmed_by": values.get("filmed_by"),
        "aimed_at_road": values.get("aimed_at_road"),
        "operator": values.get("operator"),
        "photos": photos,
        "possible_duplicate": possible_duplicate,
    }


def _public_photos(observation_ids: list[int]) -> dict[int, list[str]]:
    """Per observation, the SHA-256 of its photos an organiser published beside it (shown
    blurred), by the public map's rule."""
    found: dict[int, list[str]] = {}
    for ids in in_batches(observation_ids):  # a large commune's cameras, by batches
        query = (
            sa.select(ObservationPhoto.observation_id, Photo.sha256)
            .join(Photo, Photo.id == ObservationPhoto.photo_id)
            .where(among(ObservationPhoto.observation_id, ids), shown_publicly())
            .order_by(ObservationPhoto.observation_id, Photo.sha256)
        )
        for observation_id, sha256 in db.session.execute(query):
            found.setdefault(observation_id, []).append(sha256)
    return found


def _method(rows: list[Observation]) -> dict:
    days = sorted(d for d in (row.approved.get("surveyed_on") for row in rows) if d)
    people: set[int] = set()
    for ids in in_batches(row.id for row in rows):  # a large commune's cameras, by batches
        query = (
            sa.select(Revision.member_id)
            .distinct()
            .join(Member, Member.id == Revision.member_id)
            .where(
                among(Revision.observation_id, ids),
                sa.or_(
                    Revision.op.in_(FIELD_OPS),
                    Revision.op.in_(WALKER_OPS) & (Member.role == Role.WALKER.label),
                ),
                Revision.status != "rejected",
            )
        )
        people.update(db.session.scalars(query))
    return {
        "first_day": days[0] if days else None,
        "last_day": days[-1] if days else None,
        "surveyors": len(people),
        "checked": ["sign", *signage.SIGN_CHECKLIST, "filmed_by", "aimed_at_road"],
    }


# The map's box is this wide; its height follows the area's shape (capped so a long thin walk
# still fits a page).
MAP_MAX_ASPECT = 1.2
MAP_MARGIN = 0.06  # of the box, so that edge markers are not cut


def _map(rows: list[Observation], numbers: dict[str, int]) -> dict:
    """Every counted camera placed in a 1 × aspect box (x east, y south), the listed ones
    with their table number: a plain drawing both the print view and the PDF can make
    without map tiles (which would need the network and a tile licence on paper)."""
    points = [
        (row.approved["position"]["lon"], row.approved["position"]["lat"], row.uuid)
        for row in rows
    ]
    if not points:
        return {"aspect": 1.0, "points": []}
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    # Once, not per point: asked in the loop below they made the map grow with the square of
    # the cameras (12,000 of them: 2.4 s of CPU, most of the report's).
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    mid = math.radians((south + north) / 2)
    # Metres east and north are in proportion: a degree of longitude shrinks with cos(lat).
    width = max((east - west) * math.cos(mid), 1e-6)
    height = max(north - south, 1e-6)
    aspect = min(max(height / width, 0.3), MAP_MAX_ASPECT)
    scale = min((1 - 2 * MAP_MARGIN) / width, (aspect - 2 * MAP_MARGIN * aspect) / height)
    used_w, used_h = width * scale, height * scale
    left, top = (1 - used_w) / 2, (aspect - used_h) / 2
    return {
        "aspect": round(aspect, 4),
        "points": [
            {
                "x": round(left + (lon - west) * math.cos(mid) * scale, 4),
                "y": round(top + (north - lat) * scale, 4),
                "number": numbers.get(uuid),
            }
            for lon, lat, uuid in points
        ],
    }


def pdf_photo_reader(walk: Walk, content: dict) -> Callable[[str], bytes | None]:
    """`photo_for` over the walk's report `content`, for the PDF, which asks for every photo
    in its table: the table's photos are gathered once (asking the rows again per photo made
    a large commune's PDF grow with the square of its cameras). A published photo whose files
    are lost (a restore without the photo folder) is left out of its row, and logged, rather
    than failing the whole file with a 404 over one picture."""
    shown = _table_photos(content)

    def read(sha256: str) -> bytes | None:
        try:
            return photo_for(walk, sha256, shown)
        except NotFound:
            log.warning(
                "signage file of walk %s: photo %s left out, its files are lost", walk.id, sha256
            )
            return None

    return read


def _table_photos(content: dict) -> set[str]:
    return {sha256 for line in content["rows"] for sha256 in line["photos"]}


def _listed(rows: list[Observation]) -> list[Observation]:
    """The cameras the file's table lists, in their order (sync.signage.listed)."""
    return [row for row in rows if signage.listed(row.approved)]


def _listed_photos(walk: Walk) -> set[str]:
    """The photos `report(walk)` lists in its table, read without the rest of the report:
    the print view asks for each of them on its own."""
    listed = [row.id for row in _listed(_cameras(commune_walks(walk)))]
    return {sha256 for shas in _public_photos(listed).values() for sha256 in shas}


def photo_for(walk: Walk, sha256: str, shown: set[str] | None = None) -> bytes | None:
    """The blurred copy of a published photo shown in the file's table (`shown`, the photos
    of the walk's report, when the caller has them already), else None."""
    shown = shown if shown is not None else _listed_photos(walk)
    if sha256 not in shown:
        return None
    photo = db.session.scalar(
        sa.select(Photo).where(
            Photo.group_id == walk.group_id, Photo.sha256 == sha256, Photo.public.is_(True)
        )
    )
    return public_copy(photo) if photo is not None else None
