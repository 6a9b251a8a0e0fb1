"""The camera's own tags decoded: when the photo was taken, make, model and orientation."""

import re
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone

from server.photos.metadata.notes import Notes
from server.photos.metadata.values import small_int, text

_EXIF_DATETIME = re.compile(r"(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})")
_OFFSET = re.compile(r"([+-])(\d{2}):(\d{2})")


def decode_camera(tags: Mapping[str, object], notes: Notes) -> dict[str, object]:
    return {
        "taken_at": _taken_at(tags, notes),
        "make": text(tags.get("make")),
        "model": text(tags.get("model")),
        "orientation": _orientation(tags, notes),
    }


def _taken_at(tags: Mapping[str, object], notes: Notes) -> datetime | None:
    raw = text(tags.get("datetime_original"))
    if raw is None or not raw.strip(" :0"):
        return None  # blank or all zeros: the spec's spelling of "unknown"
    match = _EXIF_DATETIME.fullmatch(raw)
    try:
        taken_at = datetime(*map(int, match.groups()))  # type: ignore[union-attr]
    except (AttributeError, ValueError):
        notes.warn("taken_at", f"{raw!r:.40} is not an EXIF date and time")
        return None
    offset = _offset(tags, notes)
    return taken_at.replace(tzinfo=offset) if offset else taken_at


def _offset(tags: Mapping[str, object], notes: Notes) -> timezone | None:
    raw = text(tags.get("offset_time_original"))
    if raw is None or not raw.strip(" :"):
        return None
    match = _OFFSET.fullmatch(raw)
    try:
        sign, hours, minutes = match.groups()  # type: ignore[union-attr]
        delta = timedelta(hours=int(hours), minutes=int(minutes))
        return timezone(-delta if sign == "-" else delta)
    except (AttributeError, ValueError):
        notes.warn("taken_at", f"offset {raw!r:.20} is not ±HH:MM; time left without offset")
        return None


def _orientation(tags: Mapping[str, object], notes: Notes) -> int | None:
    raw = tags.get("orientation")
    if raw is None:
        return None
    code = small_int(raw)
    if code is None or not 1 <= code <= 8:
        notes.warn("orientation", f"{raw!r:.20} is not an EXIF orientation (1-8)")
        return None
    return code
