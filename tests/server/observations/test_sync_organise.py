"""Organisers settle what sync leaves open: conflicts, duplicates, review; the history."""

import gc
import gzip
import json

import pytest
import sqlalchemy as sa

from server.extensions import db
from server.observations.models import Observation
from sync.order import approved_place, place_cell

NEAR = {"lat": 43.2961234, "lon": 5.3812345, "accuracy_m": 5}
THREE_METRES_EAST = {"lat": 43.2961234, "lon": 5.3812715, "accuracy_m": 5}
FAR = {"lat": 43.2971234, "lon": 5.3812345, "accuracy_m": 5}


def conflicting(sync_api, sam):
    """An observation whose operator two walkers set two ways; returns (obs, conflict key)."""
    create = sync_api.create()
    sync_api.sync([create])
    obs = create["observation_id"]
    sync_api.sync([sync_api.update(obs, 1, operator=(None, "SNCF"))])
    late = sync_api.update(obs, 1, made_at="2026-11-21T12:00:00+01:00", operator=(None, "RTM"))
    sync_api.sync([late], headers=sam)
    return obs, f"{late['change_id']}/operator"


def test_conflicts_are_listed_for_organisers_with_both_sides(client, group, sync_api, sam):
    obs, key = conflicting(sync_api, sam)

    listed = client.get(f"/api/v1/groups/{group.id}/conflicts", headers=group.headers("organiser"))
    one = client.get(f"/api/v1/conflicts/{key}", headers=group.headers("organiser"))

    assert listed.status_code == 200
    (conflict,) = listed.json
    assert conflict == one.json
    assert (conflict["observation_id"], conflict["field"], conflict["key"]) == (
        obs,
        "operator",
        key,
    )
    assert conflict["provisional_value"] == "RTM" and conflict["base_value"] is None
    assert [(s["pseudonym"], s["value"]) for s in conflict["sides"]] == [
        ("sam", "RTM"),
        ("mouette", "SNCF"),
    ]
    # The camera it is about, as a pull gives it: the card names it by more than its id.
    pulled = client.post(
        f"/api/v1/groups/{group.id}/sync", json={"cursor": 0}, headers=group.headers()
    ).json["observations"]
    assert conflict["camera"] == next(o for o in pulled if o["id"] == obs)


def test_a_merge_taking_a_contested_field_shows_its_conflict_the_value_held_now(
    client, group, sync_api, sam
):
    obs, key = conflicting(sync_api, sam)  # operator: SNCF against RTM, RTM held
    other = sync_api.create(position=FAR, operator="Mairie")
    sync_api.sync([other])

    merged = client.post(
        f"/api/v1/observations/{obs}/merge",
        json={"other": other["observation_id"], "take": ["operator"]},
        headers=group.headers("organiser"),
    )

    assert merged.status_code == 200, merged.json
    assert merged.json["operator"] == "Mairie"
    conflict = client.get(f"/api/v1/conflicts/{key}", headers=group.headers("organiser")).json
    assert conflict["provisional_value"] == "Mairie"
    assert [s["value"] for s in conflict["sides"]] == ["Mairie", "RTM", "SNCF"]


def test_walkers_may_not_list_conflicts(client, group):
    response = client.get(f"/api/v1/groups/{group.id}/conflicts", headers=group.headers())

    assert (response.status_code, response.json["code"]) == (403, "forbidden")


def test_a_resolution_is_pulled_by_every_walker(client, group, sync_api, sam, by_id):
    obs, key = conflicting(sync_api, sam)
    cursors = [sync_api.sync()["cursor"], sync_api.sync(headers=sam)["cursor"]]

    response = client.post(
        f"/api/v1/conflicts/{key}/resolve", json={"side": 1}, headers=group.headers("organiser")
    )

    assert response.status_code == 200 and response.json["status"] == "resolved"
    for cursor, headers in zip(cursors, [None, sam], strict=True):
        pulled = by_id(sync_api.sync(cursor=cursor, headers=headers))[obs]
        assert (pulled["operator"], pulled["conflicts"]) == ("SNCF", [])


