"""Synthetic photos for the metadata reader's tests, and the shared real photo set.

`make_photo` writes the EXIF block tag by tag (type, count and raw rationals as given), so a
test can hold exactly what a faulty camera would write: 0/0 rationals, INT32_MAX fractions,
missing references, wrong types, either byte order. Tags are given by their EXIF names:

    make_photo("png", gps={"GPSLatitudeRef": "S", "GPSLatitude": [(43, 1), (30, 1), (0, 1)]})

A value's type follows its Python shape: str is ASCII (NUL added), bytes is BYTE, int is SHORT,
an (n, d) tuple is one RATIONAL, a list of them is several; ("TYPE", values) forces a type.
"""

import hashlib
import io
import struct
from pathlib import Path

import pytest
from PIL import ExifTags, Image

from server.extensions import db
from server.photos import queue as photo_queue_module

SHARED_PHOTOS = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "photos"
JXL_SIGNATURE = b"\x00\x00\x00\x0cJXL \r\n\x87\n"
_TYPE_CODES = {"BYTE": 1, "ASCII": 2, "SHORT": 3, "LONG": 4, "RATIONAL": 5, "SRATIONAL": 10}
_PACK = {"SHORT": "H", "LONG": "I", "RATIONAL": "II", "SRATIONAL": "ii"}
_EXIF_POINTER, _GPS_POINTER = 0x8769, 0x8825


def _typed(value):
    if isinstance(value, tuple) and value and isinstance(value[0], str):
        return value
    if isinstance(value, str):
        return "ASCII", value.encode("latin-1") + b"\x00"
    if isinstance(value, bytes):
        return "BYTE", value
    if isinstance(value, int):
        return "SHORT", [value]
    return "RATIONAL", [value] if isinstance(value, tuple) else value


def _entry(tag: int, value, order: str) -> tuple[int, int, int, bytes]:
    type_name, values = _typed(value)
    if isinstance(values, str):
        values = values.encode("latin-1")
    if isinstance(values, bytes):
        return tag, _TYPE_CODES[type_name], len(values), values
    fmt = _PACK[type_name]
    flat = [part for item in values for part in (item if isinstance(item, tuple) else (item,))]
    payload = struct.pack(order + fmt * len(values), *flat)
    return tag, _TYPE_CODES[type_name], len(values), payload


def _ifd(entries: list, start: int, order: str) -> bytes:
    """One IFD at byte `start`, values too long for an entry stored right after it."""
    data_start = start + 2 + 12 * len(entries) + 4
    table, data = struct.pack(order + "H", len(entries)), b""
    for tag, type_code, count, payload in sorted(entries):
        if len(payload) <= 4:
            field = payload.ljust(4, b"\x00")
        else:
            field = struct.pack(order + "I", data_start + len(data))
            data += payload + b"\x00" * (len(payload) % 2)
        table += struct.pack(order + "HHI", tag, type_code, count) + field
    return table + struct.pack(order + "I", 0) + data


def build_tiff(gps=None, exif=None, ifd0=None, order="<", image=False) -> bytes:
    """A TIFF-structured EXIF block; with image=True also a valid 1x1 grey TIFF file."""
    named = [(ExifTags.Base[name], value) for name, value in (ifd0 or {}).items()]
    if image:  # one grey pixel, stored at byte 8, just after the header
        named += [(256, 1), (257, 1), (258, 8), (262, 1), (273, ("LONG", [8])), (279, 1)]
    ifd0_entries = [_entry(tag, value, order) for tag, value in named]
    exif_entries = [_entry(ExifTags.Base[n], v, order) for n, v in (exif or {}).items()]
    gps_entries = [_entry(ExifTags.GPS[n], v, order) for n, v in (gps or {}).items()]
    pointers = [(_EXIF_POINTER, exif_entries), (_GPS_POINTER, gps_entries)]
    pointers = [(tag, entries) for tag, entries in pointers if entries]
    placeholder = [_entry(tag, ("LONG", [0]), order) for tag, _ in pointers]
    offset = 10 + len(_ifd(ifd0_entries + placeholder, 10, order))
    blocks = []
    for tag, entries in pointers:
        ifd0_entries.append(_entry(tag, ("LONG", [offset]), order))
        blocks.append(_ifd(entries, offset, order))
        offset += len(blocks[-1])
    header = (b"II*\x00" if order == "<" else b"MM\x00*") + struct.pack(order + "I", 10)
    return header + b"\x80\x00" + _ifd(ifd0_entries, 10, order) + b"".join(blocks)


