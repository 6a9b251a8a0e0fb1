"""Upload through the (fake) OSM API 0.6: changeset tags, ids stored back, conflicts handled."""

import pytest
from sqlalchemy import select

from server.exports.osc import Scope
from server.exports.upload import upload_scope
from server.extensions import db
from server.osm.models import ChangesetUpload, OsmNode
from server.osm.service import store_node
from tests.builders import nothing_to_check, update_change

POLICE = "Police municipale de Marseille"


@pytest.fixture
def with_hashtags(group):
    group.group.hashtags = "#technopolice marseille"
    db.session.commit()
    return group


def camera(fake_osm, node_id, lat, lon, version=1, **tags):
    tags = {"man_made": "surveillance", **tags}
    fake_osm.state.add_node(node_id, lat, lon, tags, version=version)
    store_node(node_id, version, lon, lat, tags)
    db.session.commit()


def test_an_upload_opens_a_tagged_changeset_stores_new_ids_and_closes_it(
    app, with_hashtags, add_observation, fake_osm, osm_client
):
    group = with_hashtags
    new = add_observation(group, 5.385, 43.299, camera_type="dome")
    result = upload_scope(Scope.of_walk(group.walk), osm_client)

    assert result.counts == {"created": 1, "modified": 0, "deleted": 0, **nothing_to_check()}
    (changeset_id,) = result.changesets
    changeset = fake_osm.state.changesets[changeset_id]
    assert changeset["open"] is False
    assert changeset["tags"] == {
        "comment": f"Add 1 surveyed surveillance camera, {group.walk.name}",
        "created_by": "camwalk 0.1.0",
        "source": "survey",
        "hashtags": "#technopolice;#marseille",
    }
    db.session.refresh(new)
    assert new.osm_node_id in fake_osm.state.nodes
    assert new.osm_version == 1
    assert fake_osm.state.nodes[new.osm_node_id].tags["camera:type"] == "dome"
    row = db.session.scalar(select(ChangesetUpload))
    assert (row.changeset_id, row.status, row.counts["created"]) == (changeset_id, "done", 1)
    assert row.closed_at is not None


def test_after_an_upload_the_next_one_modifies_the_node_instead_of_creating_again(
    app, client, group, add_observation, fake_osm, osm_client
):
    new = add_observation(group, 5.385, 43.299)
    upload_scope(Scope.of_walk(group.walk), osm_client)
    db.session.refresh(new)
    node_id = new.osm_node_id

    unchanged = upload_scope(Scope.of_walk(group.walk), osm_client)
    assert unchanged.changesets == [] and "already says" in unchanged.skipped[0]["reason"]

    edit = update_change(new.uuid, new.version, "2026-11-21T10:00Z", operator=(None, POLICE))
    answer = client.post(
        f"/api/v1/groups/{group.id}/sync",
        json={"changes": [edit]},
        headers=group.headers("organiser"),
    )
    assert answer.json["results"][0]["status"] == "applied"
    second = upload_scope(Scope.of_walk(group.walk), osm_client)
    assert second.counts == {"created": 0, "modified": 1, "deleted": 0, **nothing_to_check()}
    assert set(fake_osm.state.nodes) == {node_id}
    assert fake_osm.state.nodes[node_id].version == 2
    assert fake_osm.state.nodes[node_id].tags["operator"] == POLICE


def test_a_version_conflict_reapplies_the_survey_on_the_current_node_and_keeps_its_edits(
    app, group, add_observation, fake_osm, osm_client
):
    camera(fake_osm, 101, 43.2961, 5.3812, version=3)
    add_observation(group, 5.3812, 43.2961, operator=POLICE)
    # A mapper edits the node after camwalk cached it.
    fake_osm.state.nodes[101].version = 4
    fake_osm.state.nodes[101].tags["survey:date"] = "2023-01-01"

    result = upload_scope(Scope.of_walk(group.walk), osm_client)
    assert result.counts["modified"] == 1
    node = fake_osm.state.nodes[101]
    assert node.version == 5
    assert node.tags["survey:date"] == "2023-01-01" and node.tags["operator"] == POLICE
    assert db.session.scalar(select(OsmNode.version).filter_by(osm_id=101)) == 5