def test_a_conflict_settled_twice_answers_409(client, group, sync_api, sam):
    _, key = conflicting(sync_api, sam)
    url, headers = f"/api/v1/conflicts/{key}/resolve", group.headers("organiser")
    client.post(url, json={"value": "Ville"}, headers=headers)

    again = client.post(url, json={"side": 0}, headers=headers)

    assert (again.status_code, again.json["code"]) == (409, "already_settled")


def test_a_disputed_deletion_can_be_confirmed(client, group, sync_api, sam, by_id):
    create = sync_api.create()
    sync_api.sync([create])
    obs = create["observation_id"]
    sync_api.sync([sync_api.update(obs, 1, mount=(None, "pole"))], headers=sam)
    delete = sync_api.delete(obs, 1)
    sync_api.sync([delete])

    response = client.post(
        f"/api/v1/conflicts/{delete['change_id']}/deleted/resolve",
        json={"value": "deleted"},
        headers=group.headers("organiser"),
    )

    assert response.status_code == 200
    pulled = by_id(sync_api.sync())[obs]
    assert (pulled["deleted"], pulled["conflicts"]) == (True, [])


def test_a_new_observation_close_to_another_is_flagged_on_both(sync_api, sam, by_id):
    first, near, far = (sync_api.create(position=p) for p in (NEAR, THREE_METRES_EAST, FAR))
    sync_api.sync([first, far])

    answer = by_id(sync_api.sync([near], headers=sam))

    assert answer[near["observation_id"]]["duplicate_hints"] == [first["observation_id"]]
    assert answer[first["observation_id"]]["duplicate_hints"] == [near["observation_id"]]
    assert answer[far["observation_id"]]["duplicate_hints"] == []


def test_a_merge_keeps_one_observation_and_redirects_later_changes(client, group, sync_api, by_id):
    first = sync_api.create(position=NEAR, mount="pole")
    second = sync_api.create(position=THREE_METRES_EAST, operator="RTM")
    sync_api.sync([first, second])
    pairs = client.get(f"/api/v1/groups/{group.id}/duplicates", headers=group.headers("organiser"))

    merged = client.post(
        f"/api/v1/observations/{first['observation_id']}/merge",
        json={"other": second["observation_id"]},
        headers=group.headers("organiser"),
    )
    late = sync_api.update(second["observation_id"], 1, zone=(None, "traffic"))
    answer = sync_api.sync([late])

    assert len(pairs.json) == 1 and pairs.json[0]["distance_m"] == pytest.approx(3, abs=0.1)
    assert merged.status_code == 200
    assert (merged.json["mount"], merged.json["operator"]) == ("pole", "RTM")
    (result,) = answer["results"]
    assert result["redirected_to"] == first["observation_id"]
    assert result["observation_id"] == second["observation_id"]
    pulled = by_id(answer)
    assert pulled[first["observation_id"]]["zone"] == "traffic"
    assert pulled[second["observation_id"]]["merged_into"] == first["observation_id"]


def test_merging_an_observation_into_itself_is_a_422_and_changes_nothing(
    client, group, sync_api, by_id
):
    """Not "already settled" (409): nothing was, the request itself is wrong."""
    camera = sync_api.create(position=NEAR)
    sync_api.sync([camera])
    uuid = camera["observation_id"]

    merged = client.post(
        f"/api/v1/observations/{uuid}/merge",
        json={"other": uuid},
        headers=group.headers("organiser"),
    )

    assert (merged.status_code, merged.json["code"]) == (422, "invalid_input")
    assert "other" in merged.json["errors"]
    held = by_id(sync_api.sync([]))[uuid]
    assert (held["version"], held["merged_into"], held["deleted"]) == (1, None, False)


@pytest.mark.parametrize(
    "decision",
    [
        ("review", {"status": "approved"}),
        ("review", {"status": "rejected"}),
        ("osm-node", {"new_camera": True}),
    ],
)
def test_a_decision_on_a_record_merged_away_is_refused_and_names_the_survivor(
    client, group, sync_api, by_id, decision
):
    """A card left open on the record merged away: approving it would approve a tombstone
    while the camera that stays waits for review, unseen. The organiser is sent to it."""
    first = sync_api.create(position=NEAR, mount="pole")
    second = sync_api.create(position=THREE_METRES_EAST, operator="RTM")
    sync_api.sync([first, second])
    merged = client.post(
        f"/api/v1/observations/{first['observation_id']}/merge",
        json={"other": second["observation_id"]},
        headers=group.headers("organiser"),
    )
    assert merged.status_code == 200
    before = by_id(sync_api.sync([]))
    path, body = decision

    answer = client.post(
        f"/api/v1/observations/{second['observation_id']}/{path}",
        json=body,
        headers=group.headers("organiser"),
    )

    assert (answer.status_code, answer.json["code"]) == (409, "observation_merged")
    assert first["observation_id"] in answer.json["message"]
    after = by_id(sync_api.sync([]))
    for uuid in (first["observation_id"], second["observation_id"]):
        assert after[uuid]["version"] == before[uuid]["version"]
        assert after[uuid]["review_status"] == before[uuid]["review_status"] == "pending"


