"""A device's approved copy as it leaves the group for the public: the public map's data and
the files to publish (server/exports/tables.py with `approved`).

A guard or a gunshot detector has no camera type, mount or sign: the phone sends them empty for
such a kind, but a copy approved before it did, or approved as a camera and then as a guard,
still holds them. The public page's popup hid them; the JSON and the files did not. So each
field a kind does not have reads as None ("nothing said") wherever a copy is published, by the
rules that decide it everywhere else: `camera_fields` (what the export writes to OSM) and
`signage.concerns` (whom the signage survey asks). The organiser's own files and the review keep
what is stored: that is camwalk's record of what the walker logged.
"""

import functools
from collections.abc import Mapping
from typing import Any

from sync import signage
from sync.fields import SIGNAGE_FIELDS
from sync.osm.tags import CAMERA_FIELDS, camera_fields


def published_values(approved: Mapping[str, Any]) -> dict:
    """`approved` with the fields its kind does not have set to None."""
    kind = approved.get("kind")
    absent = _absent(kind) if isinstance(kind, str | None) else _fields_absent(kind)
    return {name: None if name in absent else value for name, value in approved.items()}


def _fields_absent(kind: Any) -> frozenset[str]:
    """The fields a device of `kind` does not have."""
    absent = {field for field, _ in CAMERA_FIELDS} - {field for field, _ in camera_fields(kind)}
    if not signage.concerns(kind):
        absent |= set(SIGNAGE_FIELDS)
    return frozenset(absent)


# By kind, worked out once each: the public map publishes every camera of a campaign on each
# visit, and working them out per camera was a third of its time (bench/public_cameras_bench.py).
# The kinds a copy holds are the few the contract lists (sync/fields.py checked them).
_absent = functools.lru_cache(maxsize=64)(_fields_absent)
