"""Request bodies the server tests share: a walker's changes as a phone sends them (see
docs/sync-protocol.md) and small JPEGs. Imported by the conftest files that need them."""

import io
import uuid

from PIL import Image

MARSEILLE = {"lat": 43.2961234, "lon": 5.3812345, "accuracy_m": 6}
# More ids than PostgreSQL takes bound parameters in one statement (65,535): what a list
# with no bound must still pass (server/sql.py).
MANY_IDS = 70_000
# A walk's OSM cameras loaded "everywhere" (walk.osm_fetched_bbox: west, south, east, north):
# the test walks' new cameras are planned wherever a test puts them (sync/osm/loaded.py).
EVERYWHERE = [-180.0, -90.0, 180.0, 90.0]


def new_id() -> str:
    return str(uuid.uuid4())


def jpeg_bytes(shade: int = 128, size=(32, 24)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (shade, shade, shade)).save(buffer, "JPEG")
    return buffer.getvalue()


def create_change(
    walk_id: int,
    observation_id: str | None = None,
    made_at: str = "2026-11-21T09:14:03+01:00",
    **fields,
) -> dict:
    values = {
        "position": dict(MARSEILLE),
        "kind": "camera",
        "camera_type": "dome",
        "direction": [180],
        "surveyed_on": "2026-11-21",
        **fields,
    }
    return {
        "change_id": new_id(),
        "observation_id": observation_id or new_id(),
        "op": "create",
        "walk_id": walk_id,
        "made_at": made_at,
        "fields": values,
    }


def update_change(observation_id: str, base_version: int, made_at: str, **edits) -> dict:
    return {
        "change_id": new_id(),
        "observation_id": observation_id,
        "op": "update",
        "base_version": base_version,
        "made_at": made_at,
        "fields": {name: {"old": old, "new": new} for name, (old, new) in edits.items()},
    }


def photo_change(
    observation_id: str, sha256: str, role: str = "close_up", op: str = "attach_photo"
) -> dict:
    return {
        "change_id": new_id(),
        "observation_id": observation_id,
        "op": op,
        "made_at": "2026-11-21T09:15:00+01:00",
        "photo": {"sha256": sha256, "role": role},
    }


def nothing_to_check() -> dict[str, int]:
    """The counts of an upload with no warning to check (server/exports/osc.py PlanChecks),
    beside what it sends."""
    from server.exports.osc import PlanChecks

    return dict.fromkeys(PlanChecks.COUNTED, 0)
