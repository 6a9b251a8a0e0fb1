"""A fetch right after an upload does not forget what the upload made.

Overpass copies OSM minutes behind. An organiser who uploads and then presses "Load OSM
cameras" (or a fetch run by cron) got an answer without the nodes the upload had just created,
and the fetch, taking its answer as the truth for the box, removed them from the cache. The
next export then said of each camera the upload had created that its node "is not in the OSM
data: deleted since", of a gone report on one that it was "not linked to a node", and a later
walk's survey of the same camera was planned as a new camera: created again. A node the upload made
newer than the answer shows (a modify: version 4 against the copy's 3) was set back too, and
the next file carried a stale version. What camwalk wrote after the moment of OSM an answer
shows is newer than the answer: kept as it is."""

from sqlalchemy import select

from server.exports.osc import Scope
from server.exports.upload import upload_scope
from server.extensions import db
from server.groups.models import Walk
from server.observations.models import Observation
from server.osm.importer import fetch_for_walk
from server.osm.models import OsmNode
from server.osm.service import store_node
from tests.builders import update_change
from tests.conftest import EVERYWHERE
from tests.server.osm.test_export_walker_answers import LAT, LON, export, log
from tests.server.osm.test_review_node_choice import approve

CAMERA = {"man_made": "surveillance", "surveillance:type": "camera"}


def cached_version(node_id: int) -> int | None:
    return db.session.scalar(select(OsmNode.version).where(OsmNode.osm_id == node_id))


def uploaded_camera(client, group, osm_client) -> tuple[str, int]:
    survey, _ = log(client, group, operator="Bar du coin")
    approve(client, group, survey)
    sent = upload_scope(Scope.of_walk(group.walk), osm_client)
    assert sent.counts["created"] == 1, sent.as_dict()
    node_id = db.session.scalar(select(Observation.osm_node_id).filter_by(uuid=survey))
    return survey, node_id


def fetch_behind(fake_osm, osm_client, group, behind: dict) -> dict:
    """A fetch from an Overpass two minutes behind, whose copy lacks the last changes."""
    fake_osm.state.overpass_lag_s = 120
    fake_osm.state.overpass_behind = behind
    return fetch_for_walk(group.walk, osm_client).as_dict()


def test_a_lagging_fetch_keeps_the_nodes_the_upload_just_created(
    client, group, fake_osm, osm_client
):
    _, node_id = uploaded_camera(client, group, osm_client)

    fetch_behind(fake_osm, osm_client, group, {node_id: None})
    actions, report = export(client, group)

    assert cached_version(node_id) == 1
    assert actions == {}
    assert [(item["code"], item["osm_node_id"]) for item in report["report"]] == [
        ("nothing_to_change", node_id)
    ]


def test_after_a_lagging_fetch_a_later_walk_s_survey_of_the_camera_modifies_it(
    client, group, add_observation, fake_osm, osm_client
):
    _, node_id = uploaded_camera(client, group, osm_client)
    later = Walk(group_id=group.group.id, name="Second walk", osm_fetched_bbox=EVERYWHERE)
    db.session.add(later)
    db.session.commit()
    add_observation(group, LON, LAT, walk_id=later.id, operator="Bar du coin", mount="wall")

    fake_osm.state.overpass_lag_s = 120
    fake_osm.state.overpass_behind = {node_id: None}
    fetch_for_walk(later, osm_client)
    planned = upload_scope(Scope.of_walk(later), None, dry_run=True).as_dict()

    assert planned["counts"]["created"] == 0
    assert [(change["action"], change["node"]) for change in planned["changes"]] == [
        ("modify", node_id)
    ]


def test_after_a_lagging_fetch_a_gone_report_deletes_the_node_the_upload_made(
    client, group, fake_osm, osm_client
):
    survey, node_id = uploaded_camera(client, group, osm_client)
    fetch_behind(fake_osm, osm_client, group, {node_id: None})
    version = db.session.scalar(select(Observation.version).filter_by(uuid=survey))
    gone = update_change(survey, version, "2026-11-21T10:00Z", presence=("present", "gone"))
    answer = client.post(
        f"/api/v1/groups/{group.id}/sync",
        json={"changes": [gone]},
        headers=group.headers("organiser"),
    )
    assert answer.json["results"][0]["status"] == "applied", answer.json
    approve(client, group, survey)

    actions, report = export(client, group)

    assert actions == {"delete": [node_id]}
    assert report["report"] == []


def test_a_lagging_fetch_does_not_set_back_a_node_the_upload_modified(
    client, group, fake, fake_osm, osm_client
):
    store_node(501, 3, LON, LAT, CAMERA)
    db.session.commit()
    fake_osm.state.add_node(501, LAT, LON, CAMERA, version=3)
    survey, _ = log(client, group, operator="Bar du coin")
    approve(client, group, survey)
    upload_scope(Scope.of_walk(group.walk), osm_client)
    assert cached_version(501) == 4

    summary = fetch_behind(
        fake_osm, osm_client, group, {501: fake.FakeNode(3, LAT, LON, dict(CAMERA))}
    )

    assert cached_version(501) == 4
    assert (summary["kept_newer"], summary["updated"], summary["removed"]) == (1, 0, 0)
    tags = db.session.scalar(select(OsmNode.tags).where(OsmNode.osm_id == 501))
    assert tags["operator"] == "Bar du coin"


def test_a_fetch_that_caught_up_removes_a_node_deleted_upstream_since_the_upload(
    client, group, fake_osm, osm_client
):
    _, node_id = uploaded_camera(client, group, osm_client)
    fake_osm.state.nodes[node_id].visible = False  # a mapper deleted it after the upload

    fake_osm.state.overpass_lag_s = 0
    summary = fetch_for_walk(group.walk, osm_client).as_dict()

    assert summary["removed"] == 1 and cached_version(node_id) is None


def test_after_an_upload_deleted_a_gone_camera_the_export_names_its_node_not_linked_to_none(
    client, group, add_observation, fake_osm, osm_client
):
    store_node(501, 3, LON, LAT, CAMERA)
    db.session.commit()
    fake_osm.state.add_node(501, LAT, LON, CAMERA, version=3)
    gone = add_observation(group, LON, LAT, presence="gone", osm_node_id=501)
    assert upload_scope(Scope.of_walk(group.walk), osm_client).counts["deleted"] == 1

    actions, report = export(client, group)
    again = upload_scope(Scope.of_walk(group.walk), None, dry_run=True).as_dict()

    assert actions == {}
    expected = [(gone.uuid, "node_not_in_data", 501)]
    for skipped in (report["report"], again["skipped"]):
        assert [(s["observation"], s["code"], s.get("osm_node_id")) for s in skipped] == expected
