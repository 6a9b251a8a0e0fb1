"""PNG: the EXIF block of the ``eXIf`` chunk, found by walking the chunks.

Pillow's PNG getexif() decodes every pixel when the chunk is missing or sits after the image
data (a legal place), which for a large upload costs seconds and hundreds of MB; walking the
chunks needs no pixels. (WebP, the other container of this family, Pillow reads without
decoding: see ``pillow_open``.)
"""

import struct

from server.photos.metadata.notes import Notes
from server.photos.metadata.records import Found
from server.photos.metadata.tiff import found_in_block


def read_png(data: bytes, notes: Notes) -> Found | str:
    if len(data) < 24 or data[12:16] != b"IHDR":
        return "cannot read this PNG file: it does not start with an IHDR chunk"
    width, height = struct.unpack_from(">II", data, 16)
    offset = 8
    while offset + 8 <= len(data):
        length, chunk_type = struct.unpack_from(">I4s", data, offset)
        if chunk_type == b"eXIf":
            return found_in_block(data[offset + 8 : offset + 8 + length], notes, width, height)
        if chunk_type == b"IEND":
            break
        offset += 12 + length  # length, type, data, CRC
    return Found({}, width, height)
