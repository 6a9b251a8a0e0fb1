"""When the photo was taken, GPS time, and camera fields, read from synthetic photos."""

from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest

from server.photos.exif_reader import read_photo_metadata

PARIS_SUMMER = timezone(timedelta(hours=2))

# (case, Exif IFD tags, expected taken_at, fields that must carry a warning)
TAKEN_AT_RULES = [
    (
        "with its offset the time is aware",
        {"DateTimeOriginal": "2019:10:20 18:34:30", "OffsetTimeOriginal": "+02:00"},
        datetime(2019, 10, 20, 18, 34, 30, tzinfo=PARIS_SUMMER),
        set(),
    ),
    (
        "a negative offset",
        {"DateTimeOriginal": "2018:06:08 13:24:10", "OffsetTimeOriginal": "-07:00"},
        datetime(2018, 6, 8, 13, 24, 10, tzinfo=timezone(timedelta(hours=-7))),
        set(),
    ),
    (
        "without an offset the time is naive",
        {"DateTimeOriginal": "2008:05:30 15:56:01"},
        datetime(2008, 5, 30, 15, 56, 1),
        set(),
    ),
    (
        "a malformed offset leaves the time naive, with a warning",
        {"DateTimeOriginal": "2008:05:30 15:56:01", "OffsetTimeOriginal": "2 hours"},
        datetime(2008, 5, 30, 15, 56, 1),
        {"taken_at"},
    ),
    (
        "a blank offset is no offset",
        {"DateTimeOriginal": "2008:05:30 15:56:01", "OffsetTimeOriginal": "   :  "},
        datetime(2008, 5, 30, 15, 56, 1),
        set(),
    ),
    ("all zeros mean unknown", {"DateTimeOriginal": "0000:00:00 00:00:00"}, None, set()),
    ("blanks mean unknown", {"DateTimeOriginal": "    :  :     :  :  "}, None, set()),
    (
        "the 30th of February is refused",
        {"DateTimeOriginal": "2019:02:30 10:00:00"},
        None,
        {"taken_at"},
    ),
    ("ISO dashes are not EXIF", {"DateTimeOriginal": "2019-02-03T10:00:00"}, None, {"taken_at"}),
]


@pytest.mark.parametrize(
    ("exif", "taken_at", "warned"),
    [pytest.param(*row[1:], id=row[0]) for row in TAKEN_AT_RULES],
)
@pytest.mark.parametrize("kind", ["jpeg", "png"])
def test_taken_at_rules(make_photo, kind, exif, taken_at, warned):
    metadata = read_photo_metadata(make_photo(kind, exif=exif))
    assert metadata.taken_at == taken_at
    if taken_at is not None:  # equal aware and naive datetimes never compare equal; be explicit
        assert metadata.taken_at.utcoffset() == taken_at.utcoffset()
    assert {warning.field for warning in metadata.warnings} == warned


# (case, GPS tags, expected date, expected time, fields that must carry a warning)
GPS_TIME_RULES = [
    (
        "date and time with hundredths",
        {"GPSDateStamp": "2008:10:23", "GPSTimeStamp": [(14, 1), (27, 1), (724, 100)]},
        date(2008, 10, 23),
        time(14, 27, 7, 240000, tzinfo=UTC),
        set(),
    ),
    ("date alone", {"GPSDateStamp": "2019:10:20"}, date(2019, 10, 20), None, set()),
    (
        "0/0 hours mean an unknown time",
        {"GPSTimeStamp": [(0, 0), (0, 0), (13, 1)]},
        None,
        None,
        {"gps_time"},
    ),
    (
        "25 hours is no time of day",
        {"GPSTimeStamp": [(25, 1), (0, 1), (0, 1)]},
        None,
        None,
        {"gps_time"},
    ),
    (
        "fractional minutes are summed like exiftool does",
        {"GPSTimeStamp": [(14, 1), (275, 10), (0, 1)]},
        None,
        time(14, 27, 30, tzinfo=UTC),
        set(),
    ),
    ("a malformed date is refused", {"GPSDateStamp": "2008:13:45"}, None, None, {"gps_date"}),
]


@pytest.mark.parametrize(
    ("gps", "gps_date", "gps_time", "warned"),
    [pytest.param(*row[1:], id=row[0]) for row in GPS_TIME_RULES],
)
def test_gps_date_and_time_rules(make_photo, gps, gps_date, gps_time, warned):
    metadata = read_photo_metadata(make_photo("jpeg", gps=gps))
    assert (metadata.gps_date, metadata.gps_time) == (gps_date, gps_time)
    assert {warning.field for warning in metadata.warnings} == warned


def test_gps_datetime_joins_date_and_time_in_utc(make_photo):
    gps = {"GPSDateStamp": "2015:04:10", "GPSTimeStamp": [(18, 1), (12, 1), (2206, 100)]}
    metadata = read_photo_metadata(make_photo("jpeg", gps=gps))
    assert metadata.gps_datetime == datetime(2015, 4, 10, 18, 12, 22, 60000, tzinfo=UTC)


def test_gps_datetime_is_none_without_a_date(make_photo):
    metadata = read_photo_metadata(make_photo("jpeg", gps={"GPSTimeStamp": [(18, 1)] * 3}))
    assert metadata.gps_time is not None
    assert metadata.gps_datetime is None


@pytest.mark.parametrize("kind", ["jpeg", "png", "webp", "tiff", "jxl"])
@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("Apple\x00\x00 ", "Apple"),
        ("  iPhone 7 ", "iPhone 7"),
        ("Canon\x00garbage", "Canon"),
        ("", None),
    ],
    ids=["NUL padding", "spaces", "text after a NUL", "empty"],
)
def test_make_and_model_are_read_up_to_the_first_nul_without_padding(
    make_photo, kind, written, read
):
    metadata = read_photo_metadata(make_photo(kind, ifd0={"Make": written, "Model": written}))
    assert (metadata.make, metadata.model) == (read, read)


@pytest.mark.parametrize(
    ("orientation", "expected", "warned"),
    [
        (1, 1, set()),
        (6, 6, set()),
        (8, 8, set()),
        (0, None, {"orientation"}),
        (9, None, {"orientation"}),
    ],
)
def test_orientation_is_kept_only_within_1_to_8(make_photo, orientation, expected, warned):
    metadata = read_photo_metadata(make_photo("jpeg", ifd0={"Orientation": orientation}))
    assert metadata.orientation == expected
    assert {warning.field for warning in metadata.warnings} == warned


@pytest.mark.parametrize("kind", ["jpeg", "png", "webp", "avif"])
def test_width_and_height_come_from_the_image(make_photo, kind):
    metadata = read_photo_metadata(make_photo(kind, size=(24, 10)))
    assert (metadata.width, metadata.height) == (24, 10)


def test_a_photo_without_exif_is_read_without_warnings(make_photo):
    metadata = read_photo_metadata(make_photo("jpeg"))
    assert metadata.error is None
    assert metadata.warnings == ()
    assert (metadata.lat, metadata.taken_at, metadata.make) == (None, None, None)
