"""The export matches area by area, in place order (sync/osm/areas.py): what the database can
make of that. A link only an approved copy holds (a walker removed it since) and met after its
camera's area was matched makes the export match again knowing it, and the file is the one a
single match over the scope gives. A link to a camera outside the area is read and followed."""

import io
from xml.etree.ElementTree import fromstring

import pytest
import sqlalchemy as sa

from server.exports.osc import Scope, export_osc
from server.extensions import db
from server.osm.service import store_node
from sync.order import place_cell

METRE_DEG = 1 / 111_195.08  # one metre of latitude, in degrees (camwalk's sphere)
LON, LAT = 5.3812345, 43.2961234  # camera 501, Vieux-Port
FAR = (LON + 0.01, LAT + 0.01)  # about 1.4 km north-east: later in place order


@pytest.fixture
def matching_passes():
    """How many passes in place order the export ran (the plan's included)."""
    seen = []

    def keep(conn, cursor, statement, parameters, context, executemany):
        if "ORDER BY observation.approved_place" in statement:
            seen.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", keep)
    yield seen
    sa.event.remove(db.engine, "before_cursor_execute", keep)


def export(group) -> dict[str, list[tuple[int, str]]]:
    out = io.BytesIO()

    class Part:
        def __init__(self, number):
            pass

        def __enter__(self):
            return out

        def __exit__(self, *error):
            return False

    export_osc(Scope.of_group(group.group), Part)
    found = {}
    for block in fromstring(out.getvalue()):
        for node in block.iter("node"):
            tags = {tag.get("k"): tag.get("v") for tag in node.iter("tag")}
            found.setdefault(block.tag, []).append((int(node.get("id")), tags.get("operator")))
    return found


def linked_far_away(group, add_observation, node_id: int, *, column_too: bool):
    """An approved observation 1.4 km from camera 501, linked to `node_id`; with
    `column_too=False` a walker has removed the link since (waiting for review), so only
    the approved copy holds it."""
    row = add_observation(group, *FAR, operator="Linked far away", osm_node_id=node_id)
    if not column_too:
        row.osm_node_id, row.review_status = None, "pending"
        db.session.commit()
    return row


@pytest.mark.parametrize("column_too", [False, True])
def test_a_camera_linked_from_far_away_is_never_matched_by_distance(
    group, add_observation, matching_passes, column_too
):
    store_node(501, 3, LON, LAT, {"man_made": "surveillance"})
    db.session.commit()
    add_observation(group, LON, LAT + 0.5 * METRE_DEG, operator="Right under it")
    linked_far_away(group, add_observation, 501, column_too=column_too)
    assert place_cell(*FAR) > place_cell(LON, LAT)

    found = export(group)

    # The link wins, wherever its observation stands; the one under the camera is new.
    assert found["modify"] == [(501, "Linked far away")]
    assert found["create"] == [(-1, "Right under it")]
    # Only the approved copy knew the link: met after the camera's area was matched, it
    # made the matching run again. With the link in the column too, the area waited for it.
    assert len(matching_passes) == (2 if column_too else 3)


def test_a_link_to_a_camera_outside_the_area_is_followed(group, add_observation):
    # 5 km away from every observation: not among the area's cameras, and no column names it.
    store_node(502, 2, LON + 0.06, LAT, {"man_made": "surveillance"})
    store_node(501, 3, LON, LAT, {"man_made": "surveillance"})
    db.session.commit()
    add_observation(group, LON, LAT + 0.5 * METRE_DEG, operator="Right under it")
    linked_far_away(group, add_observation, 502, column_too=False)

    found = export(group)

    assert sorted(found["modify"]) == [(501, "Right under it"), (502, "Linked far away")]
