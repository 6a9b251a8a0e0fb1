"""The observation fields that sync merges, and what "the same value" means for each.

Every surveyed field is one unit of the per-field merge (docs/contract.md). Values are brought to
one normal form before they are stored or compared, so that two walkers who typed the same thing
in slightly different ways do not raise a conflict:

- `position` is one value: lat and lon rounded to 7 decimals (about 1 cm, what OSM stores) and
  `accuracy_m` as a float. Two positions are equal only if all three parts are.
- `direction` is a set of bearings: a multi-lens device looking 90 and 180 is the same device
  whatever order the walker tapped them in, and OSM writes `90;180` either way. It is stored
  sorted, without repeats, each bearing taken modulo 360; an empty list means "unknown" (None).
- free text is stripped; an empty string means "not set" (None).
"""

import datetime
import math
from collections.abc import Callable, Mapping
from typing import Any

KINDS = ("camera", "ALPR", "guard", "gunshot_detector")
# The kinds that film: what a video-protection sign is about (docs/legal.md) and what a
# density of cameras counts. A guard is a person and a gunshot detector a microphone: they are
# mapped and exported like the rest, but they are not cameras.
FILMING_KINDS = ("camera", "ALPR")
SURVEILLANCE = ("public", "outdoor", "indoor")
CAMERA_TYPES = ("fixed", "dome", "panning")
MOUNTS = ("wall", "pole", "ceiling", "street_lamp", "traffic_signals", "tree")
ZONES = ("town", "traffic", "parking", "shop", "bank", "building", "entrance")
PRESENCE = ("present", "gone")
REVIEW_STATUSES = ("pending", "approved", "rejected")
# The signage survey (docs/legal.md says what each item means in French law). "not_looked"
# is an answer ("I did not check"), unlike null ("nothing said").
SIGN = ("seen", "none", "not_looked")
YES_NO = ("yes", "no")
FILMED_BY = ("public_authority", "transport_operator", "business", "residence", "unknown")
# What a sign states, one yes/no item each, in the order of the walker's checklist.
SIGN_CHECKLIST = (
    "sign_pictogram",
    "sign_responsible",
    "sign_purpose",
    "sign_retention",
    "sign_rights_contact",
    "sign_cnil",
)
# Fields that never reach OpenStreetMap and reach the public map only when the organiser
# publishes them, one by one (a group setting, off by default).
SIGNAGE_FIELDS = ("sign", *SIGN_CHECKLIST, "filmed_by", "aimed_at_road")

# Only an organiser may set these; a walker's change giving one any other value than its
# default is rejected whole. At its default it is what a phone sending the full set of fields
# of docs/contract.md says: it sets nothing, and the merge leaves it out (`walker_may_send`).
# `osm_new` is the organiser's "new camera" on the review card: the export creates a node
# even when an OSM camera lies within matching distance (sync/osm/matching.py).
ORGANISER_ONLY = frozenset({"review_status", "review_note", "osm_new"})

# The value a field has when a create does not mention it.
DEFAULTS: dict[str, Any] = {"presence": "present", "review_status": "pending", "osm_new": False}


def is_camera(kind: str | None) -> bool:
    """Whether a device counts as a camera wherever a figure says "cameras" (the walk summary,
    the public map, the signage file, a density): one that films (`FILMING_KINDS`). Guards and
    gunshot detectors are counted apart, as other devices, wherever they are shown."""
    return kind in FILMING_KINDS


def published_present(approved: Mapping[str, Any] | None) -> bool:
    """Whether an approved copy is a camera to show where cameras leave the group (the public
    map, the signage file, the GeoJSON and CSV files to publish): approved, and not reported
    gone (a report of a gone OSM camera is for the osmChange's delete, not a camera)."""
    return approved is not None and approved.get("presence", "present") == "present"


FREE_TEXT_MAX = {"operator": 255, "manufacturer": 255, "model": 255, "note": 2000}


