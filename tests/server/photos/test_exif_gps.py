"""GPS rules of the metadata reader, one row per rule, on synthetic photos in both byte orders."""

import pytest

from server.photos.exif_reader import read_photo_metadata

NE = {"GPSLatitudeRef": "N", "GPSLongitudeRef": "E"}
LAT = [(43, 1), (17, 1), (30, 1)]  # 43°17'30" = 43.291666...
LON = [(5, 1), (22, 1), (12, 1)]  # 5°22'12" = 5.37
LAT_DEG, LON_DEG = 43 + 17 / 60 + 30 / 3600, 5 + 22 / 60 + 12 / 3600
INT32_MAX = 2**31 - 1

# (case, GPS tags, expected lat, lon, fields that must carry a warning)
POSITION_RULES = [
    ("north east", {**NE, "GPSLatitude": LAT, "GPSLongitude": LON}, LAT_DEG, LON_DEG, set()),
    (
        "south and west are negative",
        {"GPSLatitudeRef": "S", "GPSLatitude": LAT, "GPSLongitudeRef": "W", "GPSLongitude": LON},
        -LAT_DEG,
        -LON_DEG,
        set(),
    ),
    (
        "lower-case references are read",
        {"GPSLatitudeRef": "s", "GPSLatitude": LAT, "GPSLongitudeRef": "w", "GPSLongitude": LON},
        -LAT_DEG,
        -LON_DEG,
        set(),
    ),
    (
        "decimal degrees in a single rational",
        {**NE, "GPSLatitude": (43291667, 1000000), "GPSLongitude": (537, 100)},
        43.291667,
        5.37,
        set(),
    ),
    (
        "degrees and decimal minutes",
        {**NE, "GPSLatitude": [(43, 1), (175, 10)], "GPSLongitude": [(5, 1), (222, 10)]},
        43 + 17.5 / 60,
        5 + 22.2 / 60,
        set(),
    ),
    (
        "INT32_MAX fractions keep their precision",
        {
            **NE,
            "GPSLatitude": [(49, 1), (11, 1), (INT32_MAX, 185601504)],
            "GPSLongitude": [(1, 1), (39, 1), (INT32_MAX, 108199746)],
        },
        49 + 11 / 60 + INT32_MAX / 185601504 / 3600,
        1 + 39 / 60 + INT32_MAX / 108199746 / 3600,
        set(),
    ),
    (
        "real zero seconds are zero",
        {**NE, "GPSLatitude": [(43, 1), (17, 1), (0, 1)], "GPSLongitude": LON},
        43 + 17 / 60,
        LON_DEG,
        set(),
    ),
    (
        "0/0 seconds mean unknown, so no position",
        {**NE, "GPSLatitude": [(43, 1), (17, 1), (0, 0)], "GPSLongitude": LON},
        None,
        None,
        {"position"},
    ),
    (
        "all-0/0 coordinates give no position",
        {"GPSLatitude": [(0, 0)] * 3, "GPSLongitude": [(0, 0)] * 3},
        None,
        None,
        {"position"},
    ),
    (
        "a zero denominator under a number gives no position",
        {**NE, "GPSLatitude": [(43, 0), (17, 1), (30, 1)], "GPSLongitude": LON},
        None,
        None,
        {"position"},
    ),
    (
        "missing latitude reference gives no position",
        {"GPSLongitudeRef": "E", "GPSLatitude": LAT, "GPSLongitude": LON},
        None,
        None,
        {"position"},
    ),
    (
        "missing longitude reference gives no position",
        {"GPSLatitudeRef": "N", "GPSLatitude": LAT, "GPSLongitude": LON},
        None,
        None,
        {"position"},
    ),
    (
        "empty reference counts as missing",
        {"GPSLatitudeRef": "", "GPSLongitudeRef": "E", "GPSLatitude": LAT, "GPSLongitude": LON},
        None,
        None,
        {"position"},
    ),
    (
        "a reference from the other axis is refused",
        {"GPSLatitudeRef": "E", "GPSLongitudeRef": "E", "GPSLatitude": LAT, "GPSLongitude": LON},
        None,
        None,
        {"position"},
    ),
    (
        "latitude beyond 90 degrees is refused",
        {**NE, "GPSLatitude": [(95, 1), (0, 1), (0, 1)], "GPSLongitude": LON},
        None,
        None,
        {"position"},
    ),
    (
        "latitude without longitude is no position",
        {"GPSLatitudeRef": "N", "GPSLatitude": LAT},
        None,
        None,
        {"position"},
    ),
    (
        "0,0 from a camera without a fix is refused",
        {**NE, "GPSLatitude": [(0, 1)] * 3, "GPSLongitude": [(0, 1)] * 3},
        None,
        None,
        {"position"},
    ),
    (
        "latitude written as text is refused",
        {**NE, "GPSLatitude": "43.29", "GPSLongitude": LON},
        None,
        None,
        {"position"},
    ),
    (
        "integer (SHORT) degrees and minutes are still numbers",
        {**NE, "GPSLatitude": ("SHORT", [43, 17, 30]), "GPSLongitude": ("LONG", [5, 22, 12])},
        LAT_DEG,
        LON_DEG,
        set(),
    ),
    (
        "SHORT zero seconds are a real zero",
        {**NE, "GPSLatitude": ("SHORT", [43, 17, 0]), "GPSLongitude": LON},
        43 + 17 / 60,
        LON_DEG,
        set(),
    ),
    (
        "four numbers is not a coordinate",
        {**NE, "GPSLatitude": [*LAT, (1, 1)], "GPSLongitude": LON},
        None,
        None,
        {"position"},
    ),
    (
        "negative signed rationals are refused",
        {**NE, "GPSLatitude": ("SRATIONAL", [(-43, 1), (17, 1), (30, 1)]), "GPSLongitude": LON},
        None,
        None,
        {"position"},
    ),
    ("no GPS at all is no position and no warning", {}, None, None, set()),
]


