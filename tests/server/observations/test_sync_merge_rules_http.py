"""The merge rules the probe of the protocol found broken, through the HTTP round trip: a stale
delete hidden by the deleter's own later change, an attach retried after its walker's delete,
and a value that depended on the order phones synced."""

import hashlib
import itertools

import sqlalchemy as sa

from server.auth.models import Role
from server.auth.service import create_member, issue_token
from server.extensions import db
from server.observations.models import Conflict, Observation
from tests.builders import jpeg_bytes


def walker(group, name) -> dict:
    member = create_member(group.group, name, Role.WALKER)
    token = issue_token(member, "test")
    db.session.commit()
    return {"Authorization": f"Bearer {token}"}


def created(sync_api) -> str:
    change = sync_api.create()
    sync_api.sync([change])
    return change["observation_id"]


def open_conflicts(obs) -> list[Conflict]:
    query = (
        sa.select(Conflict)
        .join(Observation, Observation.id == Conflict.observation_id)
        .where(Observation.uuid == obs, Conflict.status == "open")
        .order_by(Conflict.id)
    )
    return list(db.session.scalars(query))


def test_a_stale_delete_is_a_conflict_though_her_own_photo_came_after_the_others(
    sync_api, group, by_id
):
    sam = walker(group, "sam")
    obs = created(sync_api)  # both phones hold version 1
    sams_photo = sync_api.upload_photo(11)
    sync_api.sync([sync_api.photo("attach_photo", obs, sams_photo)], headers=sam)
    mine = sync_api.upload_photo(12)

    answer = sync_api.sync(
        [sync_api.photo("attach_photo", obs, mine, "context"), sync_api.delete(obs, 1)]
    )

    assert [r["status"] for r in answer["results"]] == ["applied", "conflict"]
    pulled = by_id(answer)[obs]
    assert pulled["deleted"] is False
    assert [c.field for c in open_conflicts(obs)] == ["deleted"]


def test_a_photo_retried_after_its_walkers_delete_stays_with_the_tombstone(sync_api, by_id):
    obs = created(sync_api)
    data = jpeg_bytes(31)
    attach = sync_api.photo("attach_photo", obs, hashlib.sha256(data).hexdigest())
    delete = sync_api.delete(obs, 1, made_at="2026-11-21T09:16:00+01:00")  # after the photo

    first = sync_api.sync([attach, delete])
    sha = sync_api.upload_photo(31)
    answer = sync_api.sync([attach])

    assert first["results"][0]["error"]["code"] == "photo_not_uploaded"
    (result,) = answer["results"]
    assert (result["status"], result["conflict_ids"]) == ("applied", [])
    pulled = by_id(answer)[obs]
    assert pulled["deleted"] is True
    assert pulled["photos"] == [{"sha256": sha, "role": "close_up"}]
    assert open_conflicts(obs) == []


def test_two_walkers_agreeing_and_a_third_disagreeing_end_alike_in_every_order(
    sync_api, make_group, sync_api_for
):
    ends = set()
    for order in itertools.permutations(range(3)):
        group = make_group()
        api = sync_api_for(group)
        phones = [api.group.headers("walker")] + [walker(group, f"w{i}") for i in (1, 2)]
        obs = created(api)
        edits = [
            api.update(obs, 1, made_at="2026-11-21T10:00:00+01:00", operator=(None, "X")),
            api.update(obs, 1, made_at="2026-11-21T10:05:00+01:00", operator=(None, "X")),
            api.update(obs, 1, made_at="2026-11-21T10:02:00+01:00", operator=(None, "Z")),
        ]
        for i in order:
            api.sync([edits[i]], headers=phones[i])
        pulled = {o["id"]: o for o in api.sync()["observations"]}[obs]
        values = frozenset(s["value"] for c in open_conflicts(obs) for s in c.sides)
        ends.add((pulled["operator"], values))
    assert ends == {("X", frozenset({"X", "Z"}))}


def test_an_earlier_conflict_shows_and_keeps_the_value_a_later_one_gave_the_field(
    sync_api, group, by_id, client
):
    phones = [sync_api.group.headers("walker")] + [walker(group, f"w{i}") for i in (1, 2)]
    obs = created(sync_api)
    times_and_values = [("10:00", "X"), ("10:05", "Y"), ("10:02", "Z")]
    edits = [
        sync_api.update(obs, 1, made_at=f"2026-11-21T{t}:00+01:00", operator=(None, value))
        for t, value in times_and_values
    ]
    for i in (0, 2, 1):
        sync_api.sync([edits[i]], headers=phones[i])

    pulled = by_id(sync_api.sync())[obs]
    first, second = open_conflicts(obs)
    assert pulled["operator"] == "Y"
    assert first.provisional_value == {"value": "Y"}
    assert [s["value"] for s in first.sides] == ["Y", "Z", "X"]
    assert [d["values"][0]["value"] for d in pulled["conflict_details"]] == ["Y", "Y"]
    organiser = sync_api.group.headers("organiser")
    past_the_sides = client.post(
        f"/api/v1/conflicts/{second.key}/resolve", json={"side": 2}, headers=organiser
    )
    assert past_the_sides.status_code == 422
    kept = client.post(
        f"/api/v1/conflicts/{first.key}/resolve", json={"side": 0}, headers=organiser
    )
    assert kept.status_code == 200, kept.json
    assert by_id(sync_api.sync())[obs]["operator"] == "Y"
