"""The photo-first import's survey day, and drafts the sync's rules refuse.

A camera whose clock was never set dates its photos 2000-01-01 or 1970-01-01; one set wrong
dates them years ahead. The import used such a day as the draft's `surveyed_on`, the sync's
rules refused the draft (`past_day`), and the whole import answered 500 with no draft made.
"""

import datetime
import hashlib

import pytest
from exif import Image as ExifImage

from server.extensions import db
from server.photos.models import Photo
from server.types import utcnow
from sync.fields import EARLIEST_SURVEY_DAY, latest_survey_day
from tests.server.photos.test_photo_import import start_import

WALK_DAY = datetime.date(2026, 11, 20)


@pytest.fixture
def real_photo(client, group, shared_photos):
    """Upload one of the shared camera photos (Nikon, with GPS), its DateTimeOriginal
    rewritten to `taken`; returns its hash."""

    def upload(name: str, taken: str) -> str:
        image = ExifImage((shared_photos / "exif-samples/jpg/gps" / name).read_bytes())
        image.datetime_original = taken
        data = image.get_file()
        digest = hashlib.sha256(data).hexdigest()
        response = client.put(f"/api/v1/photos/{digest}", data=data, headers=group.headers())
        assert response.status_code == 201, response.json
        assert response.json["exif"]["taken_at"].startswith(taken[:4])
        return digest

    return upload


def set_walk_day(group, day: datetime.date | None) -> None:
    group.walk.date = day
    db.session.commit()


def far_ahead() -> str:
    year = latest_survey_day(utcnow().date()).year + 5
    return f"{year}:06:01 10:00:00"


@pytest.mark.parametrize(
    "taken",
    ["2000:01:01 00:00:07", "1970:01:01 00:00:00", "2014:12:31 23:59:59", "far ahead"],
)
def test_a_photo_dated_on_no_survey_day_makes_a_draft_of_the_walks_day(
    client, group, real_photo, taken
):
    set_walk_day(group, WALK_DAY)
    unset = real_photo("DSCN0010.jpg", far_ahead() if taken == "far ahead" else taken)
    good = real_photo("DSCN0012.jpg", "2026:11:21 09:14:00")

    response = start_import(client, group, [unset, good])

    assert response.status_code == 201, response.json
    days = {d["photos"][0]["sha256"]: d["surveyed_on"] for d in response.json["observations"]}
    assert days == {unset: WALK_DAY.isoformat(), good: "2026-11-21"}
    assert response.json["skipped"] == []


def test_a_photo_dated_on_no_survey_day_in_a_walk_without_a_day_is_surveyed_today(
    client, group, real_photo
):
    set_walk_day(group, None)
    digest = real_photo("DSCN0010.jpg", "2000:01:01 00:00:07")
    before = utcnow().date()

    response = start_import(client, group, [digest])

    assert response.status_code == 201, response.json
    (draft,) = response.json["observations"]
    assert before <= datetime.date.fromisoformat(draft["surveyed_on"]) <= utcnow().date()


def test_the_first_survey_day_is_a_photos_own_day(client, group, real_photo):
    set_walk_day(group, WALK_DAY)
    digest = real_photo("DSCN0010.jpg", EARLIEST_SURVEY_DAY.strftime("%Y:%m:%d 08:00:00"))

    (draft,) = start_import(client, group, [digest]).json["observations"]

    assert draft["surveyed_on"] == EARLIEST_SURVEY_DAY.isoformat()


def test_a_walk_dated_before_any_survey_gives_way_to_today(client, group, real_photo):
    set_walk_day(group, datetime.date(2010, 5, 1))  # a walk's day is the organiser's, unchecked
    digest = real_photo("DSCN0010.jpg", "1970:01:01 00:00:00")
    before = utcnow().date()

    response = start_import(client, group, [digest])

    assert response.status_code == 201, response.json
    (draft,) = response.json["observations"]
    assert before <= datetime.date.fromisoformat(draft["surveyed_on"]) <= utcnow().date()


def test_a_draft_the_sync_refuses_skips_its_photos_and_the_others_are_made(
    client, group, real_photo
):
    """A position out of range, as a row written by an older reader or by hand holds: the
    engine refuses the draft (`invalid_value`), which raised and answered 500 for all."""
    bad = real_photo("DSCN0010.jpg", "2026:11:21 09:10:00")
    good = real_photo("DSCN0012.jpg", "2026:11:21 09:14:00")
    row = db.session.query(Photo).filter_by(sha256=bad).one()
    row.exif_lat = 95.0
    db.session.commit()

    response = start_import(client, group, [bad, good])

    assert response.status_code == 201, response.json
    assert [d["photos"][0]["sha256"] for d in response.json["observations"]] == [good]
    (skip,) = response.json["skipped"]
    assert (skip["sha256"], skip["code"]) == (bad, "draft_refused")
    assert "lat must be within" in skip["message"]
    again = start_import(client, group, [bad])
    assert again.status_code == 201
    assert again.json["skipped"][0]["code"] == "draft_refused"  # nothing of it was written
