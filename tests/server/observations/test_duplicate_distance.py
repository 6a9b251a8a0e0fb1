"""How far apart a possible duplicate's two records stand, as the organiser is told it: where
they stand now, not where they stood when the pair was flagged.

A hint is flagged once, when the later record is logged, and never judged again (DuplicateHint):
its stored distance stayed as it was when a walker then moved a pin, and the review card, the
duplicates list and the compare screen all said "3 m apart" of two records 30 m apart.
"""

import pytest

from tests.server.observations.test_not_duplicate import (
    NEAR,
    THREE_METRES_EAST,
    decide,
    pair,  # noqa: F401 (a fixture)
    review_cards,
)

THIRTY_METRES_EAST = {"lat": 43.2961234, "lon": 5.3816045, "accuracy_m": 5}


def moved(sync_api, uuid, version, before, after):
    sync_api.sync([sync_api.update(uuid, version, position=(before, after))])


def listed_distance(client, group) -> float:
    (listed,) = client.get(
        f"/api/v1/groups/{group.id}/duplicates", headers=group.headers("organiser")
    ).json
    return listed["distance_m"]


def test_the_pair_s_distance_is_where_its_records_stand_now(client, group, sync_api, pair):  # noqa: F811
    first, second = pair

    moved(sync_api, second, 1, THREE_METRES_EAST, THIRTY_METRES_EAST)

    cards = review_cards(client, group)
    assert cards[first]["duplicate_hints"] == [second]  # still a question: never judged again
    (told,) = cards[first]["possible_duplicates"]
    assert told["distance_m"] == pytest.approx(30, abs=0.1)
    assert cards[second]["possible_duplicates"][0]["distance_m"] == told["distance_m"]
    # The duplicates list, which the compare screen reads too, says the same.
    assert listed_distance(client, group) == told["distance_m"]


def test_a_pair_said_to_be_two_is_told_where_it_stands_now(client, group, sync_api, pair):  # noqa: F811
    first, second = pair
    decide(client, group, "not-duplicate", first, second)

    moved(sync_api, first, 1, NEAR, THIRTY_METRES_EAST)

    cards = review_cards(client, group)
    (told,) = cards[second]["not_duplicates"]
    assert told["distance_m"] == pytest.approx(27, abs=0.1)  # 3 m east of NEAR, 30 m east


@pytest.mark.parametrize("path", ["not-duplicate", "maybe-duplicate"])
def test_an_answer_about_the_pair_says_where_it_stands_now(client, group, sync_api, pair, path):  # noqa: F811
    first, second = pair
    moved(sync_api, second, 1, THREE_METRES_EAST, THIRTY_METRES_EAST)
    if path == "maybe-duplicate":
        decide(client, group, "not-duplicate", first, second)

    answer = decide(client, group, path, first, second)

    assert answer.status_code == 200, answer.json
    assert answer.json["distance_m"] == pytest.approx(30, abs=0.1)


def test_the_review_queue_reads_a_batch_s_pairs_once(client, group, pair, statements):  # noqa: F811
    # The card's possible_duplicates come from its view's hints (and positions): the flagged
    # pairs were read a second time for them, per batch of a queue of tens of thousands.
    statements.clear()

    review_cards(client, group)

    read = [sql for sql, _ in statements if "FROM duplicate_hint" in sql]
    assert len(read) == 2  # the flagged pairs, and those said to be two (not_duplicates)
