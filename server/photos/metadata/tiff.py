"""The TIFF-structured EXIF block that every container wraps, read into the reader's shape.

Pillow's parser reads it here for PNG eXIf chunks, JPEG XL ``Exif`` boxes, JPEG segments the
``exif`` package gave up on, and every file Pillow opens whole. The tables name the tags
camwalk uses after the ``exif`` package (the JPEG reader's first choice), so that both
parsers hand the decoders the same names.
"""

from PIL import ExifTags, Image, TiffImagePlugin

from server.photos.metadata.notes import Notes
from server.photos.metadata.records import UNDEFINED, Found

GPS_NAMES = {
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
EXIF_IFD_NAMES = {0x9003: "datetime_original", 0x9011: "offset_time_original"}
IFD0_NAMES = {0x010F: "make", 0x0110: "model", 0x0112: "orientation"}
TAG_NAMES = (*IFD0_NAMES.values(), *EXIF_IFD_NAMES.values(), *GPS_NAMES.values())
RATIONAL_NAMES = {
    "gps_latitude",
    "gps_longitude",
    "gps_altitude",
    "gps_img_direction",
    "gps_timestamp",
}


def tags_from_pillow(exif_data: Image.Exif) -> dict[str, object]:
    tags = {name: exif_data[tag] for tag, name in IFD0_NAMES.items() if tag in exif_data}
    for ifd, names in ((ExifTags.IFD.Exif, EXIF_IFD_NAMES), (ExifTags.IFD.GPSInfo, GPS_NAMES)):
        values = exif_data.get_ifd(ifd)
        tags.update((name, values[tag]) for tag, name in names.items() if tag in values)
    return {name: _from_pillow(value) for name, value in tags.items()}


def _from_pillow(value: object) -> object:
    if isinstance(value, TiffImagePlugin.IFDRational):
        return UNDEFINED if value.denominator == 0 else float(value)
    if isinstance(value, tuple):
        return tuple(_from_pillow(part) for part in value)
    return value


def found_in_block(
    block: bytes, notes: Notes, width: int | None = None, height: int | None = None
) -> Found:
    """Tags from a TIFF-structured EXIF block; a broken block is a warning, not an error."""
    try:
        with notes.catching("exif"):
            exif_data = Image.Exif()
            exif_data.load(block)
            return Found(tags_from_pillow(exif_data), width, height)
    except Exception as exc:
        notes.warn("exif", f"EXIF unreadable: {type(exc).__name__}: {exc}")
        return Found({}, width, height)
