"""Observation fields <-> OSM tags, as the table in ../shared/docs/osm.md sets them.

"Managed" tags are the keys camwalk writes (MANAGED_KEYS). A walker who leaves a field empty
did not look at it, so an empty field writes nothing and, on a modify, the node keeps its own
value: a survey that skipped the mount must not erase a mapper's `camera:mount`. camwalk never
deletes a tag of a camera it surveys (`without_camera` says what a camera reported gone takes
with it). Private fields (note, photos, walker, accuracy) are never read here, so they
cannot leak. Every problem with one observation is gathered into one TagError, which the
export lists in its report; values are never silently cut to fit.
"""

import functools
import math
import re
from collections.abc import Callable, Mapping
from datetime import date, datetime

from sync.fields import is_camera, normalise, problem
from sync.osm.direction import (
    DIRECTION_KEYS,
    direction_keys,
    format_direction,
    same_direction,
    stated_direction,
    sweep_holds,
)
from sync.osm.skips import LeftOut

MAX_TAG_LENGTH = 255  # characters, for keys and values alike (OSM API limit)

CAMERA_TAG = ("man_made", "surveillance")

# Text fields written as they are, with the values each one may take (None: free text).
TEXT_FIELDS: dict[str, tuple[str, frozenset[str] | None]] = {
    "kind": ("surveillance:type", frozenset({"camera", "ALPR", "guard", "gunshot_detector"})),
    "surveillance": ("surveillance", frozenset({"public", "outdoor", "indoor"})),
    "camera_type": ("camera:type", frozenset({"fixed", "dome", "panning"})),
    "mount": (
        "camera:mount",
        frozenset({"wall", "pole", "ceiling", "street_lamp", "traffic_signals", "tree"}),
    ),
    "zone": (
        "surveillance:zone",
        frozenset({"town", "traffic", "parking", "shop", "bank", "building", "entrance"}),
    ),
    "operator": ("operator", None),
    "manufacturer": ("manufacturer", None),
    "model": ("model", None),
}

# The fields that describe a camera itself, and their `camera:*` keys. A survey writes them
# only for a kind that films (sync.fields.is_camera: a camera, a plate reader, which is a
# camera reading plates); a guard is a person and a gunshot detector a microphone, and
# `camera:type=dome` on them would be wrong data. The phone's form asks them only of a kind
# that films, by the same rule (pwa/src/model/observation.js, held to this one by
# tests/pwa/test_kind_fields.py); a record may still hold them from before: they stay in
# camwalk and its own files, and never reach OSM for a device that does not film.
# `camera_fields` is the rule; the matcher's disagreements read it too (sync/osm/matching.py).
CAMERA_FIELDS = tuple((field, TEXT_FIELDS[field][0]) for field in ("camera_type", "mount"))


def camera_fields(kind) -> tuple[tuple[str, str], ...]:
    """(field, key) of CAMERA_FIELDS that a survey of `kind` writes: all for a kind that films
    (and for none given, the contract's default being a camera), none for any other."""
    if isinstance(kind, str):
        kind = kind.strip()  # read as survey_tags writes the kind
    return CAMERA_FIELDS if kind is None or is_camera(kind) else ()


# Tags a mapper writes beside the camera's keys that a surveyed value can deny: `revolving`
# says whether the camera turns (34 of Helsinki's cameras say `revolving=yes`, none of them
# with a camera:type), which `camera:type=fixed` denies, and `panning` denies a `revolving=no`.
# A dome may turn or not. The survey's word goes into camwalk's own key, and the mapper's tag
# stays (camwalk never deletes a tag of a camera it surveys): `contradicted` names it, for the
# export report to ask a mapper to settle it.
_DENIED_BY = {"camera:type": {"fixed": ("revolving", "yes"), "panning": ("revolving", "no")}}


