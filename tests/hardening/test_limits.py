"""Every documented limit (docs/security.md), exceeded, answers a clear 4xx with its code."""

import hashlib

import pytest


@pytest.fixture
def observation(hardening_api, group, hardening_changes):
    api = hardening_api(group)
    change = hardening_changes.create(group.walk.id)
    api.sync([change])
    return change["observation_id"]


def test_an_attach_past_max_photos_per_observation_is_rejected_too_many_photos(
    app, hardening_api, hardening_changes, group, observation, monkeypatch
):
    monkeypatch.setitem(app.config, "MAX_PHOTOS_PER_OBSERVATION", 3)
    api = hardening_api(group)
    photos = [api.upload(hardening_changes.jpeg(shade)) for shade in (10, 20, 30, 40)]
    answer = api.sync([hardening_changes.attach(observation, sha) for sha in photos])
    statuses = [result["status"] for result in answer["results"]]
    assert statuses == ["applied", "applied", "applied", "rejected"]
    assert answer["results"][3]["error"]["code"] == "too_many_photos"
    held = {p["sha256"] for p in answer["observations"][0]["photos"]}
    assert held == set(photos[:3])


def test_a_new_role_for_a_photo_already_held_is_not_counted_against_the_limit(
    app, hardening_api, hardening_changes, group, observation, monkeypatch
):
    monkeypatch.setitem(app.config, "MAX_PHOTOS_PER_OBSERVATION", 1)
    api = hardening_api(group)
    sha = api.upload(hardening_changes.jpeg(90))
    api.sync([hardening_changes.attach(observation, sha, "close_up")])
    answer = api.sync([hardening_changes.attach(observation, sha, "context")])
    assert answer["results"][0]["status"] == "applied"
    assert answer["observations"][0]["photos"] == [{"sha256": sha, "role": "context"}]


def test_the_default_limit_is_ten_photos(app):
    assert app.config["MAX_PHOTOS_PER_OBSERVATION"] == 10


def test_a_batch_of_501_changes_is_refused_whole_with_422(client, group, hardening_changes):
    changes = [hardening_changes.create(group.walk.id) for _ in range(501)]
    response = client.post(
        f"/api/v1/groups/{group.id}/sync", json={"changes": changes}, headers=group.headers()
    )
    assert response.status_code == 422
    assert response.json["code"] == "invalid_input"
    assert "changes" in response.json["errors"]
    pulled = client.post(f"/api/v1/groups/{group.id}/sync", json={}, headers=group.headers())
    assert pulled.json["observations"] == []


def test_a_review_answer_asked_for_101_cards_is_422(client, group):
    ids = ",".join(f"00000000-0000-4000-8000-{n:012d}" for n in range(101))
    response = client.get(
        f"/api/v1/groups/{group.id}/review?ids={ids}", headers=group.headers("organiser")
    )
    assert response.status_code == 422
    assert response.json["code"] == "invalid_input"
    assert "ids" in response.json["errors"]["query"]


def test_a_request_body_over_max_content_length_is_413(app, client, group, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 1000)
    response = client.post(
        f"/api/v1/groups/{group.id}/sync",
        data=b"{" + b" " * 2000 + b"}",
        content_type="application/json",
        headers=group.headers(),
    )
    assert response.status_code == 413
    assert response.json["code"] == "payload_too_large"


def test_a_photo_over_max_photo_bytes_is_413_photo_too_large(
    app, client, group, hardening_changes, monkeypatch
):
    data = hardening_changes.jpeg(50, size=(400, 300))
    monkeypatch.setitem(app.config, "MAX_PHOTO_BYTES", len(data) - 1)
    digest = hashlib.sha256(data).hexdigest()
    response = client.put(f"/api/v1/photos/{digest}", data=data, headers=group.headers())
    assert response.status_code == 413
    assert response.json["code"] == "photo_too_large"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"limit": 1001}, "limit"),
        ({"limit": 0}, "limit"),
        ({"cursor": -1}, "cursor"),
    ],
)
def test_pull_page_limits_outside_their_range_are_422(client, group, body, field):
    response = client.post(f"/api/v1/groups/{group.id}/sync", json=body, headers=group.headers())
    assert response.status_code == 422
    assert field in response.json["errors"]
