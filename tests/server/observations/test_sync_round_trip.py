"""POST /groups/<id>/sync: push, pull, replay and paging."""

import gzip
import json

import sqlalchemy as sa

from server.extensions import db
from server.observations import views
from server.observations.models import Observation, Revision
from server.observations.schemas import SyncObservationSchema


def test_a_created_observation_comes_back_in_the_pull_with_the_clients_id(sync_api, by_id):
    change = sync_api.create(operator="  Police municipale ")

    answer = sync_api.sync([change])

    (result,) = answer["results"]
    assert result["status"] == "applied" and result["version"] == 1
    assert result["replayed"] is False and result["conflict_ids"] == []
    pulled = by_id(answer)[change["observation_id"]]
    assert pulled["position"] == {"lat": 43.2961234, "lon": 5.3812345, "accuracy_m": 6.0}
    assert pulled["operator"] == "Police municipale"
    assert pulled["direction"] == [180] and pulled["kind"] == "camera"
    assert pulled["created_by"] == "mouette" and pulled["review_status"] == "pending"
    assert pulled["deleted"] is False and pulled["merged_into"] is None
    assert answer["cursor"] == pulled["seq"] and answer["more"] is False


def test_a_replayed_change_returns_its_first_result_and_applies_nothing(sync_api):
    create = sync_api.create()
    sync_api.sync([create])
    edit = sync_api.update(create["observation_id"], 1, operator=(None, "SNCF"))
    first = sync_api.sync([edit])["results"][0]

    again = sync_api.sync([edit, edit])["results"]

    assert [r["replayed"] for r in again] == [True, True]
    assert all({**r, "replayed": False} == first for r in again)
    assert db.session.scalar(sa.select(Observation.version)) == 2
    assert db.session.scalar(sa.select(sa.func.count(Revision.id))) == 2


def test_the_same_change_twice_in_one_batch_is_applied_once(sync_api):
    create = sync_api.create()

    results = sync_api.sync([create, create])["results"]

    assert [r["replayed"] for r in results] == [False, True]
    assert db.session.scalar(sa.select(sa.func.count(Revision.id))) == 1


def test_each_write_takes_a_new_seq_equal_to_the_id_of_its_revision(sync_api):
    create = sync_api.create()
    first = sync_api.sync([create])["observations"][0]["seq"]
    edit = sync_api.update(create["observation_id"], 1, mount=(None, "pole"))

    second = sync_api.sync([edit], cursor=first)["observations"][0]["seq"]

    revision_id = db.session.scalar(
        sa.select(Revision.id).where(Revision.change_id == edit["change_id"])
    )
    assert second == revision_id > first


def test_an_agreeing_edit_made_earlier_changes_neither_version_nor_seq(sync_api):
    create = sync_api.create(mount="pole", made_at="2026-11-21T09:14:03+01:00")
    cursor = sync_api.sync([create])["cursor"]
    # made later, the same value would raise its rank, and that moves the version
    earlier = sync_api.update(
        create["observation_id"], 1, made_at="2026-11-21T09:10:00+01:00", mount=(None, "pole")
    )

    answer = sync_api.sync([earlier], cursor=cursor)

    assert answer["results"][0]["status"] == "applied"
    assert answer["results"][0]["version"] == 1
    assert answer["observations"] == [] and answer["cursor"] == cursor


def test_pages_follow_the_cursor_and_say_when_more_is_waiting(sync_api):
    creates = [
        sync_api.create(position={"lat": 43.29 + i / 100, "lon": 5.38, "accuracy_m": None})
        for i in range(5)
    ]
    sync_api.sync(creates, limit=1)

    seen, cursor, pages = [], 0, 0
    while True:
        answer = sync_api.sync(cursor=cursor, limit=2)
        seen += [o["id"] for o in answer["observations"]]
        cursor, pages = answer["cursor"], pages + 1
        if not answer["more"]:
            break

    assert seen == [c["observation_id"] for c in creates]
    assert pages == 3


def test_a_pull_with_nothing_newer_keeps_the_cursor(sync_api):
    cursor = sync_api.sync([sync_api.create()])["cursor"]

    answer = sync_api.sync(cursor=cursor)

    assert (answer["observations"], answer["cursor"], answer["more"]) == ([], cursor, False)


def test_a_pulled_observation_is_what_the_observation_view_makes_of_its_full_row(sync_api):
    """The pull reads plain rows of some columns (server/observations/pull.py); what it
    answers must be what the full ORM row gives, field for field."""
    first, second = sync_api.create(note="Sur le mât"), sync_api.create(mount="wall")
    digest = sync_api.upload_photo()
    attach = sync_api.photo("attach_photo", first["observation_id"], digest)
    sync_api.sync([first, second, attach])  # two cameras at one spot: a duplicate hint

    pulled = {o["id"]: o for o in sync_api.sync()["observations"]}

    rows = db.session.scalars(sa.select(Observation).where(Observation.uuid.in_(pulled))).all()
    full = SyncObservationSchema(many=True).dump(views.observation_views(rows))
    assert {o["id"]: o for o in full} == pulled
    # And each alone: a page's photos, hints and conflicts are looked up by its ids only.
    for row in rows:
        (alone,) = SyncObservationSchema(many=True).dump(views.observation_views([row]))
        assert alone == pulled[row.uuid]
    assert pulled[first["observation_id"]]["photos"] == [{"sha256": digest, "role": "close_up"}]
    assert pulled[second["observation_id"]]["duplicate_hints"] == [first["observation_id"]]


def test_a_phone_taking_gzip_pulls_its_pages_gzipped_and_reads_the_same_answer(sync_api):
    """A pull page is about 1 KB a camera, and a phone joining a large group pulls them all on
    the street's signal: gzipped for a client that asks, as a phone's browser does, and read
    the same once undone. A client that does not ask gets the JSON as before."""
    creates = [
        sync_api.create(position={"lat": 43.29 + i / 1000, "lon": 5.38, "accuracy_m": 6.0})
        for i in range(10)
    ]
    sync_api.sync(creates)
    walker = sync_api.group.headers("walker")

    plain = sync_api.post(cursor=0, headers=walker)
    zipped = sync_api.post(cursor=0, headers={**walker, "Accept-Encoding": "gzip, deflate, br"})

    assert plain.status_code == zipped.status_code == 200
    assert "Content-Encoding" not in plain.headers
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped.headers["Vary"]  # caches between keep the two apart
    assert json.loads(gzip.decompress(zipped.data)) == plain.json
    assert len(plain.json["observations"]) == 10
    assert len(zipped.data) < len(plain.data) / 2


def test_a_small_sync_answer_is_sent_as_it_is(sync_api):
    """Nothing to pull: a few bytes, which gzip's frame would only lengthen."""
    cursor = sync_api.sync([sync_api.create()])["cursor"]
    headers = {**sync_api.group.headers("walker"), "Accept-Encoding": "gzip"}

    answer = sync_api.post(cursor=cursor, headers=headers)

    assert answer.status_code == 200
    assert "Content-Encoding" not in answer.headers
    assert answer.json["observations"] == []