def contradicted(node_tags: Mapping[str, str], tags: Mapping[str, str]) -> tuple:
    """(key, value, written key, written value) for each tag of `node_tags` that `tags`, the
    modify's complete final set, keeps while writing anew a value that denies it
    (`revolving=yes` beside a survey's `camera:type=fixed`); empty when none does. A value the
    node already had is no news: the contradiction, if any, is the mapper's own."""
    found = []
    for key, denials in _DENIED_BY.items():
        written = tags.get(key)
        if written is None or written == node_tags.get(key):
            continue
        denied = denials.get(written)
        kept = denied and tags.get(denied[0])
        if kept and kept.strip().casefold() == denied[1]:
            found.append((denied[0], kept, key, written))
    return tuple(found)


MANAGED_KEYS = frozenset(
    {CAMERA_TAG[0], "camera:direction", "direction", "height", "check_date"}
    | {key for key, _ in TEXT_FIELDS.values()}
)

MAX_HEIGHT_M = 100

# Where a mapper writes the day they last saw a node (ISO days, which sort as text).
NODE_SURVEY_DAY_KEYS = ("check_date", "survey:date")

# How a mapper says a camera is still there but no longer in use: the lifecycle prefix on its
# main tag (`disused:man_made=surveillance`, the wiki's way), or the older lifecycle tag beside
# it (`man_made=surveillance` + `disused=yes`). Both say the same; out_of_use reads either.
DISUSED_PREFIX = "disused:"
DISUSED_CAMERA_TAG = (DISUSED_PREFIX + CAMERA_TAG[0], CAMERA_TAG[1])
LIFECYCLE_TAG = ("disused", "yes")

# A camera reported gone takes these keys with it, whatever else the node maps: they can only
# be about a surveillance device (`man_made` only while it says surveillance).
CAMERA_KEY_PREFIXES = ("surveillance:", "camera:")
# Keys that describe whatever the node is. On a node that is nothing but a camera they are the
# camera's, and go with the node; beside another feature (a street lamp, a traffic sign) they
# may be its own (the lamp's operator, its height), so they stay. The lifecycle keys are
# there because real cameras carry them (Helsinki: location, position, under_canopy,
# est_height, revolving, fixme, addr:country): left alone on a node, they map nothing.
DESCRIBING_KEYS = frozenset(
    {"operator", "manufacturer", "model", "height", "est_height", "direction", "check_date"}
    | {"survey:date", "source", "note", "description", "fixme", "FIXME", "created_by"}
    | {"location", "position", "under_canopy", "covered", "level", "revolving", "image"}
    | {"mapillary", "start_date", "name", "ref"}
    | {LIFECYCLE_TAG[0]}  # `disused=yes`: the camera's state, or the lamp's beside a lamp
)
DESCRIBING_PREFIXES = ("check_date:", "source:", "note:", "description:", "operator:", "addr:")
# Except these: a house number or name makes the node an address point too, which stays.
ADDRESS_POINT_KEYS = frozenset({"addr:housenumber", "addr:housename"})

# Characters XML 1.0 cannot carry at all, not even as &#...; (controls, lone surrogates, FFFE/F).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class TagError(LeftOut):
    """One observation cannot be written to OSM; `problems` is a list of (field, reason)."""

    def __init__(self, problems: list[tuple[str, str]]):
        self.problems = problems
        super().__init__(
            "bad_tags",
            fields=[field for field, _ in problems],
            problems="; ".join(f"{field}: {reason}" for field, reason in problems),
        )


def survey_tags(observation: Mapping, node_tags: Mapping[str, str] | None = None) -> dict:
    """The managed tags one observation sets; `node_tags` picks the direction key to reuse."""
    problems: list[tuple[str, str]] = []
    tags = dict([CAMERA_TAG])
    get = observation.get
    unfit = False
    kind = get("kind")
    # Looked up, not worked out: the plan is chosen once per observation of an export.
    plan = _SURVEY_PLANS.get(kind) if type(kind) is str or kind is None else None
    for field, key, convert in plan or _survey_plan(kind):
        value = get(field)
        if value is None:
            continue  # skipped before any call: an export runs this for every camera
        written = convert(value)
        if type(written) is not str:  # plain text first: all but a few values are
            if written is None:
                continue
            if type(written) is _Problem:
                problems.append((field, written.reason))
                continue
            unfit = True  # an _Unfit value
        if key is None:
            tags.update(dict.fromkeys(direction_keys(node_tags or {}, get("kind")), written))
        else:
            tags[key] = written
    # Every key here is camwalk's own and every value was checked when it was converted:
    # only a value marked unfit makes the whole set worth checking (and phrasing) again.
    if unfit:
        problems += check_tags(tags)
    if problems:
        raise TagError(problems)
    return tags


