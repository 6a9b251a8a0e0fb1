"""After a version conflict, the upload's counts of what to check are those of its lists.

The upload counted its warnings from the plan, before anything was sent; a 409 retry rebuilds
the change on the node as OSM has it now, and with it what there is to check (a mapper may
have made the dome a fixed camera, or marked the camera out of use). The list said it, the
count still said the plan's: a script reading the counts alone was told of a match to check
that the upload no longer listed, or not told of one it did."""

import pytest

from server.exports.osc import Scope
from server.exports.upload import upload_group, upload_scope
from server.extensions import db
from server.osm.service import store_node
from tests.server.osm.test_export_walker_answers import LAT, LON, METRE_DEG, log
from tests.server.osm.test_review_node_choice import approve, choose
from tests.server.osm.test_upload_disagreeing import fixed_camera_on_a_wall_by_a_dome_on_a_pole

AGREES_NOW = {"man_made": "surveillance", "camera:type": "fixed", "camera:mount": "wall"}
IN_USE = {"man_made": "surveillance", "surveillance:type": "camera"}
OUT_OF_USE_NOW = {"man_made": "surveillance", "surveillance:type": "camera", "disused": "yes"}


def upload(owner: str, group, osm_client) -> dict:
    if owner == "walk":
        return upload_scope(Scope.of_walk(group.walk), osm_client).as_dict()
    return upload_group(group.group, osm_client).as_dict()


def warnings(items: list[dict], kind: str) -> list[str]:
    return [item["observation"] for item in items if item["warning"] == kind]


@pytest.mark.parametrize("owner", ["walk", "group"])
def test_a_match_that_agrees_after_a_retry_is_neither_listed_nor_counted(
    client, group, fake_osm, osm_client, owner
):
    fixed_camera_on_a_wall_by_a_dome_on_a_pole(client, group)
    # A mapper fixed the node since camwalk read it: version 4, tags agreeing with the survey.
    fake_osm.state.add_node(501, LAT + 4 * METRE_DEG, LON, AGREES_NOW, version=4)

    sent = upload(owner, group, osm_client)

    assert (sent["status"], sent["counts"]["modified"], sent["failed"]) == ("done", 1, [])
    assert (sent["counts"]["disagreeing"], sent["disagreeing"]) == (0, [])


@pytest.mark.parametrize("owner", ["walk", "group"])
def test_a_camera_marked_out_of_use_before_a_retry_is_listed_and_counted(
    client, group, fake_osm, osm_client, owner
):
    store_node(601, 1, LON + 40 * METRE_DEG, LAT, IN_USE)
    db.session.commit()
    survey, _ = log(client, group, operator="Bar du coin")
    choose(client, group, survey, osm_node_id=601)
    approve(client, group, survey)
    # Since camwalk read it, a mapper marked the camera as no longer in use.
    fake_osm.state.add_node(601, LAT, LON + 40 * METRE_DEG, OUT_OF_USE_NOW, version=2)

    sent = upload(owner, group, osm_client)

    assert (sent["status"], sent["counts"]["modified"], sent["failed"]) == ("done", 1, [])
    assert warnings(sent["out_of_use"], "disused_node") == [survey]
    assert sent["counts"]["disused_node"] == 1
