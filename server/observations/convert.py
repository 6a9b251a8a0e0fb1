"""Rows to the sync engine's plain values and back.

The engine (`sync/`) works on `ObservationState` snapshots; the database keeps an `Observation`
row, its `Photo` rows, its open `Conflict` rows and a JSON `field_stamps` column. Everything
read here is put in the engine's normal form (`sync.fields.normalise`), so that a state loaded
twice compares equal and "nothing changed" is detected.
"""

import dataclasses
import datetime as dt

import sqlalchemy as sa

from server import geo
from server.extensions import db
from server.observations.models import Conflict, Observation
from server.photos.models import ObservationPhoto, Photo
from server.sql import among
from sync import fields as observation_fields
from sync.changes import Author, ConflictKind, ConflictRecord, ObservationState, Side, Stamp
from sync.changes import Photo as PhotoRef
from sync.merge import DELETED, published

# Columns holding a surveyed field under the same name (position is geom + accuracy_m).
PLAIN_FIELDS = tuple(f for f in observation_fields.FIELDS if f not in ("position", "surveyed_on"))


def stamp_to_json(stamp: Stamp | None) -> dict | None:
    if stamp is None:
        return None
    return {
        "change_id": stamp.change_id,
        "member_id": stamp.author.member_id,
        "organiser": stamp.author.organiser,
        "made_at": stamp.made_at.isoformat(),
        "version": stamp.version,
    }


# Keys of the stamps column that are no field name: each member's latest change (a list of
# stamps, each in full or as the name of a field holding it) and `unattributed_until`.
CHANGED_BY = "@changed_by"
UNATTRIBUTED_UNTIL = "@unattributed_until"


def state_stamps_to_json(state: ObservationState) -> dict:
    """The stamps column of a state: its field stamps and who changed it (`changed_by`)."""
    return stamps_to_json(state.stamps, state.changed_by, state.unattributed_until)


def state_stamps_from_json(data: dict | None, version: int) -> dict:
    """The stamps, `changed_by` and `unattributed_until` of a state, from its stamps column.

    A row written before `changed_by` was kept says nothing of who made its versions: read in
    the safe direction, all of them (up to `version`) are someone else's, so a delete based on
    an older one asks an organiser rather than hide an edit in a tombstone."""
    stamps = stamps_from_json(data)
    if not data or CHANGED_BY not in data:
        return {"stamps": stamps, "changed_by": {}, "unattributed_until": version}
    latest = [stamps[v] if isinstance(v, str) else stamp_from_json(v) for v in data[CHANGED_BY]]
    return {
        "stamps": stamps,
        "changed_by": {stamp.author: stamp for stamp in latest},
        "unattributed_until": int(data.get(UNATTRIBUTED_UNTIL, 0)),
    }


def stamps_to_json(
    stamps: dict[str, Stamp | None],
    changed_by: dict[Author, Stamp] | None = None,
    unattributed_until: int = 0,
) -> dict:
    """The stored form of a state's stamps: {field: stamp as JSON, or the name of an earlier
    field that holds the same stamp}.

    A change stamps every field it sets with one stamp, a create all 27 of them: written out
    in full each time they made 4.5 KB of JSON a row, which PostgreSQL took longer to parse and
    compress than to insert the rest of the row (110 us a row against 46 us with no stamps, in
    EXPLAIN ANALYZE of 2,000-row inserts), and Python some 90 us to encode. Named once, the
    same stamps take about 700 bytes. Rows written before hold every stamp in full; readers
    take both (`stamps_from_json`).
    """
    first: dict[Stamp, str] = {}  # by value: stamps read back from a row are equal copies
    result: dict = {}
    for name, stamp in stamps.items():
        if stamp is None:
            result[name] = None
        elif stamp in first:
            result[name] = first[stamp]
        else:
            first[stamp] = name
            result[name] = stamp_to_json(stamp)
    if changed_by is not None:
        result[CHANGED_BY] = [first.get(s) or stamp_to_json(s) for s in changed_by.values()]
    if unattributed_until:
        result[UNATTRIBUTED_UNTIL] = unattributed_until
    return result


def stamps_from_json(data: dict | None) -> dict[str, Stamp | None]:
    """The stamps `stamps_to_json` stored (or a row written before it named shared stamps)."""
    data = data or {}
    read: dict[str, Stamp | None] = {}
    for name, value in data.items():
        if name in (CHANGED_BY, UNATTRIBUTED_UNTIL):
            continue
        if isinstance(value, str):  # the name of the field that holds this stamp in full
            if value not in read:
                read[value] = stamp_from_json(data[value])
            read[name] = read[value]
        elif name not in read:
            read[name] = stamp_from_json(value)
    return read


def stamp_from_json(data: dict | None) -> Stamp | None:
    if not data:
        return None
    return Stamp(
        data["change_id"],
        Author(data["member_id"], bool(data["organiser"])),
        dt.datetime.fromisoformat(data["made_at"]),
        int(data["version"]),
    )


def field_values(row: Observation) -> dict:
    """The surveyed fields of a row, in the engine's normal form."""
    point = geo.to_lonlat(row.geom)
    values = {
        "position": {"lat": point.lat, "lon": point.lon, "accuracy_m": row.accuracy_m},
        "surveyed_on": row.surveyed_on.isoformat() if row.surveyed_on else None,
    }
    values.update({name: getattr(row, name) for name in PLAIN_FIELDS})
    return {name: observation_fields.normalise(name, values[name]) for name in values}