def modified_tags(node_tags: Mapping[str, str], observation: Mapping) -> dict:
    """The complete final tag set of a surveyed node: its own tags, then camwalk's on top.

    A survey value that means what the node already says (`NE` surveyed at 45°, height `4.0`
    as 4) leaves the node's spelling alone, so a survey that confirms a node changes nothing
    but its check_date; and check_date never moves back to an older survey's day.
    """
    out_of_use = node_tags.get(DISUSED_CAMERA_TAG[0]) == DISUSED_CAMERA_TAG[1]
    surveyed = survey_tags(observation, _directions_in_use(node_tags) if out_of_use else node_tags)
    if out_of_use:
        # A camera a mapper marked out of use, which a person linked this survey to: the
        # walker saw the device, not that it works, so `man_made` is not put back beside
        # the prefix (the export report names the node: sync.osm.plan.kept_out_of_use).
        del surveyed[CAMERA_TAG[0]]
        surveyed = {_spelt_as_on(node_tags, key, value): value for key, value in surveyed.items()}
    tags = dict(node_tags)
    for key, value in surveyed.items():
        unprefixed = key.removeprefix(DISUSED_PREFIX)
        if key not in node_tags or not _says_the_same(unprefixed, node_tags[key], value):
            tags[key] = value
    problems = check_tags(tags)
    if problems:
        raise TagError(problems)
    return tags


def _spelt_as_on(node_tags: Mapping[str, str], key: str, value: str) -> str:
    """The key a survey of a camera marked out of use writes `key` under: behind the prefix
    when the node writes its camera's key there (`disused:camera:mount`), as the direction
    goes under the key the node uses. Written plainly beside it, `camera:mount=pole` would
    contradict `disused:camera:mount=wall`, or map a second device, in use, on the node."""
    prefixed = DISUSED_PREFIX + key
    if prefixed in node_tags and key not in node_tags and _lifecycle_key(key, value):
        return prefixed
    return key


def _lifecycle_key(key: str, value: str) -> bool:
    # The camera's own keys, and its direction under either key (`disused:direction`, which
    # no camera key names): the keys a mapper moves behind the prefix with the device.
    return _camera_key(key, value) or key in DIRECTION_KEYS


def _directions_in_use(node_tags: Mapping[str, str]) -> Mapping[str, str]:
    """`node_tags` as direction_keys should read them on a camera out of use: a direction
    behind the prefix is the key the node uses, which _spelt_as_on puts the prefix back on."""
    hidden = {
        key: node_tags[DISUSED_PREFIX + key]
        for key in DIRECTION_KEYS
        if key not in node_tags and DISUSED_PREFIX + key in node_tags
    }
    return {**node_tags, **hidden} if hidden else node_tags


def surveyed_after(node_tags: Mapping[str, str], observation: Mapping) -> str | None:
    """The day a node says it was last surveyed (`check_date` or `survey:date`, the later),
    when that is after the observation's own survey day; else None (also when either day is
    missing or not a day)."""
    surveyed = observation.get("surveyed_on")
    if isinstance(surveyed, date):
        surveyed = surveyed.isoformat()
    if not isinstance(surveyed, str) or not _ISO_DAY.fullmatch(surveyed):
        return None
    days = [node_tags.get(key) for key in NODE_SURVEY_DAY_KEYS]
    latest = max((day for day in days if day and _ISO_DAY.fullmatch(day)), default=None)
    return latest if latest is not None and latest > surveyed else None


