"""A real upload names, and counts, only the warnings of what OSM took.

After a version conflict the upload builds a change again on the node as OSM has it then, and
a second conflict (or a node deleted since, or a retry that cannot be built) drops that element.
The dropped element kept its warnings: the answer counted a disagreeing match for a node the
upload never wrote to, and the organiser's sent view said "1 match to check" of OSM beside the
failure that said nothing was sent for it. The dry run still names what it would send."""

import pytest

from server.exports.osc import Scope
from server.exports.upload import upload_group, upload_scope
from server.extensions import db
from server.osm.service import store_node
from tests.server.osm.test_export_walker_answers import DOME_ON_POLE, LAT, LON, METRE_DEG, log
from tests.server.osm.test_review_node_choice import approve, choose
from tests.server.osm.test_upload_disagreeing import fixed_camera_on_a_wall_by_a_dome_on_a_pole

CONFLICT = "Version mismatch: Provided 3, server had: 4 of Node 501"


def upload(owner: str, group, osm_client, **options) -> dict:
    if owner == "walk":
        return upload_scope(Scope.of_walk(group.walk), osm_client, **options).as_dict()
    return upload_group(group.group, osm_client, **options).as_dict()


def conflicts_twice(fake_osm, fake) -> None:
    for _ in range(2):  # the second, after camwalk built the modify again, drops it
        fake_osm.state.script.append(fake.Canned("POST", "/upload", 409, body=CONFLICT))


def deleted_since(fake_osm, fake) -> None:
    fake_osm.state.nodes[501].visible = False  # the API answers the modify 410


def refused_by_the_api(fake_osm, fake) -> None:
    fake_osm.state.script.append(fake.Canned("POST", "/upload", 400, body="Bad request"))


@pytest.mark.parametrize("owner", ["walk", "group"])
@pytest.mark.parametrize(
    "refuse", [conflicts_twice, deleted_since, refused_by_the_api], ids=["409 twice", "410", "400"]
)
def test_a_match_osm_did_not_take_is_neither_listed_nor_counted(
    client, group, fake, fake_osm, osm_client, owner, refuse
):
    survey = fixed_camera_on_a_wall_by_a_dome_on_a_pole(client, group)
    fake_osm.state.add_node(501, LAT + 4 * METRE_DEG, LON, DOME_ON_POLE, version=3)
    planned = upload(owner, group, None, dry_run=True)
    refuse(fake_osm, fake)

    sent = upload(owner, group, osm_client)

    assert [item["observation"] for item in planned["disagreeing"]] == [survey]
    assert planned["counts"]["disagreeing"] == 1
    assert sent["failed"] and sent["counts"]["modified"] == 0
    assert (sent["counts"]["disagreeing"], sent["disagreeing"]) == (0, [])


@pytest.mark.parametrize("owner", ["walk", "group"])
def test_a_match_osm_took_after_one_conflict_is_still_listed_and_counted(
    client, group, fake, fake_osm, osm_client, owner
):
    survey = fixed_camera_on_a_wall_by_a_dome_on_a_pole(client, group)
    fake_osm.state.add_node(501, LAT + 4 * METRE_DEG, LON, DOME_ON_POLE, version=3)
    fake_osm.state.script.append(fake.Canned("POST", "/upload", 409, body=CONFLICT))

    sent = upload(owner, group, osm_client)

    assert (sent["status"], sent["counts"]["modified"], sent["failed"]) == ("done", 1, [])
    assert [item["observation"] for item in sent["disagreeing"]] == [survey]
    assert sent["counts"]["disagreeing"] == 1


@pytest.mark.parametrize("owner", ["walk", "group"])
def test_a_camera_out_of_use_osm_did_not_take_is_neither_listed_nor_counted(
    client, group, fake, fake_osm, osm_client, owner
):
    out_of_use = {"man_made": "surveillance", "surveillance:type": "camera", "disused": "yes"}
    store_node(601, 1, LON + 40 * METRE_DEG, LAT, out_of_use)
    db.session.commit()
    fake_osm.state.add_node(601, LAT, LON + 40 * METRE_DEG, out_of_use, version=1)
    survey, _ = log(client, group, operator="Bar du coin")
    choose(client, group, survey, osm_node_id=601)
    approve(client, group, survey)
    conflict = "Version mismatch: Provided 1, server had: 2 of Node 601"
    for _ in range(2):
        fake_osm.state.script.append(fake.Canned("POST", "/upload", 409, body=conflict))

    sent = upload(owner, group, osm_client)

    assert [item["node"] for item in sent["failed"]] == [601]
    assert (sent["counts"]["disused_node"], sent["out_of_use"]) == (0, [])