def warned_fields(metadata) -> set[str]:
    return {warning.field for warning in metadata.warnings}


@pytest.mark.parametrize("order", ["<", ">"], ids=["little-endian", "big-endian"])
@pytest.mark.parametrize(
    ("gps", "lat", "lon", "warned"),
    [pytest.param(*row[1:], id=row[0]) for row in POSITION_RULES],
)
def test_position_rules_hold_in_jpeg(make_photo, order, gps, lat, lon, warned):
    metadata = read_photo_metadata(make_photo("jpeg", order=order, gps=gps))
    assert metadata.error is None
    if lat is None:
        assert (metadata.lat, metadata.lon) == (None, None)
        assert metadata.gps_source is None
    else:
        assert metadata.lat == pytest.approx(lat, abs=1e-9)
        assert metadata.lon == pytest.approx(lon, abs=1e-9)
        assert metadata.gps_source == "exif"
    assert warned_fields(metadata) == warned


HERE = {**NE, "GPSLatitude": LAT, "GPSLongitude": LON}

# (case, extra GPS tags, expected altitude in metres, fields that must carry a warning)
ALTITUDE_RULES = [
    ("above sea level", {"GPSAltitudeRef": b"\x00", "GPSAltitude": (2524, 10)}, 252.4, set()),
    (
        "below sea level is negative",
        {"GPSAltitudeRef": b"\x01", "GPSAltitude": (85, 10)},
        -8.5,
        set(),
    ),
    (
        "a missing reference reads as above sea level, with a warning",
        {"GPSAltitude": (1960, 1)},
        1960.0,
        {"altitude_m"},
    ),
    ("a SHORT reference is read too", {"GPSAltitudeRef": 1, "GPSAltitude": (8, 1)}, -8.0, set()),
    (
        "an unknown reference drops the altitude",
        {"GPSAltitudeRef": b"\x02", "GPSAltitude": (8, 1)},
        None,
        {"altitude_m"},
    ),
    (
        "0/0 altitude is unknown",
        {"GPSAltitudeRef": b"\x00", "GPSAltitude": (0, 0)},
        None,
        {"altitude_m"},
    ),
    ("a reference alone says nothing", {"GPSAltitudeRef": b"\x00"}, None, set()),
    (
        "INT32_MAX fraction",
        {"GPSAltitudeRef": b"\x00", "GPSAltitude": (INT32_MAX, 13199039)},
        INT32_MAX / 13199039,
        set(),
    ),
]