def test_a_pair_one_walker_deleted_is_no_duplicate_and_cannot_be_merged(
    client, group, sync_api, sam, by_id
):
    """A live camera merged into a deleted one would leave every list and map unseen."""
    mine = sync_api.create(position=NEAR)
    sync_api.sync([mine])
    theirs = sync_api.create(position=THREE_METRES_EAST)
    sync_api.sync([theirs], headers=sam)
    pairs = client.get(f"/api/v1/groups/{group.id}/duplicates", headers=group.headers("organiser"))
    assert len(pairs.json) == 1
    sync_api.sync([sync_api.delete(mine["observation_id"], 1)])

    pairs = client.get(f"/api/v1/groups/{group.id}/duplicates", headers=group.headers("organiser"))
    merged = client.post(
        f"/api/v1/observations/{mine['observation_id']}/merge",
        json={"other": theirs["observation_id"]},
        headers=group.headers("organiser"),
    )

    assert pairs.json == []
    assert (merged.status_code, merged.json["code"]) == (409, "observation_deleted")
    alive = by_id(sync_api.sync([]))[theirs["observation_id"]]
    assert (alive["deleted"], alive["merged_into"]) == (False, None)


def test_after_a_merge_the_walk_summary_shows_each_photo_once(client, group, sync_api):
    """Both photos go to the kept camera; the merged-away record is no camera of the walk."""
    first = sync_api.create(position=NEAR)
    second = sync_api.create(position=THREE_METRES_EAST)
    shas = [sync_api.upload_photo(shade) for shade in (60, 200)]
    sync_api.sync(
        [
            first,
            second,
            sync_api.photo("attach_photo", first["observation_id"], shas[0]),
            sync_api.photo("attach_photo", second["observation_id"], shas[1]),
        ]
    )
    merged = client.post(
        f"/api/v1/observations/{first['observation_id']}/merge",
        json={"other": second["observation_id"]},
        headers=group.headers("organiser"),
    )
    assert merged.status_code == 200, merged.json

    summary = client.get(
        f"/api/v1/walks/{group.walk.id}/summary", headers=group.headers("organiser")
    ).json

    assert summary["totals"]["photos"] == 2
    assert sorted(p["sha256"] for p in summary["photos"]) == sorted(shas)
    assert {p["observation_id"] for p in summary["photos"]} == {first["observation_id"]}


def test_the_history_lists_every_change_with_who_and_what(client, group, sync_api):
    create = sync_api.create()
    obs = create["observation_id"]
    sync_api.sync([create])
    sync_api.sync([sync_api.update(obs, 1, review_status=("pending", "approved"))])

    response = client.get(f"/api/v1/observations/{obs}/history", headers=group.headers())

    assert [(h["op"], h["status"], h["by"]) for h in response.json] == [
        ("create", "applied", "mouette"),
        ("update", "rejected", "mouette"),
    ]
    assert response.json[1]["error"]["code"] == "organiser_only_field"


def test_a_review_goes_through_sync_and_leaves_the_queue(client, group, sync_api, by_id):
    create = sync_api.create()
    obs = create["observation_id"]
    cursor = sync_api.sync([create])["cursor"]
    queue_url = f"/api/v1/groups/{group.id}/review?status=pending"
    before = client.get(queue_url, headers=group.headers("organiser"))

    response = client.post(
        f"/api/v1/observations/{obs}/review",
        json={"status": "approved", "note": "seen on the photo"},
        headers=group.headers("organiser"),
    )
    after = client.get(queue_url, headers=group.headers("organiser"))

    assert [item["id"] for item in before.json] == [obs]
    assert before.json[0]["osm_camera"] is None
    assert response.status_code == 200 and response.json["result"]["status"] == "applied"
    assert after.json == []
    pulled = by_id(sync_api.sync(cursor=cursor))[obs]
    assert (pulled["review_status"], pulled["review_note"]) == ("approved", "seen on the photo")


