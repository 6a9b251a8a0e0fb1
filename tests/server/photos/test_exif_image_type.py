"""Sniffing the image type from the bytes, as the upload endpoint will."""

import pytest

from server.photos.exif_reader import IMAGE_MIME_TYPES, detect_image_type


def ftyp(major: bytes, *compatible: bytes) -> bytes:
    body = b"ftyp" + major + b"\x00\x00\x00\x00" + b"".join(compatible)
    return (len(body) + 4).to_bytes(4, "big") + body + b"\x00\x00\x00\x08meta"


# (case, first bytes, expected type)
SIGNATURES = [
    ("JPEG/JFIF", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "jpeg"),
    ("JPEG/Exif", b"\xff\xd8\xff\xe1\x1c\x45Exif\x00\x00", "jpeg"),
    ("PNG", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "png"),
    ("WebP", b"RIFF\x24\x00\x00\x00WEBPVP8 ", "webp"),
    ("little-endian TIFF", b"II*\x00\x08\x00\x00\x00", "tiff"),
    ("big-endian TIFF", b"MM\x00*\x00\x00\x00\x08", "tiff"),
    ("BigTIFF", b"II+\x00\x08\x00\x00\x00", "tiff"),
    ("JPEG XL codestream", b"\xff\x0a\xfa\x1f", "jxl"),
    ("JPEG XL container", b"\x00\x00\x00\x0cJXL \r\n\x87\n\x00\x00\x00\x14ftypjxl ", "jxl"),
    ("iPhone HEIC", ftyp(b"heic", b"mif1", b"heic"), "heic"),
    ("generic HEIF naming HEVC among its brands", ftyp(b"mif1", b"mif1", b"heic"), "heic"),
    ("generic HEIF", ftyp(b"mif1", b"mif1", b"miaf"), "heif"),
    ("AVIF", ftyp(b"avif", b"mif1", b"miaf"), "avif"),
    ("generic HEIF naming AV1 among its brands", ftyp(b"mif1", b"avif", b"mif1"), "avif"),
    ("MP4 video", ftyp(b"isom", b"isom", b"mp41"), None),
    ("QuickTime video", ftyp(b"qt  ", b"qt  "), None),
    ("GIF", b"GIF89a\x01\x00\x01\x00", None),
    ("WAV in a RIFF", b"RIFF\x24\x00\x00\x00WAVEfmt ", None),
    ("PDF", b"%PDF-1.7\n", None),
    ("text", b"latitude=43.29\n", None),
    ("two JPEG bytes only", b"\xff\xd8", None),
    ("empty", b"", None),
]


@pytest.mark.parametrize(
    ("head", "expected"), [pytest.param(*row[1:], id=row[0]) for row in SIGNATURES]
)
def test_type_is_sniffed_from_the_first_bytes(head, expected):
    assert detect_image_type(head) == expected


def test_what_follows_the_signature_does_not_matter():
    assert detect_image_type(b"\x89PNG\r\n\x1a\n" + b"\xff" * 1000) == "png"


@pytest.mark.parametrize("kind", ["jpeg", "png", "webp", "tiff", "heic", "avif", "jxl"])
def test_photos_written_by_real_encoders_are_recognised(make_photo, kind):
    assert detect_image_type(make_photo(kind)) == kind


def test_every_detected_type_has_a_mime_type():
    detected = {row[2] for row in SIGNATURES} - {None}
    assert detected <= IMAGE_MIME_TYPES.keys()
    assert IMAGE_MIME_TYPES["heic"] == "image/heic"
    assert IMAGE_MIME_TYPES["jpeg"] == "image/jpeg"
