"""Viewing directions: camwalk's list of whole degrees <-> OSM direction values.

camwalk stores `direction` as whole degrees 0-359 clockwise from north, several for a
multi-lens device. OSM spells the same thing `90`, `90;180` or with the 16 compass points
(`N`, `NNE`, … `NNW`), under `camera:direction` for cameras and `direction` for the other
kinds; older nodes use either. Reading must accept all of that; writing always gives degrees.
"""

import math
import re
from collections.abc import Mapping, Sequence

NEW_CAMERA_KEY = "camera:direction"
FEATURE_KEY = "direction"  # any feature's; the wiki's for an ALPR
# Read in this order: camera:direction is the documented key for cameras.
DIRECTION_KEYS = (NEW_CAMERA_KEY, FEATURE_KEY)

# The 16 compass points, clockwise from north, 22.5 degrees apart.
COMPASS_POINTS = (
    "N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE",
    "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW",
)  # fmt: skip
COMPASS_DEGREES = {point: index * 22.5 for index, point in enumerate(COMPASS_POINTS)}

# ASCII digits only: the phone reads directions by the same grammar (pwa/src/geo/osmValues.js),
# and JavaScript's digits are ASCII ones; a Python `\d` would also take Arabic-Indic digits.
_DEGREES = re.compile(r"[+-]?[0-9]{1,3}(?:\.[0-9]+)?")


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


# One piece of a direction value, by what it means: a bearing, a sector (start, end) swept
# clockwise, or the whole circle.
Bearing = int
Sector = tuple[int, int]
WHOLE_CIRCLE = "all around"
_RANGE = re.compile(r"\s*([^-\s]+)\s*-\s*([^-\s]+)\s*")


def direction_meaning(value: str) -> frozenset | None:
    """What an OSM direction value says, whatever its spelling; None if it cannot be read.

    `NE`, `45` and `45.0` mean one bearing; `90;180` and `E;S` one set, in any order (camwalk
    stores directions as a set: sync/fields.py); `45-135` and `NE-SE` one sector; `0-360` and
    `10-370` the whole circle. Two values with the same meaning differ only in formatting.
    Sectors are compared as written, never against bearings: `45-135` is a field of view,
    `90` a lens axis, and neither can be told from the other.
    """
    pieces = [piece.strip() for piece in value.split(";") if piece.strip()]
    if not pieces:
        return None
    try:
        return frozenset(_piece_meaning(piece) for piece in pieces)
    except UnreadableDirection:
        return None


def _piece_meaning(piece: str) -> Bearing | Sector | str:
    ends = _RANGE.fullmatch(piece) if not _DEGREES.fullmatch(piece) else None
    if ends is None:
        return _read_piece(piece)
    start, end = (_range_end(end) for end in ends.groups())
    if end - start >= 360:
        return WHOLE_CIRCLE
    return (_whole_degrees(start), _whole_degrees(end))


def _range_end(text: str) -> float:
    point = COMPASS_DEGREES.get(text.upper())
    if point is not None:
        return point
    if not _DEGREES.fullmatch(text) or text.startswith(("+", "-")):
        raise UnreadableDirection(f"{text!r} is neither degrees nor a compass point")
    return float(text)


def same_direction(a: str, b: str) -> bool:
    """Whether two OSM direction values say the same (unreadable ones: only if identical)."""
    meaning = direction_meaning(a)
    return a == b or (meaning is not None and meaning == direction_meaning(b))


def sweep_holds(mapped: str, surveyed: str) -> bool:
    """Whether `mapped` gives only ranges a camera sweeps (`90-180`, `NE-SE`, `0-360`: the
    wiki's range notation for a camera that turns) and each bearing `surveyed` names lies in
    one of them. A walker sees where a turning camera points as she passes, one moment of its
    sweep: that says nothing against the range, which a single bearing would lose."""
    sectors, bearings = direction_meaning(mapped), direction_meaning(surveyed)
    if not sectors or not bearings or not all(_is_sector(piece) for piece in sectors):
        return False
    return not any(_is_sector(b) or not any(_sweeps(s, b) for s in sectors) for b in bearings)


def _is_sector(piece) -> bool:
    return isinstance(piece, tuple) or piece == WHOLE_CIRCLE


def _sweeps(sector: Sector | str, bearing: Bearing) -> bool:
    if sector == WHOLE_CIRCLE:
        return True
    start, end = sector  # clockwise from start to end, across north if it must
    return (bearing - start) % 360 <= (end - start) % 360


def direction_keys(node_tags: Mapping[str, str], kind: str | None) -> tuple[str, ...]:
    """Keys to write a surveyed direction under.

    A node keeps the key(s) it already uses, so mappers' tools and the wiki's statistics see
    no churn; when it has both, both get the new value, or they would contradict each other.
    A new camera (or a device of no kind yet) gets `camera:direction`; any other kind gets
    `direction`: an ALPR as the wiki has it, and a guard or a gunshot detector, which are no
    cameras, the key any feature's direction goes under.
    """
    if node_tags:  # a create has none: the usual case of an export, spared the scan
        used = tuple(key for key in DIRECTION_KEYS if key in node_tags)
        if used:
            return used
    if isinstance(kind, str):
        kind = kind.strip()  # read as survey_tags writes the kind
    return (NEW_CAMERA_KEY,) if kind in (None, "camera") else (FEATURE_KEY,)


def stated_direction(tags: Mapping[str, str]) -> list[int] | None:
    """The bearings a node states beyond doubt, sorted, without repeats; else None.

    Stricter than node_direction: every direction key the node has must be readable and all
    must name the same bearings. A survey's direction is written under all those keys, so a
    walker who only confirms a node whose keys disagree, or whose other key is a range or a
    word, would rewrite what camwalk could not read.
    """
    readings = set()
    for key in DIRECTION_KEYS:
        if key in tags:
            try:
                readings.add(frozenset(read_direction(tags[key])))
            except UnreadableDirection:
                return None
    return sorted(readings.pop()) if len(readings) == 1 else None


def node_direction(tags: Mapping[str, str]) -> list[int] | None:
    """The first readable direction of a node, or None when it has none camwalk can read."""
    for key in DIRECTION_KEYS:
        if key in tags:
            try:
                return read_direction(tags[key])
            except UnreadableDirection:
                continue
    return None