def approve_then_edit(client, group, sync_api, creates) -> str:
    """Syncs `creates`, approves the first, then its walker sets its operator: its id."""
    sync_api.sync(creates)
    edited = creates[0]["observation_id"]
    client.post(
        f"/api/v1/observations/{edited}/review",
        json={"status": "approved"},
        headers=group.headers("organiser"),
    )
    sync_api.sync([sync_api.update(edited, 2, operator=(None, "RTM"))])
    return edited


def test_the_review_queue_reads_each_cameras_fields_once(client, group, sync_api, monkeypatch):
    """The views, the card's OSM block and the "changed since approval" diff all need a row's
    field values: read three times, they were 2.5 s of a walk of 80,000 cameras under review
    (bench/review_plan_bench.py)."""
    from server.observations import convert

    creates = [sync_api.create(position=at) for at in (NEAR, THREE_METRES_EAST, FAR)]
    edited = approve_then_edit(client, group, sync_api, creates)
    reads = []
    field_values = convert.field_values
    monkeypatch.setattr(
        convert, "field_values", lambda row: reads.append(row.uuid) or field_values(row)
    )

    queue = client.get(
        f"/api/v1/groups/{group.id}/review?status=pending", headers=group.headers("organiser")
    ).json

    assert sorted(reads) == sorted(item["id"] for item in queue) and len(queue) == 3
    (changed,) = [item for item in queue if item["id"] == edited]
    assert changed["changed_since_approval"] == {"operator": {"approved": None, "now": "RTM"}}
    assert all(item["osm_change"]["action"] == "create" for item in queue)


def test_the_review_queue_comes_gzipped_as_it_is_streamed_to_a_browser_that_takes_it(
    client, group, sync_api
):
    """A day of action's queue is tens of megabytes of cards repeating their keys: gzipped
    while it is streamed, a card at a time, and read the same once undone."""
    sync_api.sync([sync_api.create(position=at) for at in (NEAR, THREE_METRES_EAST, FAR)])
    url = f"/api/v1/groups/{group.id}/review?status=pending"
    organiser = group.headers("organiser")

    plain = client.get(url, headers=organiser)
    zipped = client.get(url, headers={**organiser, "Accept-Encoding": "gzip, deflate, br"})

    assert plain.status_code == zipped.status_code == 200
    assert "Content-Encoding" not in plain.headers
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped.headers["Vary"]
    assert zipped.is_streamed
    assert json.loads(gzip.decompress(zipped.data)) == plain.json
    assert len(plain.json) == 3


def test_the_review_queue_is_built_and_sent_with_the_cycle_collector_paused(
    client, group, sync_api, monkeypatch
):
    """A large walk's queue is a batch of hundreds of thousands of dicts, like a push
    (server/collector.py): its answer's dump is inside the pause too."""
    from server.observations import organise
    from server.observations.schemas import ReviewItemSchema

    seen = []
    queue, dump = organise.review_queue, ReviewItemSchema.dump

    def watched_queue(*args):
        seen.append(("queue", gc.isenabled()))
        return queue(*args)

    def watched_dump(self, *args, **kwargs):
        seen.append(("dump", gc.isenabled()))
        return dump(self, *args, **kwargs)

    monkeypatch.setattr(organise, "review_queue", watched_queue)
    monkeypatch.setattr(ReviewItemSchema, "dump", watched_dump)
    sync_api.sync([sync_api.create()])
    gc.enable()

    answer = client.get(
        f"/api/v1/groups/{group.id}/review?status=pending", headers=group.headers("organiser")
    )

    assert answer.status_code == 200 and len(answer.json) == 1
    assert seen == [("queue", False), ("dump", False)]
    assert gc.isenabled()


