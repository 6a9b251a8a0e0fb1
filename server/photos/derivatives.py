"""Decode an uploaded photo once and make the copies clients are served.

Served copies are new JPEG files made from the pixels alone: no EXIF, XMP, IPTC or ICC
block, so no position, camera serial, make or model leaves the server by this route. The EXIF
orientation is applied to the pixels first, since the tag that said how to turn them is gone.
"""

import io
import math
import re
import threading
import warnings
from contextlib import contextmanager
from dataclasses import dataclass

from flask import current_app
from PIL import ExifTags, Image, ImageCms, ImageOps

from server.errors import ApiError
from server.photos.errors import DecompressionBomb, UnreadablePhoto, UnsupportedPhotoType
from server.photos.metadata import pillow_open  # noqa: F401 - registers the HEIF opener

# Longest side, in pixels, of each served size.
SIZES = {"display": 1600, "thumb": 320}
MEDIA_TYPE = "image/jpeg"
JPEG_QUALITY = 82
# Sniffed types accepted for upload, and the Pillow plugin that decodes each one.
PILLOW_FORMATS = {
    "jpeg": "JPEG",
    "png": "PNG",
    "webp": "WEBP",
    "tiff": "TIFF",
    "heic": "HEIF",
    "heif": "HEIF",
}
# A progressive JPEG's decoder walks all of the image's 8x8 blocks once per scan, even for a
# scan that says "nothing here" in a few bytes (runs of "end of block"): 5,000 such scans in
# 459 KB of an 8000 x 6000 JPEG kept a decoder 19 s, and decoding holds _DECODE_LOCK.
# libjpeg-turbo's djpeg has -maxscans against exactly this. Cameras write 1 scan (baseline)
# or about 10 (progressive); encoders that optimise scans, a few dozen at most.
MAX_JPEG_SCANS = 100
# Pillow reads a JPEG's markers one by one, in Python: 15 MB of 4-byte comment segments kept
# an upload and its preparation 9 to 11 s. A photo has a few dozen segments; one that carries
# megabytes (a depth map in extended XMP, say) carries them 64 KB a segment, so 15 MB is 230.
MAX_JPEG_SEGMENTS = 1_000
# Pillow reads a PNG's chunks one by one too: 14 MB of empty chunks took 2.7 s to open and 2 s
# more to decode. Image data may come a chunk per row, so this is set past the rows of any
# image the pixel limits let through.
MAX_PNG_CHUNKS = 20_000
_TRANSPOSED = (5, 6, 7, 8)  # orientations that swap width and height
_REDUCIBLE_MODES = ("L", "LA", "RGB", "RGBA", "CMYK")

# warnings.catch_warnings swaps process-wide state; decoding under one lock keeps two
# uploads in two threads from restoring each other's filters.
_DECODE_LOCK = threading.Lock()


@dataclass
class DecodedPhoto:
    image: Image.Image  # RGB, turned upright, with no metadata attached
    width: int  # of the full image as it is seen, after orientation
    height: int


@dataclass(frozen=True)
class PixelLimits:
    declared: int  # most pixels an image may say it has, whatever its format
    decoded: int  # most pixels held in memory at once (JPEGs decode reduced, so fewer)


def pixel_limits() -> PixelLimits:
    """The app's limits: MAX_IMAGE_PIXELS (else Pillow's own) and MAX_DECODED_PIXELS."""
    config = current_app.config
    declared = int(config.get("MAX_IMAGE_PIXELS") or Image.MAX_IMAGE_PIXELS)
    # Pillow's own guard is a global and does not cover every plugin: the lower one counts.
    return PixelLimits(
        min(declared, Image.MAX_IMAGE_PIXELS or declared), int(config["MAX_DECODED_PIXELS"])
    )


def check_header(data: bytes, kind: str, limits: PixelLimits | None = None) -> None:
    """The checks an upload gets before its receipt, from the image's header alone: the type
    is one the server decodes and the pixels fit the limits. Damage further in the file
    shows only when the worker decodes it (:func:`decode`)."""
    with _guarded(kind):
        _open(data, kind, limits or pixel_limits())


def decode(data: bytes, kind: str, limits: PixelLimits | None = None) -> DecodedPhoto:
    """Decode every pixel (so a truncated file fails here, not later) and turn it upright.

    ``limits`` defaults to the app's (:func:`pixel_limits`).
    """
    with _guarded(kind):
        return _decode(data, kind, limits or pixel_limits())


