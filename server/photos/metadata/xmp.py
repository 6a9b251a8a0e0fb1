"""Find a photo's GPS tags in its XMP packet, for photos whose EXIF holds no position.

Some tools (GIMP, Lightroom exports, 360° stitching software) keep the position only in XMP,
as ``exif:GPSLatitude="43,17.5N"``. The packet is stored uncompressed in JPEG APP1, TIFF,
PNG iTXt, HEIC items and JPEG XL ``xml `` boxes, so this module looks for it in the raw bytes
rather than walking each container. It translates the ``exif:`` properties into the tag names
and value shapes of the EXIF readers (``gps_latitude`` as degrees/minutes plus a separate
``gps_latitude_ref`` letter, rationals as floats), so that the reader applies the same
rules, and the same warnings, to both. Compressed packets are not read.
"""

import re
import xml.etree.ElementTree as ElementTree
from datetime import UTC, datetime, timedelta, timezone

EXIF_NS = "http://ns.adobe.com/exif/1.0/"
_PACKET_BOUNDS = (
    (b"<x:xmpmeta", b"</x:xmpmeta>"),
    (b"<x:xapmeta", b"</x:xapmeta>"),  # written by pre-2002 Adobe software
    (b"<rdf:RDF", b"</rdf:RDF>"),
)
_MAX_PACKET_BYTES = 1 << 20  # JPEG caps a packet at 64 KB; this bounds parse time elsewhere
_PROPERTIES = (
    "GPSLatitude",
    "GPSLongitude",
    "GPSAltitude",
    "GPSAltitudeRef",
    "GPSImgDirection",
    "GPSImgDirectionRef",
    "GPSTimeStamp",
)

# XMP GPSCoordinate: "DDD,MM,SSk" or "DDD,MM.mmk"; decimal "DDD.dddk" and signed forms occur.
_NUMBER = r"\d+(?:\.\d*)?"
_COORDINATE = re.compile(rf"([+-]?)({_NUMBER})(?:,({_NUMBER}))?(?:,({_NUMBER}))?\s*([A-Za-z]?)")
_RATIONAL = re.compile(r"([+-]?\d+)/(\d+)")
_DATE_TIME = re.compile(
    r"(\d{4})[-:](\d{2})[-:](\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?"
    r"(Z|[+-]\d{2}:\d{2})?"
)


def find_packet(data: bytes) -> bytes | None:
    """The first XMP packet in the file's bytes, or None."""
    for start_tag, end_tag in _PACKET_BOUNDS:
        start = data.find(start_tag)
        if start < 0:
            continue
        end = data.find(end_tag, start, start + _MAX_PACKET_BYTES)
        if end >= 0:
            return data[start : end + len(end_tag)]
    return None


def gps_tags(data: bytes) -> tuple[dict[str, object], list[str]]:
    """EXIF-style GPS tags from the file's XMP, and the problems met while reading them."""
    packet = find_packet(data)
    if packet is None:
        return {}, []
    problems: list[str] = []
    properties = _exif_properties(packet, problems)
    tags: dict[str, object] = {}
    for name, text in properties.items():
        try:
            tags.update(_CONVERTERS[name](text.strip()))
        except ValueError as exc:
            problems.append(f"exif:{name} {text!r:.40}: {exc}")
    return tags, problems


def _exif_properties(packet: bytes, problems: list[str]) -> dict[str, str]:
    # The packet starts at its first element, so it cannot carry a DTD: no entity can be
    # declared, hence no entity-expansion bomb, and ElementTree fetches nothing external.
    try:
        root = ElementTree.fromstring(packet)
    except ElementTree.ParseError as exc:
        problems.append(f"the XMP packet is not well-formed XML: {exc}")
        return {}
    found: dict[str, str] = {}
    for element in root.iter():
        # A property is either an attribute of rdf:Description or a child element.
        candidates = [*element.attrib.items(), (element.tag, element.text or "")]
        for key, value in candidates:
            if isinstance(key, str) and key.startswith(f"{{{EXIF_NS}}}"):
                name = key[len(EXIF_NS) + 2 :]
                if name in _PROPERTIES and value.strip():
                    found.setdefault(name, value)
    return found


def _coordinate(axis: str, text: str) -> dict[str, object]:
    match = _COORDINATE.fullmatch(text)
    if match is None:
        raise ValueError("not an XMP GPS coordinate")
    sign, *parts, letter = match.groups()
    numbers = tuple(float(part) for part in parts if part is not None)
    tags: dict[str, object] = {f"gps_{axis}": numbers}
    if sign == "-" and letter:
        raise ValueError("both a minus sign and a hemisphere letter")
    if letter:
        tags[f"gps_{axis}_ref"] = letter.upper()
    elif sign == "-":
        tags[f"gps_{axis}_ref"] = "S" if axis == "latitude" else "W"
    elif sign == "+":
        tags[f"gps_{axis}_ref"] = "N" if axis == "latitude" else "E"
    return tags  # no letter and no sign: no reference, and gps.py will say so


def _rational(text: str) -> float:
    match = _RATIONAL.fullmatch(text)
    if match is None:
        return float(text)  # raises ValueError for anything but a decimal number
    numerator, denominator = int(match[1]), int(match[2])
    if denominator == 0:
        raise ValueError("zero denominator")
    return numerator / denominator


def _timestamp(text: str) -> dict[str, object]:
    """XMP's GPSTimeStamp is a full date and time in UTC; split it like EXIF does."""
    match = _DATE_TIME.fullmatch(text)
    if match is None:
        raise ValueError("not an XMP date")
    year, month, day, hours, minutes, seconds, zone = match.groups()
    if hours is None:
        return {"gps_datestamp": f"{year}:{month}:{day}"}
    moment = datetime(int(year), int(month), int(day), int(hours), int(minutes))
    moment += timedelta(seconds=float(seconds or 0))
    if zone and zone != "Z":
        offset = timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6]))
        moment = moment.replace(tzinfo=timezone(-offset if zone[0] == "-" else offset))
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    clock = moment.hour, moment.minute, moment.second + moment.microsecond / 1_000_000
    return {
        "gps_datestamp": moment.strftime("%Y:%m:%d"),
        "gps_timestamp": tuple(map(float, clock)),
    }


_CONVERTERS = {
    "GPSLatitude": lambda text: _coordinate("latitude", text),
    "GPSLongitude": lambda text: _coordinate("longitude", text),
    "GPSAltitude": lambda text: {"gps_altitude": _rational(text)},
    "GPSAltitudeRef": lambda text: {"gps_altitude_ref": text},
    "GPSImgDirection": lambda text: {"gps_img_direction": _rational(text)},
    "GPSImgDirectionRef": lambda text: {"gps_img_direction_ref": text},
    "GPSTimeStamp": _timestamp,
}
