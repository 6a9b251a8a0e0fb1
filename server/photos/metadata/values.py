"""Turning one raw tag value into the number, text or code it should be, or refusing to."""

import math

from server.photos.metadata.records import UNDEFINED


class Unusable(ValueError):
    """A tag value that cannot be turned into the number or text it should be."""


def number(value: object) -> float:
    if isinstance(value, tuple) and len(value) == 1:
        value = value[0]
    if value is UNDEFINED:
        raise Unusable("undefined (a rational with a zero denominator)")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise Unusable(f"not a number ({type(value).__name__} {value!r:.40})")
    if not math.isfinite(value):
        raise Unusable(f"not a finite number ({value})")
    return float(value)


def text(value: object) -> str | None:
    """An ASCII tag's text: up to its first NUL (as exiftool reads it), without padding."""
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    if not isinstance(value, str):
        return None
    return value.split("\x00", 1)[0].strip() or None


def small_int(value: object) -> int | None:
    """An integer code as BYTE (bytes), SHORT (int) or XMP text may carry it."""
    if isinstance(value, tuple) and len(value) == 1:
        value = value[0]
    if isinstance(value, bytes) and len(value) == 1:
        return value[0]
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return None