@contextmanager
def _guarded(kind: str):
    """Pillow's errors and warnings, as the API's errors."""
    if kind not in PILLOW_FORMATS:
        raise UnsupportedPhotoType()
    # record=True collects the other warnings (odd EXIF, say), which say nothing about pixels.
    with _DECODE_LOCK, warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        # Pillow warns (rather than raises) between 1x and 2x its limit: refuse those too.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            yield
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise DecompressionBomb() from exc
        except ApiError:
            raise
        except Exception as exc:  # Pillow raises OSError, SyntaxError, ValueError, struct.error
            raise UnreadablePhoto(f"The image cannot be decoded: {type(exc).__name__}.") from exc


def _open(data: bytes, kind: str, limits: PixelLimits) -> tuple[Image.Image, int, int]:
    """The image with its header read and no pixel decoded, within the limits, and its
    width and height as stored (before any draft scale)."""
    if kind == "jpeg":
        _check_jpeg_markers(data)
    if kind == "png" and png_chunks(data, MAX_PNG_CHUNKS) > MAX_PNG_CHUNKS:
        raise DecompressionBomb(
            f"The PNG has more than {MAX_PNG_CHUNKS} chunks, and each costs a decoder a read "
            "of its own."
        )
    image = Image.open(io.BytesIO(data), formats=[PILLOW_FORMATS[kind]])
    width, height = image.size
    if width * height > limits.declared:
        raise DecompressionBomb()
    if kind == "jpeg":
        # Decode at 1/2, 1/4 or 1/8 scale when the largest copy still fits: faster, less memory.
        shrink = max(SIZES.values()) / max(width, height)
        image.draft("RGB", (math.ceil(width * shrink), math.ceil(height * shrink)))
    # A 10 KB PNG can declare 80 megapixels; every format but JPEG is decoded whole, so the
    # size decoded, not the file's, is what a worker's memory pays for.
    if _pixels_held(image, kind, width, height) > limits.decoded:
        raise DecompressionBomb(
            f"The image has {width} x {height} pixels; camwalk decodes at most "
            f"{limits.decoded} at once (JPEG photos are decoded reduced, so larger ones pass; "
            "WebP photos count twice)."
        )
    return image, width, height


def _pixels_held(image: Image.Image, kind: str, width: int, height: int) -> int:
    """The pixels a decode holds, counted as an 8-bit RGBA image's, for the decoded limit
    (bench/photo_decode_memory.py; about 390 MB at 50 MP):
    - a JPEG drawn reduced, the reduced ones, except a progressive CMYK JPEG: its decoder
      keeps the coefficients of the whole image, four components unsubsampled, whatever the
      scale (696 MB at 9,400 x 9,400 drawn at 1/8). A progressive YCbCr one keeps half as
      much (275 MB at Pillow's 89 MP cap), and a baseline one none;
    - a WebP, twice its pixels: Pillow's decoder holds two whole copies (766 MB at 50 MP);
    - any other, its pixels."""
    held = image.size[0] * image.size[1]
    if kind == "jpeg" and image.mode == "CMYK" and image.info.get("progressive"):
        return width * height
    if kind == "webp":
        return 2 * held
    return held


def _check_jpeg_markers(data: bytes) -> None:
    scans, segments = jpeg_markers(data, MAX_JPEG_SCANS, MAX_JPEG_SEGMENTS)
    if scans > MAX_JPEG_SCANS:
        raise DecompressionBomb(
            f"The JPEG has more than {MAX_JPEG_SCANS} scans; a photo has at most a few dozen, "
            "and each scan costs a decoder the whole image again."
        )
    if segments > MAX_JPEG_SEGMENTS:
        raise DecompressionBomb(
            f"The JPEG has more than {MAX_JPEG_SEGMENTS} segments; a photo has a few dozen, "
            "and each costs a decoder a read of its own."
        )


