"""Upload paths that need OSM to disagree with camwalk's cache: a node that became a vertex
since it was cached (kept under if-unused, or refused with 412), and the ids an upload stores
being used by the next export."""

from xml.etree.ElementTree import fromstring

from sqlalchemy import select

from server.exports.osc import Scope
from server.exports.upload import upload_scope
from server.extensions import db
from server.osm.models import OsmNode
from server.osm.service import store_node
from tests.builders import nothing_to_check, update_change


def camera_cached_as_free_standing(fake_osm, node_id, lat, lon, version=1):
    """A camera node camwalk cached when no way used it; a mapper has since joined it to one."""
    tags = {"man_made": "surveillance", "surveillance:type": "camera"}
    fake_osm.state.add_node(node_id, lat, lon, tags, version=version)
    store_node(node_id, version, lon, lat, tags, part_of_way=False)
    db.session.commit()
    fake_osm.state.ways[7001] = [node_id, 55]


def test_a_delete_osm_keeps_under_if_unused_is_reported_and_nothing_is_forgotten(
    app, group, add_observation, fake_osm, osm_client
):
    camera_cached_as_free_standing(fake_osm, 104, 43.2950, 5.3830, version=2)
    gone = add_observation(group, 5.3830, 43.2950, presence="gone", osm_node_id=104)
    gone.osm_version = 2
    db.session.commit()

    result = upload_scope(Scope.of_walk(group.walk), osm_client)

    assert result.counts == {"created": 0, "modified": 0, "deleted": 0, **nothing_to_check()}
    assert result.failed == [
        {
            "observation": gone.uuid,
            "node": 104,
            "reason": "OSM kept the node: a way or relation still uses it",
        }
    ]
    assert fake_osm.state.nodes[104].visible is True
    assert db.session.scalar(select(OsmNode.version).filter_by(osm_id=104)) == 2
    db.session.refresh(gone)
    assert (gone.osm_node_id, gone.osm_version) == (104, 2)


def test_a_412_from_the_api_drops_that_delete_and_the_rest_goes_through(
    app, group, add_observation, fake_osm, osm_client
):
    fake_osm.state.if_unused_supported = False
    camera_cached_as_free_standing(fake_osm, 104, 43.2950, 5.3830)
    gone = add_observation(group, 5.3830, 43.2950, presence="gone", osm_node_id=104)
    new = add_observation(group, 5.385, 43.299)

    result = upload_scope(Scope.of_walk(group.walk), osm_client)

    assert result.counts == {"created": 1, "modified": 0, "deleted": 0, **nothing_to_check()}
    assert len(result.changesets) == 1
    (failure,) = result.failed
    assert (failure["observation"], failure["node"]) == (gone.uuid, 104)
    assert failure["reason"].startswith("412: Precondition failed: Node 104")
    assert fake_osm.state.nodes[104].visible is True
    db.session.refresh(new)
    assert new.osm_node_id in fake_osm.state.nodes


def test_the_export_after_an_upload_modifies_the_uploaded_node_at_its_new_version(
    client, group, add_observation, fake_osm, osm_client
):
    new = add_observation(group, 5.385, 43.299)
    upload_scope(Scope.of_walk(group.walk), osm_client)
    db.session.refresh(new)
    node_id = new.osm_node_id
    headers = group.headers("organiser")
    operator = (None, "Police municipale de Marseille")
    edit = update_change(new.uuid, new.version, "2026-11-21T10:00Z", operator=operator)
    answer = client.post(
        f"/api/v1/groups/{group.id}/sync", json={"changes": [edit]}, headers=headers
    )
    assert answer.json["results"][0]["status"] == "applied"

    # Streamed from a spooled temporary file: each response must be closed.
    with client.get(f"/api/v1/walks/{group.walk.id}/export.osc", headers=headers) as answer:
        change = fromstring(answer.data)
    assert change.find("create") is None or len(change.find("create")) == 0
    (node,) = change.find("modify")
    assert (node.get("id"), node.get("version")) == (str(node_id), "1")
    tags = {tag.get("k"): tag.get("v") for tag in node.iter("tag")}
    assert tags["operator"] == "Police municipale de Marseille"

    with client.get(f"/api/v1/walks/{group.walk.id}/export.geojson", headers=headers) as table:
        (feature,) = table.get_json()["features"]
    assert feature["properties"]["osm_id"] == node_id