def test_the_review_queue_reads_plain_rows_and_lets_them_go_before_it_plans(
    client, group, sync_api, monkeypatch
):
    """An ORM object of a row is about 3 KB and slow to build: at 80,000 cameras under review
    they were most of the answer's peak memory. The queue reads plain rows of the columns a
    pull reads (server/observations/pull.py) and the approved copy, and lets them go before
    the walk is planned: kept, they added 45 MiB to a walk of 60,000 under review
    (bench/review_plan_bench.py)."""
    from server.observations import osm_review, views

    given, alive = [], []
    observation_views, osm_changes = views.observation_views, osm_review.osm_changes

    def watched_views(rows):
        given.extend((row.uuid, isinstance(row, Observation)) for row in rows)
        return observation_views(rows)

    def watched_changes(*args):
        queue = {uuid for uuid, _ in given}
        rows = (o for o in gc.get_objects() if isinstance(o, sa.Row))
        alive.append(sum(getattr(row, "uuid", None) in queue for row in rows))
        return osm_changes(*args)

    creates = [sync_api.create(position=NEAR), sync_api.create(position=FAR)]
    approved = approve_then_edit(client, group, sync_api, creates)
    monkeypatch.setattr(views, "observation_views", watched_views)
    monkeypatch.setattr(osm_review, "osm_changes", watched_changes)

    answer = client.get(
        f"/api/v1/groups/{group.id}/review?status=pending", headers=group.headers("organiser")
    )

    assert answer.status_code == 200 and len(answer.json) == 2 == len(given)
    assert [orm for _, orm in given] == [False, False] and alive == [0]
    cards = {item["id"]: item for item in answer.json}
    assert cards[approved]["changed_since_approval"] == {
        "operator": {"approved": None, "now": "RTM"}
    }
    assert all(item["osm_change"]["action"] == "create" for item in answer.json)


def test_the_review_queue_is_sent_as_it_is_written(client, group, sync_api, monkeypatch):
    """A day of action's queue is tens of thousands of cards: dumped and written a few at a
    time (server/json_stream.py), not as one dumped list and one text beside the cards."""
    from server import json_stream
    from server.observations.organise import review_queue
    from server.observations.schemas import ReviewItemSchema

    monkeypatch.setattr(json_stream, "ITEMS_PER_CHUNK", 2)
    sync_api.sync([sync_api.create(position=at) for at in (NEAR, THREE_METRES_EAST, FAR)])
    url = f"/api/v1/groups/{group.id}/review?status=pending"

    answer = client.get(url, headers=group.headers("organiser"), buffered=False)
    chunks, collecting = [], []
    for chunk in answer.response:  # the collector is on while each chunk is sent
        chunks.append(chunk)
        collecting.append(gc.isenabled())
    answer.close()

    assert answer.is_streamed and answer.mimetype == "application/json"
    assert len(chunks) == 4 and all(collecting)  # "[", two cards, one card, "]"
    whole = ReviewItemSchema(many=True).dump(review_queue(group.id, "pending", None))
    assert json.loads(b"".join(chunks)) == json.loads(json.dumps(whole)) and len(whole) == 3
    empty = client.get(f"{url[: -len('pending')]}rejected", headers=group.headers("organiser"))
    assert empty.status_code == 200 and empty.json == []


def test_the_osm_camera_near_a_camera_in_review_is_one_it_could_be(client, group, sync_api):
    from server.osm.service import store_node

    at = {"lat": 43.2961234, "lon": 5.3812345, "accuracy_m": 5}
    # A guard right on the spot, and a camera node 4 m north: the camera is "near", not the guard.
    guard = {"man_made": "surveillance", "surveillance:type": "guard"}
    store_node(701, 1, at["lon"], at["lat"], guard)
    store_node(702, 2, at["lon"], at["lat"] + 4 / 111_195, {"man_made": "surveillance"})
    db.session.commit()
    sync_api.sync([sync_api.create(position=at, kind="camera")])

    (item,) = client.get(
        f"/api/v1/groups/{group.id}/review?status=pending", headers=group.headers("organiser")
    ).json

    assert item["osm_camera"]["osm_id"] == 702
    assert item["osm_camera"]["distance_m"] == pytest.approx(4, abs=0.2)


