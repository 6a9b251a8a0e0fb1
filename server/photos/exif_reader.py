"""Read where, when and which way a photo was taken, from the photo's bytes alone.

The upload endpoint and the ``camwalk exif`` command both call :func:`read_photo_metadata`,
which never raises: a damaged file gives a partial :class:`PhotoMetadata` whose ``warnings``
name the fields that could not be trusted, or an ``error`` when the file cannot be read at all.

Readers: for JPEG, the ``exif`` package (the project's first choice) on the APP1 Exif
segment, then Pillow's EXIF parser on the same segment when the package fails; Pillow's
Image.open for TIFF, WebP, AVIF, HEIC/HEIF (through pillow-heif) and JPEGs whose markers are
broken; Pillow's EXIF parser on the block of a PNG eXIf chunk or a JPEG XL ``Exif`` box; and
last the XMP packet (``xmp.py``) when the EXIF holds no position. Every reader turns its tags
into one shape (``exif`` package names, plain numbers, :data:`UNDEFINED` for 0/0) so that one
set of rules decides signs, ranges and warnings. exiftool 12.57 is the reference for those
rules; tests compare this module with it over the shared photo set.
"""

import io
import math
import re
import struct
import threading
import warnings
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from enum import IntEnum
from pathlib import Path

import exif
import pillow_heif
from PIL import ExifTags, Image, TiffImagePlugin

from server.photos import xmp

pillow_heif.register_heif_opener()

# Sniffed type names; every one of them is also the subtype of its MIME type.
IMAGE_TYPES = ("jpeg", "png", "webp", "tiff", "heic", "heif", "avif", "jxl")
IMAGE_MIME_TYPES = {kind: f"image/{kind}" for kind in IMAGE_TYPES}

