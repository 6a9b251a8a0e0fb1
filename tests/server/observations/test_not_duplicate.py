"""An organiser's "not the same camera": a pair flagged as possible duplicates that she knows
are two devices (two cameras on one pole) is flagged no more, anywhere, until she takes it
back; who said it and when is kept (server/observations/organise.py, DuplicateHint)."""

import csv
import io

import pytest
from sqlalchemy import select

from server.extensions import db
from server.observations.models import DuplicateHint

NEAR = {"lat": 43.2961234, "lon": 5.3812345, "accuracy_m": 5}
THREE_METRES_EAST = {"lat": 43.2961234, "lon": 5.3812715, "accuracy_m": 5}
TWO_METRES_NORTH = {"lat": 43.2961414, "lon": 5.3812345, "accuracy_m": 5}
FAR = {"lat": 43.2971234, "lon": 5.3812345, "accuracy_m": 5}


def decide(client, group, path, uuid, other, who="organiser"):
    return client.post(
        f"/api/v1/observations/{uuid}/{path}", json={"other": other}, headers=group.headers(who)
    )


@pytest.fixture
def pair(client, group, sync_api):
    """Two cameras logged 3 m apart: flagged as possible duplicates. Returns their ids. No sign
    by either: the signage file lists them."""
    first = sync_api.create(position=NEAR, operator="Mairie", sign="none")
    second = sync_api.create(position=THREE_METRES_EAST, operator="RTM", sign="none")
    sync_api.sync([first, second])
    listed = client.get(
        f"/api/v1/groups/{group.id}/duplicates", headers=group.headers("organiser")
    )
    assert len(listed.json) == 1
    return first["observation_id"], second["observation_id"]


def review_cards(client, group) -> dict:
    answer = client.get(f"/api/v1/groups/{group.id}/review", headers=group.headers("organiser"))
    assert answer.status_code == 200, answer.json
    return {item["id"]: item for item in answer.json}


def history_ops(client, group, uuid) -> list[tuple]:
    answer = client.get(f"/api/v1/observations/{uuid}/history", headers=group.headers())
    return [(row["op"], row["by"], (row["payload"] or {}).get("other")) for row in answer.json]


def test_not_the_same_camera_takes_the_pair_off_the_organisers_lists_and_the_phones(
    client, group, sync_api, by_id, pair
):
    first, second = pair
    cursor = sync_api.sync([])["cursor"]

    answer = decide(client, group, "not-duplicate", first, second)

    assert answer.status_code == 200, answer.json
    assert answer.json["status"] == "dismissed"
    assert (answer.json["observation_id"], answer.json["other"]) == (first, second)
    assert answer.json["dismissed_by"] == "karim" and answer.json["dismissed_at"]
    listed = client.get(
        f"/api/v1/groups/{group.id}/duplicates", headers=group.headers("organiser")
    )
    assert listed.json == []
    # Both records moved on: a phone past them pulls them again, without the hint.
    pulled = by_id(sync_api.sync([], cursor=cursor))
    assert {uuid: pulled[uuid]["duplicate_hints"] for uuid in pair} == {first: [], second: []}
    assert pulled[first]["version"] == pulled[second]["version"] == 1  # no field changed
    cards = review_cards(client, group)
    assert cards[first]["duplicate_hints"] == cards[second]["duplicate_hints"] == []
    (told,) = cards[first]["not_duplicates"]
    assert (told["other"], told["by"], told["at"]) == (
        second,
        "karim",
        answer.json["dismissed_at"],
    )
    assert told["distance_m"] == pytest.approx(3, abs=0.1)
    assert [t["other"] for t in cards[second]["not_duplicates"]] == [first]
    # Who and when, in each record's history.
    assert history_ops(client, group, first)[-1] == ("not_duplicate", "karim", second)
    assert history_ops(client, group, second)[-1] == ("not_duplicate", "karim", first)


def test_taking_it_back_flags_the_pair_again(client, group, sync_api, by_id, pair):
    first, second = pair
    decide(client, group, "not-duplicate", first, second)
    cursor = sync_api.sync([])["cursor"]

    answer = decide(client, group, "maybe-duplicate", second, first)

    assert answer.status_code == 200, answer.json
    assert answer.json["status"] == "open"
    assert (answer.json["dismissed_by"], answer.json["dismissed_at"]) == (None, None)
    listed = client.get(
        f"/api/v1/groups/{group.id}/duplicates", headers=group.headers("organiser")
    )
    assert [{p["a"]["id"], p["b"]["id"]} for p in listed.json] == [{first, second}]
    pulled = by_id(sync_api.sync([], cursor=cursor))
    assert pulled[first]["duplicate_hints"] == [second]
    assert pulled[second]["duplicate_hints"] == [first]
    cards = review_cards(client, group)
    assert cards[first]["not_duplicates"] == cards[second]["not_duplicates"] == []
    assert history_ops(client, group, first)[-2:] == [
        ("not_duplicate", "karim", second),
        ("maybe_duplicate", "karim", second),
    ]