@pytest.mark.parametrize(
    ("reader_m", "reader_type", "named", "kind"),
    [
        (0, "ALPR", 701, "ALPR"),
        (6, "ALPR", 702, "camera"),
        (0, " alpr ; Camera", 701, "ALPR;camera"),
    ],
    ids=[
        "plate reader nearer: named, with its kind",
        "camera nearer: named as before",
        "a node naming two kinds as a mapper wrote them: named as the matcher reads them",
    ],
)
def test_the_osm_camera_hint_names_a_nearer_device_mapped_as_another_kind(
    client, group, sync_api, reader_m, reader_type, named, kind
):
    # A mapper checking the queue wants to know of the plate reader on the spot: it may be this
    # camera tagged wrong. The card offers it (other_kinds); the hint said only the camera.
    from server.osm.service import store_node

    at = {"lat": 43.2961234, "lon": 5.3812345, "accuracy_m": 5}
    reader = {"man_made": "surveillance", "surveillance:type": reader_type}
    store_node(701, 1, at["lon"], at["lat"] + reader_m / 111_195, reader)
    store_node(702, 2, at["lon"], at["lat"] + 4 / 111_195, {"man_made": "surveillance"})
    db.session.commit()
    sync_api.sync([sync_api.create(position=at, kind="camera")])

    (item,) = client.get(
        f"/api/v1/groups/{group.id}/review?status=pending", headers=group.headers("organiser")
    ).json

    assert [node["id"] for node in item["osm_change"]["other_kinds"]] == [701]
    assert (item["osm_camera"]["osm_id"], item["osm_camera"]["kind"]) == (named, kind)
    assert item["osm_camera"]["distance_m"] == pytest.approx(min(reader_m, 4), abs=0.2)


def test_a_camera_created_approved_by_a_push_has_its_place_key(app, group, sync_api):
    # A push inserts new observations as plain records, around the ORM's listener.
    at = {"lat": 43.2961234, "lon": 5.3812345, "accuracy_m": 5}
    change = sync_api.create(position=at, review_status="approved")
    answer = sync_api.sync([change], who="organiser")
    assert answer["results"][0]["status"] == "applied", answer["results"]
    row = db.session.scalar(
        sa.select(Observation).where(Observation.uuid == change["observation_id"])
    )
    assert row.approved is not None
    assert row.approved_place == place_cell(at["lon"], at["lat"]) == approved_place(row.approved)


def test_the_review_queue_looks_its_cards_up_a_few_at_a_time_and_shows_them_alike(
    client, group, sync_api, sam, monkeypatch
):
    """A day of action's walk holds tens of thousands of cards; their photos, conflicts and
    duplicate hints are looked up ROWS_PER_LOOKUP at a time, within one SQLite statement's
    limit (server/database.py). A card's neighbours in the queue may fall in another
    lookup than its own: here two at a time, the two cards of a possible duplicate apart."""
    from server.observations import views

    disputed, _ = conflicting(sync_api, sam)
    first, far, near = (sync_api.create(position=p) for p in (NEAR, FAR, THREE_METRES_EAST))
    sync_api.sync([first, far])
    sync_api.sync([near], headers=sam)
    photo = sync_api.upload_photo()
    sync_api.sync([sync_api.photo("attach_photo", near["observation_id"], photo)])

    def queue():
        answer = client.get(
            f"/api/v1/groups/{group.id}/review?status=pending", headers=group.headers("organiser")
        )
        assert answer.status_code == 200, answer.json
        return answer.json

    whole = queue()
    monkeypatch.setattr(views, "ROWS_PER_LOOKUP", 2)
    looked_up_by_two = queue()

    assert looked_up_by_two == whole
    a, b, c = (change["observation_id"] for change in (first, far, near))
    cards = {item["id"]: item for item in whole}
    assert list(cards) == [disputed, a, b, c]  # looked up as [disputed, a], [b, c]
    assert cards[disputed]["conflicts"] != []
    assert c in cards[a]["duplicate_hints"] and a in cards[c]["duplicate_hints"]
    assert [p["sha256"] for p in cards[c]["photos"]] == [photo]


