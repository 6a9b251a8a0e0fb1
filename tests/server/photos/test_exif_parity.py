"""Parity with exiftool 12.57 over the 67 shared photos (reference.csv, made with `exiftool -n`).

One test per photo, so a failure names the file and lists every field that differs.
Tolerances are those of ../shared/data/README.md.
"""

import csv
import hashlib
from datetime import datetime, time
from pathlib import Path

import pytest

from server.photos.exif_reader import PhotoMetadata, read_photo_metadata

PHOTOS = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "photos"
REFERENCE = PHOTOS / "reference.csv"
DEGREES, METRES, BEARING = 1e-6, 0.01, 0.01

# Where camwalk departs from exiftool on purpose: (file, column) -> reason. The test checks
# that camwalk then reports nothing for that column, so the departure stays deliberate.
DELIBERATE = {
    ("exifr/broken1.jpg", "gps_time"): (
        "GPSTimeStamp is 0/0 h, 0/0 min, 13 s: exiftool prints 00:00:13, camwalk calls an "
        "undefined hour unknown"
    ),
}


def reference_rows() -> list[dict[str, str]]:
    if not REFERENCE.is_file():
        return []
    with REFERENCE.open(newline="") as handle:
        return list(csv.DictReader(handle))


ROWS = reference_rows()
PARAMS = [pytest.param(row, id=row["file"]) for row in ROWS] or [
    pytest.param(None, marks=pytest.mark.skip(reason=f"no shared photos at {PHOTOS}"), id="none")
]


def clock(value: time) -> str:
    """A time the way exiftool prints GPSTimeStamp: seconds with their decimals, if any."""
    text = value.strftime("%H:%M:%S")
    return text + f".{value.microsecond:06d}".rstrip("0") if value.microsecond else text


def offset(moment: datetime) -> str:
    """The UTC offset as EXIF's OffsetTimeOriginal writes it: +HH:MM."""
    minutes = int(moment.utcoffset().total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def close(ours: float | None, theirs: str, tolerance: float) -> bool:
    if not theirs:
        return ours is None
    return ours is not None and abs(ours - float(theirs)) <= tolerance


def position_mismatches(row: dict[str, str], found: PhotoMetadata) -> list[str]:
    problems = []
    for axis in ("lat", "lon"):
        if not close(getattr(found, axis), row[axis], DEGREES):
            problems.append(f"{axis}: camwalk {getattr(found, axis)!r}, exiftool {row[axis]!r}")
    if (found.gps_source or "") != row["gps_source"]:
        problems.append(
            f"gps_source: camwalk {found.gps_source!r}, exiftool {row['gps_source']!r}"
        )
    return problems


def bearing_mismatches(row: dict[str, str], found: PhotoMetadata) -> list[str]:
    # reference.csv takes altitude and direction from the GPS IFD only; for a position found
    # in XMP, test_exif_xmp checks the XMP's altitude and direction instead.
    if row["gps_source"] == "xmp":
        return []
    problems = []
    if not close(found.altitude_m, row["altitude_m"], METRES):
        problems.append(
            f"altitude_m: camwalk {found.altitude_m!r}, exiftool {row['altitude_m']!r}"
        )
    if not close(found.direction_deg, row["direction_deg"], BEARING):
        problems.append(
            f"direction: camwalk {found.direction_deg!r}, exiftool {row['direction_deg']!r}"
        )
    if (found.direction_ref or "") != row["direction_ref"]:
        problems.append(
            f"direction_ref: camwalk {found.direction_ref!r}, exiftool {row['direction_ref']!r}"
        )
    return problems


def time_mismatches(row: dict[str, str], found: PhotoMetadata) -> list[str]:
    taken_at = found.taken_at
    ours = {
        "datetime_original": taken_at.strftime("%Y:%m:%d %H:%M:%S") if taken_at else "",
        "offset_time_original": offset(taken_at) if taken_at and taken_at.tzinfo else "",
        "gps_date": found.gps_date.strftime("%Y:%m:%d") if found.gps_date else "",
        "gps_time": clock(found.gps_time) if found.gps_time else "",
    }
    problems = []
    for column, value in ours.items():
        expected = "" if (row["file"], column) in DELIBERATE else row[column]
        # Only where exiftool has a value, except the offset: without exiftool's offset,
        # camwalk must not invent one either (the time stays naive).
        if (expected or column == "offset_time_original") and value != expected:
            problems.append(f"{column}: camwalk {value!r}, exiftool {row[column]!r}")
    return problems


@pytest.mark.parametrize("row", PARAMS)
def test_reader_agrees_with_exiftool(row):
    data = (PHOTOS / row["file"]).read_bytes()
    assert hashlib.sha256(data).hexdigest() == row["sha256"], "photo changed since reference.csv"
    found = read_photo_metadata(data)
    problems = [f"error: {found.error}"] if found.error else []
    if (found.image_type or "").upper() != row["type"]:
        problems.append(f"type: camwalk {found.image_type!r}, exiftool {row['type']!r}")
    problems += position_mismatches(row, found)
    problems += bearing_mismatches(row, found)
    problems += time_mismatches(row, found)
    assert not problems, "\n".join(problems)


def test_reference_lists_every_shared_photo():
    if not ROWS:
        pytest.skip(f"no shared photos at {PHOTOS}")
    on_disk = {str(p.relative_to(PHOTOS)) for p in PHOTOS.rglob("*") if p.is_file()}
    assert on_disk - {"reference.csv"} == {row["file"] for row in ROWS}


def test_deliberate_departures_name_real_rows():
    if not ROWS:
        pytest.skip(f"no shared photos at {PHOTOS}")
    files = {row["file"]: row for row in ROWS}
    for file, column in DELIBERATE:
        assert files[file][column], f"{file} has no exiftool {column}: nothing departs"