def test_a_closed_changeset_is_replaced_by_a_new_one(
    app, group, add_observation, fake, fake_osm, osm_client
):
    add_observation(group, 5.385, 43.299)
    fake_osm.state.script.append(
        fake.Canned("POST", "/upload", 409, body="The changeset 500 was closed at 2024-01-01")
    )
    result = upload_scope(Scope.of_walk(group.walk), osm_client)
    assert len(result.changesets) == 2
    assert result.counts["created"] == 1
    statuses = [row.status for row in db.session.scalars(select(ChangesetUpload))]
    assert sorted(statuses) == ["closed_by_api", "done"]


def test_a_node_already_deleted_upstream_is_reported_and_the_rest_goes_through(
    app, group, add_observation, fake_osm, osm_client
):
    camera(fake_osm, 103, 43.2950, 5.3830)
    gone = add_observation(group, 5.3830, 43.2950, presence="gone", osm_node_id=103)
    add_observation(group, 5.385, 43.299)
    fake_osm.state.nodes[103].visible = False

    result = upload_scope(Scope.of_walk(group.walk), osm_client)
    assert result.counts == {"created": 1, "modified": 0, "deleted": 0, **nothing_to_check()}
    assert result.failed[0]["observation"] == gone.uuid
    assert result.failed[0]["reason"].startswith("410")


def test_a_confirmed_gone_camera_is_deleted_upstream_and_dropped_from_the_cache(
    app, group, add_observation, fake_osm, osm_client
):
    camera(fake_osm, 103, 43.2950, 5.3830, version=2)
    add_observation(group, 5.3830, 43.2950, presence="gone", osm_node_id=103)
    result = upload_scope(Scope.of_walk(group.walk), osm_client)
    assert result.counts["deleted"] == 1
    assert "reported gone on survey" in result.comment
    assert fake_osm.state.nodes[103].visible is False
    assert db.session.scalar(select(OsmNode).filter_by(osm_id=103)) is None


def test_a_dry_run_builds_the_change_and_sends_nothing(
    app, group, add_observation, fake_osm, osm_client
):
    add_observation(group, 5.385, 43.299)
    result = upload_scope(Scope.of_walk(group.walk), osm_client, dry_run=True)
    assert result.counts["created"] == 1
    assert b"<create>" in result.osmchange
    assert fake_osm.state.seen == []
    assert db.session.scalar(select(ChangesetUpload)) is None


def test_the_endpoint_is_for_organisers_and_supports_a_dry_run(
    client, with_hashtags, add_observation
):
    group = with_hashtags
    add_observation(group, 5.385, 43.299)
    url = f"/api/v1/walks/{group.walk.id}/osm-upload"
    assert client.post(url, json={"dry_run": True}, headers=group.headers()).status_code == 403
    answer = client.post(url, json={"dry_run": True}, headers=group.headers("organiser"))
    assert answer.status_code == 200
    assert answer.get_json()["counts"]["created"] == 1
    refused = client.post(url, json={}, headers=group.headers("organiser"))
    assert refused.status_code == 409
    assert refused.get_json()["code"] == "osm_token_missing"


def test_the_endpoint_uploads_with_the_configured_token(
    client, app, with_hashtags, add_observation, fake_osm, monkeypatch
):
    group = with_hashtags
    monkeypatch.setitem(app.config, "OSM_TOKEN", fake_osm.state.token)
    monkeypatch.setitem(app.config, "OSM_API_URL", fake_osm.url)
    new = add_observation(group, 5.385, 43.299)
    answer = client.post(
        f"/api/v1/walks/{group.walk.id}/osm-upload", json={}, headers=group.headers("organiser")
    )
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["status"] == "done"
    db.session.refresh(new)
    assert new.osm_node_id is not None


def test_phones_pull_the_node_id_an_upload_gave_their_camera(
    app, client, group, add_observation, fake_osm, osm_client
):
    new = add_observation(group, 5.385, 43.299, seq=0)  # a phone with cursor 0 has it

    def pull():
        return client.post(
            f"/api/v1/groups/{group.id}/sync", json={"cursor": 0}, headers=group.headers()
        ).json

    assert pull()["observations"] == []

    upload_scope(Scope.of_walk(group.walk), osm_client)

    pulled = pull()
    (camera_,) = pulled["observations"]
    db.session.refresh(new)
    assert camera_["osm_node_id"] == new.osm_node_id in fake_osm.state.nodes
    assert camera_["osm_version"] == 1
    history = client.get(
        f"/api/v1/observations/{new.uuid}/history", headers=group.headers("organiser")
    ).json
    assert [entry["op"] for entry in history] == ["osm_upload"]