def _text(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _float(value: Any) -> float:
    # Adding 0.0 turns -0.0 into 0.0: PostgreSQL keeps the sign and SQLite drops it, so one
    # value sent would otherwise read back as two.
    return float(value) + 0.0


def _position(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    accuracy = value.get("accuracy_m")
    return {
        "lat": _float(round(float(value["lat"]), 7)),
        "lon": _float(round(float(value["lon"]), 7)),
        "accuracy_m": None if accuracy is None else _float(accuracy),
    }


def _direction(value: Any) -> Any:
    if not isinstance(value, list | tuple):
        return value
    bearings = sorted({int(b) % 360 for b in value})
    return bearings or None


def _number(value: Any) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _float(value)
    return value


def _flag(value: Any) -> Any:
    return False if value is None else value  # rows and copies older than the field


_NORMALISERS: dict[str, Callable[[Any], Any]] = {
    "osm_new": _flag,
    "position": _position,
    "direction": _direction,
    "height_m": _number,
    **{name: _text for name in (*FREE_TEXT_MAX, "review_note")},
}


def normalise(field: str, value: Any) -> Any:
    """The stored form of a value; values that cannot be read are left for `problem` to report."""
    try:
        return _NORMALISERS.get(field, lambda v: v)(value)
    except (KeyError, TypeError, ValueError):
        return value


def same(field: str, a: Any, b: Any) -> bool:
    """Whether two values of a field mean the same thing (see the module docstring)."""
    return normalise(field, a) == normalise(field, b)


def walker_may_send(field: str, value: Any) -> bool:
    """Whether a walker's change may carry this value: any field but an organiser-only one,
    and that one at its default only (pending, no note, not new to OSM)."""
    return field not in ORGANISER_ONLY or same(field, value, DEFAULTS.get(field))


def _one_of(choices: tuple[str, ...], nullable: bool = True) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        if value is None and nullable:
            return None
        return None if value in choices else f"must be one of {', '.join(choices)}"

    return check


# Control characters a person cannot type into a form; tab and line breaks stay allowed in
# notes. NUL in particular cannot be stored by PostgreSQL at all.
_CONTROL = frozenset(chr(c) for c in range(32) if chr(c) not in "\t\n\r") | {"\x7f"}


def _free_text(limit: int) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str):
            return "must be text"
        if not _CONTROL.isdisjoint(value):
            return "must not contain control characters"
        return None if len(value) <= limit else f"must be at most {limit} characters"

    return check


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _check_position(value: Any) -> str | None:
    if not isinstance(value, dict) or not {"lat", "lon"} <= value.keys():
        return "must be an object with lat, lon and accuracy_m"
    if set(value) - {"lat", "lon", "accuracy_m"}:
        return "has unknown keys"
    lat, lon, accuracy = value["lat"], value["lon"], value.get("accuracy_m")
    if not (_is_number(lat) and -90 <= lat <= 90 and _is_number(lon) and -180 <= lon <= 180):
        return "lat must be within ±90 and lon within ±180 degrees"
    if accuracy is not None and not (_is_number(accuracy) and accuracy >= 0):
        return "accuracy_m must be a number of metres, 0 or more, or null"
    return None


# The most bearings one device may have: OSM takes values of 255 characters at most, and 64
# bearings of three digits with their separators fill exactly that ("100;101;...;163"). A
# camera with more lenses than that is a slip (a list sent again and again), and its tag
# could never be exported: refused here, when the walker can still hear why.
MAX_DIRECTIONS = 64


def _check_direction(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, list) or not all(
        isinstance(b, int) and not isinstance(b, bool) and 0 <= b <= 359 for b in value
    ):
        return "must be a list of whole degrees from 0 to 359"
    if len(set(value)) > MAX_DIRECTIONS:  # as stored: a set of bearings
        return f"must hold at most {MAX_DIRECTIONS} bearings"
    return None


def _check_height(value: Any) -> str | None:
    if value is None or (_is_number(value) and 0 <= value <= 100):
        return None
    return "must be a number of metres from 0 to 100"


def _check_day(value: Any) -> str | None:
    try:
        datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return "must be a date YYYY-MM-DD"
    return None if len(value) == 10 else "must be a date YYYY-MM-DD"


# How far a survey day may run ahead of the server's own date: a phone east of the server
# (UTC+14 against a server on UTC) is on tomorrow already. A day later than that has not come
# yet anywhere: a phone's clock set wrong, or a typo (2062 for 2026). Stored, it would become
# OSM's check_date, which camwalk never moves back.
SURVEY_DAY_AHEAD_DAYS = 1

# The first day a survey can have been made with camwalk: an installable app that logs
# offline needs service workers, which browsers first shipped in 2015. An earlier day is a
# typo (0202, 1026 for 2026, a year left at 0001) or a phone whose clock went back to its
# start (1970, 1980): as check_date it would tell mappers a camera was last seen decades ago.
EARLIEST_SURVEY_DAY = datetime.date(2015, 1, 1)


def latest_survey_day(today: datetime.date) -> datetime.date:
    """The last day a survey can have been made on, `today` being the server's date."""
    return today + datetime.timedelta(days=SURVEY_DAY_AHEAD_DAYS)


def _as_day(value: Any) -> datetime.date | None:
    """`value` (a date or YYYY-MM-DD) as a date; None when it is no day, which is
    `_check_day`'s to refuse, not the bounds'."""
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value)
        except ValueError:
            return None
    return value if isinstance(value, datetime.date) else None


