"""MemoryServer's interface over the real Flask app: the convergence machine drives walkers'
phones and an organiser through HTTP, as the PWA does, and reads back what the database holds.

Phones make changes with the engine's own values (`Change`); this turns them into the wire
format of docs/sync-protocol.md and posts them with each walker's own token, and turns the
answers back into `Answer`s. The invariants then read the server's data: `states` from the
observation rows (stamps and tombstone authors included), `conflicts`, `revisions` and duplicate
`hints` from their tables, `set_aside` from the merge revisions' history.
"""

import dataclasses
import datetime as dt
import hashlib
from collections import Counter
from types import SimpleNamespace

import sqlalchemy as sa

from server.auth.models import Role
from server.auth.service import create_member, issue_token
from server.extensions import db
from server.observations import convert
from server.observations.models import Conflict, DuplicateHint, Observation, Revision
from sync import fields as observation_fields
from sync.changes import ConflictRecord, FieldEdit, ObservationState, Op, Photo, Status
from sync.memory import Answer, Pulled, Result
from tests.builders import jpeg_bytes

# The machine's photo names and walk, and their real counterparts.
PHOTO_SHADES = {"aa": 40, "bb": 120, "cc": 200}
MACHINE_WALK = 3
# History ops that the engine made as updates (their `fields` are FieldEdits).
UPDATE_OPS = {"update", "resolve", "review", "osm_upload"}


def _read_back(read):
    """A property reading the database, kept after `freeze()`."""

    def get(self):
        if self._frozen is None:
            return read(self)
        if read.__name__ not in self._frozen:
            self._frozen[read.__name__] = read(self)
        return self._frozen[read.__name__]

    return property(get, doc=read.__doc__)


class HttpServer:
    def __init__(self, client, group, walkers: int):
        self.client, self.group = client, group
        # Kept as numbers: read from the rows, each commit expired them and every request
        # and check of a case loaded the group again to learn its id.
        self.group_id, self.walk_id = group.group.id, group.walk.id
        self.organiser = group.headers("organiser")
        self.walkers = {}
        for number in range(1, walkers + 1):
            member = create_member(group.group, f"walker{number}", Role.WALKER)
            db.session.flush()
            token = issue_token(member, "property test")
            self.walkers[number] = {"Authorization": f"Bearer {token}"}
        db.session.commit()
        self.photos = {name: self._upload(shade) for name, shade in PHOTO_SHADES.items()}
        self.results: dict[str, Result] = {}
        self.replays: Counter[str] = Counter()
        self._frozen: dict | None = None

    def freeze(self) -> None:
        """Once the phones have settled nothing writes any more: the checks that follow read
        each table once instead of once per value they look for (most of a case's time)."""
        self._frozen = {}

    def _upload(self, shade: int) -> str:
        data = jpeg_bytes(shade)
        sha256 = hashlib.sha256(data).hexdigest()
        answer = self.client.put(f"/api/v1/photos/{sha256}", data=data, headers=self.walkers[1])
        assert answer.status_code in (200, 201), answer.json
        return sha256

    # -- the round trip -----------------------------------------------------------------------
    def sync(self, author, changes, cursor: int, limit: int) -> Answer:
        body = {"cursor": cursor, "limit": limit, "changes": [self._wire(c) for c in changes]}
        answer = self.client.post(
            f"/api/v1/groups/{self.group_id}/sync",
            json=body,
            headers=self.walkers[author.member_id],
        )
        assert answer.status_code == 200, answer.json
        data = answer.json
        results = [self._result(r) for r in data["results"]]
        pulled = [Pulled(o["seq"], state_from_wire(o)) for o in data["observations"]]
        return Answer(results, pulled, data["cursor"], data["more"])

    def _wire(self, change) -> dict:
        body = {
            "change_id": change.change_id,
            "observation_id": change.observation_id,
            "op": str(change.op),
            "made_at": change.made_at.isoformat(),
        }
        if change.op is Op.CREATE:
            body["walk_id"] = self.walk_id if change.walk_id == MACHINE_WALK else 0
        if change.base_version is not None:
            body["base_version"] = change.base_version
        if change.fields:
            body["fields"] = {
                name: {"old": v.old, "new": v.new} if isinstance(v, FieldEdit) else v
                for name, v in change.fields.items()
            }
        if change.photo is not None:
            body["photo"] = {"sha256": self.photos[change.photo.sha256], "role": change.photo.role}
        return body

    def _result(self, wire: dict) -> Result:
        result = Result(
            wire["change_id"],
            wire["observation_id"],
            Status(wire["status"]),
            wire["version"],
            wire["replayed"],
            tuple(wire["conflict_ids"]),
            wire["redirected_to"],
        )
        if result.replayed:
            self.replays[result.change_id] += 1
        else:
            self.results[result.change_id] = result
        return result

    # -- the organiser --------------------------------------------------------------------------
    def resolve_field(self, organiser, observation_id, field, value):
        key = self._open_conflict(observation_id, lambda c: c["field"] == field)
        self._post(f"/api/v1/conflicts/{key}/resolve", {"value": value})

    def resolve_deletion(self, organiser, observation_id, delete: bool):
        key = self._open_conflict(observation_id, lambda c: c["kind"] == "delete_edit")
        self._post(f"/api/v1/conflicts/{key}/resolve", {"value": "deleted" if delete else "kept"})

    def merge(self, organiser, survivor_id, other_id, take=()):
        body = {"other": other_id, "take": sorted(take)}
        self._post(f"/api/v1/observations/{survivor_id}/merge", body)

    def not_duplicate(self, observation_id, other_id, distinct: bool = True):
        path = "not-duplicate" if distinct else "maybe-duplicate"
        self._post(f"/api/v1/observations/{observation_id}/{path}", {"other": other_id})

    def _open_conflict(self, observation_id, wanted) -> str:
        answer = self.client.get(
            f"/api/v1/groups/{self.group_id}/conflicts", headers=self.organiser
        )
        found = [c["key"] for c in answer.json if c["observation_id"] == observation_id]
        keys = [c["key"] for c in answer.json if c["key"] in found and wanted(c)]
        assert keys, f"no such open conflict on {observation_id}"
        return keys[0]

    def _post(self, path: str, body: dict) -> None:
        answer = self.client.post(path, json=body, headers=self.organiser)
        assert answer.status_code == 200, (path, answer.json)

    # -- what the database holds ----------------------------------------------------------------
    def _rows(self):
        return db.session.scalars(
            sa.select(Observation).where(Observation.group_id == self.group_id)
        ).all()

    @_read_back
    def states(self) -> dict[str, ObservationState]:
        db.session.expire_all()
        return convert.to_states(self._rows())

    def wire_states(self) -> dict[str, ObservationState]:
        """Every observation as a phone pulling from cursor 0 would get it."""
        found, cursor = {}, 0
        while True:
            answer = self.client.post(
                f"/api/v1/groups/{self.group_id}/sync",
                json={"cursor": cursor, "limit": 1000},
                headers=self.walkers[1],
            ).json
            found.update((o["id"], state_from_wire(o)) for o in answer["observations"])
            cursor = answer["cursor"]
            if not answer["more"]:
                return found

    @_read_back
    def conflicts(self) -> dict:
        db.session.expire_all()
        rows = db.session.execute(
            sa.select(Conflict, Observation.uuid)
            .join(Observation, Observation.id == Conflict.observation_id)
            .where(Conflict.group_id == self.group_id)
        ).all()
        return {row.key: _stored(row, uuid) for row, uuid in rows}

    @_read_back
    def hints(self) -> dict[frozenset, str]:
        """Each duplicate hint of the group: its pair of observation ids, and its status."""
        db.session.expire_all()
        uuids = dict(
            db.session.execute(
                sa.select(Observation.id, Observation.uuid).where(
                    Observation.group_id == self.group_id
                )
            ).all()
        )
        rows = db.session.execute(
            sa.select(
                DuplicateHint.observation_a_id,
                DuplicateHint.observation_b_id,
                DuplicateHint.status,
            ).where(DuplicateHint.group_id == self.group_id)
        )
        return {frozenset({uuids[a], uuids[b]}): status for a, b, status in rows}

    def _revision_rows(self):
        db.session.expire_all()
        return db.session.scalars(
            sa.select(Revision).where(Revision.group_id == self.group_id).order_by(Revision.id)
        ).all()

    @_read_back
    def revisions(self) -> list:
        """As the engine made them: a redirected change names the survivor it was applied to,
        which the `observation_id` column holds (`observation_uuid` keeps the id it was sent
        for, for the history)."""
        uuids = dict(
            db.session.execute(
                sa.select(Observation.id, Observation.uuid).where(
                    Observation.group_id == self.group_id
                )
            ).all()
        )
        return [
            _revision(row, uuids.get(row.observation_id, row.observation_uuid))
            for row in self._revision_rows()
        ]

    @property
    def applications(self) -> Counter:
        """Revisions per change id: a change merged twice would have two."""
        return Counter(row.change_id for row in self._revision_rows())

    @_read_back
    def set_aside(self) -> list:
        found = []
        for row in self._revision_rows():
            payload = row.payload or {}
            if row.op != "merge" or "merged" not in payload:
                continue
            found += [(payload["merged"], k, v) for k, v in payload["set_aside"].items()]
            found += [(row.observation_uuid, k, v) for k, v in payload["replaced"].items()]
        return found