def _jxl(tiff: bytes) -> bytes:
    def box(box_type: bytes, payload: bytes) -> bytes:
        return struct.pack(">I", 8 + len(payload)) + box_type + payload

    codestream = b"\xff\x0a" + b"\x00" * 14  # never decoded by the reader
    return (
        JXL_SIGNATURE
        + box(b"ftyp", b"jxl \x00\x00\x00\x00jxl ")
        + box(b"Exif", b"\x00\x00\x00\x00" + tiff)
        + box(b"jxlc", codestream)
    )


def make_photo_bytes(kind="jpeg", size=(16, 8), order="<", **tags) -> bytes:
    """An image of `kind` carrying the given EXIF tags (see the module docstring)."""
    if kind == "tiff":
        return build_tiff(order=order, image=True, **tags)
    tiff = build_tiff(order=order, **tags)
    if kind == "jxl":
        return _jxl(tiff)
    buffer = io.BytesIO()
    pillow_format = {"heic": "HEIF"}.get(kind, kind.upper())
    Image.new("RGB", size, "grey").save(buffer, pillow_format, exif=b"Exif\x00\x00" + tiff)
    return buffer.getvalue()


@pytest.fixture
def make_photo():
    return make_photo_bytes


@pytest.fixture
def exif_block():
    return build_tiff


@pytest.fixture
def shared_photos() -> Path:
    if not SHARED_PHOTOS.is_dir():
        pytest.skip(f"shared photo set not found at {SHARED_PHOTOS}")
    return SHARED_PHOTOS


@pytest.fixture
def queued(app):
    """The app with a real queue (SQLite file or PostgreSQL tables, as the engine): uploads
    answer without preparing, and the test plays the worker. Yields the huey instance."""
    app.config["PHOTO_QUEUE_IMMEDIATE"] = False
    for key in [k for k in app.extensions if k.startswith("camwalk_photo_queue")]:
        del app.extensions[key]
    queue = photo_queue_module.photo_queue()
    # The test plays the worker, so it never waits for a job to come: on PostgreSQL a
    # blocking dequeue of an empty queue listens a whole second (huey's read_timeout) for a
    # NOTIFY, which ended every run_queued_jobs and cost the photo tests a second each.
    queue.storage.blocking = False
    queue.flush()
    yield queue
    queue.flush()
    queue.storage.close()
    app.config["PHOTO_QUEUE_IMMEDIATE"] = True
    for key in [k for k in app.extensions if k.startswith("camwalk_photo_queue")]:
        del app.extensions[key]
    db.session.rollback()


def run_queued_jobs(queue) -> int:
    """Run what is queued, as `camwalk worker` would, until nothing is left."""
    done = 0
    while (task := queue.dequeue()) is not None:
        queue.execute(task)
        done += 1
    return done


def dms(value: float) -> list[tuple[int, int]]:
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = round(((value - degrees) * 60 - minutes) * 60 * 10_000)
    return [(degrees, 1), (minutes, 1), (seconds, 10_000)]


@pytest.fixture
def photo_at(client, group, make_photo):
    """Upload a JPEG taken at (lat, lon) at `clock` on 21 November 2026; returns its hash."""
    counter = iter(range(8, 100))

    def upload(lat=None, lon=None, clock="09:14:00", direction=None):
        gps = {}
        if lat is not None:
            gps = {"GPSLatitudeRef": "N", "GPSLatitude": dms(lat)}
            gps |= {"GPSLongitudeRef": "E", "GPSLongitude": dms(lon)}
        if direction is not None:
            gps |= {"GPSImgDirectionRef": "T", "GPSImgDirection": (int(direction * 100), 100)}
        exif = {"DateTimeOriginal": f"2026:11:21 {clock}"}
        data = make_photo("jpeg", size=(next(counter), 8), gps=gps or None, exif=exif)
        digest = hashlib.sha256(data).hexdigest()
        response = client.put(f"/api/v1/photos/{digest}", data=data, headers=group.headers())
        assert response.status_code == 201, response.json
        return digest

    return upload
