"""An older walk never overwrites or deletes a newer mapper survey, on real Helsinki node
2303602371 (a camera no way uses): the walk saw it on 2026-11-21; a mapper re-surveyed it on
2026-12-01, either between camwalk's read and its upload (a 409, then a retry on the fresh
node) or before camwalk's last fetch (no conflict at all)."""

import datetime as dt

import pytest

from server.exports.osc import Scope
from server.exports.upload import upload_scope
from server.extensions import db
from server.osm.service import store_node
from tests.builders import nothing_to_check

NODE = 2303602371
WALK_DAY = dt.date(2026, 11, 21)
MAPPER = {"operator": "Helsingin poliisi", "check_date": "2026-12-01"}


@pytest.fixture
def camera(app, fake_osm, real_extract):
    node = real_extract.cameras[NODE]
    assert node.part_of_way is False and "check_date" not in node.tags
    fake_osm.state.add_node(NODE, node.lat, node.lon, node.tags, version=node.version)
    store_node(NODE, node.version, node.lon, node.lat, dict(node.tags), False)
    db.session.commit()
    return node


def mapper_resurveys(fake_osm, *, fetched: bool):
    """The mapper's new version in OSM; `fetched`: camwalk's copy holds it too."""
    current = fake_osm.state.nodes[NODE]
    current.version += 1
    current.tags.update(MAPPER)
    if fetched:
        store_node(NODE, current.version, current.lon, current.lat, dict(current.tags), False)
        db.session.commit()


@pytest.mark.parametrize("fetched", [False, True], ids=["after a 409", "in the cache"])
def test_an_older_operator_does_not_replace_a_newer_one(
    app, group, add_observation, fake_osm, osm_client, camera, fetched
):
    observation = add_observation(
        group, camera.lon, camera.lat, osm_node_id=NODE, operator="HKL", surveyed_on=WALK_DAY
    )
    mapper_resurveys(fake_osm, fetched=fetched)
    version = fake_osm.state.nodes[NODE].version

    result = upload_scope(Scope.of_walk(group.walk), osm_client)

    node = fake_osm.state.nodes[NODE]
    assert node.version == version and node.tags == dict(camera.tags) | MAPPER
    assert result.counts == {"created": 0, "modified": 0, "deleted": 0, **nothing_to_check()}
    said = result.skipped if fetched else result.failed
    assert [item["observation"] for item in said] == [observation.uuid]
    if fetched:
        assert said[0]["code"] == "newer_survey"
        assert (said[0]["checked"], said[0]["surveyed"]) == ("2026-12-01", "2026-11-21")
    else:
        assert "was surveyed on 2026-12-01, after this survey of 2026-11-21" in said[0]["reason"]


@pytest.mark.parametrize("fetched", [False, True], ids=["after a 409", "in the cache"])
def test_an_older_gone_report_does_not_delete_a_camera_confirmed_since(
    app, group, add_observation, fake_osm, osm_client, camera, fetched
):
    add_observation(
        group, camera.lon, camera.lat, osm_node_id=NODE, presence="gone", surveyed_on=WALK_DAY
    )
    mapper_resurveys(fake_osm, fetched=fetched)

    result = upload_scope(Scope.of_walk(group.walk), osm_client)

    assert fake_osm.state.nodes[NODE].visible
    assert result.counts["deleted"] == 0
    if fetched:
        assert [item["code"] for item in result.skipped] == ["gone_newer_survey"]
    else:
        assert "reported gone on 2026-11-21" in result.failed[0]["reason"]