def without_camera(node_tags: Mapping[str, str]) -> dict | None:
    """The tags `node_tags` keep once the camera on the node is gone: every tag but the
    camera's own keys (`man_made=surveillance`, `surveillance`, `surveillance:*`, `camera:*`);
    None when nothing else would be left but keys that describe the camera (DESCRIBING_KEYS),
    so the node itself is the camera and may be deleted. One tag of any other key makes the
    node something else too (a street lamp, a sign, an entrance): it stays, as that."""
    kept = {key: value for key, value in node_tags.items() if not _camera_key(key, value)}
    if all(_describing(key) for key in kept):
        return None
    return kept


def out_of_use(tags: Mapping[str, str]) -> tuple[str, ...]:
    """The keys by which a node maps its camera as no longer in use (`disused:man_made`, or
    `disused` beside `man_made=surveillance`), sorted; empty for a camera in use. Such a node
    is never matched by distance (sync/osm/matching.py)."""
    found = []
    if tags.get(DISUSED_CAMERA_TAG[0]) == DISUSED_CAMERA_TAG[1]:
        found.append(DISUSED_CAMERA_TAG[0])
    if tags.get(CAMERA_TAG[0]) == CAMERA_TAG[1] and tags.get(LIFECYCLE_TAG[0]) == LIFECYCLE_TAG[1]:
        found.append(LIFECYCLE_TAG[0])
    return tuple(sorted(found))


def _camera_key(key: str, value: str) -> bool:
    # A camera marked out of use carries its keys behind the prefix (`disused:man_made`,
    # `disused:camera:type`): reported gone, they go with it as the unprefixed ones do.
    key = key.removeprefix(DISUSED_PREFIX)
    if key == CAMERA_TAG[0]:
        return value == CAMERA_TAG[1]
    return key == "surveillance" or key.startswith(CAMERA_KEY_PREFIXES)


def _describing(key: str) -> bool:
    if key in ADDRESS_POINT_KEYS:
        return False
    return key in DESCRIBING_KEYS or key.startswith(DESCRIBING_PREFIXES)


def names_value(mapped: str, surveyed: str) -> bool:
    """Whether a node's value is the survey's or lists it among others (`wall;pole` holds
    `wall`), case and stray spaces aside: the survey then says nothing against the node."""
    surveyed = surveyed.strip().casefold()
    return any(value.strip().casefold() == surveyed for value in mapped.split(";"))


# The keys whose values come from a list (TEXT_FIELDS): where a mapper may list several.
_LISTING_KEYS = frozenset(key for key, allowed in TEXT_FIELDS.values() if allowed is not None)
_FREE_TEXT_KEYS = frozenset(key for key, allowed in TEXT_FIELDS.values() if allowed is None)


def _says_the_same(key: str, current: str, surveyed: str) -> bool:
    """Whether the node's `current` value may stay in place of the survey's."""
    if current == surveyed:
        return True
    if key in _LISTING_KEYS and ";" in current:
        # A mapper's `wall;pole` that holds the surveyed `wall` stays: the survey saw one of
        # the values listed, not that the others are wrong. One value in another case
        # (`Wall`) is written as camwalk spells it.
        return names_value(current, surveyed)
    if key in _FREE_TEXT_KEYS:
        # A name in other capitals or spacing (`police municipale`, `Police  Municipale`) is
        # the one the node gives: a walker types fast on a phone, and rewriting a mapper's
        # spelling of the same body is an edit OSM would revert, not news from the street.
        return _spelling(current) == _spelling(surveyed)
    if key in DIRECTION_KEYS:
        return same_direction(current, surveyed) or sweep_holds(current, surveyed)
    if key == "height":
        return _read_height(current) == _read_height(surveyed)
    if key == "check_date":
        # ISO days sort as text; a value that is not a day is replaced by the survey's.
        return bool(_ISO_DAY.fullmatch(current)) and current >= surveyed
    return False


def _spelling(text: str) -> str:
    return " ".join(text.split()).casefold()


