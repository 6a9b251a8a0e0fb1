"""The cameras an export report or an upload names, in the words of the review screens.

A report item names an observation by its UUID, which no organiser recognises. The review card
calls a camera by its kind and type, its operator, who logged it and when: the report and the
upload answer carry the same, read when they are asked for, so a report stored before this
existed names its cameras too, and a camera edited since is named as it is now.
"""

from collections.abc import Iterable

import sqlalchemy as sa

from server.extensions import db
from server.observations.models import Observation
from server.observations.views import pseudonyms
from server.sql import among, in_batches

# The keys of a report item that hold an observation's UUID (docs/contract.md).
NAMING_KEYS = ("observation", "other_observation")


def cameras_named(group_id: int, items: Iterable[dict]) -> dict[str, dict]:
    """UUID → how the review screens name it, for each observation of the group `items` name."""
    uuids = {item[key] for item in items for key in NAMING_KEYS if isinstance(item.get(key), str)}
    rows = []
    for batch in in_batches(uuids):
        query = sa.select(
            Observation.uuid, Observation.kind, Observation.camera_type, Observation.operator,
            Observation.created_by_id, Observation.surveyed_on, Observation.created_at,
            Observation.walk_id,
        ).where(Observation.group_id == group_id, among(Observation.uuid, batch))  # fmt: skip
        rows += db.session.execute(query).all()
    names = pseudonyms(row.created_by_id for row in rows)
    return {
        row.uuid: {
            "kind": row.kind,
            "camera_type": row.camera_type,
            "operator": row.operator,
            "created_by": names.get(row.created_by_id),
            "surveyed_on": row.surveyed_on,
            "created_at": row.created_at,
            "walk_id": row.walk_id,
        }
        for row in rows
    }
