"""A bad batch is refused whole with a clear code and nothing of it is written; a bad change
in a good batch is rejected alone, with its reasons, and the rest of the batch is applied."""

import json
import math

import pytest
import sqlalchemy as sa

from server.extensions import db
from server.observations.models import Observation, Revision
from server.validation import LONE_SURROGATE_MESSAGE, MAX_ERRORS


def nothing_written():
    return db.session.scalar(sa.select(sa.func.count(Revision.id))) == 0 and (
        db.session.scalar(sa.select(sa.func.count(Observation.id))) == 0
    )


HALF_AN_EMOJI = "Vidéoprotection \ud83d"  # the first half of 📷 (U+1F4F7)


NODE = 4_000_000_000_000_001
BOTH_SIDES_OF_NODE = {"osm_node_id": NODE, "osm_not_node_id": NODE}


def with_field(sync_api, **fields):
    return sync_api.create(**fields)


BAD_BATCHES = [
    ("unknown top-level key", lambda s: {"cursor": 0, "changes": [], "colour": "red"}),
    ("cursor as text", lambda s: {"cursor": "0", "changes": [s.create()]}),
    ("limit above 1000", lambda s: {"limit": 1001, "changes": [s.create()]}),
    ("limit zero", lambda s: {"limit": 0, "changes": [s.create()]}),
    ("changes not a list", lambda s: {"changes": {"0": s.create()}}),
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


def _attach_with_role(s, role):
    attach = s.photo("attach_photo", s.create()["observation_id"], "ab" * 32)
    return {**attach, "photo": {"sha256": "ab" * 32, "role": role}}


BAD_CHANGES = [
    ("unknown change key", lambda s: {**s.create(), "extra": 1}),
    ("change id not a UUID", lambda s: {**s.create(), "change_id": "x"}),
    ("unknown op", lambda s: {**s.create(), "op": "upsert"}),
    ("made_at not a time", lambda s: {**s.create(), "made_at": "yesterday"}),
    ("made_at past year 9999 in UTC", lambda s: s.create(made_at="9999-12-31T23:59:59-14:00")),
    ("made_at without its UTC offset", lambda s: s.create(made_at="2026-11-21T09:14:03")),
    ("made_at a date alone", lambda s: s.create(made_at="2026-11-21")),
    ("latitude above 90", lambda s: s.create(position={"lat": 91, "lon": 5})),
    ("longitude below -180", lambda s: s.create(position={"lat": 4, "lon": -181})),
    ("direction of 360", lambda s: s.create(direction=[90, 360])),
    ("direction as a float", lambda s: s.create(direction=[90.5])),
    ("kind not in the list", lambda s: s.create(kind="drone")),
    ("mount not in the list", lambda s: s.create(mount="roof")),
    ("unknown field", lambda s: s.create(colour="red")),
    ("height above 100 m", lambda s: s.create(height_m=101)),
    ("osm_node_id of 2^63", lambda s: s.create(osm_node_id=2**63)),
    ("a NUL in the note", lambda s: s.create(note="vu\x00 au coin")),
    # JavaScript's operator.slice(0, 255) in the middle of an emoji, then JSON.stringify.
    ("half an emoji in the operator", lambda s: s.create(operator=HALF_AN_EMOJI)),
    (
        "half an emoji in an update's old value",
        lambda s: s.update(s.create()["observation_id"], 1, operator=(HALF_AN_EMOJI, "Ville")),
    ),
    ("half an emoji in a field name", lambda s: s.create(**{"note" + HALF_AN_EMOJI: "x"})),
    ("walk_id beyond 64 bits", lambda s: {**s.create(), "walk_id": 2**64 + 5}),
    (
        "update field without old",
        lambda s: {**s.update(s.create()["observation_id"], 1), "fields": {"mount": "pole"}},
    ),
    ("photo role unknown", lambda s: _attach_with_role(s, "selfie")),
    ("a create that is and is not one OSM node", lambda s: s.create(**BOTH_SIDES_OF_NODE)),
    (
        "an update that is and is not one OSM node",
        lambda s: s.update(
            s.create()["observation_id"], 1, osm_node_id=(None, NODE), osm_not_node_id=(None, NODE)
        ),
    ),
    ("a change that is not an object", lambda s: "create"),
]


@pytest.mark.parametrize(("case", "bad"), BAD_CHANGES, ids=[c for c, _ in BAD_CHANGES])
def test_a_bad_change_is_rejected_alone_and_the_rest_of_the_batch_applies(sync_api, case, bad):
    before, change, after = sync_api.create(), bad(sync_api), sync_api.create()

    answer = sync_api.sync([before, change, after])

    first, rejected, last = answer["results"]
    assert (first["status"], last["status"]) == ("applied", "applied"), case
    assert rejected["status"] == "rejected"
    assert rejected["error"]["code"] == "invalid_change" and rejected["error"]["errors"]
    if isinstance(change, dict) and change.get("change_id") != "x":
        assert rejected["change_id"] == change["change_id"]  # the phone can drop it
    pulled = {o["id"] for o in answer["observations"]}
    assert pulled == {before["observation_id"], after["observation_id"]}


MISPLACED_KEYS = [
    ("walk_id on an update", "update", {"walk_id": 1}),
    ("walk_id on a delete", "delete", {"walk_id": 1}),
    ("photo on an update", "update", {"photo": {"sha256": "ab" * 32, "role": "other"}}),
    ("photo on a delete", "delete", {"photo": {"sha256": "ab" * 32, "role": "other"}}),
]


@pytest.mark.parametrize(
    ("case", "op", "extra"), MISPLACED_KEYS, ids=[c[0] for c in MISPLACED_KEYS]
)
def test_a_key_another_op_reads_is_refused_not_dropped(sync_api, make_group, case, op, extra):
    # Applied with the key ignored, the phone would believe the camera moved walk, or the
    # photo went, when nothing did.
    create = sync_api.create()
    sync_api.sync([create])
    obs = create["observation_id"]
    change = {
        "update": sync_api.update(obs, 1, mount=(None, "pole")),
        "delete": sync_api.delete(obs, 1),
    }[op]
    key = next(iter(extra))

    answer = sync_api.sync([{**change, **extra}])

    (rejected,) = answer["results"]
    assert rejected["status"] == "rejected", case
    assert rejected["error"]["code"] == "invalid_change"
    assert list(rejected["error"]["errors"]) == [key]
    # The sentence names the op as sent, readable for each ("update changes carry no …").
    assert rejected["error"]["errors"][key][0].startswith(f"{op} changes carry no {key}")
    stored = {o["id"]: o for o in answer["observations"]}[obs]
    assert (stored["version"], stored["deleted"], stored["mount"]) == (1, False, None)


def test_ids_in_capitals_are_refused_by_name_and_answered_as_sent(sync_api):
    """Swift's uuidString is in capitals. Stored lower-cased and answered so, such a change
    never matched its outbox entry: the client sent it again and again, and held its camera
    twice. It is refused, under the ids it was sent with, so the client can drop it and say."""
    create = sync_api.create()
    shouted = {
        **create,
        "change_id": create["change_id"].upper(),
        "observation_id": create["observation_id"].upper(),
    }

    (result,) = sync_api.sync([shouted])["results"]

    assert result["status"] == "rejected"
    assert (result["change_id"], result["observation_id"]) == (
        shouted["change_id"],
        shouted["observation_id"],
    )
    assert result["error"]["errors"] == {
        "change_id": ["must be a UUID in lower case"],
        "observation_id": ["must be a UUID in lower case"],
    }
    assert sync_api.sync([create])["results"][0]["status"] == "applied"


def test_the_same_bad_change_sent_again_gets_the_same_answer(sync_api):
    bad = sync_api.create(note="\x00")
    first = sync_api.sync([bad])["results"][0]
    again = sync_api.sync([bad])["results"][0]
    assert first == again
    assert first["error"]["errors"] == {"fields": {"note": ["must not contain a NUL character"]}}


def test_a_made_at_without_offset_says_what_is_missing_and_the_phones_forms_apply(sync_api):
    """The PWA sends its wall clock with its offset (pwa/src/shared/dates.js); a time with
    none names no instant, and taking it as UTC ranked it hours off in a conflict."""
    naive = sync_api.create(made_at="2026-11-21T09:14:03")
    phones = [
        sync_api.create(made_at=made_at)
        for made_at in (
            "2026-11-21T09:14:03+01:00",
            "2026-11-21T08:14:03Z",
            "2026-11-21T09:14:03-05:30",
        )
    ]

    rejected, *applied = sync_api.sync([naive, *phones])["results"]

    assert rejected["error"]["errors"] == {"made_at": ["must be a time with its UTC offset"]}
    assert [r["status"] for r in applied] == ["applied"] * 3


def test_half_an_emoji_is_rejected_alone_with_a_clear_reason_every_time(client, group, sync_api):
    """Exactly what a phone sends (the escape `\\ud83d` in the body): the change is refused
    with a reason the walker can act on, and the batch is answered, not failed with a 500."""
    good, bad = sync_api.create(), sync_api.create(operator=HALF_AN_EMOJI)
    body = json.dumps({"changes": [bad, good]})
    assert '\\ud83d"' in body

    for _ in range(2):
        answer = client.post(
            f"/api/v1/groups/{group.id}/sync",
            data=body,
            headers={**group.headers(), "Content-Type": "application/json"},
        )
        assert answer.status_code == 200, answer.json
        rejected, applied = answer.json["results"]
        assert rejected["error"]["errors"] == {"fields": {"operator": [LONE_SURROGATE_MESSAGE]}}
        assert applied["status"] == "applied"


def test_a_change_with_thousands_of_faults_answers_the_first_ones_and_their_count(sync_api):
    """docs/security.md: an error answer holds at most MAX_ERRORS messages, plus error_count;
    20 such changes in one request once answered 40 MB to 13 MB."""
    bad = sync_api.create(**{f"colour_{n}": "red" for n in range(2_000)})

    rejected, applied = sync_api.sync([bad, sync_api.create()])["results"]

    error = rejected["error"]
    assert (error["code"], error["error_count"]) == ("invalid_change", 2_000)
    assert sum(len(messages) for messages in error["errors"]["fields"].values()) == MAX_ERRORS
    assert applied["status"] == "applied"


def test_a_body_that_is_not_json_is_refused_with_malformed_json(client, group):
    response = client.post(
        f"/api/v1/groups/{group.id}/sync",
        data='{"changes": [',
        headers={**group.headers(), "Content-Type": "application/json"},
    )

    assert (response.status_code, response.json["code"]) == (400, "malformed_json")


@pytest.mark.parametrize("content_type", [None, "text/plain;charset=UTF-8", "multipart/form-data"])
@pytest.mark.parametrize("body", ["valid", '{"changes": ['])
def test_a_body_not_declared_json_is_refused_415_not_ignored(
    client, group, sync_api, content_type, body
):
    """fetch() with a string body declares text/plain: such a batch was read as empty and
    answered 200, its changes gone from the answer and its cursor ignored."""
    if body == "valid":
        body = json.dumps({"cursor": 10, "limit": 2, "changes": [sync_api.create()]})
    headers = {**group.headers(), **({"Content-Type": content_type} if content_type else {})}

    answer = client.post(f"/api/v1/groups/{group.id}/sync", data=body, headers=headers)

    assert (answer.status_code, answer.json["code"]) == (415, "unsupported_media_type")
    assert "application/json" in answer.json["message"]
    assert nothing_written()


@pytest.mark.parametrize("content_type", ["application/json; charset=utf-8", "application/x+json"])
def test_a_body_declared_json_with_parameters_or_a_suffix_is_read(
    client, group, sync_api, content_type
):
    create = sync_api.create()
    body = json.dumps({"changes": [create]})
    headers = {**group.headers(), "Content-Type": content_type}

    answer = client.post(f"/api/v1/groups/{group.id}/sync", data=body, headers=headers)

    assert answer.status_code == 200
    assert [r["status"] for r in answer.json["results"]] == ["applied"]


@pytest.mark.parametrize("walk", ["another group's", "no one's"])
def test_a_create_in_a_walk_not_of_the_group_is_rejected_alone(sync_api, make_group, walk):
    walk_id = make_group("Belsunce").walk.id if walk == "another group's" else 987654
    good = sync_api.create()
    foreign = {**sync_api.create(), "walk_id": walk_id}

    answer = sync_api.sync([foreign, good])

    rejected, applied = answer["results"]
    assert (rejected["status"], rejected["error"]["code"]) == ("rejected", "unknown_walk")
    assert applied["status"] == "applied"
    assert store_has_no(foreign["observation_id"])
    assert [o["id"] for o in answer["observations"]] == [good["observation_id"]]


def test_a_base_version_the_server_never_made_is_rejected_alone(sync_api):
    create = sync_api.create()
    sync_api.sync([create])
    fresh = sync_api.create()

    answer = sync_api.sync(
        [sync_api.update(create["observation_id"], 7, mount=(None, "pole")), fresh]
    )

    rejected, applied = answer["results"]
    assert (rejected["status"], rejected["error"]["code"]) == ("rejected", "unknown_base_version")
    assert applied["status"] == "applied"
    mount = {o["id"]: o["mount"] for o in answer["observations"]}
    assert mount == {create["observation_id"]: None, fresh["observation_id"]: None}


def test_an_update_without_its_base_version_is_rejected_alone(sync_api):
    # Without the version she saw, another member's value set meanwhile would be replaced as
    # if she had seen it: no conflict, and that member's edit silently gone.
    create = sync_api.create()
    sync_api.sync([create])
    update = sync_api.update(create["observation_id"], 1, mount=(None, "pole"))
    del update["base_version"]
    fresh = sync_api.create()

    answer = sync_api.sync([update, fresh])

    rejected, applied = answer["results"]
    assert (rejected["status"], rejected.get("error")) == (
        "rejected",
        {"code": "invalid_change", "message": "An update must say which version it saw."},
    )
    assert applied["status"] == "applied"
    stored = {o["id"]: o for o in answer["observations"]}[create["observation_id"]]
    assert (stored["mount"], stored["version"]) == (None, 1)


def test_a_change_saying_a_camera_is_and_is_not_one_osm_node_names_both_fields(sync_api):
    create = sync_api.create(**BOTH_SIDES_OF_NODE)

    rejected = sync_api.sync([create])["results"][0]

    assert (rejected["status"], rejected["error"]["code"]) == ("rejected", "invalid_change")
    assert set(rejected["error"]["errors"]["fields"]) == {"osm_node_id", "osm_not_node_id"}
    assert store_has_no(create["observation_id"])


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


def test_a_strangers_huge_batch_is_refused_before_any_change_is_read(client, group, monkeypatch):
    from server.observations import schemas

    read = []
    monkeypatch.setattr(schemas.ChangeList, "_deserialize", lambda *a, **k: read.append(1))
    body = {"changes": [{"op": "create"}] * 5_000}

    anonymous = client.post(f"/api/v1/groups/{group.id}/sync", json=body)
    other = client.post("/api/v1/groups/987654/sync", json=body, headers=group.headers())

    assert (anonymous.status_code, other.status_code) == (401, 404)
    assert read == []
    assert len(anonymous.data) < 500


def test_a_made_at_in_rfc_3339_lower_case_is_taken_as_the_same_instant(sync_api, by_id):
    """RFC 3339 lets `t` and `z` be written in lower case; `...03z` was refused as not a time
    while `...03Z` was taken."""
    lower, upper = (
        sync_api.create(made_at="2026-11-21t08:14:03z"),
        sync_api.create(made_at="2026-11-21T08:14:03Z"),
    )

    results = sync_api.sync([lower, upper])["results"]

    assert [r["status"] for r in results] == ["applied", "applied"]
    made = dict(
        db.session.execute(
            sa.select(Revision.change_id, Revision.made_at).where(
                Revision.change_id.in_([lower["change_id"], upper["change_id"]])
            )
        ).all()
    )
    assert made[lower["change_id"]] == made[upper["change_id"]] is not None


def test_a_direction_with_more_bearings_than_an_osm_tag_holds_is_refused_with_the_limit(
    sync_api,
):
    """Hundreds of bearings were taken, and became a `direction` over OSM's 255 characters
    that no export could send; 64 bearings of three digits fill 255 exactly."""
    most = sync_api.create(direction=list(range(100, 164)))
    too_many = sync_api.create(direction=list(range(100, 165)))

    took, refused = sync_api.sync([most, too_many])["results"]

    assert took["status"] == "applied"
    assert refused["error"]["code"] == "invalid_change"
    assert refused["error"]["errors"] == {
        "fields": {"direction": ["must hold at most 64 bearings"]}
    }


def test_a_height_of_minus_zero_is_stored_and_pulled_as_zero(sync_api, by_id):
    """-0.0 was stored as -0.0 on PostGIS and as 0.0 on SQLite: one camera, two values."""
    change = sync_api.create(height_m=-0.0)

    answer = sync_api.sync([change])
    again = sync_api.sync([], cursor=0)

    for pulled in (answer, again):
        height = by_id(pulled)[change["observation_id"]]["height_m"]
        assert height == 0 and math.copysign(1, height) == 1