def jpeg_markers(data: bytes, most_scans: int, most_segments: int) -> tuple[int, int]:
    """How many scans (SOS) and segments in all the JPEG's image holds before its EOI,
    counting no further than one past either limit. Walks the markers: each segment's
    payload is skipped by its length (an EXIF thumbnail's scans are not the image's), and
    each scan's coded data up to the next marker, which is the next 0xFF not followed by
    0x00 (stuffing) or a restart."""
    scans, segments, at = 0, 0, 2  # after SOI
    while scans <= most_scans and segments <= most_segments:
        at = data.find(b"\xff", at)
        if at < 0 or at + 1 >= len(data):
            break
        marker = data[at + 1]
        if marker == 0xFF or marker == 0x00 or 0xD0 <= marker <= 0xD8 or marker == 0x01:
            at += 1 if marker == 0xFF else 2  # fill byte, stray stuffing, standalone marker
            continue
        if marker == 0xD9:  # EOI: what follows (a Multi-Picture image) is not decoded
            break
        segments += 1
        at += 2 + int.from_bytes(data[at + 2 : at + 4], "big")
        if marker == 0xDA:
            scans += 1
            at = _after_coded_data(data, at)
    return scans, segments


def png_chunks(data: bytes, most: int) -> int:
    """How many chunks the PNG holds up to its IEND, counting no further than `most` + 1."""
    chunks, at = 0, 8  # after the signature
    while chunks <= most and at + 8 <= len(data):
        chunks += 1
        if data[at + 4 : at + 8] == b"IEND":
            break
        at += 12 + int.from_bytes(data[at : at + 4], "big")  # length, type, data, CRC
    return chunks


def _after_coded_data(data: bytes, at: int) -> int:
    found = _MARKER_AFTER_CODED_DATA.search(data, at)
    return found.start() if found else len(data)


# Searched, not walked byte by byte: 15 MB of stuffed 0xFF 0x00 took a Python loop a second.
_MARKER_AFTER_CODED_DATA = re.compile(rb"\xff[^\x00\xd0-\xd7]")


def _decode(data: bytes, kind: str, limits: PixelLimits) -> DecodedPhoto:
    image, width, height = _open(data, kind, limits)
    # Only after the check: for a PNG without an eXIf chunk, getexif() decodes every pixel.
    orientation = image.getexif().get(ExifTags.Base.Orientation, 1)
    image.load()
    # reduce() keeps the info dict, hence the EXIF that exif_transpose reads; Pillow turns
    # TIFFs itself while loading them.
    upright = ImageOps.exif_transpose(_reduced(image))
    if orientation in _TRANSPOSED:
        width, height = height, width
    return DecodedPhoto(_plain_rgb(upright), width, height)


def _reduced(image: Image.Image) -> Image.Image:
    """Shrink by a whole factor, keeping at least the largest served size, before any other
    full-size copy is made: each later step (colour profile, flattening, turning) then costs
    a fraction of the memory. Measured in bench/photo_decode_memory.py."""
    factor = max(image.size) // max(SIZES.values())
    if factor < 2:
        return image
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    if has_alpha and image.mode != "RGBA":
        image = image.convert("RGBA")  # a transparent colour cannot be averaged as a colour
    elif image.mode not in _REDUCIBLE_MODES:
        # reduce() cannot average palette indices, single bits or 16-bit samples.
        image = image.convert("L" if image.mode == "1" else "RGB")
    return image.reduce(factor)


def _plain_rgb(image: Image.Image) -> Image.Image:
    """RGB pixels in sRGB, with every metadata block dropped."""
    icc = image.info.get("icc_profile")
    if icc and image.mode in ("RGB", "CMYK"):
        try:  # a Display P3 photo shown as sRGB looks washed out: convert rather than drop
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            target = ImageCms.createProfile("sRGB")
            image = ImageCms.profileToProfile(image, source, target, outputMode="RGB")
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: keep the pixels as they are
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        image = Image.new("RGB", rgba.size, "white")
        image.paste(rgba, mask=rgba.getchannel("A"))
    elif image.mode != "RGB":
        image = image.convert("RGB")
    clean = Image.new("RGB", image.size)
    clean.paste(image)  # a new image carries no info dict, exif or icc from the upload
    return clean


def render(image: Image.Image, longest_side: int) -> bytes:
    """A JPEG no larger than `longest_side` on either side, with no metadata."""
    copy = image.copy()
    copy.thumbnail((longest_side, longest_side), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    copy.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return out.getvalue()


def render_all(image: Image.Image) -> dict[str, bytes]:
    return {name: render(image, longest) for name, longest in SIZES.items()}