@pytest.mark.parametrize("path", ["not-duplicate", "maybe-duplicate"])
def test_saying_again_what_the_pair_holds_changes_nothing(client, group, pair, path):
    first, second = pair
    if path == "not-duplicate":
        decide(client, group, path, first, second)
    before = decide(client, group, path, first, second).json
    ops = history_ops(client, group, first)

    again = decide(client, group, path, second, first)

    assert again.status_code == 200, again.json
    assert {k: again.json[k] for k in ("status", "dismissed_by", "dismissed_at")} == {
        k: before[k] for k in ("status", "dismissed_by", "dismissed_at")
    }
    assert history_ops(client, group, first) == ops


def test_a_dismissal_holds_as_the_records_move_and_a_third_record_is_a_new_pair(
    client, group, sync_api, pair
):
    """The answer is about these two records, not where they stand: one moved away and back
    is still the camera she saw beside the other. A walker logging the camera again makes a
    third record, flagged with both: whether it is one of them is a new question."""
    first, second = pair
    decide(client, group, "not-duplicate", first, second)
    away = sync_api.update(second, 1, position=(THREE_METRES_EAST, FAR))
    back = sync_api.update(
        second, 2, made_at="2026-11-21T10:30:00+01:00", position=(FAR, THREE_METRES_EAST)
    )
    sync_api.sync([away, back])
    third = sync_api.create(position=TWO_METRES_NORTH)
    sync_api.sync([third])

    listed = client.get(
        f"/api/v1/groups/{group.id}/duplicates", headers=group.headers("organiser")
    )
    cards = review_cards(client, group)

    new = third["observation_id"]
    assert sorted(frozenset((p["a"]["id"], p["b"]["id"])) for p in listed.json) == sorted(
        [frozenset((first, new)), frozenset((second, new))]
    )
    assert cards[first]["duplicate_hints"] == [new]
    assert [t["other"] for t in cards[first]["not_duplicates"]] == [second]


def test_the_errors_say_what_is_wrong_and_change_nothing(
    client, group, sync_api, make_group, pair
):
    first, second = pair
    far = sync_api.create(position=FAR)
    sync_api.sync([far])
    stranger = make_group("Belsunce")
    theirs = sync_api.create(position=NEAR)
    sync_api.sync([theirs], group_id=stranger.id, headers=stranger.headers())
    unknown = "00000000-0000-4000-8000-000000000000"

    cases = {
        "unknown observation": (first, unknown, "organiser"),
        "unknown in the path": (unknown, first, "organiser"),
        "another group's": (first, theirs["observation_id"], "organiser"),
        "the same observation": (first, first, "organiser"),
        "never flagged": (first, far["observation_id"], "organiser"),
        "a walker": (first, second, "walker"),
    }
    answers = {
        name: (answer.status_code, answer.json["code"])
        for name, (uuid, other, who) in cases.items()
        for answer in [decide(client, group, "not-duplicate", uuid, other, who)]
    }
    not_a_uuid = decide(client, group, "not-duplicate", first, "nope")

    assert answers == {
        "unknown observation": (404, "not_found"),
        "unknown in the path": (404, "not_found"),
        "another group's": (404, "not_found"),
        "the same observation": (422, "invalid_input"),
        "never flagged": (422, "not_a_duplicate_pair"),
        "a walker": (403, "forbidden"),
    }
    assert (not_a_uuid.status_code, not_a_uuid.json["code"]) == (422, "invalid_input")
    listed = client.get(
        f"/api/v1/groups/{group.id}/duplicates", headers=group.headers("organiser")
    )
    assert len(listed.json) == 1
    assert "not_duplicate" not in {op for op, *_ in history_ops(client, group, first)}


def test_a_pair_merged_since_is_no_pair_to_decide_on(client, group, pair):
    first, second = pair
    merged = client.post(
        f"/api/v1/observations/{first}/merge",
        json={"other": second},
        headers=group.headers("organiser"),
    )
    assert merged.status_code == 200

    answer = decide(client, group, "not-duplicate", first, second)

    assert (answer.status_code, answer.json["code"]) == (409, "observation_merged")
    assert first in answer.json["message"]


