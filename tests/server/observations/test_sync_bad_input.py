"""Bad batches are refused whole with a clear code, and nothing of them is written."""

import pytest
import sqlalchemy as sa

from server.extensions import db
from server.observations.models import Observation, Revision


def nothing_written():
    return db.session.scalar(sa.select(sa.func.count(Revision.id))) == 0 and (
        db.session.scalar(sa.select(sa.func.count(Observation.id))) == 0
    )


def with_field(sync_api, **fields):
    return sync_api.create(**fields)


BAD_BATCHES = [
    ("unknown top-level key", lambda s: {"cursor": 0, "changes": [], "colour": "red"}),
    ("unknown change key", lambda s: {"changes": [s.create(), {**s.create(), "extra": 1}]}),
    ("cursor as text", lambda s: {"cursor": "0", "changes": [s.create()]}),
    ("limit above 1000", lambda s: {"limit": 1001, "changes": [s.create()]}),
    ("limit zero", lambda s: {"limit": 0, "changes": [s.create()]}),
    (
        "change id not a UUID",
        lambda s: {"changes": [s.create(), {**s.create(), "change_id": "x"}]},
    ),
    ("unknown op", lambda s: {"changes": [s.create(), {**s.create(), "op": "upsert"}]}),
    ("made_at not a time", lambda s: {"changes": [{**s.create(), "made_at": "yesterday"}]}),
    ("latitude above 90", lambda s: {"changes": [s.create(position={"lat": 91, "lon": 5})]}),
    ("longitude below -180", lambda s: {"changes": [s.create(position={"lat": 4, "lon": -181})]}),
    ("direction of 360", lambda s: {"changes": [s.create(), s.create(direction=[90, 360])]}),
    ("direction as a float", lambda s: {"changes": [s.create(direction=[90.5])]}),
    ("kind not in the list", lambda s: {"changes": [s.create(kind="drone")]}),
    ("mount not in the list", lambda s: {"changes": [s.create(mount="roof")]}),
    ("unknown field", lambda s: {"changes": [s.create(colour="red")]}),
    ("height above 100 m", lambda s: {"changes": [s.create(height_m=101)]}),
    (
        "update field without old",
        lambda s: {
            "changes": [{**s.update(s.create()["observation_id"], 1), "fields": {"mount": "pole"}}]
        },
    ),
    (
        "photo role unknown",
        lambda s: {
            "changes": [
                {
                    **s.photo("attach_photo", s.create()["observation_id"], "ab" * 32),
                    "photo": {"sha256": "ab" * 32, "role": "selfie"},
                }
            ]
        },
    ),
    ("more than 500 changes", lambda s: {"changes": [s.create() for _ in range(501)]}),
]


@pytest.mark.parametrize(("case", "body"), BAD_BATCHES, ids=[c for c, _ in BAD_BATCHES])
def test_a_malformed_batch_is_refused_whole_with_422(client, group, sync_api, case, body):
    response = client.post(
        f"/api/v1/groups/{group.id}/sync", json=body(sync_api), headers=group.headers()
    )

    assert response.status_code == 422, case
    assert response.json["code"] == "invalid_input" and response.json["errors"]
    assert nothing_written()


def test_a_body_that_is_not_json_is_refused_with_malformed_json(client, group):
    response = client.post(
        f"/api/v1/groups/{group.id}/sync",
        data='{"changes": [',
        headers={**group.headers(), "Content-Type": "application/json"},
    )

    assert (response.status_code, response.json["code"]) == (400, "malformed_json")


def test_a_create_in_another_groups_walk_refuses_the_batch_with_404(sync_api, make_group):
    other = make_group("Belsunce")
    good = sync_api.create()
    foreign = {**sync_api.create(), "walk_id": other.walk.id}

    response = sync_api.post([good, foreign])

    assert (response.status_code, response.json["code"]) == (404, "not_found")
    assert nothing_written()


def test_a_base_version_the_server_never_made_refuses_the_batch(sync_api):
    create = sync_api.create()
    sync_api.sync([create])
    fresh = sync_api.create()

    response = sync_api.post(
        [fresh, sync_api.update(create["observation_id"], 7, mount=(None, "pole"))]
    )

    assert (response.status_code, response.json["code"]) == (422, "unknown_base_version")
    assert db.session.scalar(sa.select(sa.func.count(Revision.id))) == 1
    assert store_has_no(fresh["observation_id"])


def store_has_no(observation_id) -> bool:
    query = sa.select(Observation.id).where(Observation.uuid == observation_id)
    return db.session.scalar(query) is None


def test_without_a_token_the_sync_answers_401(client, group, sync_api):
    response = client.post(f"/api/v1/groups/{group.id}/sync", json={"changes": []})

    assert response.status_code == 401


def test_another_groups_sync_address_answers_404(sync_api, make_group):
    other = make_group("Belsunce")

    response = sync_api.post([sync_api.create()], group_id=other.id)

    assert (response.status_code, response.json["code"]) == (404, "not_found")
    assert nothing_written()


def test_changes_to_another_groups_observation_are_rejected_as_unknown(
    sync_api, sync_api_for, make_group
):
    theirs = sync_api_for(make_group("Belsunce"))
    create = theirs.create()
    theirs.sync([create])
    obs = create["observation_id"]

    answer = sync_api.sync(
        [sync_api.update(obs, 1, mount=(None, "pole")), sync_api.delete(obs, 1)]
    )
    again = sync_api.sync([{**sync_api.create(), "observation_id": obs}])

    codes = [r["error"]["code"] for r in answer["results"]]
    assert codes == ["unknown_observation", "unknown_observation"]
    assert again["results"][0]["status"] == "rejected"
    assert answer["observations"] == again["observations"] == []
    assert theirs.sync()["observations"][0]["version"] == 1


def test_a_pull_returns_only_the_callers_group(sync_api, sync_api_for, make_group):
    theirs = sync_api_for(make_group("Belsunce"))
    theirs.sync([theirs.create()])
    mine = sync_api.create()
    sync_api.sync([mine])

    pulled = sync_api.sync()["observations"]

    assert [o["id"] for o in pulled] == [mine["observation_id"]]