def check_tags(tags: Mapping[str, str]) -> list[tuple[str, str]]:
    """Problems OSM or XML would reject: empty or over-long keys and values, illegal characters."""
    if _all_fit(tags):
        return []  # the common case, checked in bulk because the writer calls this per node
    problems = []
    for key, value in tags.items():
        for what, text in (("key", key), ("value", value)):
            reason = _text_problem(text)
            if reason:
                problems.append((f"tag {str(key)[:40]!r}", f"{what} {reason}"))
    return problems


def _all_fit(tags: Mapping[str, str]) -> bool:
    texts = [*tags.keys(), *tags.values()]
    if not texts:
        return True
    try:
        joined = "".join(texts)  # refuses anything that is not text
    except TypeError:
        return False
    lengths = list(map(len, texts))
    if min(lengths) == 0 or max(lengths) > MAX_TAG_LENGTH:
        return False
    return _NOT_XML.search(joined) is None


def _text_problem(text: str) -> str | None:
    if not isinstance(text, str):
        return "is not text"
    if not text:
        return "is empty"
    if len(text) > MAX_TAG_LENGTH:
        return f"has {len(text)} characters, OSM allows {MAX_TAG_LENGTH}"
    if _NOT_XML.search(text):
        return "holds a control character XML cannot carry"
    return None


class _Problem(str):
    """What a conversion answers instead of raising, so that its answer can be remembered."""

    @property
    def reason(self) -> str:
        return str(self)


class _Unfit(str):
    """A converted value OSM or XML would refuse; check_tags says why, in its own words."""


def _remembered(convert: Callable, *, degrees: bool = False) -> Callable:
    """`convert` answering a _Problem instead of raising (and an _Unfit value instead of one
    OSM would refuse), each answer kept per value (and per type: 1 and True are equal keys
    but not equal heights).

    A survey holds few distinct values per field (kinds, a handful of operators, 360
    directions): an export of 100,000 cameras converted the same values again and again.
    The cache is bounded, so memory stays flat whatever the export's size. `degrees`: a list
    of whole degrees is remembered as a tuple, for `convert` answers both alike (elsewhere a
    list must be named as the list it is in the error)."""

    def answer(value):
        try:
            written = convert(value)
        except (TypeError, ValueError) as error:
            return _Problem(error)
        if written is not None and _text_problem(written):
            return _Unfit(written)
        return written

    cached = functools.lru_cache(maxsize=_REMEMBERED_VALUES, typed=True)(answer)

    def remembered(value):
        if type(value) in _HASHABLE_TYPES:
            return cached(value)
        if degrees and type(value) in (list, tuple):
            key = tuple(value)
            if {*map(type, key)} <= _INT:  # plain ints only: 1 and True are equal keys
                return cached(key)
        return answer(value)

    remembered.cache_clear = cached.cache_clear
    return remembered


_REMEMBERED_VALUES = 4096  # per field
_HASHABLE_TYPES = frozenset({str, int, float, bool, date})
_INT = frozenset({int})


def _text(value, allowed: frozenset[str] | None) -> str | None:
    if not isinstance(value, str):
        raise TypeError(f"{value!r} is not text")
    # One line, single-spaced: a tag value is a line, and the sync keeps the line breaks and
    # tabs a walker may type into any text (an operator pasted from a sign's two lines). In a
    # tag they are a data error to mappers; editors neither show nor let anyone type them.
    value = " ".join(value.split())
    if not value:
        return None  # whitespace only: the walker left it empty
    if allowed is not None and value not in allowed:
        raise ValueError(f"{value!r} is not one of {', '.join(sorted(allowed))}")
    return value


def _height(value) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{value!r} is not a number of metres")
    if not math.isfinite(value) or not 0 <= value <= MAX_HEIGHT_M:
        raise ValueError(f"{value!r} m is outside 0-{MAX_HEIGHT_M} m")
    # Centimetres are more than a walker can judge; `4` and `4.5`, never `4.0`.
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _direction(value) -> str | None:
    if not isinstance(value, list | tuple):
        raise TypeError(f"{value!r} is not a list of degrees")
    return format_direction(value) if value else None


