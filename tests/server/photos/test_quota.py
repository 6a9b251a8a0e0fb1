"""Each member's photo quota: a count and a number of bytes, refused with 403 before decoding."""

import hashlib

import pytest

from server.extensions import db
from server.photos.models import Photo
from tests.builders import jpeg_bytes


def put(client, group, data: bytes, who: str = "walker"):
    digest = hashlib.sha256(data).hexdigest()
    return client.put(f"/api/v1/photos/{digest}", data=data, headers=group.headers(who))


def test_the_photo_past_the_members_count_is_refused_and_nothing_is_stored(
    app, client, group, monkeypatch
):
    monkeypatch.setitem(app.config, "MAX_PHOTOS_PER_WALKER", 2)
    assert [put(client, group, jpeg_bytes(shade)).status_code for shade in (10, 20)] == [201] * 2

    response = put(client, group, jpeg_bytes(30))

    assert response.status_code == 403
    assert response.json["code"] == "photo_quota_exceeded"
    assert "2 photos" in response.json["message"]
    assert db.session.query(Photo).count() == 2


def test_the_photo_past_the_members_bytes_is_refused(app, client, group, monkeypatch):
    first, second = jpeg_bytes(10), jpeg_bytes(20)
    monkeypatch.setitem(app.config, "MAX_PHOTO_BYTES_PER_WALKER", len(first) + len(second) - 1)
    assert put(client, group, first).status_code == 201

    response = put(client, group, second)

    assert response.status_code == 403
    assert response.json["code"] == "photo_quota_exceeded"


def test_sending_bytes_the_group_already_holds_is_never_refused(app, client, group, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_PHOTOS_PER_WALKER", 1)
    data = jpeg_bytes(10)
    assert put(client, group, data).status_code == 201

    assert put(client, group, data).status_code == 200  # a retry after a lost answer


def test_the_quota_is_per_member(app, client, group, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_PHOTOS_PER_WALKER", 1)
    assert put(client, group, jpeg_bytes(10)).status_code == 201

    assert put(client, group, jpeg_bytes(20), who="organiser").status_code == 201


def test_a_member_over_quota_is_refused_before_the_photo_is_decoded(
    app, client, group, monkeypatch
):
    monkeypatch.setitem(app.config, "MAX_PHOTOS_PER_WALKER", 0)

    def not_called(*args, **kwargs):
        pytest.fail("decoded a photo the quota refuses")

    monkeypatch.setattr("server.photos.derivatives.decode", not_called)

    assert put(client, group, jpeg_bytes(10)).status_code == 403


def test_the_default_quota_is_generous_for_a_campaign(app):
    assert app.config["MAX_PHOTOS_PER_WALKER"] >= 1000
    assert app.config["MAX_PHOTO_BYTES_PER_WALKER"] >= 1000 * app.config["MAX_PHOTO_BYTES"] // 3
