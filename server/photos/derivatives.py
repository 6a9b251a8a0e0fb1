"""Decode an uploaded photo once and make the copies clients are served.

Served copies are new JPEG files made from the pixels alone: no EXIF, XMP, IPTC or ICC
block, so no position, camera serial, make or model leaves the server by this route. The EXIF
orientation is applied to the pixels first, since the tag that said how to turn them is gone.
"""

import io
import math
import threading
import warnings
from dataclasses import dataclass

from PIL import ExifTags, Image, ImageCms, ImageOps

from server.errors import ApiError
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
_TRANSPOSED = (5, 6, 7, 8)  # orientations that swap width and height

# warnings.catch_warnings swaps process-wide state; decoding under one lock keeps two
# uploads in two threads from restoring each other's filters.
_DECODE_LOCK = threading.Lock()


class UnsupportedPhotoType(ApiError):
    status = 415
    code = "unsupported_photo_type"
    message = "Photos must be JPEG, PNG, WebP, HEIC/HEIF or TIFF."


class DecompressionBomb(ApiError):
    status = 422
    code = "decompression_bomb"
    message = "The image declares more pixels than camwalk decodes."


class UnreadablePhoto(ApiError):
    status = 422
    code = "unreadable_photo"
    message = "The image is truncated or damaged and cannot be decoded."


@dataclass
class DecodedPhoto:
    image: Image.Image  # RGB, turned upright, with no metadata attached
    width: int  # of the full image as it is seen, after orientation
    height: int


def decode(data: bytes, kind: str, max_pixels: int) -> DecodedPhoto:
    """Decode every pixel (so a truncated file fails here, not later) and turn it upright."""
    if kind not in PILLOW_FORMATS:
        raise UnsupportedPhotoType()
    # record=True collects the other warnings (odd EXIF, say), which say nothing about pixels.
    with _DECODE_LOCK, warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        # Pillow warns (rather than raises) between 1x and 2x its limit: refuse those too.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            return _decode(data, kind, max_pixels)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise DecompressionBomb() from exc
        except ApiError:
            raise
        except Exception as exc:  # Pillow raises OSError, SyntaxError, ValueError, struct.error
            raise UnreadablePhoto(f"The image cannot be decoded: {type(exc).__name__}.") from exc


def _decode(data: bytes, kind: str, max_pixels: int) -> DecodedPhoto:
    image = Image.open(io.BytesIO(data), formats=[PILLOW_FORMATS[kind]])
    width, height = image.size
    # Pillow's own guard is a global and does not cover every plugin: check here as well.
    if width * height > min(max_pixels, Image.MAX_IMAGE_PIXELS or max_pixels):
        raise DecompressionBomb()
    orientation = image.getexif().get(ExifTags.Base.Orientation, 1)
    if kind == "jpeg":
        # Decode at 1/2, 1/4 or 1/8 scale when the largest copy still fits: faster, less memory.
        shrink = max(SIZES.values()) / max(width, height)
        image.draft("RGB", (math.ceil(width * shrink), math.ceil(height * shrink)))
    image.load()
    upright = ImageOps.exif_transpose(image)
    if orientation in _TRANSPOSED:
        width, height = height, width
    return DecodedPhoto(_plain_rgb(upright), width, height)


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