@pytest.mark.parametrize("order", ["<", ">"], ids=["little-endian", "big-endian"])
@pytest.mark.parametrize(
    ("extra", "altitude", "warned"),
    [pytest.param(*row[1:], id=row[0]) for row in ALTITUDE_RULES],
)
def test_altitude_rules_hold_in_jpeg(make_photo, order, extra, altitude, warned):
    metadata = read_photo_metadata(make_photo("jpeg", order=order, gps={**HERE, **extra}))
    assert metadata.altitude_m == pytest.approx(altitude)
    assert warned_fields(metadata) == warned


# (case, extra GPS tags, expected direction, expected reference, warned fields)
DIRECTION_RULES = [
    ("true north", {"GPSImgDirectionRef": "T", "GPSImgDirection": (2128, 10)}, 212.8, "T", set()),
    ("magnetic north", {"GPSImgDirectionRef": "M", "GPSImgDirection": (93, 1)}, 93.0, "M", set()),
    (
        "a missing reference keeps the direction, with a warning",
        {"GPSImgDirection": (93, 1)},
        93.0,
        None,
        {"direction"},
    ),
    (
        "beyond 360 degrees is refused",
        {"GPSImgDirectionRef": "T", "GPSImgDirection": (400, 1)},
        None,
        None,
        {"direction"},
    ),
    (
        "0/0 direction is unknown",
        {"GPSImgDirectionRef": "T", "GPSImgDirection": (0, 0)},
        None,
        None,
        {"direction"},
    ),
    ("an empty reference alone says nothing", {"GPSImgDirectionRef": ""}, None, None, set()),
]


@pytest.mark.parametrize(
    ("extra", "direction", "ref", "warned"),
    [pytest.param(*row[1:], id=row[0]) for row in DIRECTION_RULES],
)
def test_direction_rules_hold_in_jpeg(make_photo, extra, direction, ref, warned):
    metadata = read_photo_metadata(make_photo("jpeg", gps={**HERE, **extra}))
    assert metadata.direction_deg == pytest.approx(direction)
    assert metadata.direction_ref == ref
    assert warned_fields(metadata) == warned


SOUTH_WEST_BELOW = {
    "GPSLatitudeRef": "S",
    "GPSLatitude": LAT,
    "GPSLongitudeRef": "W",
    "GPSLongitude": LON,
    "GPSAltitudeRef": b"\x01",
    "GPSAltitude": (85, 10),
    "GPSImgDirectionRef": "M",
    "GPSImgDirection": (2917, 10),
}
KINDS = ["jpeg", "png", "webp", "tiff", "heic", "avif", "jxl"]


@pytest.mark.parametrize("order", ["<", ">"], ids=["little-endian", "big-endian"])
@pytest.mark.parametrize("kind", KINDS)
def test_every_format_gives_the_same_signed_values(make_photo, kind, order):
    metadata = read_photo_metadata(make_photo(kind, order=order, gps=SOUTH_WEST_BELOW))
    assert metadata.image_type == kind
    assert (metadata.lat, metadata.lon) == (pytest.approx(-LAT_DEG), pytest.approx(-LON_DEG))
    assert metadata.altitude_m == pytest.approx(-8.5)
    assert (metadata.direction_deg, metadata.direction_ref) == (pytest.approx(291.7), "M")
    assert metadata.warnings == ()


@pytest.mark.parametrize("kind", KINDS)
def test_every_format_reads_0_over_0_as_unknown(make_photo, kind):
    gps = {**SOUTH_WEST_BELOW, "GPSLongitude": [(5, 1), (0, 0), (0, 0)]}
    metadata = read_photo_metadata(make_photo(kind, gps=gps))
    assert (metadata.lat, metadata.lon) == (None, None)
    assert "position" in warned_fields(metadata)
