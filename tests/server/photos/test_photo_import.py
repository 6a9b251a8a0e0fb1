"""POST /api/v1/walks/<walk_id>/photo-import: drafts made from uploaded photos."""

import pytest

from server import geo
from server.extensions import db
from server.observations.models import Observation, Revision
from server.photos.models import ObservationPhoto


def start_import(client, group, photos, who="walker", walk_id=None, **options):
    return client.post(
        f"/api/v1/walks/{walk_id or group.walk.id}/photo-import",
        json={"photos": photos, **options},
        headers=group.headers(who),
    )


def test_two_photos_of_one_camera_and_one_of_another_make_two_drafts(client, group, photo_at):
    close_up = photo_at(43.2961, 5.3812, "09:14:00", direction=20.0)
    wide = photo_at(43.29612, 5.38121, "09:14:40")
    other = photo_at(43.2975, 5.3789, "09:20:00")

    response = start_import(client, group, [close_up, wide, other])

    assert response.status_code == 201
    first, second = response.json["observations"]
    assert first["photos"] == [
        {"sha256": close_up, "role": "close_up"},
        {"sha256": wide, "role": "context"},
    ]
    assert first["direction"] == [200]
    assert first["review_status"] == "pending"
    assert first["surveyed_on"] == "2026-11-21"
    assert first["position"]["lat"] == pytest.approx(43.29611, abs=1e-6)
    assert second["photos"] == [{"sha256": other, "role": "close_up"}]
    assert second["direction"] is None
    assert response.json["skipped"] == []


def test_each_draft_is_stored_with_the_create_revision_sync_expects(client, group, photo_at):
    digest = photo_at(43.2961, 5.3812)

    draft = start_import(client, group, [digest]).json["observations"][0]

    observation = db.session.query(Observation).one()
    revision = db.session.query(Revision).one()
    assert observation.uuid == draft["id"]
    assert (observation.walk_id, observation.group_id) == (group.walk.id, group.id)
    assert observation.review_status == "pending"
    assert observation.seq == revision.id == draft["seq"]
    assert observation.version == 1
    point = geo.to_lonlat(observation.geom)
    assert (point.lat, point.lon) == pytest.approx((43.2961, 5.3812), abs=1e-6)
    assert revision.op == "create"
    assert revision.status == "applied"
    assert revision.version_after == 1
    assert revision.observation_id == observation.id
    assert revision.result["observation_id"] == observation.uuid
    assert revision.payload["walk_id"] == group.walk.id
    assert revision.payload["fields"]["position"]["lat"] == draft["position"]["lat"]
    link = db.session.query(ObservationPhoto).one()
    assert (link.observation_id, link.role) == (observation.id, "close_up")


def test_photos_without_position_or_not_uploaded_are_skipped_with_reasons(client, group, photo_at):
    placed = photo_at(43.2961, 5.3812)
    unplaced = photo_at()
    missing = "f" * 64

    response = start_import(client, group, [placed, unplaced, missing])

    assert response.status_code == 201
    assert len(response.json["observations"]) == 1
    codes = {item["sha256"]: item["code"] for item in response.json["skipped"]}
    assert codes == {unplaced: "no_position", missing: "not_uploaded"}
    assert all(item["message"] for item in response.json["skipped"])
    # `reason`, the name first published, stays beside it for the clients that read it.
    assert all(item["reason"] == item["code"] for item in response.json["skipped"])


def test_importing_the_same_photos_twice_makes_no_second_draft(client, group, photo_at):
    digest = photo_at(43.2961, 5.3812)
    start_import(client, group, [digest])

    again = start_import(client, group, [digest])

    assert again.json["observations"] == []
    assert again.json["skipped"][0]["reason"] == "already_attached"
    assert db.session.query(Observation).count() == 1


def test_the_grouping_limits_can_be_given(client, group, photo_at):
    a = photo_at(43.2961, 5.3812, "09:14:00")
    b = photo_at(43.2961, 5.3812, "09:14:30")

    response = start_import(client, group, [a, b], max_seconds=10)

    assert len(response.json["observations"]) == 2


def test_organisers_may_import_too(client, group, photo_at):
    digest = photo_at(43.2961, 5.3812)

    assert start_import(client, group, [digest], who="organiser").status_code == 201


def test_another_groups_walk_is_404_and_nothing_is_made(client, group, make_group, photo_at):
    digest = photo_at(43.2961, 5.3812)
    stranger = make_group("Belsunce")

    response = start_import(client, group, [digest], walk_id=stranger.walk.id)

    assert response.status_code == 404
    assert db.session.query(Observation).count() == 0


def test_another_groups_photos_are_not_found_from_this_group(client, group, make_group, photo_at):
    digest = photo_at(43.2961, 5.3812)
    stranger = make_group("Belsunce")

    response = start_import(client, stranger, [digest])

    assert [(s["sha256"], s["reason"]) for s in response.json["skipped"]] == [
        (digest, "not_uploaded")
    ]
    assert db.session.query(ObservationPhoto).count() == 0


@pytest.mark.parametrize(
    "body",
    [
        {"photos": []},
        {"photos": ["not-a-hash"]},
        {"photos": ["a" * 64], "extra": 1},
        {"photos": ["a" * 64], "max_distance_m": -1},
        {},
    ],
)
def test_a_malformed_request_is_422(client, group, body):
    response = client.post(
        f"/api/v1/walks/{group.walk.id}/photo-import", json=body, headers=group.headers()
    )

    assert response.status_code == 422
    assert response.json["code"] == "invalid_input"


def test_import_needs_a_token(client, group):
    response = client.post(
        f"/api/v1/walks/{group.walk.id}/photo-import", json={"photos": ["a" * 64]}
    )

    assert response.status_code == 401
