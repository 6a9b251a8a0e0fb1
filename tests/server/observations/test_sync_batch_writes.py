"""A push's batched writes (`server.observations.writer.BatchWriter`) store what the same
changes store when sent one request each.

The batch reserves its ids up front and inserts its revisions in one statement; sent one by one,
each change is its own batch of one. Change and observation ids are unique across groups, so the
two runs use two groups with fresh ids, and everything is compared with the ids replaced by the
names the scenario gave them.
"""

import datetime as dt
import gc
import re

import pytest
import sqlalchemy as sa

from server.auth.models import Member
from server.extensions import db
from server.observations import convert, push, writer
from server.observations.models import Conflict, DuplicateHint, Observation, Revision
from server.photos.models import ObservationPhoto, Photo
from sync.changes import Author, Stamp
from tests.builders import MARSEILLE, new_id

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def at(metres_north: float) -> dict:
    return {**MARSEILLE, "lat": round(MARSEILLE["lat"] + metres_north / 111_200, 7)}


class Scenario:
    """The same history for any group: a setup sent change by change, then a batch that mixes
    every kind of change a push meets."""

    def __init__(self, api, stranger_api):
        self.api, self.stranger_api = api, stranger_api
        self.names: dict[str, str] = {}

    def name(self, symbol: str, value: str) -> str:
        self.names[value] = symbol
        return value

    def change(self, symbol: str, change: dict) -> dict:
        self.name(symbol, change["change_id"])
        return change

    def setup(self) -> None:
        api = self.api
        self.x, self.y, self.z = (self.name(s, new_id()) for s in ("X", "Y", "Z"))
        self.x_create = self.change("x-create", api.create(self.x, position=at(0)))
        api.sync([self.x_create])
        api.sync([self.change("y-create", api.create(self.y, position=at(1000)))])
        api.sync([self.change("z-create", api.create(self.z, position=at(2000)))])
        by_organiser = self.change("x-by-organiser", api.update(self.x, 1, operator=(None, "A")))
        api.sync([by_organiser], who="organiser")
        self.photo = api.upload_photo(shade=90)
        self.w = self.name("W", new_id())  # another group's observation
        self.stranger_api.sync([self.change("w-create", self.stranger_api.create(self.w))])

    def batch(self) -> list[dict]:
        api = self.api
        n1, n2 = self.name("N1", new_id()), self.name("N2", new_id())
        y_mount = self.change("y-mount", api.update(self.y, 1, mount=(None, "pole")))
        invalid = self.change("invalid", api.update(self.y, 1, kind=("camera", "spaceship")))
        return [
            self.change("n1-create", api.create(n1, position=at(3000))),
            self.change("n1-mount", api.update(n1, 1, mount=(None, "wall"))),
            y_mount,
            self.change("x-conflict", api.update(self.x, 1, operator=(None, "B"))),
            invalid,
            y_mount,  # the same change again, in the same batch
            self.change("y-unknown-base", api.update(self.y, 9, zone=(None, "town"))),
            self.change("n2-create", api.create(n2, position=at(1003))),  # 3 m from Y
            self.change("z-delete", api.delete(self.z, 1)),
            self.change("n1-photo", api.photo("attach_photo", n1, self.photo)),
            self.x_create,  # sent before, in the setup
            self.change("n1-stale", api.update(n1, 1, operator=(None, "C"))),
            self.change("x-created-again", api.create(self.x)),
            self.change("w-taken", api.create(self.w, position=at(4000))),
        ]


def normalised(value, names: dict[str, str], numbers: dict[str, dict[int, str]]):
    """`value` with every id a scenario made replaced by its name, server-made ids by
    "server", and the numbers under the keys of `numbers` (member and walk ids) by theirs."""
    if isinstance(value, str):
        return UUID.sub(lambda m: names.get(m.group(0), "server"), value)
    if isinstance(value, dict):
        return {
            key: numbers[key].get(item, item)
            if key in numbers
            else normalised(item, names, numbers)
            for key, item in value.items()
        }
    if isinstance(value, list | tuple):
        return [normalised(item, names, numbers) for item in value]
    return value


