"""The GPS tags, whether from EXIF or XMP, decoded into signed degrees, metres and UTC times.

The rules follow exiftool 12.57 where it is right, and refuse to guess where a wrong guess
would go unnoticed (a missing hemisphere letter, 0,0 written by cameras without a fix).
"""

import re
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta

from server.photos.metadata.notes import Notes
from server.photos.metadata.values import Unusable, number, small_int, text

_EXIF_DATE = re.compile(r"(\d{4})[:-](\d{2})[:-](\d{2})")


def decode_gps(tags: Mapping[str, object], notes: Notes) -> dict[str, object]:
    lat, lon = _position(tags, notes) or (None, None)
    direction, direction_ref = _direction(tags, notes)
    return {
        "lat": lat,
        "lon": lon,
        "altitude_m": _altitude(tags, notes),
        "direction_deg": direction,
        "direction_ref": direction_ref,
        "gps_date": _gps_date(tags, notes),
        "gps_time": _gps_time(tags, notes),
    }


def _position(tags: Mapping[str, object], notes: Notes) -> tuple[float, float] | None:
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
    tags: Mapping[str, object], axis: str, letters: str, limit: float, notes: Notes
) -> float | None:
    raw, ref = tags.get(f"gps_{axis}"), tags.get(f"gps_{axis}_ref")
    if raw is None:
        notes.warn("position", f"{axis} is missing")
        return None
    try:
        degrees = _degrees(raw)
    except Unusable as exc:
        notes.warn("position", f"{axis}: {exc}")
        return None
    letter = text(ref)
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
        raise Unusable(f"expected 1 to 3 numbers, found {len(parts)}")
    numbers = [number(part) for part in parts]
    if any(value < 0 for value in numbers):
        raise Unusable("negative degrees, minutes or seconds")
    return sum(value / 60**index for index, value in enumerate(numbers))


def _altitude(tags: Mapping[str, object], notes: Notes) -> float | None:
    if tags.get("gps_altitude") is None:
        return None
    try:
        metres = number(tags["gps_altitude"])
    except Unusable as exc:
        notes.warn("altitude_m", str(exc))
        return None
    ref = tags.get("gps_altitude_ref")
    if ref is None:
        notes.warn("altitude_m", "reference missing: read as above sea level, like exiftool")
        return metres
    code = small_int(ref)
    if code not in (0, 1):
        notes.warn("altitude_m", f"reference {ref!r} is neither above (0) nor below (1) sea level")
        return None
    return -metres if code == 1 else metres


def _direction(tags: Mapping[str, object], notes: Notes) -> tuple[float | None, str | None]:
    if tags.get("gps_img_direction") is None:
        return None, None  # a lone reference (Nikons write an empty one) says nothing
    try:
        degrees = number(tags["gps_img_direction"])
    except Unusable as exc:
        notes.warn("direction", str(exc))
        return None, None
    if not 0 <= degrees <= 360:
        notes.warn("direction", f"{degrees} is outside 0-360 degrees")
        return None, None
    ref = (text(tags.get("gps_img_direction_ref")) or "").upper()
    if ref not in ("T", "M"):
        notes.warn("direction", "reference is neither T (true) nor M (magnetic) north")
        return degrees, None
    return degrees, ref


def _gps_date(tags: Mapping[str, object], notes: Notes) -> date | None:
    raw = text(tags.get("gps_datestamp"))
    if raw is None:
        return None
    match = _EXIF_DATE.fullmatch(raw)
    try:
        return date(*map(int, match.groups()))  # type: ignore[union-attr]
    except (AttributeError, ValueError):
        notes.warn("gps_date", f"{raw!r:.40} is not a date")
        return None


def _gps_time(tags: Mapping[str, object], notes: Notes) -> time | None:
    raw = tags.get("gps_timestamp")
    if raw is None:
        return None
    try:
        parts = raw if isinstance(raw, tuple) else (raw,)
        if len(parts) != 3:
            raise Unusable(f"expected hours, minutes and seconds, found {len(parts)} numbers")
        hours, minutes, seconds = (number(part) for part in parts)
    except Unusable as exc:
        notes.warn("gps_time", str(exc))
        return None
    # Summed like exiftool, which copes with writers that put fractions in hours or minutes.
    micros = round((hours * 3600 + minutes * 60 + seconds) * 1_000_000)
    if not 0 <= micros < 86_400_000_000:
        notes.warn("gps_time", f"{hours}:{minutes}:{seconds} is not a time of day")
        return None
    moment = datetime.min + timedelta(microseconds=micros)
    return moment.time().replace(tzinfo=UTC)
