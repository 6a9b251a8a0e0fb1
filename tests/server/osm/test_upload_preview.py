"""A dry-run upload lists what it would send: the same elements as the walk's osmChange export."""

from xml.etree.ElementTree import fromstring

import pytest
from sqlalchemy import select

from server.exports.upload import MAX_PREVIEW_CHANGES, upload_group
from server.extensions import db
from server.groups.models import Walk
from server.observations.models import Observation
from server.osm.models import OsmNode
from server.osm.service import store_node
from tests.builders import EVERYWHERE, nothing_to_check

POLICE = "Police municipale de Marseille"
CAMERA = {"man_made": "surveillance"}


@pytest.fixture
def surveyed(group, add_observation):
    """A walk whose approved observations make a modify, a create and a delete."""
    store_node(101, 3, 5.3812, 43.2961, CAMERA | {"note": "seen from the square"})
    store_node(103, 2, 5.3830, 43.2950, CAMERA)
    db.session.commit()
    add_observation(group, 5.38122, 43.29612, operator=POLICE, mount="pole")
    add_observation(group, 5.3850, 43.2990, camera_type="dome", direction=[90])
    add_observation(group, 5.3830, 43.2950, presence="gone", osm_node_id=103)
    add_observation(group, 5.3880, 43.2999, review_status="pending")
    return group


def dry_run(client, group, kind="walks", owner_id=None):
    owner_id = owner_id or (group.walk.id if kind == "walks" else group.id)
    response = client.post(
        f"/api/v1/{kind}/{owner_id}/osm-upload",
        json={"dry_run": True},
        headers=group.headers("organiser"),
    )
    assert response.status_code == 200, response.json
    return response.json


def exported(client, group, walk_id) -> list[tuple]:
    """(action, node, version, lat, lon, tags) of each element of the walk's export.osc."""
    response = client.get(
        f"/api/v1/walks/{walk_id}/export.osc", headers=group.headers("organiser")
    )
    root = fromstring(response.get_data())
    response.close()
    elements = []
    for block in root:
        for node in block.iter("node"):
            version, lat, lon = node.get("version"), node.get("lat"), node.get("lon")
            elements.append((
                block.tag,
                int(node.get("id")),
                None if version is None else int(version),
                None if lat is None else float(lat),
                None if lon is None else float(lon),
                {tag.get("k"): tag.get("v") for tag in node.iter("tag")},
            ))  # fmt: skip
    return elements


def listed(changes: list[dict]) -> list[tuple]:
    keys = ("action", "node", "version", "lat", "lon", "tags")
    return [tuple(change[key] for key in keys) for change in changes]


def cameras_in_a_grid(add_observation, group, count, walk_id=None):
    """`count` approved cameras about 20 m apart, far from any cached node: all creates."""
    for number in range(count):
        lon, lat = 5.36 + (number % 30) * 0.0003, 43.28 + (number // 30) * 0.0002
        add_observation(group, lon, lat, walk_id=walk_id)


def test_a_walk_dry_run_lists_the_elements_its_osmchange_export_holds(client, surveyed):
    result = dry_run(client, surveyed)

    assert listed(result["changes"]) == exported(client, surveyed, surveyed.walk.id)
    assert {change["action"] for change in result["changes"]} == {"create", "modify", "delete"}
    assert result["changes_truncated"] is False
    counted = {"created": "create", "modified": "modify", "deleted": "delete"}
    actions = [change["action"] for change in result["changes"]]
    sent = {key: actions.count(action) for key, action in counted.items()}
    assert sent | nothing_to_check() == result["counts"]


def test_each_change_names_its_observation_and_a_modify_shows_the_tags_osm_has_now(
    client, surveyed
):
    changes = dry_run(client, surveyed)["changes"]

    cached = {node.osm_id: node.tags for node in db.session.scalars(select(OsmNode))}
    rows = db.session.scalars(select(Observation).filter_by(walk_id=surveyed.walk.id))
    approved = {row.uuid: row for row in rows if row.review_status == "approved"}
    assert sorted(change["observation"] for change in changes) == sorted(approved)
    for change in changes:
        observation = approved[change["observation"]]
        assert change["walk_id"] == surveyed.walk.id
        if change["action"] == "create":
            assert change["node"] < 0 and change["previous_tags"] is None
            assert observation.osm_node_id is None
        else:
            assert change["previous_tags"] == cached[change["node"]]
        if change["action"] == "modify":
            assert change["tags"] != change["previous_tags"]
            assert change["tags"]["operator"] == observation.operator
        if change["action"] == "delete":
            assert change["node"] == observation.osm_node_id


def test_a_group_dry_run_lists_every_walks_changes_walk_by_walk(client, surveyed, add_observation):
    other = Walk(group_id=surveyed.id, name="Belsunce walk", osm_fetched_bbox=EVERYWHERE)
    db.session.add(other)
    db.session.commit()
    add_observation(surveyed, 5.3751, 43.3001, walk_id=other.id, camera_type="fixed")
    add_observation(surveyed, 5.3753, 43.3003, walk_id=other.id, mount="wall")

    result = dry_run(client, surveyed, "groups")

    walks = sorted([surveyed.walk.id, other.id])
    expected = [element for walk_id in walks for element in exported(client, surveyed, walk_id)]
    assert listed(result["changes"]) == expected
    by_walk = [change["walk_id"] for change in result["changes"]]
    assert by_walk == sorted(by_walk) and set(by_walk) == set(walks)
    assert result["changes_truncated"] is False


def test_past_the_limit_a_dry_run_lists_the_first_changes_and_says_it_stopped(
    client, group, add_observation
):
    cameras_in_a_grid(add_observation, group, MAX_PREVIEW_CHANGES + 1)

    result = dry_run(client, group)

    elements = exported(client, group, group.walk.id)
    assert len(elements) == MAX_PREVIEW_CHANGES + 1 == result["counts"]["created"]
    assert listed(result["changes"]) == elements[:MAX_PREVIEW_CHANGES]
    assert result["changes_truncated"] is True


@pytest.mark.parametrize(
    ("limit", "shown", "truncated"),
    [(5, 4, False), (4, 4, False), (3, 3, True), (2, 2, True), (0, 0, True)],
)
def test_a_group_dry_run_shares_one_limit_between_its_walks(
    app, group, add_observation, limit, shown, truncated
):
    other = Walk(group_id=group.id, name="Belsunce walk", osm_fetched_bbox=EVERYWHERE)
    db.session.add(other)
    db.session.commit()
    cameras_in_a_grid(add_observation, group, 2)
    cameras_in_a_grid(add_observation, group, 2, walk_id=other.id)

    result = upload_group(group.group, None, dry_run=True, preview_limit=limit)

    assert result.counts["created"] == 4
    assert len(result.changes) == shown
    assert result.changes_truncated is truncated
    assert [c["walk_id"] for c in result.changes] == [group.walk.id] * min(shown, 2) + [
        other.id
    ] * max(0, shown - 2)


def test_a_real_upload_lists_no_changes(app, group, add_observation, fake_osm, osm_client):
    cameras_in_a_grid(add_observation, group, 2)
    result = upload_group(group.group, osm_client)
    assert result.counts["created"] == 2
    assert (result.changes, result.changes_truncated) == ([], False)