def survey_day_bound(value: Any, today: datetime.date | None = None) -> str | None:
    """The bound a survey day (a date or YYYY-MM-DD) crosses, read once: "past" before
    EARLIEST_SURVEY_DAY, "future" after `latest_survey_day` (judged only with `today`), else
    None. The one rule of the sync's refusals, the export's skips and the photo import."""
    day = _as_day(value)
    if day is None:
        return None
    if day < EARLIEST_SURVEY_DAY:
        return "past"
    return "future" if today is not None and day > latest_survey_day(today) else None


OSM_ID_MAX = 2**63 - 1  # OSM ids are signed 64-bit integers, as are camwalk's columns


def _check_osm_node(value: Any) -> str | None:
    if value is None or (
        isinstance(value, int) and not isinstance(value, bool) and 0 < value <= OSM_ID_MAX
    ):
        return None
    return "must be a positive OSM node id (64-bit) or null"


def _check_flag(value: Any) -> str | None:
    return None if value is None or isinstance(value, bool) else "must be true or false"


_CHECKS: dict[str, Callable[[Any], str | None]] = {
    "position": _check_position,
    "kind": _one_of(KINDS, nullable=False),
    "surveillance": _one_of(SURVEILLANCE),
    "camera_type": _one_of(CAMERA_TYPES),
    "mount": _one_of(MOUNTS),
    "direction": _check_direction,
    "zone": _one_of(ZONES),
    "operator": _free_text(FREE_TEXT_MAX["operator"]),
    "height_m": _check_height,
    "manufacturer": _free_text(FREE_TEXT_MAX["manufacturer"]),
    "model": _free_text(FREE_TEXT_MAX["model"]),
    "note": _free_text(FREE_TEXT_MAX["note"]),
    "surveyed_on": _check_day,
    "presence": _one_of(PRESENCE, nullable=False),
    "osm_node_id": _check_osm_node,
    "osm_not_node_id": _check_osm_node,
    "review_status": _one_of(REVIEW_STATUSES, nullable=False),
    "review_note": _free_text(FREE_TEXT_MAX["note"]),
    "osm_new": _check_flag,
    "sign": _one_of(SIGN),
    **{item: _one_of(YES_NO) for item in SIGN_CHECKLIST},
    "filmed_by": _one_of(FILMED_BY),
    "aimed_at_road": _one_of(YES_NO),
}

# The mergeable fields in the order of docs/contract.md.
FIELDS: tuple[str, ...] = tuple(_CHECKS)

# A create must say at least where the device is, what it is and when it was seen.
REQUIRED_ON_CREATE = frozenset({"position", "kind", "surveyed_on"})


def problem(field: str, value: Any) -> str | None:
    """What is wrong with a value sent for a field, or None when it can be stored."""
    check = _CHECKS.get(field)
    if check is None:
        return "is not an observation field"
    return check(value)


# Fields whose values, each valid alone, say opposite things when they name the same node:
# "it is that OSM node" (the link) and "it is not that node" (a walker's "it is another one").
# The export would follow the link and the review card show both, neither saying which holds.
OPPOSITES = (("osm_node_id", "osm_not_node_id"),)


def pair_problems(values: Mapping[str, Any]) -> dict[str, str]:
    """What is wrong with the values one change sets together (field -> problem), each valid
    alone (`problem`). Only the fields the change sets are read: a value it contradicts that
    is already stored is the merge's to settle (`answered_opposites` in sync/merge.py)."""
    problems = {}
    for one, other in OPPOSITES:
        node = values.get(one)
        if node is not None and node == values.get(other):
            problems[one] = f"names node {node}, which {other} says this device is not"
            problems[other] = f"names node {node}, which {one} says this device is"
    return problems
