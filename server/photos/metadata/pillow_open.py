"""Files whose container Pillow walks itself: TIFF, WebP, AVIF, HEIC/HEIF, broken JPEGs.

Importing this module registers pillow-heif's opener, so that Pillow reads HEIC and HEIF
here and in the derivative code alike.
"""

import io

import pillow_heif
from PIL import Image

from server.photos.metadata.notes import Notes
from server.photos.metadata.records import Found
from server.photos.metadata.tiff import tags_from_pillow

pillow_heif.register_heif_opener()


def read_with_pillow(data: bytes, kind: str, notes: Notes) -> Found | str:
    """The file's tags and size, or a message saying why Pillow cannot open it."""
    try:
        with notes.catching("file"):
            image = Image.open(io.BytesIO(data), formats=[_pillow_format(kind)])
    except Exception as exc:  # Pillow raises many types (OSError, SyntaxError, struct.error...)
        return f"cannot read this {kind.upper()} file: {type(exc).__name__}: {exc}"
    with image:
        width, height = image.size
        try:
            with notes.catching("exif"):
                tags = tags_from_pillow(image.getexif())
        except Exception as exc:
            notes.warn("exif", f"EXIF unreadable: {type(exc).__name__}: {exc}")
            tags = {}
    return Found(tags, width, height)


def _pillow_format(kind: str) -> str:
    # Naming the plugin stops Image.open from trying every format it knows (EPS, for one,
    # hands the bytes to Ghostscript); pillow-heif reads HEIC and generic HEIF alike.
    return "HEIF" if kind in ("heic", "heif") else kind.upper()