def test_an_organiser_may_merge_a_pair_she_said_were_two(client, group, pair):
    """She changed her mind the other way: the merge settles it, and nothing is left to undo.
    Her "not the same camera" is cleared, not left standing beside the merge: the answer says
    so, and the history of both records keeps who had said it and when."""
    first, second = pair
    said = decide(client, group, "not-duplicate", first, second).json

    merged = client.post(
        f"/api/v1/observations/{first}/merge",
        json={"other": second},
        headers=group.headers("organiser"),
    )

    assert merged.status_code == 200, merged.json
    cleared = {"by": said["dismissed_by"], "at": said["dismissed_at"]}
    assert merged.json["not_duplicate_cleared"] == cleared
    assert review_cards(client, group)[first]["not_duplicates"] == []
    for uuid in pair:
        history = client.get(f"/api/v1/observations/{uuid}/history", headers=group.headers())
        merges = [row for row in history.json if row["op"] == "merge"]
        assert [row["payload"]["not_duplicate_cleared"] for row in merges] == [cleared]
    hint = db.session.scalar(select(DuplicateHint))
    assert (hint.status, hint.dismissed_by_id, hint.dismissed_at) == ("merged", None, None)


def test_a_merge_of_a_pair_nobody_told_apart_clears_nothing(client, group, pair):
    first, second = pair

    merged = client.post(
        f"/api/v1/observations/{first}/merge",
        json={"other": second},
        headers=group.headers("organiser"),
    )

    assert merged.status_code == 200, merged.json
    assert merged.json["not_duplicate_cleared"] is None
    history = client.get(f"/api/v1/observations/{first}/history", headers=group.headers())
    assert all("not_duplicate_cleared" not in (row["payload"] or {}) for row in history.json)


def test_the_pair_is_flagged_nowhere_it_leaves_the_group_once_dismissed(
    client, group, sync_api, pair
):
    """The public map, the walk summary, the signage file and the GeoJSON and CSV exports read
    the same pairs (server/reports/duplicates.py): "not the same camera" takes the pair out of
    every one of them, and taking it back puts it in again."""
    organiser = group.headers("organiser")
    walk = group.walk.id
    for uuid in pair:
        approved = client.post(
            f"/api/v1/observations/{uuid}/review", json={"status": "approved"}, headers=organiser
        )
        assert approved.status_code == 200, approved.json
    client.patch(
        f"/api/v1/groups/{group.id}/settings", json={"public_map": True}, headers=organiser
    )

    def flagged() -> dict:
        public = client.get(f"/api/v1/public/{group.group.slug}/cameras.geojson").json
        summary = client.get(f"/api/v1/walks/{walk}/summary", headers=organiser).json
        signage = client.get(f"/api/v1/walks/{walk}/signage", headers=organiser).json
        with client.get(f"/api/v1/walks/{walk}/export.geojson", headers=organiser) as answer:
            export = answer.json
        with client.get(f"/api/v1/walks/{walk}/export.csv", headers=organiser) as answer:
            rows = list(csv.DictReader(io.StringIO(answer.data.decode())))
        return {
            "map": sorted(f["properties"]["possible_duplicate"] for f in public["features"]),
            "map pairs": public["open_duplicate_pairs"],
            "summary": sorted(c["possible_duplicate"] for c in summary["cameras"]),
            "summary pairs": summary["totals"]["open_duplicate_pairs"],
            "summary published pairs": summary["totals"]["published_duplicate_pairs"],
            "signage": sorted(row["possible_duplicate"] for row in signage["rows"]),
            "signage pairs": signage["open_duplicate_pairs"],
            "geojson": sorted(f["properties"]["possible_duplicate"] for f in export["features"]),
            "csv": sorted(row["possible_duplicate"] for row in rows),
        }

    both = {
        "map": [True, True],
        "map pairs": 1,
        "summary": [True, True],
        "summary pairs": 1,
        "summary published pairs": 1,
        "signage": [True, True],
        "signage pairs": 1,
        "geojson": [True, True],
        "csv": ["true", "true"],
    }
    neither = {
        **{name: [False, False] for name in ("map", "summary", "signage", "geojson")},
        **{name: 0 for name in ("map pairs", "summary pairs", "summary published pairs")},
        "signage pairs": 0,
        "csv": ["false", "false"],
    }
    assert flagged() == both

    assert decide(client, group, "not-duplicate", *pair).status_code == 200
    assert flagged() == neither

    assert decide(client, group, "maybe-duplicate", *pair).status_code == 200
    assert flagged() == both
