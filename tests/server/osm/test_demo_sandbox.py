"""`camwalk demo`'s made-up OSM cameras stay in its sandbox: no other group sees them, no
export or upload modifies or deletes them, and their ids cannot name a real node."""

import json
from io import BytesIO

from sqlalchemy import select

from server import geo
from server.cli import cli
from server.demo import WALK_AREA
from server.exports.osc import Scope, export_osc
from server.exports.upload import upload_scope
from server.extensions import db
from server.groups.models import Walk
from server.observations.models import Observation
from server.osm.models import OsmNode
from server.osm.service import store_node
from sync.osm.records import DEMO_NODE_IDS_FROM, is_demo_node


def run_demo(app):
    result = app.test_cli_runner().invoke(cli, ["demo", "--json"], catch_exceptions=False)
    return json.loads(result.output)


def test_demo_cameras_take_ids_no_real_osm_node_can_have_and_belong_to_the_demo_group(app):
    demo = run_demo(app)

    nodes = db.session.scalars(select(OsmNode)).all()
    assert len(nodes) == 10
    assert all(is_demo_node(node.osm_id) for node in nodes)
    assert {node.demo_group_id for node in nodes} == {demo["group_id"]}


def test_another_groups_walk_never_shows_the_demo_cameras(app, client, make_group):
    demo = run_demo(app)
    other = make_group("Belsunce")
    other.walk.area = geo.polygon_element(WALK_AREA)  # the very same streets
    store_node(4210000101, 7, 5.3812, 43.2961, {"man_made": "surveillance"})  # a real node
    db.session.commit()

    seen = client.get(
        f"/api/v1/walks/{other.walk.id}/osm-nodes",
        headers={"Authorization": f"Bearer {other.walker_token}"},
    ).get_json()["nodes"]
    assert [node["id"] for node in seen] == [4210000101]
    assert geo.nearest_osm_camera(db.session, 5.38122, 43.29612, 10.0, other.group.id)[0].osm_id
    assert geo.nearest_osm_camera(db.session, 5.38122, 43.29612, 1.0, other.group.id) is None
    demo_seen = client.get(
        f"/api/v1/walks/{demo['walk_id']}/osm-nodes",
        headers={"Authorization": f"Bearer {demo['walker_token']}"},
    ).get_json()["nodes"]
    assert len(demo_seen) == 10  # its own ten: the real one only Belsunce's load brought


def test_another_groups_export_never_modifies_or_deletes_a_demo_camera(
    app, make_group, add_observation
):
    run_demo(app)
    other = make_group("Belsunce")
    demo_id = DEMO_NODE_IDS_FROM + 1
    # Standing on a demo camera, and one reported gone that names its id outright.
    add_observation(other, 5.38122, 43.29612, operator="Police")
    gone = add_observation(other, 5.38122, 43.29612, presence="gone", osm_node_id=demo_id)
    out = BytesIO()
    result = export_osc(Scope.of_walk(other.walk), lambda number: _Keep(out))

    document = out.getvalue()
    assert str(demo_id).encode() not in document
    assert (result.counts["created"], result.counts["modified"]) == (1, 0)
    assert result.counts["deleted"] == 0
    (skipped,) = result.skipped
    # As for any node its data lacks: the demo group's cameras are not in this group's.
    assert (skipped["observation"], skipped["code"]) == (gone.uuid, "node_not_in_data")


def test_the_demo_groups_own_export_and_upload_refuse_its_demo_cameras(app, fake_osm, osm_client):
    demo = run_demo(app)
    walk = db.session.get(Walk, demo["walk_id"])
    first = db.session.scalar(select(Observation).order_by(Observation.id))
    first.presence, first.osm_node_id = "gone", DEMO_NODE_IDS_FROM + 1
    db.session.commit()

    result = upload_scope(Scope.of_walk(walk), osm_client)

    sent = [body for method, path, body in fake_osm.state.seen if path.endswith("/upload")]
    assert result.counts["modified"] == result.counts["deleted"] == 0
    assert any("demo camera" in item["reason"] for item in result.skipped)
    assert all(str(DEMO_NODE_IDS_FROM)[:6] not in str(body) for body in sent)
    assert not any(is_demo_node(node_id) for node_id in fake_osm.state.nodes)


def test_rerunning_the_demo_removes_the_cameras_an_earlier_version_left_in_the_shared_cache(app):
    legacy = {"man_made": "surveillance", "surveillance:type": "camera", "surveillance": "public"}
    store_node(4210000107, 1, 5.37450, 43.29655, legacy)  # as the old demo wrote it
    store_node(4210000110, 2, 5.38350, 43.29680, {"man_made": "surveillance"})  # since fetched
    db.session.commit()

    run_demo(app)

    kept = db.session.scalars(select(OsmNode.osm_id).where(OsmNode.demo_group_id.is_(None)))
    assert list(kept) == [4210000110]


class _Keep:
    def __init__(self, out):
        self.out = out

    def __enter__(self):
        return self.out

    def __exit__(self, *exc):
        return False