def approved_copy(row: Observation) -> dict:
    """The copy approval keeps of a row's current fields (`sync.merge.published`), for rows
    written outside the engine (the demo, imports of approved data)."""
    return published(field_values(row))


def to_state(row: Observation, merged_into_uuid: str | None = None) -> ObservationState:
    state = to_states([row])[row.uuid]
    if merged_into_uuid is not None:
        state = dataclasses.replace(state, merged_into=merged_into_uuid)
    return state


def to_states(rows: list[Observation]) -> dict[str, ObservationState]:
    """`to_state` for many rows, with one query each for their photos, open conflicts and
    merge targets."""
    ids = [row.id for row in rows]
    if not ids:
        return {}
    photos, keys = {}, {}
    query = (
        sa.select(ObservationPhoto.observation_id, Photo.sha256, ObservationPhoto.role)
        .join(Photo, Photo.id == ObservationPhoto.photo_id)
        .where(among(ObservationPhoto.observation_id, ids))
    )
    for observation_id, sha, role in db.session.execute(query):
        photos.setdefault(observation_id, set()).add(PhotoRef(sha, role or "other"))
    query = sa.select(Conflict.observation_id, Conflict.key).where(
        among(Conflict.observation_id, ids), Conflict.status == "open"
    )
    for observation_id, key in db.session.execute(query):
        if key:
            keys.setdefault(observation_id, set()).add(key)
    targets = {row.merged_into_id for row in rows if row.merged_into_id is not None}
    uuids = {}
    if targets:
        query = sa.select(Observation.id, Observation.uuid).where(among(Observation.id, targets))
        uuids = dict(db.session.execute(query).all())
    return {
        row.uuid: ObservationState(
            id=row.uuid,
            walk_id=row.walk_id,
            version=row.version,
            fields=field_values(row),
            photos=frozenset(photos.get(row.id, ())),
            **state_stamps_from_json(row.field_stamps, row.version),
            deleted=row.deleted,
            deleted_by=stamp_from_json(row.deleted_by),
            merged_into=uuids.get(row.merged_into_id),
            open_conflicts=frozenset(keys.get(row.id, ())),
            created_by=row.created_by_id,
            approved=row.approved,
        )
        for row in rows
    }


def write_fields(row: Observation, state: ObservationState) -> None:
    """Copy a state's fields, stamps and tombstone flags onto its row (not photos, not seq)."""
    values = state.fields
    position = values["position"]
    if row.geom is None or geo.to_lonlat(row.geom) != geo.LonLat(position["lon"], position["lat"]):
        row.geom = geo.point_element(position["lon"], position["lat"])
    row.accuracy_m = position.get("accuracy_m")
    row.surveyed_on = dt.date.fromisoformat(values["surveyed_on"])
    for name in PLAIN_FIELDS:
        setattr(row, name, values.get(name))
    row.field_stamps = state_stamps_to_json(state)
    row.deleted = state.deleted
    row.deleted_by = stamp_to_json(state.deleted_by)
    row.approved = state.approved
    row.version = state.version


def _side_json(side: Side, pseudonyms: dict) -> dict:
    member_id = side.author.member_id if side.author else None
    return {
        "value": side.value,
        "change_id": side.change_id,
        "member_id": member_id,
        "organiser": bool(side.author and side.author.organiser),
        "pseudonym": pseudonyms.get(member_id),
        "made_at": side.made_at.isoformat() if side.made_at else None,
    }


def _side_from_json(data: dict) -> Side:
    author = None
    if data.get("member_id") is not None:
        author = Author(data["member_id"], bool(data.get("organiser")))
    made_at = dt.datetime.fromisoformat(data["made_at"]) if data.get("made_at") else None
    return Side(data.get("value"), data.get("change_id"), author, made_at)


def conflict_row(record: ConflictRecord, group_id: int, observation_id: int, base, pseudonyms):
    """A new Conflict row; sides are [provisional winner, other value] (`hold_current` adds
    the values the field takes later, each first in turn)."""
    return Conflict(
        key=record.key,
        group_id=group_id,
        observation_id=observation_id,
        # A delete/edit conflict has no field: "deleted" names it, never a field name.
        field=record.field or DELETED,
        base_value=None if record.kind is ConflictKind.DELETE_EDIT else {"value": base},
        sides=[_side_json(record.winner, pseudonyms), _side_json(record.loser, pseudonyms)],
        provisional_value={"value": record.winner.value},
        status="open",
    )


def hold_current(row: Conflict, side: Side, pseudonyms) -> None:
    """Show `side`'s value as the conflict's current one: first among its sides (the side it
    had with that value, or `side` added) and as its provisional value."""
    same = [s for s in row.sides if s.get("value") == side.value]
    others = [s for s in row.sides if s.get("value") != side.value]
    row.sides = [same[0] if same else _side_json(side, pseudonyms), *others, *same[1:]]
    row.provisional_value = {"value": side.value}


def stored_sides(row: Conflict) -> tuple[Side, ...]:
    """Every side of a stored conflict, the field's current value first: a record whose field
    moved on since it was raised holds more than two."""
    return tuple(_side_from_json(side) for side in row.sides)


def to_record(row: Conflict, observation_uuid: str) -> ConflictRecord:
    kind = ConflictKind.DELETE_EDIT if row.field == DELETED else ConflictKind.FIELD
    winner, loser = stored_sides(row)[:2]
    field = None if kind is ConflictKind.DELETE_EDIT else row.field
    return ConflictRecord(row.key, observation_uuid, kind, field, winner, loser)
