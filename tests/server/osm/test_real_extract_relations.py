"""Relation members on the real Helsinki extract: 125 of its 221 cameras are listed by a relation
(93 `type=surveillance` relations tie a camera to what it films). A fetch learns which, and a
camera reported gone that a relation lists is left to an editor: deleted, it left the relations
pointing at a missing node, and OSM refuses the delete (412; kept under if-unused)."""

import pytest
from sqlalchemy import select

from server.exports.osc import Scope
from server.exports.upload import upload_scope
from server.extensions import db
from server.osm.importer import fetch_for_walk, import_file
from server.osm.models import OsmNode
from tests.server.osm.test_real_extract_vertices import (
    a_plain_camera,
    deleted_ids,
    export_document,
)
from tests.server.osm.test_review_node_choice import card

# The probe's three (the `camera` of a surveillance relation each, 256257146 also the
# `extent` of another), and the relations that list them.
MEMBERS = {311750225: [51776], 311750488: [56992], 256257146: [55815, 55816]}
DELETE_MEMBER = (
    '<osmChange version="0.6"><delete{unused}><node id="311750225" version="{version}" '
    'changeset="{changeset}"/></delete></osmChange>'
)


def report_gone(group, add_observation, extract, node_id):
    node = extract.cameras[node_id]
    return add_observation(group, node.lon, node.lat, presence="gone", osm_node_id=node_id)


def test_the_fake_api_refuses_to_delete_a_node_a_relation_lists_as_the_real_one_does(
    fake, real_extract
):
    state = fake.FakeOsm()
    real_extract.fill_fake(state)
    assert state.relations_of(311750225) == [51776]
    api = fake.make_app(state).test_client()
    headers = {"Authorization": f"Bearer {state.token}"}
    changeset = api.put("/api/0.6/changeset/create", data=b"<osm/>", headers=headers).text
    version = real_extract.cameras[311750225].version

    def upload(unused):
        body = DELETE_MEMBER.format(unused=unused, version=version, changeset=changeset)
        return api.post(f"/api/0.6/changeset/{changeset}/upload", data=body, headers=headers)

    refused = upload("")
    assert refused.status_code == 412
    assert refused.text == "Precondition failed: Node 311750225 is still used by relations 51776."
    kept = upload(' if-unused="true"')
    assert kept.status_code == 200
    assert f'new_id="311750225" new_version="{version}"' in kept.text  # kept, unchanged
    assert state.nodes[311750225].visible


def test_an_overpass_fetch_learns_every_real_cameras_relations(
    app, group, add_observation, real_extract, fake_osm, osm_client
):
    real_extract.fill_fake(fake_osm.state)
    report_gone(group, add_observation, real_extract, 311750225)

    fetch_for_walk(group.walk, osm_client, "overpass")

    rows = {row.osm_id: row for row in db.session.scalars(select(OsmNode))}
    for node_id, relations in MEMBERS.items():
        assert rows[node_id].relations == relations
    in_box = [real_extract.cameras[i] for i in rows]
    assert [rows[n.id].relations for n in in_box] == [list(n.relations) for n in in_box]
    assert any(rows[n.id].relations == [] for n in in_box)


@pytest.mark.parametrize("source", ["overpass", "api"])
def test_the_real_members_reported_gone_are_not_deleted_by_the_file_nor_by_the_upload(
    app, group, add_observation, real_extract, fake_osm, osm_client, osmium, tmp_path, source
):
    real_extract.fill_fake(fake_osm.state)
    plain = a_plain_camera(real_extract)
    for node_id in [*MEMBERS, plain]:
        report_gone(group, add_observation, real_extract, node_id)
    fetch_for_walk(group.walk, osm_client, source)

    document, result = export_document(Scope.of_walk(group.walk))

    assert deleted_ids(document) == [plain]
    skipped = {item["osm_node_id"]: item for item in result.skipped}
    assert skipped.keys() == MEMBERS.keys()
    for node_id, relations in MEMBERS.items():
        assert skipped[node_id]["code"] == "gone_member"
        assert skipped[node_id]["relations"] == ", ".join(map(str, relations))
    osc = tmp_path / "gone.osc"
    osc.write_bytes(document)
    assert set(real_extract.cameras) - set(real_extract.cameras_after(osmium, osc)) == {plain}

    uploaded = upload_scope(Scope.of_walk(group.walk), osm_client)

    assert uploaded.failed == []
    assert uploaded.counts["deleted"] == 1
    assert not fake_osm.state.nodes[plain].visible
    for node_id, relations in MEMBERS.items():
        assert fake_osm.state.nodes[node_id].visible
        assert fake_osm.state.relations_of(node_id) == relations