def _survey_day(value) -> str:
    # Only the day the walker gave: never today's date, never a time of day.
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.isoformat()
    if not isinstance(value, str) or not _ISO_DAY.fullmatch(value):
        raise ValueError(f"{value!r} is not a YYYY-MM-DD day")
    return date.fromisoformat(value).isoformat()


# What survey_tags does with each field, in the order the tags are written: the field, the
# key its value goes under (None: the direction's keys, which depend on the node), and the
# conversion, remembered (see _remembered).
_SURVEY_PLAN = (
    *(
        (field, key, _remembered(functools.partial(_text, allowed=allowed)))
        for field, (key, allowed) in TEXT_FIELDS.items()
    ),
    ("height_m", "height", _remembered(_height)),
    ("direction", None, _remembered(_direction, degrees=True)),
    ("surveyed_on", "check_date", _remembered(_survey_day)),
)


def _survey_plan(kind) -> tuple:
    """_SURVEY_PLAN less the camera's own fields when `kind` does not film (camera_fields)."""
    if camera_fields(kind):
        return _SURVEY_PLAN
    return tuple(step for step in _SURVEY_PLAN if step[1] not in _CAMERA_KEYS)


_CAMERA_KEYS = frozenset(key for _, key in CAMERA_FIELDS)
# The plan of each kind, and of none, spelt as camwalk spells them (others are worked out).
_SURVEY_PLANS = {kind: _survey_plan(kind) for kind in (None, *TEXT_FIELDS["kind"][1])}


def observation_fields(tags: Mapping[str, str]) -> dict:
    """What a walker who only confirms this OSM camera says, in camwalk field names.

    A value is read only when the server would store it and the export, writing it back,
    would leave the node's tag as the mapper wrote it. Everything else reads as None: absent,
    unreadable (`90-180`, `12'`, `4,5`), several values (`wall;pole`), another case or stray
    spaces, more precise than the export writes, or beyond what a record holds. An empty
    field writes nothing (see the module docstring), so a confirmation keeps those tags whole
    instead of putting a misreading in their place. The phone fills a confirmation by the
    same rule (pwa/src/geo/osmValues.js); data/confirm_readings.json under tests/sync/osm
    holds the cases both are tested on.
    """
    read = {field: tags.get(key) for field, (key, _) in TEXT_FIELDS.items()}
    read["direction"] = stated_direction(tags)
    read["height_m"] = _read_height(tags.get("height"))
    return {
        field: value if _written_back_as_is(tags, field, value) else None
        for field, value in read.items()
    }


def _written_back_as_is(tags: Mapping[str, str], field: str, value) -> bool:
    # Checked by writing the value the way the export would, rather than by a second list of
    # what the writer keeps: the writer is the rule.
    if value is None or problem(field, value) is not None:
        return False
    try:
        written = survey_tags({field: normalise(field, value)}, tags)
    except TagError:
        return False
    del written[CAMERA_TAG[0]]
    return all(key in tags and _reads_as(key, tags[key], v) for key, v in written.items())


def _reads_as(key: str, current: str, written: str) -> bool:
    # A name is read only as camwalk writes it: the writer keeps `police municipale` in place
    # of a survey's `Police municipale`, but a confirmation that read it would fill the
    # walker's form with a spelling the phone does not read alike (pwa/src/geo/osmValues.js).
    if key in _FREE_TEXT_KEYS:
        return current == written
    return _says_the_same(key, current, written)


# Metres written as plain decimals, optionally followed by `m`. float() alone would also take
# `1e1`, `+4`, `1_0`, `inf` and digits of any script; the phone reads heights by this grammar,
# which both languages can follow alike.
_METRES = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def _read_height(value: str | None) -> float | None:
    if value is None:
        return None
    number = value.strip().removesuffix("m").strip()
    return float(number) if _METRES.fullmatch(number) else None
