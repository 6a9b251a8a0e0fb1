"""The review answer asked for some cards only (`?ids=`), as the review screen does after a
choice of node, a merge or a refused decision: each card is the whole answer's, its OSM part
planned with the rest of the walk's queue.

Two surveys near one OSM camera: the nearer changes it, the other would create a camera. Once
the nearer is said to be a new camera, the other changes the node: a choice on one card
changes another's plan.
"""

import pytest

from server.extensions import db
from server.observations.schemas import MAX_REVIEW_IDS
from server.osm.service import store_node
from tests.server.osm.test_review_node_choice import LAT, LON, NEAR_TAGS, choose, log_survey


@pytest.fixture
def one_camera(app):
    store_node(501, 4, LON, LAT, NEAR_TAGS)
    db.session.commit()


def review(client, group, who="organiser", **params):
    return client.get(
        f"/api/v1/groups/{group.id}/review", query_string=params, headers=group.headers(who)
    )


def cards(client, group, ids, **params) -> list[dict]:
    answer = review(client, group, ids=",".join(ids), **params)
    assert answer.status_code == 200, answer.json
    return answer.json


def whole(client, group, ids, **params) -> list[dict]:
    """The cards of `ids` as the whole answer has them, in its order."""
    answer = review(client, group, **params)
    assert answer.status_code == 200, answer.json
    return [item for item in answer.json if item["id"] in ids]


def node_of(card: dict):
    return card["osm_change"]["node"] and card["osm_change"]["node"]["id"]


def test_a_card_asked_for_is_the_whole_answers_before_and_after_a_choice_on_its_neighbour(
    client, group, one_camera
):
    nearer = log_survey(client, group, north_m=1.0)
    other = log_survey(client, group, north_m=-2.0)
    log_survey(client, group, north_m=400.0)  # far from both: never asked for

    before, whole_before = cards(client, group, [other]), whole(client, group, [other])
    chosen = choose(client, group, nearer, new_camera=True)
    after = cards(client, group, [other])

    assert chosen.status_code == 200, chosen.json
    # Planned alone, `other` would change 501 from the start: the whole walk says not yet.
    assert before == whole_before
    assert [node_of(card) for card in before] == [None]
    assert before[0]["osm_change"]["candidates"][0]["taken_by"] == nearer
    assert after == whole(client, group, [other])
    assert [node_of(card) for card in after] == [501]


def test_cards_come_in_the_queues_order_and_those_out_of_it_are_left_out(
    client, group, one_camera
):
    first = log_survey(client, group, north_m=1.0)
    second = log_survey(client, group, north_m=-2.0)
    approved = log_survey(client, group, north_m=3.0)
    answer = client.post(
        f"/api/v1/observations/{approved}/review",
        json={"status": "approved"},
        headers=group.headers("organiser"),
    )
    assert answer.status_code == 200, answer.json
    nobody = "00000000-0000-4000-8000-000000000000"

    asked = cards(client, group, [second, nobody, approved, first, second], walk_id=group.walk.id)
    approved_cards = cards(client, group, [approved, first], status="approved")

    assert asked == whole(client, group, [first, second], walk_id=group.walk.id)
    assert [card["id"] for card in asked] == [first, second]
    assert approved_cards == whole(client, group, [approved], status="approved")
    assert [card["id"] for card in approved_cards] == [approved]


@pytest.mark.parametrize(
    "ids",
    [
        "",
        "not-a-uuid",
        "00000000-0000-4000-8000-00000000000A",  # ids are answered in lower case only
    ],
)
def test_no_ids_or_ids_not_uuids_are_refused(client, group, ids):
    # Past the most (MAX_REVIEW_IDS): tests/hardening/test_limits.py.
    refused = review(client, group, ids=ids)

    assert (refused.status_code, refused.json["code"]) == (422, "invalid_input")
    assert "ids" in str(refused.json["errors"])


def test_the_most_ids_are_answered(client, group, one_camera):
    survey = log_survey(client, group)
    ids = [f"00000000-0000-4000-8000-{n:012d}" for n in range(MAX_REVIEW_IDS - 1)] + [survey]

    assert [card["id"] for card in cards(client, group, ids)] == [survey]


def test_walkers_and_other_groups_get_what_the_whole_answer_gives_them(
    client, group, make_group, one_camera
):
    survey = log_survey(client, group)
    stranger = make_group("Belsunce")

    walker = review(client, group, who="walker", ids=survey)
    other_group = client.get(
        f"/api/v1/groups/{group.id}/review?ids={survey}", headers=stranger.headers("organiser")
    )

    assert walker.status_code == 403
    assert other_group.status_code == 404
