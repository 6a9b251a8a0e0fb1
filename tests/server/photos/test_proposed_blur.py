"""Faces and plates proposed before publishing: found by the worker (or at first open), shown
to the organiser, and blurred on the public copy only where she kept a box."""

import io

import pytest
from PIL import Image, ImageChops, ImageStat

from server.extensions import db
from server.photos.models import Photo
from tests.blur_photos import two_faces
from tests.server.photos.test_publication import GPS_JPEG, Campaign, detail, fetch, pixel_box


@pytest.fixture
def campaign(client, group, app, monkeypatch):
    monkeypatch.setitem(app.config, "BLUR_PROPOSALS", True)
    found = Campaign(client, group)
    found.public_map(True)
    return found


def opened(campaign, digest):
    answer = campaign.client.get(
        f"/api/v1/photos/{digest}/publication", headers=campaign.group.headers("organiser")
    )
    assert answer.status_code == 200, answer.json
    return answer.json


def test_the_worker_proposes_a_box_over_each_face_of_an_uploaded_photo(campaign):
    digest = campaign.upload(two_faces())
    campaign.observe(digest)
    found_by_worker = db.session.scalar(db.select(Photo.proposed_blur))

    shown = opened(campaign, digest)

    assert found_by_worker is not None and len(found_by_worker) == 2
    assert shown["decided"] is False and shown["public"] is False
    boxes = sorted(shown["proposed_blur"])
    assert boxes == sorted(found_by_worker)
    # One box over each copy of the face: left half, then right half.
    assert boxes[0][0] + boxes[0][2] <= 0.5 <= boxes[1][0]


def test_no_box_is_proposed_on_a_photo_without_faces_or_plates(campaign, shared_photos):
    digest = campaign.upload((shared_photos / GPS_JPEG).read_bytes())
    campaign.observe(digest)

    assert opened(campaign, digest)["proposed_blur"] == []


def test_a_photo_stored_before_detection_is_looked_at_when_first_opened(campaign):
    digest = campaign.upload(two_faces())
    campaign.observe(digest)
    db.session.execute(db.update(Photo).values(proposed_blur=None))
    db.session.commit()

    shown = opened(campaign, digest)

    assert len(shown["proposed_blur"]) == 2
    db.session.expire_all()
    assert len(db.session.scalar(db.select(Photo.proposed_blur))) == 2


def test_the_public_copy_is_blurred_in_the_kept_box_and_not_in_the_removed_one(campaign, client):
    digest = campaign.upload(two_faces())
    campaign.observe(digest)
    plain = campaign.display(digest)
    kept, removed = sorted(opened(campaign, digest)["proposed_blur"])

    answer = campaign.publish(digest, blur=[kept])
    blurred = Image.open(io.BytesIO(fetch(client, answer.json["public_url"]).data)).convert("L")

    inside = pixel_box(plain.size, kept, margin=-4)
    # A face has less fine detail than a street (skin, not bricks), so a quarter rather than
    # test_publication's fifth: 12 blocks across a face leave about a fifth of its detail.
    assert detail(blurred, inside) < 0.25 * detail(plain, inside)
    left_alone = pixel_box(plain.size, removed, margin=-4)
    assert ImageStat.Stat(ImageChops.difference(blurred, plain).crop(left_alone)).mean[0] < 3
    assert opened(campaign, digest)["decided"] is True


def test_nothing_is_published_until_the_organiser_says_so(campaign, client):
    digest = campaign.upload(two_faces())
    campaign.observe(digest)

    opened(campaign, digest)

    assert db.session.scalar(db.select(Photo.public)) is False
    assert campaign.geojson()["features"][0]["properties"].get("photos", []) == []


def test_only_organisers_see_the_proposed_boxes(campaign):
    digest = campaign.upload(two_faces())
    campaign.observe(digest)

    answer = campaign.client.get(
        f"/api/v1/photos/{digest}/publication", headers=campaign.group.headers("walker")
    )

    assert answer.status_code == 403


def test_a_server_with_proposals_off_neither_prepares_nor_opens_them(campaign, app, monkeypatch):
    monkeypatch.setitem(app.config, "BLUR_PROPOSALS", False)
    digest = campaign.upload(two_faces())
    campaign.observe(digest)

    view = opened(campaign, digest)

    assert view["proposed_blur"] is None
    assert db.session.scalar(db.select(Photo.proposed_blur)) is None


def test_the_copies_of_every_waiting_photo_come_before_any_proposal(campaign, queued):
    """Detection costs about 1 s a photo: in a burst of uploads it waits behind the copies."""
    faces = campaign.upload(two_faces())
    first = queued.dequeue()
    queued.execute(first)  # the first photo's copies; its proposal job is queued behind
    plain = io.BytesIO()
    Image.new("RGB", (64, 48), (90, 120, 150)).save(plain, "JPEG")
    campaign.upload(plain.getvalue())  # a photo uploaded after that proposal was queued

    ran = [first.name]
    while (task := queued.dequeue()) is not None:
        ran.append(task.name)
        queued.execute(task)

    assert ran == ["prepare_photo", "prepare_photo", "propose_blur", "propose_blur"]
    db.session.expire_all()
    found = db.session.scalar(db.select(Photo.proposed_blur).where(Photo.sha256 == faces))
    assert len(found) == 2
