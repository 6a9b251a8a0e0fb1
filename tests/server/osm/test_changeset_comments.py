"""Each changeset's comment counts what that changeset holds: the parts of a split upload
each say their own number, and a changeset whose upload lost an element on the way (the API
refused it) says what it finally carried."""

import pytest
from sqlalchemy import select

from server.exports.osc import Scope
from server.exports.upload import upload_scope
from server.extensions import db
from server.osm.models import ChangesetUpload
from server.osm.service import store_node
from tests.builders import nothing_to_check

CAMERA = {"man_made": "surveillance", "surveillance:type": "camera"}


def _held(fake_osm, changeset_id: int, action: str) -> int:
    return len(fake_osm.state.changesets[changeset_id]["changes"].findall(f"{action}/node"))


def test_each_part_of_a_split_upload_counts_its_own_cameras(
    group, add_observation, fake_osm, osm_client
):
    for i in range(5):
        add_observation(group, 24.9480 + i * 0.0005, 60.1675)

    result = upload_scope(Scope.of_walk(group.walk), osm_client, max_elements=2)

    place = group.walk.name
    comments = [fake_osm.state.changesets[cs]["tags"]["comment"] for cs in result.changesets]
    assert [_held(fake_osm, cs, "create") for cs in result.changesets] == [2, 2, 1]
    assert comments == [
        f"Add 2 surveyed surveillance cameras, {place}",
        f"Add 2 surveyed surveillance cameras, {place}",
        f"Add 1 surveyed surveillance camera, {place}",
    ]
    rows = db.session.scalars(select(ChangesetUpload).order_by(ChangesetUpload.id))
    assert [row.comment for row in rows] == comments
    assert result.comment == f"Add 5 surveyed surveillance cameras, {place}"  # the whole upload


def _deleted_since(fake_osm, fake) -> None:
    fake_osm.state.nodes[501].visible = False  # 410


def _conflicts_twice(fake_osm, fake) -> None:
    conflict = "Version mismatch: Provided 1, server had: 2 of Node 501"
    for _ in range(2):  # the second, after camwalk re-applied its survey, drops the modify
        fake_osm.state.script.append(fake.Canned("POST", "/upload", 409, body=conflict))


@pytest.mark.parametrize("refuse", [_deleted_since, _conflicts_twice], ids=["410", "409 twice"])
def test_a_changeset_that_lost_an_element_on_the_way_says_what_it_carried(
    group, add_observation, fake, fake_osm, osm_client, refuse
):
    store_node(501, 1, 24.9480, 60.1675, CAMERA)
    db.session.commit()
    fake_osm.state.add_node(501, 60.1675, 24.9480, CAMERA)
    refuse(fake_osm, fake)
    add_observation(group, 24.9480, 60.1675, osm_node_id=501, operator="Helsingin kaupunki")
    add_observation(group, 24.9500, 60.1675)

    result = upload_scope(Scope.of_walk(group.walk), osm_client)

    (changeset,) = result.changesets
    assert result.counts == {"created": 1, "modified": 0, "deleted": 0, **nothing_to_check()}
    assert [item["node"] for item in result.failed] == [501]  # dropped
    place = group.walk.name
    tags = fake_osm.state.changesets[changeset]["tags"]
    assert tags["comment"] == f"Add 1 surveyed surveillance camera, {place}"
    assert tags["created_by"].startswith("camwalk ") and tags["source"] == "survey"
    row = db.session.scalar(select(ChangesetUpload))
    assert row.comment == tags["comment"]
