"""A merge moves the merged-away record's duplicate hints to the survivor: "is C the same
camera as this one?" asked of the record merged away now concerns the camera that stays
(sync.duplicates.hints_after_merge, server/observations/organise.py)."""

import pytest

from tests.server.observations.test_not_duplicate import decide, history_ops, review_cards

# A camera, one 6 m east of it, one 6 m west: the middle one is flagged with each, the two
# outer ones (12 m apart) with none.
MIDDLE = {"lat": 43.2961234, "lon": 5.3812345, "accuracy_m": 5}
SIX_METRES_EAST = {"lat": 43.2961234, "lon": 5.3813085, "accuracy_m": 5}
SIX_METRES_WEST = {"lat": 43.2961234, "lon": 5.3811605, "accuracy_m": 5}
TWO_METRES_NORTH = {"lat": 43.2961414, "lon": 5.3812345, "accuracy_m": 5}


def logged(sync_api, *positions) -> list[str]:
    changes = [sync_api.create(position=position) for position in positions]
    sync_api.sync(changes)
    return [change["observation_id"] for change in changes]


def merge(client, group, survivor, other):
    answer = client.post(
        f"/api/v1/observations/{survivor}/merge",
        json={"other": other},
        headers=group.headers("organiser"),
    )
    assert answer.status_code == 200, answer.json
    return answer


def duplicates(client, group) -> list[tuple[frozenset, float]]:
    listed = client.get(
        f"/api/v1/groups/{group.id}/duplicates", headers=group.headers("organiser")
    )
    assert listed.status_code == 200, listed.json
    return [(frozenset((p["a"]["id"], p["b"]["id"])), p["distance_m"]) for p in listed.json]


def told_apart(card) -> list[tuple]:
    return [(t["other"], t["by"], t["at"]) for t in card["not_duplicates"]]


def test_an_open_hint_of_the_record_merged_away_moves_to_the_survivor(
    client, group, sync_api, by_id
):
    """The third camera's question now concerns the survivor, at the distance between them
    as merged; a phone pulls the third camera again, its hint naming the survivor."""
    merged_away, survivor, third = logged(sync_api, MIDDLE, SIX_METRES_EAST, SIX_METRES_WEST)
    cursor = sync_api.sync([])["cursor"]

    merge(client, group, survivor, merged_away)

    ((pair, distance),) = duplicates(client, group)
    assert pair == {survivor, third}
    assert distance == pytest.approx(12, abs=0.2)
    cards = review_cards(client, group)
    assert cards[third]["duplicate_hints"] == [survivor]
    assert cards[survivor]["duplicate_hints"] == [third]
    pulled = by_id(sync_api.sync([], cursor=cursor))
    assert pulled[third]["duplicate_hints"] == [survivor]
    assert pulled[third]["version"] == 1  # no field of it changed
    assert pulled[merged_away]["duplicate_hints"] == []
    assert history_ops(client, group, third)[-1] == ("duplicate_merged", "karim", survivor)


def test_a_pair_said_to_be_two_stays_two_with_the_survivor(client, group, sync_api):
    """She said the merged-away record is not the third camera; the survivor is that record:
    not the third camera either, said by her, then. She may still take it back."""
    merged_away, survivor, third = logged(sync_api, MIDDLE, SIX_METRES_EAST, SIX_METRES_WEST)
    said = decide(client, group, "not-duplicate", merged_away, third).json

    merge(client, group, survivor, merged_away)

    assert duplicates(client, group) == []
    cards = review_cards(client, group)
    assert told_apart(cards[survivor]) == [(third, "karim", said["dismissed_at"])]
    assert told_apart(cards[third]) == [(survivor, "karim", said["dismissed_at"])]
    assert cards[third]["duplicate_hints"] == []
    back = decide(client, group, "maybe-duplicate", third, survivor)
    assert back.status_code == 200, back.json
    assert [pair for pair, _ in duplicates(client, group)] == [{survivor, third}]


@pytest.mark.parametrize(
    ("merged_away_said", "survivor_said", "left"),
    [
        ("open", "open", "open"),
        ("not-duplicate", "open", "dismissed"),  # her word outweighs a guess
        ("open", "not-duplicate", "dismissed"),
        ("not-duplicate", "not-duplicate", "dismissed"),
    ],
)
def test_when_both_had_a_hint_with_the_third_one_question_is_left(
    client, group, sync_api, merged_away_said, survivor_said, left
):
    merged_away, survivor, third = logged(sync_api, MIDDLE, SIX_METRES_EAST, TWO_METRES_NORTH)
    assert len(duplicates(client, group)) == 3  # all three flagged with one another
    for record, said in ((merged_away, merged_away_said), (survivor, survivor_said)):
        if said == "not-duplicate":
            assert decide(client, group, said, record, third).status_code == 200

    merge(client, group, survivor, merged_away)

    listed = duplicates(client, group)
    cards = review_cards(client, group)
    if left == "open":
        assert [pair for pair, _ in listed] == [{survivor, third}]
        assert cards[third]["not_duplicates"] == []
    else:
        assert listed == []
        assert [t["other"] for t in cards[third]["not_duplicates"]] == [survivor]
        assert [t["other"] for t in cards[survivor]["not_duplicates"]] == [third]
    assert cards[third]["duplicate_hints"] == ([survivor] if left == "open" else [])