# ISO BMFF brands: the specific ones name the codec; mif1/msf1 only say "some HEIF".
_FTYP_BRANDS = {
    **dict.fromkeys([b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx"], "heic"),
    **dict.fromkeys([b"avif", b"avis"], "avif"),
    **dict.fromkeys([b"mif1", b"msf1"], "heif"),
}
_JXL_CONTAINER = b"\x00\x00\x00\x0cJXL \r\n\x87\n"

_GPS_NAMES = {
    1: "gps_latitude_ref",
    2: "gps_latitude",
    3: "gps_longitude_ref",
    4: "gps_longitude",
    5: "gps_altitude_ref",
    6: "gps_altitude",
    7: "gps_timestamp",
    16: "gps_img_direction_ref",
    17: "gps_img_direction",
    29: "gps_datestamp",
}
_EXIF_IFD_NAMES = {0x9003: "datetime_original", 0x9011: "offset_time_original"}
_IFD0_NAMES = {0x010F: "make", 0x0110: "model", 0x0112: "orientation"}
_TAG_NAMES = (*_IFD0_NAMES.values(), *_EXIF_IFD_NAMES.values(), *_GPS_NAMES.values())
_RATIONAL_NAMES = {
    "gps_latitude",
    "gps_longitude",
    "gps_altitude",
    "gps_img_direction",
    "gps_timestamp",
}

_MAX_WARNINGS = 20  # a crafted file can make Pillow warn thousands of times
_JPEG_SALVAGE_BYTES = 1 << 18  # of a broken JPEG, Pillow reads this much: 256 KiB
# Start-of-frame markers, which carry the image size: C0-CF except DHT, JPG and DAC.
_SOF_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_EXIF_DATETIME = re.compile(r"(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})")
_EXIF_DATE = re.compile(r"(\d{4})[:-](\d{2})[:-](\d{2})")
_OFFSET = re.compile(r"([+-])(\d{2}):(\d{2})")


class _Undefined:
    """A rational written as 0/0 or n/0: EXIF's way of saying "unknown"."""

    def __repr__(self) -> str:
        return "UNDEFINED"


UNDEFINED = _Undefined()


@dataclass(frozen=True)
class FieldWarning:
    """Something wrong with one field; the rest of the result still stands."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


@dataclass(frozen=True)
class PhotoMetadata:
    """What a photo says about itself. ``None`` means absent or not trustworthy."""

    image_type: str | None = None  # a key of IMAGE_MIME_TYPES, sniffed from the bytes
    lat: float | None = None  # WGS84 degrees, south negative
    lon: float | None = None  # WGS84 degrees, west negative
    gps_source: str | None = None  # "exif" or "xmp": where the position came from
    altitude_m: float | None = None  # metres, below sea level negative
    direction_deg: float | None = None  # GPSImgDirection, clockwise from north
    direction_ref: str | None = None  # "T" true north, "M" magnetic north
    taken_at: datetime | None = None  # DateTimeOriginal; aware when OffsetTimeOriginal is known
    gps_date: date | None = None  # GPSDateStamp (UTC)
    gps_time: time | None = None  # GPSTimeStamp, tzinfo=UTC
    make: str | None = None
    model: str | None = None
    width: int | None = None
    height: int | None = None
    orientation: int | None = None  # EXIF 1-8
    warnings: tuple[FieldWarning, ...] = ()
    error: str | None = None  # set when the file could not be read at all

    @property
    def has_position(self) -> bool:
        return self.lat is not None and self.lon is not None

    @property
    def gps_datetime(self) -> datetime | None:
        """The GPS fix time in UTC, when both its date and its time were recorded."""
        if self.gps_date is None or self.gps_time is None:
            return None
        return datetime.combine(self.gps_date, self.gps_time)


def detect_image_type(data: bytes) -> str | None:
    """Name the image format from its first bytes (never from a file name), or None."""
    head = bytes(data[:32])
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        return "tiff"
    if head.startswith((b"\xff\x0a", _JXL_CONTAINER)):
        return "jxl"
    if head[4:8] == b"ftyp":
        return _ftyp_type(data)
    return None


def _ftyp_type(data: bytes) -> str | None:
    size = int.from_bytes(data[:4], "big")
    major = bytes(data[8:12])
    if _FTYP_BRANDS.get(major) not in (None, "heif"):
        return _FTYP_BRANDS[major]
    compatible = bytes(data[16 : min(size, 256)])
    brands = {compatible[i : i + 4] for i in range(0, len(compatible) - 3, 4)}
    for kind in ("avif", "heic"):
        if any(_FTYP_BRANDS.get(brand) == kind for brand in brands):
            return kind
    if major in _FTYP_BRANDS or brands & _FTYP_BRANDS.keys():
        return "heif"
    return None  # an MP4 or QuickTime video, say


def read_photo_file(path: str | Path) -> PhotoMetadata:
    """:func:`read_photo_metadata` on a file; an unreadable file gives an ``error``."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return PhotoMetadata(error=f"cannot open file: {exc.strerror or exc}")
    return read_photo_metadata(data)


def read_photo_metadata(data: bytes) -> PhotoMetadata:
    """Read position, altitude, direction and times from an image's bytes. Never raises."""
    try:
        return _read(bytes(data))
    except Exception as exc:  # the contract is "never raises": a bug must not fail an upload
        return PhotoMetadata(error=f"unexpected {type(exc).__name__} while reading: {exc}")


# --- collecting warnings -------------------------------------------------------------------

# catch_warnings swaps process-wide state; the lock stops two readers in two threads from
# restoring each other's filters. Reads take a millisecond, so serialising them costs little.
_WARNINGS_LOCK = threading.RLock()


class _Notes:
    def __init__(self) -> None:
        self.items: list[FieldWarning] = []

    def warn(self, field: str, message: str) -> None:
        item = FieldWarning(field, message)
        if item not in self.items and len(self.items) < _MAX_WARNINGS:
            self.items.append(item)

    def extend(self, other: "_Notes", prefix: str = "") -> None:
        for item in other.items:
            self.warn(item.field, prefix + item.message)

    @contextmanager
    def catching(self, field: str) -> Iterator[None]:
        """Turn library warnings (Pillow's on broken files, say) into warnings on ``field``."""
        with _WARNINGS_LOCK, warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            # We never decode pixels, so a huge image is no bomb for this reader.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            # The exif package warns when an ASCII tag's NUL is not where its count says;
            # the text still reads right, exiftool stays silent, and Nikons all do it.
            warnings.filterwarnings("ignore", "ASCII tag contains", RuntimeWarning)
            try:
                yield
            finally:
                for item in caught:
                    self.warn(field, f"{item.category.__name__}: {item.message}")


# --- finding the tags ----------------------------------------------------------------------


@dataclass
class _Found:
    tags: dict[str, object]
    width: int | None = None
    height: int | None = None


def _read(data: bytes) -> PhotoMetadata:
    kind = detect_image_type(data)
    if kind is None:
        reason = "empty file" if not data else "not an image type camwalk reads"
        return PhotoMetadata(error=f"{reason} (JPEG, PNG, WebP, HEIC/HEIF, AVIF, TIFF, JPEG XL)")
    notes = _Notes()
    found = _read_exif(data, kind, notes)
    if isinstance(found, str):
        return PhotoMetadata(image_type=kind, warnings=tuple(notes.items), error=found)
    fields = _decode_gps(found.tags, notes)
    fields["gps_source"] = "exif" if fields["lat"] is not None else None
    if fields["lat"] is None:
        _merge_xmp(data, fields, notes)
    fields.update(_decode_camera(found.tags, notes))
    return PhotoMetadata(
        image_type=kind,
        width=found.width,
        height=found.height,
        warnings=tuple(notes.items),
        **fields,
    )


def _read_exif(data: bytes, kind: str, notes: _Notes) -> _Found | str:
    """The EXIF tags of the file, or a message saying why the file cannot be read."""
    if kind == "jpeg":
        return _read_jpeg(data, notes)
    if kind == "png":
        return _read_png(data, notes)
    if kind == "jxl":
        return _read_jxl(data, notes)
    return _read_with_pillow(data, kind, notes)


@dataclass
class _JpegHeaders:
    exif: bytes | None = None  # the APP1 Exif segment, marker and length included
    size: tuple[int | None, int | None] = (None, None)
    complete: bool = False  # the walk reached the image data: no metadata was skipped


def _read_jpeg(data: bytes, notes: _Notes) -> _Found | str:
    headers = _jpeg_headers(data)
    if headers.exif is not None:
        tags = _tags_from_exif_package(headers.exif)
        if tags is not None:
            return _Found(tags, *headers.size)
        return _found_in_block(headers.exif[10:], notes, *headers.size)  # Pillow's parser
    if headers.complete:
        return _Found({}, *headers.size)
    # Broken marker structure: Pillow hunts for markers byte by byte, which on a corrupt
    # multi-megabyte upload takes seconds, so it only gets the part metadata can live in.
    return _read_with_pillow(data[:_JPEG_SALVAGE_BYTES], "jpeg", notes)


def _jpeg_headers(data: bytes) -> _JpegHeaders:
    """Walk the JPEG's marker segments up to the image data.

    Handing the ``exif`` package only the Exif segment spares it a Python-speed scan of the
    whole file, and its search (two bytes at a time) can no longer miss an APP1 that starts
    at an odd offset; the frame header gives the size without asking Pillow to open the file.
    """
    headers, offset = _JpegHeaders(), 2
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
    attempt = _Notes()
    tags: dict[str, object] = {}
    try:
        with attempt.catching("exif"):
            image = exif.Image(b"\xff\xd8" + segment + b"\xff\xd9")
            values = {name: image.get(name) for name in _TAG_NAMES} if image.has_exif else {}
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
    if name in _RATIONAL_NAMES:  # every real RATIONAL becomes a float
        parts = value if isinstance(value, tuple) else (value,)
        return all(type(part) is float for part in parts)
    if name in ("gps_altitude_ref", "orientation"):  # BYTE and SHORT codes
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, str)


def _read_with_pillow(data: bytes, kind: str, notes: _Notes) -> _Found | str:
    try:
        with notes.catching("file"):
            image = Image.open(io.BytesIO(data), formats=[_pillow_format(kind)])
    except Exception as exc:  # Pillow raises many types (OSError, SyntaxError, struct.error...)
        return f"cannot read this {kind.upper()} file: {type(exc).__name__}: {exc}"
    with image:
        width, height = image.size
        try:
            with notes.catching("exif"):
                tags = _tags_from_pillow(image.getexif())
        except Exception as exc:
            notes.warn("exif", f"EXIF unreadable: {type(exc).__name__}: {exc}")
            tags = {}
    return _Found(tags, width, height)


def _pillow_format(kind: str) -> str:
    # Naming the plugin stops Image.open from trying every format it knows (EPS, for one,
    # hands the bytes to Ghostscript); pillow-heif reads HEIC and generic HEIF alike.
    return "HEIF" if kind in ("heic", "heif") else kind.upper()


def _tags_from_pillow(exif_data: Image.Exif) -> dict[str, object]:
    tags = {name: exif_data[tag] for tag, name in _IFD0_NAMES.items() if tag in exif_data}
    for ifd, names in ((ExifTags.IFD.Exif, _EXIF_IFD_NAMES), (ExifTags.IFD.GPSInfo, _GPS_NAMES)):
        values = exif_data.get_ifd(ifd)
        tags.update((name, values[tag]) for tag, name in names.items() if tag in values)
    return {name: _from_pillow(value) for name, value in tags.items()}


def _from_pillow(value: object) -> object:
    if isinstance(value, TiffImagePlugin.IFDRational):
        return UNDEFINED if value.denominator == 0 else float(value)
    if isinstance(value, tuple):
        return tuple(_from_pillow(part) for part in value)
    return value


def _read_png(data: bytes, notes: _Notes) -> _Found | str:
    """Tags from the eXIf chunk, read without Image.open.

    Pillow's PNG getexif() decodes every pixel when the chunk is missing or sits after the
    image data (a legal place), which for a large upload costs seconds and hundreds of MB.
    """
    if len(data) < 24 or data[12:16] != b"IHDR":
        return "cannot read this PNG file: it does not start with an IHDR chunk"
    width, height = struct.unpack_from(">II", data, 16)
    offset = 8
    while offset + 8 <= len(data):
        length, chunk_type = struct.unpack_from(">I4s", data, offset)
        if chunk_type == b"eXIf":
            return _found_in_block(data[offset + 8 : offset + 8 + length], notes, width, height)
        if chunk_type == b"IEND":
            break
        offset += 12 + length  # length, type, data, CRC
    return _Found({}, width, height)


def _read_jxl(data: bytes, notes: _Notes) -> _Found | str:
    if not data.startswith(_JXL_CONTAINER):
        return _Found({})  # a bare codestream has nowhere to keep metadata
    try:
        block = _jxl_exif_block(data, notes)
    except ValueError as exc:
        return f"cannot read this JXL file: {exc}"
    return _Found({}) if block is None else _found_in_block(block, notes)


def _found_in_block(
    block: bytes, notes: _Notes, width: int | None = None, height: int | None = None
) -> _Found:
    """Tags from a TIFF-structured EXIF block; a broken block is a warning, not an error."""
    try:
        with notes.catching("exif"):
            exif_data = Image.Exif()
            exif_data.load(block)
            return _Found(_tags_from_pillow(exif_data), width, height)
    except Exception as exc:
        notes.warn("exif", f"EXIF unreadable: {type(exc).__name__}: {exc}")
        return _Found({}, width, height)


def _jxl_exif_block(data: bytes, notes: _Notes) -> bytes | None:
    """The TIFF-structured EXIF from a JPEG XL container's ``Exif`` box (ISO 18181-2)."""
    for box_type, payload in _iso_boxes(data):
        if box_type == b"Exif" and len(payload) >= 4:
            return payload[4 + int.from_bytes(payload[:4], "big") :]
        if box_type == b"brob" and payload[:4] == b"Exif":
            notes.warn("exif", "the Exif box is Brotli-compressed, which camwalk cannot read")
            return None
    return None


def _iso_boxes(data: bytes) -> Iterator[tuple[bytes, bytes]]:
    offset = 0
    while offset + 8 <= len(data):
        size, box_type = struct.unpack_from(">I4s", data, offset)
        header = 8
        if size == 1 and offset + 16 <= len(data):
            size, header = struct.unpack_from(">Q", data, offset + 8)[0], 16
        elif size == 0:  # "runs to the end of the file"
            size = len(data) - offset
        if size < header or offset + size > len(data):
            raise ValueError(f"box {box_type!r} at byte {offset} runs past the end of the file")
        yield box_type, data[offset + header : offset + size]
        offset += size


def _merge_xmp(data: bytes, fields: dict[str, object], notes: _Notes) -> None:
    """Fill what the EXIF left empty from the XMP packet, if that gives a position."""
    tags, problems = xmp.gps_tags(data)
    for problem in problems:
        notes.warn("xmp", problem)
    xmp_notes = _Notes()
    found = _decode_gps(tags, xmp_notes)
    notes.extend(xmp_notes, prefix="in XMP, ")
    if found["lat"] is None:
        return
    for name, value in found.items():
        if fields.get(name) is None:
            fields[name] = value
    fields["gps_source"] = "xmp"


# --- decoding tag values -------------------------------------------------------------------


class _Unusable(ValueError):
    """A tag value that cannot be turned into the number or text it should be."""


def _decode_gps(tags: Mapping[str, object], notes: _Notes) -> dict[str, object]:
    lat, lon = _decode_position(tags, notes) or (None, None)
    direction, direction_ref = _decode_direction(tags, notes)
    return {
        "lat": lat,
        "lon": lon,
        "altitude_m": _decode_altitude(tags, notes),
        "direction_deg": direction,
        "direction_ref": direction_ref,
        "gps_date": _decode_gps_date(tags, notes),
        "gps_time": _decode_gps_time(tags, notes),
    }


def _decode_camera(tags: Mapping[str, object], notes: _Notes) -> dict[str, object]:
    return {
        "taken_at": _decode_taken_at(tags, notes),
        "make": _text(tags.get("make")),
        "model": _text(tags.get("model")),
        "orientation": _decode_orientation(tags, notes),
    }


def _number(value: object) -> float:
    if isinstance(value, tuple) and len(value) == 1:
        value = value[0]
    if value is UNDEFINED:
        raise _Unusable("undefined (a rational with a zero denominator)")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _Unusable(f"not a number ({type(value).__name__} {value!r:.40})")
    if not math.isfinite(value):
        raise _Unusable(f"not a finite number ({value})")
    return float(value)


def _text(value: object) -> str | None:
    """An ASCII tag's text: up to its first NUL (as exiftool reads it), without padding."""
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    if not isinstance(value, str):
        return None
    return value.split("\x00", 1)[0].strip() or None


def _decode_position(tags: Mapping[str, object], notes: _Notes) -> tuple[float, float] | None:
    if tags.get("gps_latitude") is None and tags.get("gps_longitude") is None:
        return None
    lat = _coordinate(tags, "latitude", "NS", 90.0, notes)
    lon = _coordinate(tags, "longitude", "EW", 180.0, notes)
    if lat is None or lon is None:
        return None
    if lat == 0 and lon == 0:
        # Cameras without a fix write zeros; no surveyed camera stands in the Gulf of Guinea.
        notes.warn("position", "0,0 is what cameras without a GPS fix write; ignored")
        return None
    return lat, lon


def _coordinate(
    tags: Mapping[str, object], axis: str, letters: str, limit: float, notes: _Notes
) -> float | None:
    raw, ref = tags.get(f"gps_{axis}"), tags.get(f"gps_{axis}_ref")
    if raw is None:
        notes.warn("position", f"{axis} is missing")
        return None
    try:
        degrees = _degrees(raw)
    except _Unusable as exc:
        notes.warn("position", f"{axis}: {exc}")
        return None
    letter = _text(ref)
    if letter is None:
        # Guessing N or E would put a camera in the wrong hemisphere without anyone noticing.
        notes.warn("position", f"{axis} reference ({'/'.join(letters)}) is missing: no position")
        return None
    if letter[0].upper() not in letters:
        notes.warn("position", f"{axis} reference {letter!r} is not {'/'.join(letters)}")
        return None
    if degrees > limit:
        notes.warn("position", f"{axis} {degrees:.6f} is out of range")
        return None
    return -degrees if letter[0].upper() == letters[1] else degrees


def _degrees(raw: object) -> float:
    """Degrees from (d, m, s), (d, m) or (d,): writers use all three shapes."""
    parts = raw if isinstance(raw, tuple) else (raw,)
    if not 1 <= len(parts) <= 3:
        raise _Unusable(f"expected 1 to 3 numbers, found {len(parts)}")
    numbers = [_number(part) for part in parts]
    if any(number < 0 for number in numbers):
        raise _Unusable("negative degrees, minutes or seconds")
    return sum(number / 60**index for index, number in enumerate(numbers))


def _decode_altitude(tags: Mapping[str, object], notes: _Notes) -> float | None:
    if tags.get("gps_altitude") is None:
        return None
    try:
        metres = _number(tags["gps_altitude"])
    except _Unusable as exc:
        notes.warn("altitude_m", str(exc))
        return None
    ref = tags.get("gps_altitude_ref")
    if ref is None:
        notes.warn("altitude_m", "reference missing: read as above sea level, like exiftool")
        return metres
    code = _small_int(ref)
    if code not in (0, 1):
        notes.warn("altitude_m", f"reference {ref!r} is neither above (0) nor below (1) sea level")
        return None
    return -metres if code == 1 else metres


def _small_int(value: object) -> int | None:
    """An integer code as BYTE (bytes), SHORT (int) or XMP text may carry it."""
    if isinstance(value, tuple) and len(value) == 1:
        value = value[0]
    if isinstance(value, bytes) and len(value) == 1:
        return value[0]
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return None


def _decode_direction(
    tags: Mapping[str, object], notes: _Notes
) -> tuple[float | None, str | None]:
    if tags.get("gps_img_direction") is None:
        return None, None  # a lone reference (Nikons write an empty one) says nothing
    try:
        degrees = _number(tags["gps_img_direction"])
    except _Unusable as exc:
        notes.warn("direction", str(exc))
        return None, None
    if not 0 <= degrees <= 360:
        notes.warn("direction", f"{degrees} is outside 0-360 degrees")
        return None, None
    ref = (_text(tags.get("gps_img_direction_ref")) or "").upper()
    if ref not in ("T", "M"):
        notes.warn("direction", "reference is neither T (true) nor M (magnetic) north")
        return degrees, None
    return degrees, ref


def _decode_gps_date(tags: Mapping[str, object], notes: _Notes) -> date | None:
    raw = _text(tags.get("gps_datestamp"))
    if raw is None:
        return None
    match = _EXIF_DATE.fullmatch(raw)
    try:
        return date(*map(int, match.groups()))  # type: ignore[union-attr]
    except (AttributeError, ValueError):
        notes.warn("gps_date", f"{raw!r:.40} is not a date")
        return None


def _decode_gps_time(tags: Mapping[str, object], notes: _Notes) -> time | None:
    raw = tags.get("gps_timestamp")
    if raw is None:
        return None
    try:
        parts = raw if isinstance(raw, tuple) else (raw,)
        if len(parts) != 3:
            raise _Unusable(f"expected hours, minutes and seconds, found {len(parts)} numbers")
        hours, minutes, seconds = (_number(part) for part in parts)
    except _Unusable as exc:
        notes.warn("gps_time", str(exc))
        return None
    # Summed like exiftool, which copes with writers that put fractions in hours or minutes.
    micros = round((hours * 3600 + minutes * 60 + seconds) * 1_000_000)
    if not 0 <= micros < 86_400_000_000:
        notes.warn("gps_time", f"{hours}:{minutes}:{seconds} is not a time of day")
        return None
    moment = datetime.min + timedelta(microseconds=micros)
    return moment.time().replace(tzinfo=UTC)


def _decode_taken_at(tags: Mapping[str, object], notes: _Notes) -> datetime | None:
    raw = _text(tags.get("datetime_original"))
    if raw is None or not raw.strip(" :0"):
        return None  # blank or all zeros: the spec's spelling of "unknown"
    match = _EXIF_DATETIME.fullmatch(raw)
    try:
        taken_at = datetime(*map(int, match.groups()))  # type: ignore[union-attr]
    except (AttributeError, ValueError):
        notes.warn("taken_at", f"{raw!r:.40} is not an EXIF date and time")
        return None
    offset = _decode_offset(tags, notes)
    return taken_at.replace(tzinfo=offset) if offset else taken_at


def _decode_offset(tags: Mapping[str, object], notes: _Notes) -> timezone | None:
    raw = _text(tags.get("offset_time_original"))
    if raw is None or not raw.strip(" :"):
        return None
    match = _OFFSET.fullmatch(raw)
    try:
        sign, hours, minutes = match.groups()  # type: ignore[union-attr]
        delta = timedelta(hours=int(hours), minutes=int(minutes))
        return timezone(-delta if sign == "-" else delta)
    except (AttributeError, ValueError):
        notes.warn("taken_at", f"offset {raw!r:.20} is not ±HH:MM; time left without offset")
        return None


def _decode_orientation(tags: Mapping[str, object], notes: _Notes) -> int | None:
    raw = tags.get("orientation")
    if raw is None:
        return None
    code = _small_int(raw)
    if code is None or not 1 <= code <= 8:
        notes.warn("orientation", f"{raw!r:.20} is not an EXIF orientation (1-8)")
        return None
    return code
