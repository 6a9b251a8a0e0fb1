"""Duplicate hints that merges made before fbec45a24470 left on the record merged away: the
migration passes them on as today's merge does (sync.duplicates.hints_after_merge), so the
organisers' duplicates list, the review cards and the phones' pulls name the camera that stays.

The old state is built as the earlier merge left it (server/observations/organise.py before
0b02f22): the merged pair's hint marked `merged`, every other hint where it was."""

import datetime as dt
import importlib.util
import itertools
import math
import os
import shutil
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from server import create_app, geo
from server.auth.models import Role
from server.auth.service import create_member, issue_token
from server.extensions import db
from server.groups.models import Group, Walk
from server.observations.models import DuplicateHint, Observation, Revision
from server.observations.pull import pull
from sync import duplicates, geodesy
from tests.conftest import new_postgis_database
from tests.migrations.test_migrations import fresh_app  # noqa: F401  (a fixture)

BEFORE = "c9d4e7a2f816"
VERSIONS = Path(__file__).parents[2] / "migrations" / "versions"
HERE = (5.3812345, 43.2961234)  # lon, lat
DEGREES_PER_METRE_EAST = 1 / (geodesy.METRES_PER_DEGREE * math.cos(math.radians(HERE[1])))
SAID_AT = dt.datetime(2026, 11, 28, 10, 30, tzinfo=dt.UTC)


