"""The full observation JSON of docs/contract.md, for a page of rows at a time.

Photos, open conflicts, duplicate hints, pseudonyms and merge targets are read with one query
each for the whole page, so a pull costs the same few queries whatever its size. On PostgreSQL
the page's ids go as one array parameter (`server.sql.among`), not one placeholder each.
"""

from collections import defaultdict

import sqlalchemy as sa

from server import geo
from server.auth.models import Member
from server.extensions import db
from server.observations import convert
from server.observations.models import Conflict, DuplicateHint, Observation
from server.photos.models import ObservationPhoto, Photo, shown_publicly
from server.sql import IDS_PER_STATEMENT, among, in_batches
from sync import duplicates

# Rows whose photos, conflicts and hints are looked up by one statement each: the hints' query
# names each id twice, and a statement stays within what any SQLite takes (server/sql.py).
ROWS_PER_LOOKUP = IDS_PER_STATEMENT // 2


def observation_views(rows: list[Observation]) -> list[dict]:
    """The views of `rows`, in their order (a review queue may hold tens of thousands: they
    are looked up ROWS_PER_LOOKUP at a time)."""
    found = []
    for start in range(0, len(rows), ROWS_PER_LOOKUP):
        found += _views(rows[start : start + ROWS_PER_LOOKUP])
    return found


def _views(rows: list[Observation]) -> list[dict]:
    ids = [row.id for row in rows]
    photos = _photos(ids)
    conflicts, conflict_details = _open_conflicts(ids)
    hints = _hints(ids)
    names = pseudonyms(row.created_by_id for row in rows)
    merged = _uuids(row.merged_into_id for row in rows)
    return [
        {
            "id": row.uuid,
            "walk_id": row.walk_id,
            "version": row.version,
            "seq": row.seq,
            **convert.field_values(row),
            "osm_version": row.osm_version,
            "created_by": names.get(row.created_by_id),
            "created_at": row.created_at,
            "updated_at": row.updated_at,
            "deleted": row.deleted,
            "merged_into": merged.get(row.merged_into_id),
            "photos": photos.get(row.id, []),
            "conflicts": conflicts.get(row.id, []),
            "conflict_details": conflict_details.get(row.id, []),
            "duplicate_hints": hints.get(row.id, []),
        }
        for row in rows
    ]


def _photos(ids) -> dict:
    found = defaultdict(list)
    query = (
        sa.select(
            ObservationPhoto.observation_id,
            Photo.sha256,
            ObservationPhoto.role,
            # Beside this camera: a photo published beside another reads as not public here,
            # so that the organiser sees it waits for her look (server/photos/publication.py).
            shown_publicly().label("public"),
            Photo.blur,
            Photo.state,
        )
        .join(Photo, Photo.id == ObservationPhoto.photo_id)
        .where(among(ObservationPhoto.observation_id, ids))
        .order_by(Photo.sha256)
    )
    for observation_id, sha256, role, public, blur, state in db.session.execute(query):
        # public, blur and state reach organisers only: SyncPhotoRefSchema (walkers) leaves
        # them out.
        found[observation_id].append(
            {
                "sha256": sha256,
                "role": role or "other",
                "public": bool(public),
                "blur": blur or [],
                "state": state,
            }
        )
    return found


def _open_conflicts(ids) -> tuple[dict, dict]:
    """Per observation, its open conflict keys, and each one's competing values: a walker
    whose own value is the provisional winner must still see what the other side sent."""
    keys, details = defaultdict(list), defaultdict(list)
    query = (
        sa.select(Conflict.observation_id, Conflict.key, Conflict.field, Conflict.sides)
        .where(among(Conflict.observation_id, ids), Conflict.status == "open")
        .order_by(Conflict.key)
    )
    for observation_id, key, field, sides in db.session.execute(query):
        keys[observation_id].append(key)
        details[observation_id].append(
            {
                "key": key,
                "field": field,
                "values": [
                    {k: side.get(k) for k in ("value", "pseudonym", "made_at")} for side in sides
                ],
            }
        )
    return keys, details


def _hints(ids) -> dict:
    """Per observation, the uuids of its flagged possible duplicates, on both sides of a hint."""
    pairs = _pairs_touching(ids, DuplicateHint.flagged())
    uuids = _uuids(i for pair in pairs for i in pair)
    found = defaultdict(list)
    for a, b in pairs:
        found[a].append(uuids[b])
        found[b].append(uuids[a])
    return {key: sorted(values) for key, values in found.items()}


