"""A fetch refused because cameras logged far from the walk widen its box names them
(`errors.far_observations`, farthest first), as the review screens name a camera: the
organiser knows which one to move or delete instead of searching the whole walk."""

import pytest
from sqlalchemy import select

from server import geo
from server.auth.models import Member
from server.extensions import db

NOAILLES = [(5.3790, 43.2950), (5.3830, 43.2950), (5.3830, 43.2975), (5.3790, 43.2975)]


def fetch(client, group):
    url = f"/api/v1/walks/{group.walk.id}/osm-fetch"
    return client.post(url, json={"source": "overpass"}, headers=group.headers("organiser"))


@pytest.fixture
def walked(group, add_observation):
    """A walk whose walker logged a camera in Noailles and one just past its drawn edge."""
    group.walk.area = geo.polygon_element(NOAILLES)
    db.session.commit()
    add_observation(group, 5.3812, 43.2961)
    add_observation(group, 5.3840, 43.2961)
    return group


def test_the_refusal_names_the_cameras_logged_far_from_the_drawn_area_farthest_first(
    client, walked, add_observation
):
    mouette = db.session.scalar(
        select(Member.id).where(Member.group_id == walked.id, Member.pseudonym == "mouette")
    )
    aix = add_observation(walked, 5.4474, 43.5297, operator="RTM", created_by_id=mouette)
    null_island = add_observation(walked, 0.0, 0.0)

    answer = fetch(client, walked)

    assert (answer.status_code, answer.json["code"]) == (422, "area_too_large")
    far = answer.json["errors"]["far_observations"]
    assert [(f["uuid"], f["lat"], f["lon"]) for f in far] == [
        (null_island.uuid, 0.0, 0.0),
        (aix.uuid, 43.5297, 5.4474),
        (far[2]["uuid"], 43.2961, 5.384),  # past the edge, widening it a little
    ]
    assert far[0]["distance_m"] > far[1]["distance_m"] > 20_000 > far[2]["distance_m"]
    named = far[1]["camera"]
    assert (named["kind"], named["operator"], named["created_by"]) == ("camera", "RTM", "mouette")
    assert named["surveyed_on"] == "2024-05-04"
    assert null_island.uuid in answer.json["message"]  # what `camwalk osm fetch` prints


def test_without_a_drawn_area_the_one_far_from_all_the_others_is_named(
    client, group, add_observation
):
    for lon, lat in [(5.3812, 43.2961), (5.3808, 43.2957), (5.3801, 43.2966)]:
        add_observation(group, lon, lat)
    home = add_observation(group, 5.4474, 43.5297)

    answer = fetch(client, group)

    assert answer.json["code"] == "area_too_large"
    assert answer.json["errors"]["far_observations"][0]["uuid"] == home.uuid