def test_a_duplicate_hint_says_how_far_its_other_record_is_in_the_queue_or_not(
    client, group, sync_api, sam
):
    """The card of a possible duplicate says how far apart the pair stands. The screen
    measured it between the cards it had loaded, and said "at ? m" when the other record was
    not one of them: approved already (here), in another walk, or not among the ids asked."""
    first, near = (sync_api.create(position=p) for p in (NEAR, THREE_METRES_EAST))
    sync_api.sync([first])
    sync_api.sync([near], headers=sam)
    a, c = first["observation_id"], near["observation_id"]
    organiser = group.headers("organiser")
    approved = client.post(
        f"/api/v1/observations/{a}/review", json={"status": "approved"}, headers=organiser
    )
    assert approved.status_code == 200, approved.json

    whole = client.get(f"/api/v1/groups/{group.id}/review?status=pending", headers=organiser)
    asked = client.get(f"/api/v1/groups/{group.id}/review?ids={c}", headers=organiser)

    (card,) = whole.json
    assert card["id"] == c and card["duplicate_hints"] == [a]
    (pair,) = card["possible_duplicates"]
    assert pair["other"] == a
    assert pair["distance_m"] == pytest.approx(3, abs=0.1)
    assert asked.json[0]["possible_duplicates"] == [pair]
    # The distance the duplicates list and the compare screen give the pair.
    (listed,) = client.get(f"/api/v1/groups/{group.id}/duplicates", headers=organiser).json
    assert listed["distance_m"] == pair["distance_m"]


def test_the_views_of_more_cards_than_one_sqlite_statement_may_name(app, group, sync_api):
    """The duplicate hints' query names each card's id twice: a queue of 16,384 cards was one
    statement of 32,769 values, past what SQLite takes (server/database.py). The same row
    stands for them all here: the statements are as long, the answer known."""
    from server.database import SQLITE_MAX_PARAMETERS
    from server.observations import views

    create = sync_api.create()
    sync_api.sync([create])
    row = db.session.scalars(sa.select(Observation)).one()
    (one,) = views.observation_views([row])

    many = views.observation_views([row] * (SQLITE_MAX_PARAMETERS // 2 + 1))

    assert len(many) == SQLITE_MAX_PARAMETERS // 2 + 1 and one["id"] == create["observation_id"]
    assert all(view == one for view in many)


def test_the_views_read_hint_partners_and_pseudonyms_in_batches(app, group, sync_api):
    """In a dense walk the cards of one lookup have more possible duplicates than a statement
    may name: the review queue of 60,016 cameras logged at random in the demo walk failed so
    (bench/review_queue_bench.py). Their uuids, and the walkers' pseudonyms, are read in
    batches."""
    from server.auth.models import Member
    from server.database import SQLITE_MAX_PARAMETERS
    from server.observations import views

    create = sync_api.create()
    sync_api.sync([create])
    row_id = db.session.scalars(sa.select(Observation.id)).one()
    members = dict(db.session.execute(sa.select(Member.id, Member.pseudonym)).all())
    too_many = SQLITE_MAX_PARAMETERS + 1

    assert views._uuids(range(row_id, row_id + too_many)) == {row_id: create["observation_id"]}
    assert views.pseudonyms([*range(-too_many, 0), *members, None]) == members


def test_a_camera_is_approved_only_once_its_conflicts_are_settled(client, group, sync_api, sam):
    """Two walkers set its operator two ways: approving it would publish, and send to OSM,
    whichever value happens to lead. The approval waits for the organiser's choice; a
    rejection does not."""
    obs, key = conflicting(sync_api, sam)
    review = f"/api/v1/observations/{obs}/review"
    headers = group.headers("organiser")

    refused = client.post(review, json={"status": "approved"}, headers=headers)
    assert refused.status_code == 409
    assert refused.json["code"] == "open_conflicts"
    queue = client.get(f"/api/v1/groups/{group.id}/review?status=pending", headers=headers)
    assert [item["id"] for item in queue.json] == [obs]

    client.post(f"/api/v1/conflicts/{key}/resolve", json={"side": 1}, headers=headers)
    approved = client.post(review, json={"status": "approved"}, headers=headers)
    assert approved.status_code == 200
    assert approved.json["observation"]["operator"] == "SNCF"


def test_a_camera_under_conflict_may_be_rejected(client, group, sync_api, sam):
    obs, _ = conflicting(sync_api, sam)
    rejected = client.post(
        f"/api/v1/observations/{obs}/review",
        json={"status": "rejected", "note": "deux caméras différentes ?"},
        headers=group.headers("organiser"),
    )
    assert rejected.status_code == 200