def _pairs_touching(ids, status, *columns) -> list:
    """The hints in `status` (a condition on DuplicateHint) with either side among `ids` (at
    most ROWS_PER_LOOKUP: each id goes twice), as rows of both sides' ids, then `columns`."""
    query = sa.select(
        DuplicateHint.observation_a_id, DuplicateHint.observation_b_id, *columns
    ).where(
        status,
        sa.or_(
            among(DuplicateHint.observation_a_id, ids),
            among(DuplicateHint.observation_b_id, ids),
        ),
    )
    return db.session.execute(query).all()


def pair_distance_m(a: dict, b: dict) -> float:
    """Metres between two positions `{lat, lon}` as a pair of possible duplicates is served
    (the review card, the duplicates list, the compare screen): where the two records stand
    now, by the rule that flagged them (sync.duplicates.distance_m). A hint's stored
    `distance_m` is where they stood when it was flagged, and it is never judged again: a
    walker who then moved a pin left a pair 30 m apart said to be 3 m apart."""
    return round(duplicates.distance_m(a, b), 2)


def positions(keys, key=Observation.id) -> dict:
    """`key` (the id, or the uuid) → `{lat, lon}` of the observations `keys` names, as a view
    gives them."""
    lon, lat = geo.lonlat_columns(Observation.geom)
    found = {}
    for batch in in_batches({k for k in keys if k is not None}):
        query = sa.select(key, lon, lat).where(among(key, batch))
        for found_key, x, y in db.session.execute(query):
            found[found_key] = {"lat": geo.rounded(y), "lon": geo.rounded(x)}
    return found


def possible_duplicates(views: list[dict]) -> dict:
    """Per view's uuid, the pairs of its `duplicate_hints`, each `{other, distance_m}` (the
    pair's distance as the duplicates list and the compare screen give it), ordered as the
    hints: the review card says how far apart they are when the other record is not among the
    cards it loaded (approved already, in another walk, past the `ids` it asked for). From the
    views' own hints and positions: the hints are not looked up a second time."""
    placed = positions(
        (other for view in views for other in view["duplicate_hints"]), Observation.uuid
    )
    return {
        view["id"]: [
            {"other": other, "distance_m": pair_distance_m(view["position"], placed[other])}
            for other in view["duplicate_hints"]
        ]
        for view in views
        if view["duplicate_hints"]
    }


def not_duplicates(ids: list[int]) -> dict:
    """Per observation, the pairs an organiser said are two devices ("not the same camera"),
    each `{other, distance_m, by, at}`, for the review card to say so and offer to take it
    back. A pair whose other record was deleted or merged away since is left out: no card
    lists it as a duplicate any more, so there is nothing to take back."""
    found = defaultdict(list)
    for batch in map(set, in_batches(ids, ROWS_PER_LOOKUP)):
        hints = _pairs_touching(
            batch,
            DuplicateHint.status == DuplicateHint.DISMISSED,
            DuplicateHint.dismissed_by_id,
            DuplicateHint.dismissed_at,
        )
        live = _by_id(
            Observation.id,
            Observation.uuid,
            (side for a, b, *_ in hints for side in (a, b)),
            Observation.deleted.is_(False),
            Observation.merged_into_id.is_(None),
        )
        names = pseudonyms(by for *_, by, _ in hints)
        placed = positions(side for a, b, *_ in hints for side in (a, b))
        for a, b, by, at in hints:
            for this, other in ((a, b), (b, a)):
                if this in batch and other in live:
                    found[this].append(
                        {
                            "other": live[other],
                            "distance_m": pair_distance_m(placed[a], placed[b]),
                            "by": names.get(by),
                            "at": at,
                        }
                    )
    return found


def _uuids(ids) -> dict:
    """id → uuid of the observations `ids` names (None left out). The hints of a lookup's
    cards may name more of them than one statement can: in a dense walk each card has many."""
    return _by_id(Observation.id, Observation.uuid, ids)


def pseudonyms(member_ids) -> dict:
    return _by_id(Member.id, Member.pseudonym, member_ids)


def _by_id(id_column, column, ids, *where) -> dict:
    wanted = {i for i in ids if i is not None}
    found = {}
    for batch in in_batches(wanted):
        query = sa.select(id_column, column).where(among(id_column, batch), *where)
        found.update(db.session.execute(query).all())
    return found
