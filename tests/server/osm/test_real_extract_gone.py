"""A camera reported gone on real Helsinki nodes: the export, the upload and its retry after a
409 take the camera off a node that maps something else too, and leave the rest standing.

Node 2223015838 is a street lamp with traffic signs and a camera on it, used by no way; node
2303602371 is a plain camera, on which a mapper notes the lamp post before camwalk uploads."""

import datetime as dt

from server.exports.osc import Scope
from server.exports.upload import upload_scope
from server.extensions import db
from server.osm.cli import export_group
from server.osm.importer import import_file
from server.osm.models import OsmNode
from server.osm.service import store_node
from tests.builders import nothing_to_check

LAMP = 2223015838
PLAIN = 2303602371
DAY = dt.date(2026, 11, 21)
LAMP_TAGS = {
    "highway": "street_lamp",
    "traffic_sign": "FI:373;FI:374",
    "traffic_sign:2": "FI:851;FI:851",
}


def report_gone(group, add_observation, node):
    return add_observation(
        group, node.lon, node.lat, osm_node_id=node.id, presence="gone", surveyed_on=DAY
    )


def test_the_osmchange_keeps_the_street_lamp_and_its_signs(
    app, group, add_observation, real_extract, osmium, tmp_path
):
    import_file(real_extract.with_ways_xml, parent_ways=True, parent_relations=True)
    lamp = real_extract.cameras[LAMP]
    assert lamp.part_of_way is False and lamp.tags == LAMP_TAGS | {"man_made": "surveillance"}
    observation = report_gone(group, add_observation, lamp)
    osc = tmp_path / "gone.osc"
    out = app.test_cli_runner().invoke(
        export_group, ["osc", "--walk", str(group.walk.id), "-o", str(osc)]
    )
    assert out.exit_code == 0, out.output
    assert "<delete" not in osc.read_text()
    assert f"kept {observation.uuid}: OSM node {LAMP} maps something else too" in out.output

    applied = tmp_path / "applied.osm"
    assert osmium("apply-changes", real_extract.pbf, osc, "-o", applied).returncode == 0
    # Applied as OSM will hold it, less the version the API gives it.
    (after,) = osmium("getid", applied, f"n{LAMP}", "-f", "opl").stdout.splitlines()
    tags = after.split(" T")[1].split(" ")[0]
    assert sorted(tags.split(",")) == sorted(f"{k}={v}" for k, v in LAMP_TAGS.items())


def test_the_export_report_says_the_node_stays_and_what_went(
    app, client, group, add_observation, real_extract
):
    import_file(real_extract.with_ways_xml, parent_ways=True, parent_relations=True)
    observation = report_gone(group, add_observation, real_extract.cameras[LAMP])
    organiser = group.headers("organiser")
    with client.get(f"/api/v1/walks/{group.walk.id}/export.osc", headers=organiser) as answer:
        assert answer.status_code == 200
        export_id = answer.headers["X-Camwalk-Export-Id"]
    report = client.get(f"/api/v1/exports/{export_id}", headers=organiser).json
    assert report["counts"]["deleted"] == 0 and report["counts"]["modified"] == 1
    (kept,) = [item for item in report["report"] if item.get("warning") == "camera_removed"]
    assert kept["observation"] == observation.uuid
    assert (kept["osm_node_id"], kept["removed"]) == (LAMP, ["man_made"])


def test_the_upload_keeps_the_street_lamp(
    app, group, add_observation, real_extract, fake_osm, osm_client
):
    import_file(real_extract.with_ways_xml, parent_ways=True, parent_relations=True)
    lamp = real_extract.cameras[LAMP]
    fake_osm.state.add_node(LAMP, lamp.lat, lamp.lon, lamp.tags, version=lamp.version)
    report_gone(group, add_observation, lamp)

    result = upload_scope(Scope.of_walk(group.walk), osm_client)

    assert result.counts == {"created": 0, "modified": 1, "deleted": 0, **nothing_to_check()}, (
        result.failed
    )
    node = fake_osm.state.nodes[LAMP]
    assert node.visible and node.tags == LAMP_TAGS
    # No longer a camera: out of camwalk's copy of OSM's cameras.
    assert db.session.query(OsmNode).filter_by(osm_id=LAMP).count() == 0


def test_after_a_conflict_the_lamp_post_a_mapper_just_added_stays(
    app, group, add_observation, real_extract, fake_osm, osm_client
):
    plain = real_extract.cameras[PLAIN]
    assert plain.tags == {"man_made": "surveillance", "location": "under_canopy"}
    fake_osm.state.add_node(PLAIN, plain.lat, plain.lon, plain.tags, version=plain.version)
    store_node(PLAIN, plain.version, plain.lon, plain.lat, dict(plain.tags), False)
    db.session.commit()
    report_gone(group, add_observation, plain)
    # Before the upload, a mapper notes the lamp post the camera hangs on.
    current = fake_osm.state.nodes[PLAIN]
    current.version += 1
    current.tags.update({"highway": "street_lamp", "ref": "L-1234"})

    result = upload_scope(Scope.of_walk(group.walk), osm_client)

    assert result.counts["modified"] == 1, result.failed
    node = fake_osm.state.nodes[PLAIN]
    assert node.visible
    assert node.tags == {"location": "under_canopy", "highway": "street_lamp", "ref": "L-1234"}
