"""Viewing directions: camwalk's list of whole degrees <-> OSM direction values.

camwalk stores `direction` as whole degrees 0-359 clockwise from north, several for a
multi-lens device. OSM spells the same thing `90`, `90;180` or with the 16 compass points
(`N`, `NNE`, … `NNW`), under `camera:direction` for cameras and `direction` for ALPR; older
nodes use either. Reading must accept all of that; writing always gives degrees.
"""

import math
import re
from collections.abc import Mapping, Sequence

NEW_CAMERA_KEY = "camera:direction"
ALPR_KEY = "direction"
# Read in this order: camera:direction is the documented key for cameras.
DIRECTION_KEYS = (NEW_CAMERA_KEY, ALPR_KEY)

# The 16 compass points, clockwise from north, 22.5 degrees apart.
COMPASS_POINTS = (
    "N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE",
    "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW",
)  # fmt: skip
COMPASS_DEGREES = {point: index * 22.5 for index, point in enumerate(COMPASS_POINTS)}

_DEGREES = re.compile(r"[+-]?\d{1,3}(?:\.\d+)?")


class UnreadableDirection(ValueError):
    """An OSM direction value camwalk cannot turn into degrees (a range, a typo, a word)."""


def read_direction(value: str) -> list[int]:
    """Degrees from an OSM value: `90`, `90;180`, `NE`, `n;S`; half degrees round up.

    Empty pieces between semicolons are ignored (`90;` is common); anything else that is not
    degrees or a compass point, ranges such as `45-135` included, makes the whole value
    unreadable rather than half read.
    """
    pieces = [piece.strip() for piece in value.split(";") if piece.strip()]
    if not pieces:
        raise UnreadableDirection(f"no direction in {value!r}")
    return [_read_piece(piece) for piece in pieces]


def _read_piece(piece: str) -> int:
    point = COMPASS_DEGREES.get(piece.upper())
    if point is not None:
        return _whole_degrees(point)
    if not _DEGREES.fullmatch(piece):
        raise UnreadableDirection(f"{piece!r} is neither degrees nor a compass point")
    return _whole_degrees(float(piece))


def _whole_degrees(degrees: float) -> int:
    # floor(x + 0.5) rounds half up, so NNE (22.5) reads as 23 whatever the float rounding mode.
    return math.floor(degrees + 0.5) % 360


def format_direction(degrees: Sequence[int]) -> str:
    """The OSM value for camwalk degrees: `180`, or `90;270` for several lenses."""
    for value in degrees:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 359:
            raise ValueError(f"direction {value!r} is not whole degrees 0-359")
    return ";".join(str(value) for value in degrees)


def direction_keys(node_tags: Mapping[str, str], kind: str | None) -> tuple[str, ...]:
    """Keys to write a surveyed direction under.

    A node keeps the key(s) it already uses, so mappers' tools and the wiki's statistics see
    no churn; when it has both, both get the new value, or they would contradict each other.
    A new device gets `direction` when it is an ALPR, `camera:direction` otherwise.
    """
    used = tuple(key for key in DIRECTION_KEYS if key in node_tags)
    if used:
        return used
    return (ALPR_KEY,) if kind == "ALPR" else (NEW_CAMERA_KEY,)


def node_direction(tags: Mapping[str, str]) -> list[int] | None:
    """The first readable direction of a node, or None when it has none camwalk can read."""
    for key in DIRECTION_KEYS:
        if key in tags:
            try:
                return read_direction(tags[key])
            except UnreadableDirection:
                continue
    return None
