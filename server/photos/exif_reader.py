"""Read where, when and which way a photo was taken, from the photo's bytes alone.

The upload endpoint and the ``camwalk exif`` command both call :func:`read_photo_metadata`,
which never raises: a damaged file gives a partial :class:`PhotoMetadata` whose ``warnings``
name the fields that could not be trusted, or an ``error`` when the file cannot be read at all.

This module only routes: each container has its reader in ``server/photos/metadata/`` (JPEG
through the ``exif`` package then Pillow's parser; PNG and JPEG XL by walking their chunks or
boxes; TIFF, WebP, AVIF and HEIC/HEIF through Pillow), each of which turns its tags into one
shape, so that one set of rules (``metadata.gps``, ``metadata.camera``) decides signs, ranges
and warnings. The XMP packet is read last, when the EXIF holds no position. exiftool 12.57 is
the reference for those rules; tests compare this reader with it over the shared photo set.
"""

from pathlib import Path

from server.photos.metadata import xmp
from server.photos.metadata.camera import decode_camera
from server.photos.metadata.gps import decode_gps
from server.photos.metadata.isobmff import read_jxl
from server.photos.metadata.jpeg import read_jpeg
from server.photos.metadata.notes import Notes
from server.photos.metadata.pillow_open import read_with_pillow
from server.photos.metadata.png import read_png
from server.photos.metadata.records import FieldWarning, Found, PhotoMetadata
from server.photos.metadata.sniff import IMAGE_MIME_TYPES, IMAGE_TYPES, detect_image_type

__all__ = [
    "IMAGE_MIME_TYPES",
    "IMAGE_TYPES",
    "FieldWarning",
    "PhotoMetadata",
    "detect_image_type",
    "read_photo_file",
    "read_photo_metadata",
]


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


def _read(data: bytes) -> PhotoMetadata:
    kind = detect_image_type(data)
    if kind is None:
        reason = "empty file" if not data else "not an image type camwalk reads"
        return PhotoMetadata(error=f"{reason} (JPEG, PNG, WebP, HEIC/HEIF, AVIF, TIFF, JPEG XL)")
    notes = Notes()
    found = _read_exif(data, kind, notes)
    if isinstance(found, str):
        return PhotoMetadata(image_type=kind, warnings=tuple(notes.items), error=found)
    fields = decode_gps(found.tags, notes)
    fields["gps_source"] = "exif" if fields["lat"] is not None else None
    if fields["lat"] is None:
        _merge_xmp(data, fields, notes)
    fields.update(decode_camera(found.tags, notes))
    return PhotoMetadata(
        image_type=kind,
        width=found.width,
        height=found.height,
        warnings=tuple(notes.items),
        **fields,
    )


def _read_exif(data: bytes, kind: str, notes: Notes) -> Found | str:
    """The EXIF tags of the file, or a message saying why the file cannot be read."""
    if kind == "jpeg":
        return read_jpeg(data, notes)
    if kind == "png":
        return read_png(data, notes)
    if kind == "jxl":
        return read_jxl(data, notes)
    return read_with_pillow(data, kind, notes)


def _merge_xmp(data: bytes, fields: dict[str, object], notes: Notes) -> None:
    """Fill what the EXIF left empty from the XMP packet, if that gives a position."""
    tags, problems = xmp.gps_tags(data)
    for problem in problems:
        notes.warn("xmp", problem)
    xmp_notes = Notes()
    found = decode_gps(tags, xmp_notes)
    notes.extend(xmp_notes, prefix="in XMP, ")
    if found["lat"] is None:
        return
    for name, value in found.items():
        if fields.get(name) is None:
            fields[name] = value
    fields["gps_source"] = "xmp"
