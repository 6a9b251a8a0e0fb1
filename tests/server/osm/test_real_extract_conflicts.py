"""The 409 path on real Helsinki cameras against the fake OSM API: after a mapper's edit, the
survey goes onto the current node, check_date never moves back, and a retry that would change
nothing but formatting is not sent."""

import datetime as dt

import pytest

from server.exports.osc import Scope
from server.exports.upload import upload_scope
from server.extensions import db
from server.osm.service import store_node

POLICE = "Helsingin poliisi"


@pytest.fixture
def real_camera(app, fake_osm, real_extract):
    """A real camera no way uses, in the fake OSM and in the cache, as camwalk last read it."""
    node = next(n for n in real_extract.cameras.values() if n.part_of_way is False)
    fake_osm.state.add_node(node.id, node.lat, node.lon, node.tags, version=node.version)
    store_node(node.id, node.version, node.lon, node.lat, dict(node.tags), node.part_of_way)
    db.session.commit()
    return node


def mapper_edits(fake_osm, node_id, **tags):
    """A mapper's upload between camwalk's read and its own: a new version with `tags`."""
    current = fake_osm.state.nodes[node_id]
    current.version += 1
    current.tags.update(tags)


def test_after_a_conflict_a_newer_check_date_from_a_mapper_stays(
    app, group, add_observation, fake_osm, osm_client, real_camera
):
    add_observation(
        group, real_camera.lon, real_camera.lat, operator=POLICE, osm_node_id=real_camera.id
    )
    mapper_edits(fake_osm, real_camera.id, check_date="2025-06-01", fixme="count the lenses")

    result = upload_scope(Scope.of_walk(group.walk), osm_client)

    assert result.counts["modified"] == 1, result.failed
    node = fake_osm.state.nodes[real_camera.id]
    assert node.version == real_camera.version + 2
    assert node.tags["check_date"] == "2025-06-01"
    assert (node.tags["operator"], node.tags["fixme"]) == (POLICE, "count the lenses")


def test_after_a_conflict_a_newer_survey_moves_check_date_forward(
    app, group, add_observation, fake_osm, osm_client, real_camera
):
    add_observation(
        group,
        real_camera.lon,
        real_camera.lat,
        osm_node_id=real_camera.id,
        surveyed_on=dt.date(2026, 11, 21),
    )
    mapper_edits(fake_osm, real_camera.id, check_date="2025-06-01")

    result = upload_scope(Scope.of_walk(group.walk), osm_client)

    assert result.counts["modified"] == 1, result.failed
    assert fake_osm.state.nodes[real_camera.id].tags["check_date"] == "2026-11-21"


def test_a_retry_that_would_change_nothing_but_formatting_is_not_sent(
    app, group, add_observation, fake_osm, osm_client, real_camera
):
    add_observation(
        group,
        real_camera.lon,
        real_camera.lat,
        osm_node_id=real_camera.id,
        direction=[45, 225],
        height_m=4.0,
    )
    # The mapper surveyed it too, later, and wrote the same facts in their own spelling.
    mapper_edits(
        fake_osm,
        real_camera.id,
        **{
            "surveillance:type": "camera",
            "camera:direction": "SW;NE",
            "height": "4 m",
            "check_date": "2025-06-01",
        },
    )
    uploads_before = sum(1 for method, path, _ in fake_osm.state.seen if path.endswith("/upload"))

    result = upload_scope(Scope.of_walk(group.walk), osm_client)

    node = fake_osm.state.nodes[real_camera.id]
    assert node.version == real_camera.version + 1  # the mapper's, and no other
    assert node.tags["camera:direction"] == "SW;NE" and node.tags["height"] == "4 m"
    assert result.counts["modified"] == 0
    (failed,) = result.failed
    assert "already says all this survey says" in failed["reason"]
    uploads = sum(1 for method, path, _ in fake_osm.state.seen if path.endswith("/upload"))
    assert uploads - uploads_before == 1  # the first try got its 409; nothing was re-sent
