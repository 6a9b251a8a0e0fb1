"""ISO base media file format containers: telling HEIC, HEIF and AVIF apart, and JPEG XL.

HEIF-family files are opened by Pillow (``pillow_open``); what is done here is reading their
``ftyp`` brands, and walking a JPEG XL container's boxes (ISO 18181-2) to its ``Exif`` box,
which Pillow cannot open.
"""

import struct
from collections.abc import Iterator

from server.photos.metadata.notes import Notes
from server.photos.metadata.records import Found
from server.photos.metadata.tiff import found_in_block

# ISO BMFF brands: the specific ones name the codec; mif1/msf1 only say "some HEIF".
_FTYP_BRANDS = {
    **dict.fromkeys([b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx"], "heic"),
    **dict.fromkeys([b"avif", b"avis"], "avif"),
    **dict.fromkeys([b"mif1", b"msf1"], "heif"),
}
JXL_CONTAINER = b"\x00\x00\x00\x0cJXL \r\n\x87\n"


def ftyp_type(data: bytes) -> str | None:
    """ "heic", "avif" or "heif" for a file starting with an ``ftyp`` box, None for others."""
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


def read_jxl(data: bytes, notes: Notes) -> Found | str:
    if not data.startswith(JXL_CONTAINER):
        return Found({})  # a bare codestream has nowhere to keep metadata
    try:
        block = _jxl_exif_block(data, notes)
    except ValueError as exc:
        return f"cannot read this JXL file: {exc}"
    return Found({}) if block is None else found_in_block(block, notes)


def _jxl_exif_block(data: bytes, notes: Notes) -> bytes | None:
    """The TIFF-structured EXIF from a JPEG XL container's ``Exif`` box."""
    for box_type, payload in _boxes(data):
        if box_type == b"Exif" and len(payload) >= 4:
            return payload[4 + int.from_bytes(payload[:4], "big") :]
        if box_type == b"brob" and payload[:4] == b"Exif":
            notes.warn("exif", "the Exif box is Brotli-compressed, which camwalk cannot read")
            return None
    return None


def _boxes(data: bytes) -> Iterator[tuple[bytes, bytes]]:
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