def stored(group) -> dict:
    """The group's observations, revisions, conflicts, hints and photo links, without the
    numbers and times that differ between any two runs (ids, seqs, clocks); the order of
    revisions and of seqs is kept."""
    group_id = group.group.id
    db.session.expire_all()
    rows = db.session.scalars(
        sa.select(Observation).where(Observation.group_id == group_id).order_by(Observation.seq)
    ).all()
    uuid_of = {row.id: row.uuid for row in rows}
    observations = [
        {
            "uuid": row.uuid,
            "walk_id": row.walk_id,
            "version": row.version,
            "deleted": row.deleted,
            "deleted_by": row.deleted_by,
            "fields": convert.field_values(row),
            "field_stamps": row.field_stamps,
            "review_status": row.review_status,
            "created_by_id": row.created_by_id,
            "approved": row.approved,
        }
        for row in rows
    ]
    revisions = [
        {
            "observation_uuid": r.observation_uuid,
            "observation": uuid_of.get(r.observation_id),
            "change_id": r.change_id,
            "member_id": r.member_id,
            "op": r.op,
            "base_version": r.base_version,
            "payload": r.payload,
            "status": r.status,
            "result": r.result,
            "version_after": r.version_after,
        }
        for r in db.session.scalars(
            sa.select(Revision).where(Revision.group_id == group_id).order_by(Revision.id)
        )
    ]
    conflicts = sorted(
        (
            {
                "key": c.key,
                "observation": uuid_of[c.observation_id],
                "field": c.field,
                "base_value": c.base_value,
                "sides": c.sides,
                "provisional_value": c.provisional_value,
                "status": c.status,
            }
            for c in db.session.scalars(sa.select(Conflict).where(Conflict.group_id == group_id))
        ),
        key=lambda c: c["key"],
    )
    hints = sorted(
        (uuid_of[h.observation_a_id], uuid_of[h.observation_b_id], h.distance_m)
        for h in db.session.scalars(
            sa.select(DuplicateHint).where(DuplicateHint.group_id == group_id)
        )
    )
    links = sorted(
        (uuid_of[link.observation_id], sha, link.role)
        for link, sha in db.session.execute(
            sa.select(ObservationPhoto, Photo.sha256)
            .join(Photo)
            .where(ObservationPhoto.observation_id.in_(uuid_of))
        )
    )
    return {
        "observations": observations,
        "revisions": revisions,
        "conflicts": conflicts,
        "hints": hints,
        "links": links,
    }


def numbers_of(group) -> dict[str, dict[int, str]]:
    rows = db.session.execute(
        sa.select(Member.id, Member.role).where(Member.group_id == group.group.id)
    )
    members = dict(rows.all())
    return {"member_id": members, "created_by_id": members, "walk_id": {group.walk.id: "walk"}}


def run(api, stranger_api, group, one_by_one: bool):
    scenario = Scenario(api, stranger_api)
    scenario.setup()
    batch = scenario.batch()
    if one_by_one:
        results = [api.sync([change])["results"][0] for change in batch]
    else:
        results = api.sync(batch)["results"]
    numbers = numbers_of(group)
    return (
        normalised(results, scenario.names, numbers),
        normalised(stored(group), scenario.names, numbers),
    )


def test_a_mixed_batch_stores_and_answers_what_its_changes_sent_one_by_one_do(
    make_group, sync_api_for
):
    batched, alone = make_group("Batched"), make_group("Alone")
    strangers = sync_api_for(make_group("Strangers"))

    batch_results, batch_rows = run(sync_api_for(batched), strangers, batched, one_by_one=False)
    alone_results, alone_rows = run(sync_api_for(alone), strangers, alone, one_by_one=True)

    statuses = [(r["status"], r["replayed"]) for r in batch_results]
    # Every kind of change is in the batch (else the comparison proves less than it says).
    assert statuses == [
        ("applied", False),
        ("applied", False),
        ("applied", False),
        ("conflict", False),
        ("rejected", False),
        ("applied", True),
        ("rejected", False),
        ("applied", False),
        ("applied", False),
        ("applied", False),
        ("applied", True),
        ("applied", False),
        ("applied", False),
        ("rejected", False),
    ]
    history = [
        (r["change_id"], r["op"], r["status"], r["version_after"]) for r in batch_rows["revisions"]
    ]
    assert history[4:] == [
        ("n1-create", "create", "applied", 1),
        ("n1-mount", "update", "applied", 2),
        ("y-mount", "update", "applied", 2),
        ("x-conflict", "update", "conflict", 3),
        ("y-unknown-base", "update", "rejected", 2),
        ("n2-create", "create", "applied", 1),
        ("server", "flag_duplicate", "applied", 2),
        ("z-delete", "delete", "applied", 2),
        ("n1-photo", "attach_photo", "applied", 3),
        ("n1-stale", "update", "applied", 4),
        ("x-created-again", "create", "applied", 3),
        ("w-taken", "create", "rejected", None),
    ]
    assert batch_rows["hints"] == [["Y", "N2", pytest.approx(3.0, abs=0.01)]]
    assert [(uuid, role) for uuid, _, role in batch_rows["links"]] == [("N1", "close_up")]
    assert [c["key"] for c in batch_rows["conflicts"]] == ["x-conflict/operator"]
    assert batch_results == alone_results
    assert batch_rows == alone_rows


