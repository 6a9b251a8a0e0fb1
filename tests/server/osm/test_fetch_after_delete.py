"""A node camwalk's upload took out of OSM stays out of the cache when data older than the
upload shows it again.

The upload deletes the node of a camera reported gone, and the row leaves the cache. An
Overpass copy minutes behind, or an extract made the day before, still holds the node: with the
row gone, nothing said the data was the older account, and the node came back. The next export
planned to delete it again, and OSM answered 410 Gone, listed as a failure; the walker's phone
showed a camera that no longer exists. The upload now keeps the version at which each node
stopped being a camera in OSM, and data showing that version or an older one is kept out (a
node a mapper brings back has a newer version, and comes back)."""

from sqlalchemy import select

from server.exports.osc import Scope
from server.exports.upload import upload_scope
from server.extensions import db
from server.osm.cli import osm_group
from server.osm.importer import fetch_for_walk
from server.osm.models import OsmNode
from server.osm.service import nodes_for_walk, store_node
from tests.server.osm.test_export_walker_answers import LAT, LON, export
from tests.server.osm.test_upload_settle import answer_lost_after_osm_applied

CAMERA = {"man_made": "surveillance", "surveillance:type": "camera"}
LAMP_WITH_CAMERA = {"highway": "street_lamp", **CAMERA}


def cached_version(node_id: int) -> int | None:
    return db.session.scalar(select(OsmNode.version).where(OsmNode.osm_id == node_id))


def uploaded_gone(group, add_observation, fake_osm, osm_client, tags=CAMERA):
    """Node 501 (version 3) reported gone, approved, and its camera taken out of OSM."""
    store_node(501, 3, LON, LAT, dict(tags))
    db.session.commit()
    fake_osm.state.add_node(501, LAT, LON, dict(tags), version=3)
    add_observation(group, LON, LAT, presence="gone", osm_node_id=501)
    sent = upload_scope(Scope.of_walk(group.walk), osm_client)
    assert sent.failed == [] and cached_version(501) is None, sent.as_dict()
    return sent


def fetch_behind(fake, fake_osm, osm_client, group, tags=CAMERA) -> dict:
    """A fetch from an Overpass two minutes behind, whose copy still has node 501 version 3."""
    fake_osm.state.overpass_lag_s = 120
    fake_osm.state.overpass_behind = {501: fake.FakeNode(3, LAT, LON, dict(tags))}
    return fetch_for_walk(group.walk, osm_client).as_dict()


def test_a_lagging_fetch_does_not_bring_back_a_node_the_upload_deleted(
    client, group, add_observation, fake, fake_osm, osm_client
):
    uploaded_gone(group, add_observation, fake_osm, osm_client)

    summary = fetch_behind(fake, fake_osm, osm_client, group)

    assert cached_version(501) is None
    assert (summary["kept_deleted"], summary["added"], summary["removed"]) == (1, 0, 0)
    assert [node["id"] for node in nodes_for_walk(group.walk)] == []  # the walker's map
    actions, _ = export(client, group)
    assert actions == {}


def test_after_a_lagging_fetch_the_next_upload_does_not_delete_the_node_again(
    client, group, add_observation, fake, fake_osm, osm_client
):
    uploaded_gone(group, add_observation, fake_osm, osm_client)
    fetch_behind(fake, fake_osm, osm_client, group)

    again = upload_scope(Scope.of_walk(group.walk), osm_client).as_dict()

    # Brought back, the node was deleted again, and OSM answered 410 Gone.
    assert again["failed"] == [] and again["counts"]["deleted"] == 0, again


def test_an_extract_made_before_the_upload_is_imported_without_the_node_it_deleted(
    app, group, add_observation, fake_osm, osm_client, tmp_path
):
    uploaded_gone(group, add_observation, fake_osm, osm_client)
    extract = tmp_path / "yesterday.osm"
    extract.write_text(
        f'<osm version="0.6"><node id="501" version="3" lat="{LAT}" lon="{LON}">'
        '<tag k="man_made" v="surveillance"/></node></osm>'
    )

    result = app.test_cli_runner().invoke(osm_group, ["import", str(extract)])

    assert result.exit_code == 0, result.output
    assert "0 added" in result.output
    assert "1 node camwalk's uploads took out of OSM: kept out" in result.output
    assert cached_version(501) is None


def test_a_node_brought_back_in_osm_with_a_newer_version_comes_back(
    group, add_observation, fake, fake_osm, osm_client
):
    uploaded_gone(group, add_observation, fake_osm, osm_client)
    # The delete made version 4; a mapper who undeletes it makes version 5.
    fake_osm.state.nodes[501] = fake.FakeNode(5, LAT, LON, dict(CAMERA))

    fake_osm.state.overpass_lag_s = 0
    summary = fetch_for_walk(group.walk, osm_client).as_dict()

    assert (summary["added"], summary["kept_deleted"]) == (1, 0)
    assert cached_version(501) == 5

    # A copy older still, after that: the cache's newer version stays, as for any node.
    later = fetch_behind(fake, fake_osm, osm_client, group)
    assert (later["kept_newer"], later["kept_deleted"], cached_version(501)) == (1, 0, 5)


def test_a_lagging_fetch_does_not_bring_back_the_camera_of_a_street_lamp_the_upload_kept(
    group, add_observation, fake, fake_osm, osm_client
):
    sent = uploaded_gone(group, add_observation, fake_osm, osm_client, tags=LAMP_WITH_CAMERA)
    assert sent.counts["modified"] == 1  # the lamp stays in OSM, without its camera

    summary = fetch_behind(fake, fake_osm, osm_client, group, tags=LAMP_WITH_CAMERA)

    assert (summary["kept_deleted"], summary["added"]) == (1, 0)
    assert cached_version(501) is None


def test_the_fetch_route_counts_the_nodes_kept_out(
    client, group, add_observation, fake, fake_osm, osm_client, app, monkeypatch
):
    uploaded_gone(group, add_observation, fake_osm, osm_client)
    fake_osm.state.overpass_lag_s = 120
    fake_osm.state.overpass_behind = {501: fake.FakeNode(3, LAT, LON, dict(CAMERA))}
    monkeypatch.setitem(app.config, "OVERPASS_URL", f"{fake_osm.url}/api")

    answer = client.post(
        f"/api/v1/walks/{group.walk.id}/osm-fetch",
        json={"source": "overpass"},
        headers=group.headers("organiser"),
    )

    assert answer.status_code == 200, answer.json
    assert (answer.json["kept_deleted"], answer.json["fetched"], answer.json["added"]) == (1, 1, 0)


def test_a_delete_read_back_after_its_answer_was_lost_is_kept_out_too(
    group, add_observation, fake, fake_osm, client_of, osm_client
):
    store_node(501, 3, LON, LAT, dict(CAMERA))
    db.session.commit()
    fake_osm.state.add_node(501, LAT, LON, dict(CAMERA), version=3)
    add_observation(group, LON, LAT, presence="gone", osm_node_id=501)
    lost = answer_lost_after_osm_applied(client_of)
    assert upload_scope(Scope.of_walk(group.walk), lost).counts["deleted"] == 1

    summary = fetch_behind(fake, fake_osm, osm_client, group)

    assert (summary["kept_deleted"], cached_version(501)) == (1, None)