def state_from_wire(o: dict) -> ObservationState:
    """An observation as a phone holds it: what the pull carries, nothing of the server's."""
    fields = {
        name: observation_fields.normalise(name, o.get(name)) for name in observation_fields.FIELDS
    }
    return ObservationState(
        id=o["id"],
        walk_id=o["walk_id"],
        version=o["version"],
        fields=fields,
        photos=frozenset(Photo(p["sha256"], p["role"]) for p in o["photos"]),
        deleted=o["deleted"],
        merged_into=o["merged_into"],
        open_conflicts=frozenset(o["conflicts"]),
    )


def _revision(row: Revision, observation_uuid: str):
    """A stored revision in the shape the invariants read (`change`, `status`)."""
    payload = row.payload or {}
    update = row.op in UPDATE_OPS
    fields = {
        name: FieldEdit(edit["old"], edit["new"]) if update else edit
        for name, edit in (payload.get("fields") or {}).items()
    }
    op = Op.UPDATE if update else (Op(row.op) if row.op in set(Op) else row.op)
    change = SimpleNamespace(
        change_id=row.change_id,
        observation_id=observation_uuid,
        op=op,
        base_version=row.base_version,
        fields=fields,
        made_at=dt.datetime.fromisoformat(payload["made_at"]) if "made_at" in payload else None,
    )
    return dataclasses.make_dataclass("StoredRevision", ["change", "status"])(
        change, Status(row.status)
    )


@dataclasses.dataclass(frozen=True)
class StoredConflict(ConflictRecord):
    """A conflict as the server stores it: `sides` holds every value it kept, the field's
    current one first (winner and loser are the first two)."""

    sides: tuple = ()


def _stored(row: Conflict, uuid: str) -> StoredConflict:
    record = convert.to_record(row, uuid)
    fields = {field.name: getattr(record, field.name) for field in dataclasses.fields(record)}
    return StoredConflict(**fields, sides=convert.stored_sides(row))
