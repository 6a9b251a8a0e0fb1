"""JPEG: the APP1 Exif segment, read by the ``exif`` package, else by Pillow's parser.

The ``exif`` package is the project's first choice for JPEG; when it fails, or returns a
value of a type the spec does not give the tag, Pillow's parser reads the same segment.
A JPEG whose marker structure is broken is handed to Pillow whole (or rather its start).
"""

import struct
from dataclasses import dataclass
from enum import IntEnum

import exif

from server.photos.metadata.notes import Notes
from server.photos.metadata.pillow_open import read_with_pillow
from server.photos.metadata.records import Found
from server.photos.metadata.tiff import RATIONAL_NAMES, TAG_NAMES, found_in_block

_SALVAGE_BYTES = 1 << 18  # of a broken JPEG, Pillow reads this much: 256 KiB
# Start-of-frame markers, which carry the image size: C0-CF except DHT, JPG and DAC.
_SOF_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


@dataclass
class _Headers:
    exif: bytes | None = None  # the APP1 Exif segment, marker and length included
    size: tuple[int | None, int | None] = (None, None)
    complete: bool = False  # the walk reached the image data: no metadata was skipped


def read_jpeg(data: bytes, notes: Notes) -> Found | str:
    headers = _headers(data)
    if headers.exif is not None:
        tags = _tags_from_exif_package(headers.exif)
        if tags is not None:
            return Found(tags, *headers.size)
        return found_in_block(headers.exif[10:], notes, *headers.size)  # Pillow's parser
    if headers.complete:
        return Found({}, *headers.size)
    # Broken marker structure: Pillow hunts for markers byte by byte, which on a corrupt
    # multi-megabyte upload takes seconds, so it only gets the part metadata can live in.
    return read_with_pillow(data[:_SALVAGE_BYTES], "jpeg", notes)


def _headers(data: bytes) -> _Headers:
    """Walk the JPEG's marker segments up to the image data.

    Handing the ``exif`` package only the Exif segment spares it a Python-speed scan of the
    whole file, and its search (two bytes at a time) can no longer miss an APP1 that starts
    at an odd offset; the frame header gives the size without asking Pillow to open the file.
    """
    headers, offset = _Headers(), 2
    while offset + 4 <= len(data):
        if data[offset] != 0xFF:
            return headers
        marker = data[offset + 1]
        if marker == 0xFF:  # fill byte before a marker
            offset += 1
        elif marker in (0xD9, 0xDA):  # end of image, start of scan: no metadata beyond
            headers.complete = True
            return headers
        elif 0xD0 <= marker <= 0xD7 or marker == 0x01:  # markers without a length
            offset += 2
        else:
            end = offset + 2 + int.from_bytes(data[offset + 2 : offset + 4], "big")
            if (
                marker == 0xE1
                and headers.exif is None
                and data[offset + 4 : offset + 10] == b"Exif\x00\x00"
            ):
                headers.exif = data[offset:end]
            elif marker in _SOF_MARKERS and headers.size == (None, None) and end <= len(data):
                height, width = struct.unpack_from(">HH", data, offset + 5)
                headers.size = (width, height)
            offset = end
    return headers


def _tags_from_exif_package(segment: bytes) -> dict[str, object] | None:
    """Tags read by the ``exif`` package, or None to have Pillow's parser read the segment.

    Any exception (KeyError on truncated segments, plum's errors on garbage, ValueError for
    enum values outside the spec, ZeroDivisionError for n/0) or warning ("skipping bad IFD")
    hands the segment to Pillow, which keeps raw values and says what it skipped. So does a
    tag of a type the spec does not give it: exif 1.6.1 misreads SHORT or LONG arrays (it
    returns their offset) and reads 0/0 as the int 0, indistinguishable from a real SHORT 0.
    """
    attempt = Notes()
    tags: dict[str, object] = {}
    try:
        with attempt.catching("exif"):
            image = exif.Image(b"\xff\xd8" + segment + b"\xff\xd9")
            values = {name: image.get(name) for name in TAG_NAMES} if image.has_exif else {}
    except Exception:  # see docstring: any failure means "let Pillow try"
        return None
    if not values or attempt.items:
        return None
    for name, value in values.items():  # .get() above: absent tags raise AttributeError
        if not _has_spec_type(name, value):
            return None
        if value is not None:
            tags[name] = int(value) if isinstance(value, IntEnum) else value
    return tags


def _has_spec_type(name: str, value: object) -> bool:
    """Whether the exif package's value looks like what it makes of a well-typed tag."""
    if value is None:
        return True
    if name in RATIONAL_NAMES:  # every real RATIONAL becomes a float
        parts = value if isinstance(value, tuple) else (value,)
        return all(type(part) is float for part in parts)
    if name in ("gps_altitude_ref", "orientation"):  # BYTE and SHORT codes
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, str)