def test_revisions_take_increasing_ids_in_the_order_of_the_changes(sync_api):
    changes = [sync_api.create(position=at(100 * i)) for i in range(5)]

    sync_api.sync(changes)

    stored_order = db.session.scalars(sa.select(Revision.change_id).order_by(Revision.id)).all()
    assert stored_order == [c["change_id"] for c in changes]
    seqs = db.session.execute(sa.select(Observation.uuid, Observation.seq)).all()
    by_seq = [uuid for uuid, _ in sorted(seqs, key=lambda row: row[1])]
    assert by_seq == [c["observation_id"] for c in changes]


@pytest.mark.parametrize("table", [Observation.__table__, Revision.__table__])
def test_reserved_ids_are_above_every_stored_id_and_increase(sync_api, table):
    sync_api.sync([sync_api.create(position=at(100 * i)) for i in range(3)])
    highest = db.session.scalar(sa.select(sa.func.max(table.c.id)))

    ids = writer.reserve_ids(table, 4)

    assert len(ids) == 4 and ids == sorted(set(ids)) and ids[0] > highest
    assert writer.reserve_ids(table, 0) == []
    db.session.rollback()


def test_a_revision_column_that_does_not_exist_is_refused(group):
    batch = writer.BatchWriter(group.group.id)

    with pytest.raises(TypeError, match="chnage_id"):
        batch.add_revision("x", None, chnage_id="x", op="update", status="applied", payload={})


def test_each_field_reads_back_its_own_stamp_when_one_change_stamped_several():
    made_at = dt.datetime(2026, 11, 21, 9, 14, 3, tzinfo=dt.UTC)
    shared = Stamp("c1", Author(3, False), made_at, 1)
    other = Stamp("c2", Author(4, True), made_at, 2)
    stamps = {"kind": shared, "mount": shared, "operator": other}

    written = convert.stamps_to_json(stamps)

    assert written == {
        "kind": convert.stamp_to_json(shared),
        "mount": "kind",  # the shared stamp is written once
        "operator": convert.stamp_to_json(other),
    }
    assert convert.stamps_from_json(written) == stamps


def stored_columns(uuid: str) -> dict:
    """Every column of an observation as the database holds it (as text: a JSON null and an
    SQL NULL differ), without the ones two rows never share."""
    table = Observation.__table__
    skip = {"id", "uuid", "seq", "created_at", "updated_at"}
    columns = [c for c in table.columns if c.key not in skip]
    as_text = [sa.func.ST_AsText(c) if c.key == "geom" else sa.cast(c, sa.Text) for c in columns]
    query = sa.select(*(text.label(c.key) for text, c in zip(as_text, columns, strict=True)))
    query = query.where(table.c.uuid == uuid)
    return dict(db.session.execute(query).one()._mapping)


def test_a_pushed_create_stores_the_row_an_orm_object_of_its_state_would(sync_api, group):
    """A push inserts its new observations as plain records, not ORM objects: the stored row
    must be the one the ORM would write, defaults and NULLs included."""
    created = sync_api.create(direction=[90], note="by the door")
    sync_api.sync([created])
    pushed = db.session.scalars(
        sa.select(Observation).where(Observation.uuid == created["observation_id"])
    ).one()
    state = convert.to_state(pushed)
    by_orm = Observation(
        uuid=new_id(),
        group_id=pushed.group_id,
        walk_id=pushed.walk_id,
        created_by_id=pushed.created_by_id,
    )
    convert.write_fields(by_orm, state)
    db.session.add(by_orm)
    db.session.flush()

    assert stored_columns(pushed.uuid) == stored_columns(by_orm.uuid)
    times = db.session.execute(
        sa.select(Observation.created_at, Observation.updated_at, Observation.seq).where(
            Observation.uuid == pushed.uuid
        )
    ).one()
    assert None not in times and times.seq > 0


def test_a_push_applies_its_changes_with_the_cycle_collector_paused(sync_api, monkeypatch):
    seen = []
    apply = push.Push.apply

    def watched(self, index, item):
        seen.append(gc.isenabled())
        return apply(self, index, item)

    monkeypatch.setattr(push.Push, "apply", watched)
    gc.enable()

    sync_api.sync([sync_api.create(), sync_api.create()])

    assert seen == [False, False]
    assert gc.isenabled()
