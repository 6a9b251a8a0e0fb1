"""Which image format a file is, from its first bytes (never from its name)."""

from server.photos.metadata.isobmff import JXL_CONTAINER, ftyp_type

# Sniffed type names; every one of them is also the subtype of its MIME type.
IMAGE_TYPES = ("jpeg", "png", "webp", "tiff", "heic", "heif", "avif", "jxl")
IMAGE_MIME_TYPES = {kind: f"image/{kind}" for kind in IMAGE_TYPES}


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
    if head.startswith((b"\xff\x0a", JXL_CONTAINER)):
        return "jxl"
    if head[4:8] == b"ftyp":
        return ftyp_type(data)
    return None