def test_after_a_conflict_a_camera_a_mapper_just_listed_in_a_relation_is_not_deleted(
    app, group, add_observation, real_extract, fake_osm, osm_client
):
    real_extract.fill_fake(fake_osm.state)
    plain = a_plain_camera(real_extract)
    gone = report_gone(group, add_observation, real_extract, plain)
    fetch_for_walk(group.walk, osm_client, "overpass")
    # Before the upload, a mapper ties the camera to what it films: a new version of it.
    fake_osm.state.nodes[plain].version += 1
    fake_osm.state.relations[99001] = ({"type": "surveillance"}, [("node", "camera", plain)])

    uploaded = upload_scope(Scope.of_walk(group.walk), osm_client)

    assert uploaded.counts["deleted"] == 0
    (failed,) = uploaded.failed
    assert failed["observation"] == gone.uuid
    assert failed["reason"].endswith(
        f"node {plain} is now a member of relation 99001: it cannot be deleted"
    )
    assert fake_osm.state.nodes[plain].visible


def test_a_delete_osm_kept_is_not_tried_again_until_a_fetch(
    app, group, add_observation, real_extract, fake_osm, osm_client
):
    real_extract.fill_fake(fake_osm.state)
    plain = a_plain_camera(real_extract)
    gone = report_gone(group, add_observation, real_extract, plain)
    fetch_for_walk(group.walk, osm_client, "overpass")
    # A mapper lists the camera in a relation: the relation changes, the node's version not,
    # so the upload meets no conflict and OSM keeps the node under if-unused.
    fake_osm.state.relations[99002] = ({"type": "surveillance"}, [("node", "camera", plain)])

    first = upload_scope(Scope.of_walk(group.walk), osm_client)
    second = upload_scope(Scope.of_walk(group.walk), osm_client)

    assert [item["observation"] for item in first.failed] == [gone.uuid]
    # Before, the cache still said "in no relation" and every upload failed the same way.
    assert second.failed == []
    assert [(item["observation"], item["code"]) for item in second.skipped] == [
        (gone.uuid, "gone_vertex_unknown")
    ]
    assert fake_osm.state.nodes[plain].visible
    fetch_for_walk(group.walk, osm_client, "overpass")
    (skip,) = upload_scope(Scope.of_walk(group.walk), osm_client, dry_run=True).skipped
    assert (skip["code"], skip["relations"]) == ("gone_member", "99002")


def test_cameras_cached_from_a_file_without_relations_are_not_deleted_until_a_fetch(
    app, group, add_observation, real_extract, fake_osm, osm_client
):
    import_file(real_extract.nodes_only_xml)
    # Cached before camwalk learnt relations, as the migration leaves them: not known.
    db.session.execute(OsmNode.__table__.update().values(part_of_way=False, vertex_known=True))
    db.session.commit()
    plain = a_plain_camera(real_extract)
    report_gone(group, add_observation, real_extract, plain)

    document, result = export_document(Scope.of_walk(group.walk))

    assert deleted_ids(document) == []
    assert [item["code"] for item in result.skipped] == ["gone_member_unknown"]
    real_extract.fill_fake(fake_osm.state)
    fetch_for_walk(group.walk, osm_client, "overpass")
    assert deleted_ids(export_document(Scope.of_walk(group.walk))[0]) == [plain]


def test_the_review_card_of_a_gone_member_says_it_is_left_to_an_editor(
    app, client, group, add_observation, real_extract, fake_osm, osm_client
):
    real_extract.fill_fake(fake_osm.state)
    gone = report_gone(group, add_observation, real_extract, 256257146)
    fetch_for_walk(group.walk, osm_client, "overpass")

    skip = card(client, group, gone.uuid, status="approved")["skip"]
    assert (skip["code"], skip["osm_node_id"], skip["relations"]) == (
        "gone_member", 256257146, "55815, 55816",
    )  # fmt: skip