def migration():
    """The migration's module, for its copies of the app's rule and distance."""
    (path,) = VERSIONS.glob("fbec45a24470_*.py")
    spec = importlib.util.spec_from_file_location("past_merges_hints", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class OldInstance:
    """A group on the database before the migration, written as the earlier code wrote it."""

    def __init__(self, client):
        self.client = client
        group = Group(name="Noailles", slug=f"noailles-{uuid.uuid4().hex[:6]}")
        db.session.add(group)
        self.karim = create_member(group, "karim", Role.ORGANISER, "secret-pass")
        db.session.flush()
        walk = Walk(group_id=group.id, name="Noailles walk")
        db.session.add(walk)
        db.session.flush()
        self.token = issue_token(self.karim, "test")
        self.group_id, self.walk_id, self.karim_id = group.id, walk.id, self.karim.id
        self.uuids: dict[int, str] = {}
        db.session.commit()

    def _revision(self, row_id: int, op: str, payload: dict) -> int:
        inserted = db.session.execute(
            sa.insert(Revision.__table__).values(
                change_id=str(uuid.uuid4()),
                group_id=self.group_id,
                observation_uuid=self.uuids[row_id],
                observation_id=row_id,
                member_id=self.karim_id,
                op=op,
                payload=payload,
                made_at=SAID_AT,
                status="applied",
                result={},
                version_after=1,
            )
        )
        revision_id = inserted.inserted_primary_key[0]
        db.session.execute(
            sa.update(Observation.__table__)
            .where(Observation.id == row_id)
            .values(seq=revision_id, version=Observation.version + int(op == "merge"))
        )
        return revision_id

    def camera(self, metres_east: float) -> int:
        """A camera logged `metres_east` of HERE."""
        observation_uuid = str(uuid.uuid4())
        inserted = db.session.execute(
            sa.insert(Observation.__table__).values(
                uuid=observation_uuid,
                group_id=self.group_id,
                walk_id=self.walk_id,
                geom=geo.point_element(HERE[0] + metres_east * DEGREES_PER_METRE_EAST, HERE[1]),
                kind="camera",
            )
        )
        row_id = inserted.inserted_primary_key[0]
        self.uuids[row_id] = observation_uuid
        self._revision(row_id, "create", {"fields": {"kind": "camera"}})
        db.session.commit()
        return row_id

    def hint(self, one: int, other: int, status: str = "open") -> int:
        a, b = sorted((one, other))
        dismissed = status == "dismissed"
        inserted = db.session.execute(
            sa.insert(DuplicateHint.__table__).values(
                group_id=self.group_id,
                observation_a_id=a,
                observation_b_id=b,
                distance_m=abs(a - b),  # any figure: a moved hint is measured again
                status=status,
                dismissed_by_id=self.karim_id if dismissed else None,
                dismissed_at=SAID_AT if dismissed else None,
            )
        )
        db.session.commit()
        return inserted.inserted_primary_key[0]

    def merge(self, other: int, survivor: int) -> None:
        """What the earlier code's merge wrote: history and conflicts moved, the pair's hint
        `merged`, a `merge` revision on both, the other one's hints left where they were."""
        db.session.execute(
            sa.update(Revision.__table__)
            .where(Revision.observation_id == other)
            .values(observation_id=survivor)
        )
        pair = sa.and_(
            DuplicateHint.observation_a_id.in_([survivor, other]),
            DuplicateHint.observation_b_id.in_([survivor, other]),
        )
        db.session.execute(sa.update(DuplicateHint.__table__).where(pair).values(status="merged"))
        self._revision(survivor, "merge", {"merged": self.uuids[other]})
        self._revision(other, "merge", {"merged_into": self.uuids[survivor]})
        db.session.execute(
            sa.update(Observation.__table__)
            .where(Observation.id == other)
            .values(merged_into_id=survivor)
        )
        db.session.commit()

    # What the screens and the phones are answered.

    def _get(self, path: str):
        with _later_columns():
            answer = self.client.get(path, headers={"Authorization": f"Bearer {self.token}"})
        # The request ran in the test's session: ended here, its transaction holds no lock
        # while a migration runs (on PostgreSQL a later one adding a column to a table the
        # review read, d4a8f1c6e293's `photo`, waited for it forever).
        db.session.remove()
        assert answer.status_code == 200, answer.json
        return answer.json

    def duplicates(self) -> dict[frozenset, float]:
        listed = self._get(f"/api/v1/groups/{self.group_id}/duplicates")
        return {frozenset((p["a"]["id"], p["b"]["id"])): p["distance_m"] for p in listed}

    def cards(self) -> dict[str, dict]:
        return {card["id"]: card for card in self._get(f"/api/v1/groups/{self.group_id}/review")}

    def history(self, row_id: int) -> list[tuple]:
        rows = self._get(f"/api/v1/observations/{self.uuids[row_id]}/history")
        return [(row["op"], row["by"], row["payload"]) for row in rows]

    def pulled(self, cursor: int) -> dict[str, dict]:
        with _later_columns():
            answer = pull(self.group_id, cursor, 1000)
        db.session.remove()
        return {item["id"]: item for item in answer["observations"]}

    def cursor(self) -> int:
        with db.engine.connect() as conn:  # as _get: no transaction left open
            return conn.scalar(sa.select(sa.func.max(Observation.seq)))

    def hints(self) -> list[tuple]:
        """Each hint as (id, its two records' uuids, status, who dismissed it), by id."""
        with db.engine.connect() as conn:
            rows = conn.execute(
                sa.select(
                    DuplicateHint.id,
                    DuplicateHint.observation_a_id,
                    DuplicateHint.observation_b_id,
                    DuplicateHint.status,
                    DuplicateHint.dismissed_by_id,
                ).order_by(DuplicateHint.id)
            ).all()
        return [
            (hint_id, frozenset((self.uuids[a], self.uuids[b])), status, by)
            for hint_id, a, b, status, by in rows
        ]


# Columns later migrations add that today's screens and pull read: the review card's plan reads
# the relations of the cached OSM cameras (e7c2a9d4f168), a card's photo whether it is
# published beside that camera (b7d3e5a1c926). On the old schema they are added for the
# request alone, so that today's code can show the old data, and the migrations run as written.
LATER_COLUMNS = {
    "osm_node": [sa.Column("relations", sa.JSON())],
    "observation_photo": [sa.Column("published", sa.Boolean())],
}


@contextmanager
def _later_columns():
    added = []
    with db.engine.begin() as conn:
        for table, columns in LATER_COLUMNS.items():
            present = {column["name"] for column in sa.inspect(conn).get_columns(table)}
            for column in columns:
                if column.name not in present:
                    kind = column.type.compile(dialect=conn.dialect)
                    conn.execute(sa.text(f"ALTER TABLE {table} ADD COLUMN {column.name} {kind}"))
                    added.append((table, column.name))
    try:
        yield
    finally:
        db.session.remove()
        with db.engine.begin() as conn:
            for table, name in added:
                conn.execute(sa.text(f"ALTER TABLE {table} DROP COLUMN {name}"))


def told_apart(card) -> list[tuple]:
    return [(t["other"], t["by"], t["at"]) for t in card["not_duplicates"]]


@pytest.fixture(scope="module")
def database_before(engine_name, tmp_path_factory, request):
    """A database migrated from nothing to BEFORE, once a module for each engine: each test
    takes a copy of it (the migrations up to BEFORE took one to two seconds a test)."""
    folder = tmp_path_factory.mktemp("before")
    if engine_name == "spatialite":
        url = f"sqlite:///{folder / 'before.db'}"
    else:
        url = new_postgis_database(request, f"camwalk_before_{os.getpid()}_{uuid.uuid4().hex[:6]}")
    app = create_app({"DATABASE_URL": url, "INSTANCE_PATH": str(folder), "SECRET_KEY": "t"})
    with app.app_context():
        upgrade(revision=BEFORE)
        db.session.remove()
        db.engine.dispose()  # no connection left: PostgreSQL copies only an unused template
    return sa.engine.make_url(url)


def copy_of(template: sa.engine.URL, tmp_path, request) -> str:
    """A database of its own for one test, as `template` holds it."""
    if template.get_backend_name() == "sqlite":
        copy = tmp_path / "fresh.db"
        for suffix in ("", "-wal"):  # the log too, should a page be left in it
            if Path(template.database + suffix).exists():
                shutil.copyfile(template.database + suffix, f"{copy}{suffix}")
        return f"sqlite:///{copy}"
    name = f"camwalk_fresh_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    return new_postgis_database(request, name, template=template.database)


@pytest.fixture
def old(database_before, tmp_path, request):
    url = copy_of(database_before, tmp_path, request)
    app = create_app({"DATABASE_URL": url, "INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "t"})
    with app.app_context():
        yield OldInstance(app.test_client())
        db.session.remove()
        db.engine.dispose()


def test_an_open_hint_a_past_merge_left_on_the_record_merged_away_names_the_survivor(old):
    """A was merged into B before merges passed hints on: C stayed flagged with A on every
    screen. After the migration C is flagged with B, at the distance between them, and a phone
    pulls C, B and A again with their hints as they are now."""
    merged_away, survivor, third = old.camera(0), old.camera(6), old.camera(-6)
    old.hint(merged_away, survivor)
    old.hint(merged_away, third)
    old.merge(merged_away, survivor)
    a, b, c = (old.uuids[row] for row in (merged_away, survivor, third))
    # As the earlier merges left it, today's code shows it on the organisers' list, C's
    # card and the phones' pull.
    assert list(old.duplicates()) == [frozenset((a, c))]
    assert old.cards()[c]["duplicate_hints"] == [a]
    assert old.pulled(0)[c]["duplicate_hints"] == [a]
    cursor = old.cursor()

    upgrade()

    ((pair, distance),) = old.duplicates().items()
    assert pair == {b, c}
    assert distance == pytest.approx(12, abs=0.2)
    cards = old.cards()
    assert cards[c]["duplicate_hints"] == [b]
    assert cards[b]["duplicate_hints"] == [c]
    pulled = old.pulled(cursor)
    assert pulled.keys() == {a, b, c}
    assert pulled[c]["duplicate_hints"] == [b]
    assert pulled[b]["duplicate_hints"] == [c]
    assert pulled[a]["duplicate_hints"] == []
    assert pulled[c]["version"] == 1  # no field of it changed
    assert old.history(third)[-1] == ("duplicate_merged", "karim", {"other": b, "merged": a})


def test_a_second_run_finds_nothing_left_to_do(old):
    merged_away, survivor, third = old.camera(0), old.camera(6), old.camera(-6)
    old.hint(merged_away, third)
    old.merge(merged_away, survivor)
    upgrade()
    hints, cursor, history = old.hints(), old.cursor(), old.history(third)

    downgrade(revision=BEFORE)
    assert old.hints() == hints  # the downgrade undoes nothing (its comment says why)
    upgrade()

    assert old.hints() == hints
    assert old.cursor() == cursor
    assert old.history(third) == history


def test_a_chain_of_merges_brings_the_hints_to_the_camera_that_stays(old):
    """A merged into B, then B into D, each record with a hint with a third camera; and a
    hint between two records both merged away since (E into F): each ends between the two
    cameras that stay, as two merges made today would have left it."""
    a, b, d, c, e, f = (old.camera(metres) for metres in (0, 3, 6, -6, 12, 14))
    old.hint(a, c)
    old.hint(b, c, "dismissed")
    old.hint(a, e)
    old.merge(a, b)
    old.merge(b, d)
    old.merge(e, f)
    u = old.uuids

    upgrade()

    assert old.duplicates().keys() == {frozenset((u[d], u[f]))}
    cards = old.cards()
    assert told_apart(cards[u[c]]) == [(u[d], "karim", SAID_AT.isoformat())]
    assert told_apart(cards[u[d]]) == [(u[c], "karim", SAID_AT.isoformat())]
    assert cards[u[d]]["duplicate_hints"] == [u[f]]
    assert cards[u[f]]["duplicate_hints"] == [u[d]]
    live = {u[c], u[d], u[f]}
    for _, pair, status, _ in old.hints():
        assert pair <= live or status == "merged", (pair, status)


def test_a_dismissed_hint_passes_to_the_survivor_who_said_it_and_when_kept(old):
    merged_away, survivor, third = old.camera(0), old.camera(6), old.camera(-6)
    old.hint(merged_away, third, "dismissed")
    old.merge(merged_away, survivor)
    b, c = old.uuids[survivor], old.uuids[third]
    assert told_apart(old.cards()[c]) == []  # lost from C's card, the pair merged away

    upgrade()

    assert old.duplicates() == {}
    cards = old.cards()
    assert told_apart(cards[c]) == [(b, "karim", SAID_AT.isoformat())]
    assert told_apart(cards[b]) == [(c, "karim", SAID_AT.isoformat())]
    assert cards[c]["duplicate_hints"] == []


# (the merged-away record's hint with C, the survivor's, what the survivor keeps): one
# question about C is left, the more decided one, the survivor's own when alike.
BOTH_HAD_ONE = [
    ("open", "open", "survivor's open"),
    ("dismissed", "open", "merged-away's dismissed"),
    ("open", "dismissed", "survivor's dismissed"),
    ("dismissed", "dismissed", "survivor's dismissed"),
]


def test_when_the_survivor_already_had_a_hint_with_the_third_one_is_left(old):
    cases = []
    for index, (merged_away_said, survivor_said, left) in enumerate(BOTH_HAD_ONE):
        at = 100 * index  # a triple of cameras each, far apart
        merged_away, survivor, third = old.camera(at), old.camera(at + 6), old.camera(at + 2)
        hints = {
            "merged-away's": old.hint(merged_away, third, merged_away_said),
            "survivor's": old.hint(survivor, third, survivor_said),
        }
        old.merge(merged_away, survivor)
        whose, status = left.split(" ")
        pair = frozenset((old.uuids[survivor], old.uuids[third]))
        cases.append((pair, hints[whose], status))

    upgrade()

    assert old.hints() == sorted(
        (hint_id, pair, status, old.karim_id if status == "dismissed" else None)
        for pair, hint_id, status in cases
    )


def test_merges_are_replayed_in_the_order_they_were_made(old):
    """Two records merged into one, each said not to be C by the organiser: the survivor keeps
    the first merge's, as it would have (its own, once the first merge gave it one), though
    the record merged first was logged last."""
    survivor, logged_first, logged_last, third = (old.camera(m) for m in (0, 2, 4, -6))
    first_said = old.hint(logged_last, third, "dismissed")
    old.hint(logged_first, third, "dismissed")
    old.merge(logged_last, survivor)
    old.merge(logged_first, survivor)

    upgrade()

    assert [hint_id for hint_id, _, status, _ in old.hints() if status == "dismissed"] == [
        first_said
    ]


STATUSES = ("open", "dismissed", "merged")


@pytest.mark.parametrize(
    ("survivor_said", "other_said"),
    list(itertools.product((None, *STATUSES), STATUSES)),
)
def test_the_migrations_copy_of_the_rule_is_the_apps(survivor_said, other_said):
    """Every status the survivor's hint with C may have (or none) against every one of the
    merged-away record's: the copy decides as sync.duplicates.hints_after_merge."""
    survivor = {} if survivor_said is None else {"C": survivor_said}
    other = {"C": other_said, "D": "open", "E": "dismissed", "F": "merged"}
    app = duplicates.hints_after_merge(survivor, other)

    assert migration().hints_after_merge(survivor, other) == (app.moved, app.dropped)


def test_the_migrations_copy_of_the_distance_is_the_apps():
    places = [(43.2961234, 5.3812345), (43.2961234, 5.3813085), (-33.9, 151.2), (89.9, -179.9)]
    for one, other in itertools.product(places, places):
        assert migration().distance_m(*one, *other) == geodesy.distance_m(*one, *other)


def test_more_merges_than_one_statement_names_are_all_passed_on(fresh_app):  # noqa: F811
    """600 merges, each survivor and record merged away flagged with one third camera: past
    the 500 ids a statement of the migration names, each third keeps one hint, the survivor's,
    and every record takes a seq of its own. (No `merge` revision here: the merges are
    ordered by the seq of the record merged away, then its id.)"""
    upgrade(revision=BEFORE)
    merges = 600
    with db.engine.begin() as conn:
        conn.execute(sa.insert(Group.__table__), [{"id": 1, "name": "G", "slug": "g"}])
        conn.execute(sa.insert(Walk.__table__), [{"id": 1, "group_id": 1, "name": "W"}])
        conn.execute(
            sa.insert(Observation.__table__),
            [
                {"id": row_id, "uuid": str(uuid.uuid4()), "group_id": 1, "walk_id": 1,
                 "seq": 0, "geom": geo.point_element(5 + row_id * 0.0001, 43)}
                for row_id in range(1, 3 * merges + 1)
            ],
        )  # fmt: skip
        # Each triple: 3k+1 merged into 3k+2, both flagged with 3k+3.
        conn.execute(sa.text("UPDATE observation SET merged_into_id = id + 1 WHERE id % 3 = 1"))
        conn.execute(
            sa.insert(DuplicateHint.__table__),
            [
                {"group_id": 1, "observation_a_id": first + offset, "observation_b_id": first + 2,
                 "distance_m": 2.0, "status": "open"}
                for first in range(1, 3 * merges, 3)
                for offset in (0, 1)
            ],
        )  # fmt: skip

    upgrade()

    with db.engine.connect() as conn:
        pairs = conn.execute(
            sa.select(DuplicateHint.observation_a_id, DuplicateHint.observation_b_id)
        )
        assert sorted(pairs) == [(first + 1, first + 2) for first in range(1, 3 * merges, 3)]
        seqs = conn.execute(sa.select(Observation.seq)).scalars().all()
        # Each record's hints changed: a phone pulls it, each at a seq of its own.
        assert 0 not in seqs
        assert len(set(seqs)) == len(seqs) == 3 * merges
