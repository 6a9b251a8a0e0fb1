"""Broken, truncated and hostile files: the reader answers, it never raises.

Warnings are errors in this suite (setup.cfg), so a library warning that escaped the reader
would fail these tests too.
"""

import math
import struct
import warnings

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from server.photos import exif_reader
from server.photos.exif_reader import PhotoMetadata, read_photo_file, read_photo_metadata
from server.photos.metadata import jpeg

GPS = {
    "GPSLatitudeRef": "S",
    "GPSLatitude": [(33, 1), (51, 1), (2142, 100)],
    "GPSLongitudeRef": "E",
    "GPSLongitude": [(151, 1), (12, 1), (3960, 100)],
    "GPSAltitudeRef": b"\x00",
    "GPSAltitude": (58, 1),
}
SIGNATURES = [
    b"\xff\xd8\xff\xe1",
    b"\x89PNG\r\n\x1a\n",
    b"RIFF\x00\x00\x00\x00WEBP",
    b"II*\x00",
    b"MM\x00*",
    b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic",
    b"\x00\x00\x00\x0cJXL \r\n\x87\n",
]


def assert_sane(metadata: PhotoMetadata) -> None:
    """A result that can be stored: finite numbers in range, or nothing."""
    assert isinstance(metadata, PhotoMetadata)
    if metadata.lat is not None:
        assert math.isfinite(metadata.lat) and -90 <= metadata.lat <= 90
        assert math.isfinite(metadata.lon) and -180 <= metadata.lon <= 180
    if metadata.altitude_m is not None:
        assert math.isfinite(metadata.altitude_m)
    if metadata.direction_deg is not None:
        assert 0 <= metadata.direction_deg <= 360


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"just some text", "not an image"),
        (b"GIF89a" + b"\x00" * 20, "not an image"),
    ],
)
def test_a_file_that_is_not_a_photo_is_an_error_not_an_exception(data, reason):
    metadata = read_photo_metadata(data)
    assert metadata.error is not None and reason in metadata.error
    assert metadata.image_type is None


@pytest.mark.parametrize("kind", ["jpeg", "png", "webp", "tiff", "heic", "jxl"])
def test_every_truncation_of_a_photo_gives_an_answer(make_photo, kind):
    photo = make_photo(kind, gps=GPS)
    step = max(1, len(photo) // 300)
    for length in range(0, len(photo), step):
        assert_sane(read_photo_metadata(photo[:length]))


def test_a_jpeg_cut_inside_its_exif_keeps_no_half_read_position(make_photo):
    photo = make_photo("jpeg", gps=GPS)
    cut = photo[: photo.index(b"Exif\x00\x00") + 40]  # inside the IFDs
    metadata = read_photo_metadata(cut)
    assert metadata.lat is None
    assert metadata.error is not None or metadata.warnings


@settings(max_examples=200, deadline=None)
@given(signature=st.sampled_from(SIGNATURES), tail=st.binary(max_size=400))
def test_random_bytes_behind_a_real_signature_never_raise(signature, tail):
    assert_sane(read_photo_metadata(signature + tail))


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_flipped_bytes_in_the_exif_never_raise(make_photo, data):
    kind = data.draw(st.sampled_from(["jpeg", "png", "tiff"]))
    photo = bytearray(make_photo(kind, gps=GPS, exif={"DateTimeOriginal": "2024:01:02 03:04:05"}))
    start = photo.find(b"II*\x00")
    for _ in range(data.draw(st.integers(1, 8))):
        position = data.draw(st.integers(start, min(len(photo) - 1, start + 400)))
        photo[position] = data.draw(st.integers(0, 255))
    assert_sane(read_photo_metadata(bytes(photo)))


def test_when_the_exif_package_fails_pillow_still_reads_the_jpeg(make_photo, monkeypatch):
    def truncated(*args, **kwargs):
        raise KeyError("the exif package's error on a truncated segment")

    monkeypatch.setattr(jpeg.exif, "Image", truncated)
    metadata = read_photo_metadata(make_photo("jpeg", gps=GPS))
    assert metadata.lat == pytest.approx(-(33 + 51 / 60 + 21.42 / 3600))
    assert metadata.warnings == ()


def test_pillow_warnings_become_field_warnings(make_photo, exif_block):
    block = bytearray(exif_block(gps=GPS))
    entry = block.find(struct.pack("<HHI", 2, 5, 3))  # GPSLatitude, RATIONAL, 3 values
    block[entry + 8 : entry + 12] = struct.pack("<I", 100_000)  # its values: far past the end
    png = make_photo("png")
    chunk = struct.pack(">I", len(block)) + b"eXIf" + bytes(block) + b"\x00" * 4
    metadata = read_photo_metadata(png[:33] + chunk + png[33:])
    assert metadata.lat is None
    assert [warning.field for warning in metadata.warnings] == ["exif"]
    assert "Truncated File Read" in metadata.warnings[0].message


def test_reading_leaves_the_warning_filters_as_they_were(make_photo):
    before = list(warnings.filters)
    read_photo_metadata(make_photo("jpeg", gps=GPS))
    assert warnings.filters == before


def test_an_unexpected_failure_inside_is_an_error_not_an_exception(monkeypatch):
    def broken(data):
        raise RuntimeError("a bug")

    monkeypatch.setattr(exif_reader, "_read", broken)
    metadata = read_photo_metadata(b"\xff\xd8\xff")
    assert metadata.error is not None and "a bug" in metadata.error


def test_a_png_declaring_gigapixels_is_read_without_decoding_it(exif_block):
    """Pillow's getexif() would decode (or refuse) it; the chunk reader needs no pixels."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + b"\x00" * 4

    header = struct.pack(">IIBBBBB", 40_000, 40_000, 8, 2, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"eXIf", exif_block(gps=GPS))
    metadata = read_photo_metadata(png + chunk(b"IEND", b""))
    assert (metadata.width, metadata.height) == (40_000, 40_000)
    assert metadata.lat == pytest.approx(-(33 + 51 / 60 + 21.42 / 3600))


def test_a_jpeg_declaring_gigapixels_is_read_without_pillow_refusing_it(make_photo):
    photo = bytearray(make_photo("jpeg", gps=GPS))
    sof = photo.index(b"\xff\xc0")
    photo[sof + 5 : sof + 9] = struct.pack(">HH", 30_000, 40_000)  # height, width
    metadata = read_photo_metadata(bytes(photo))
    assert metadata.lat is not None
    assert (metadata.width, metadata.height) == (40_000, 30_000)
    assert metadata.warnings == ()


def test_a_missing_file_is_an_error(tmp_path):
    metadata = read_photo_file(tmp_path / "nowhere.jpg")
    assert metadata.error is not None and "cannot open" in metadata.error
