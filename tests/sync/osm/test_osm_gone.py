"""A camera reported gone takes only itself out of OSM: a node that maps something else too
keeps that, losing the camera's keys alone; a node that is nothing but the camera is deleted.
The planner and the retry after a 409 run the same rule (reapply.report_gone)."""

import pytest

from sync.osm.plan import Skipped, camera_removed, plan_actions
from sync.osm.reapply import SurveyRefused, refresh_gone
from sync.osm.records import Delete, Modify, OsmNode
from sync.osm.tags import without_camera

CAMERA = {"man_made": "surveillance", "surveillance:type": "camera", "camera:mount": "pole"}

# (node tags, tags kept, or None: the node is the camera and goes)
CASES = [
    (CAMERA, None),
    # What describes a camera goes with a node that is nothing else.
    (CAMERA | {"operator": "HKL", "check_date": "2026-01-02", "height": "4"}, None),
    ({"man_made": "surveillance", "location": "under_canopy", "fixme": "lens?"}, None),
    # Where the camera hangs and part of an address, as real Helsinki cameras carry them
    # (nodes 317943413, 318118371, 316421631): alone on a node, they map nothing.
    (
        {"man_made": "surveillance", "position": "under canopy", "revolving": "yes"}
        | {"est_height": "5"},
        None,
    ),
    ({"man_made": "surveillance", "revolving": "yes", "under_canopy": "yes"}, None),
    ({"man_made": "surveillance", "addr:country": "FI", "addr:city": "Helsinki"}, None),
    # A house number makes the node an address point too: it stays, with its address.
    (
        CAMERA | {"addr:street": "Aleksanterinkatu", "addr:housenumber": "52"},
        {"addr:street": "Aleksanterinkatu", "addr:housenumber": "52"},
    ),
    # Real node 2223015838: a street lamp with traffic signs, and the camera on it.
    (
        {
            "highway": "street_lamp",
            "man_made": "surveillance",
            "traffic_sign": "FI:373;FI:374",
            "traffic_sign:2": "FI:851;FI:851",
        },
        {
            "highway": "street_lamp",
            "traffic_sign": "FI:373;FI:374",
            "traffic_sign:2": "FI:851;FI:851",
        },
    ),
    # Beside another feature, an operator or a height may be the lamp's own: they stay.
    (
        CAMERA
        | {"highway": "street_lamp", "operator": "Helen", "height": "6", "camera:type": "dome"},
        {"highway": "street_lamp", "operator": "Helen", "height": "6"},
    ),
    (
        CAMERA | {"surveillance": "public", "surveillance:zone": "traffic", "entrance": "main"},
        {"entrance": "main"},
    ),
]


@pytest.mark.parametrize(("tags", "kept"), CASES)
def test_a_gone_camera_takes_only_its_own_keys(tags, kept):
    assert without_camera(tags) == kept


GONE = {
    "id": "obs-1",
    "position": {"lat": 60.17, "lon": 24.94},
    "kind": "camera",
    "presence": "gone",
    "review_status": "approved",
    "osm_node_id": 2223015838,
    "surveyed_on": "2026-11-21",
}
LAMP = OsmNode(
    2223015838,
    2,
    60.1701,
    24.9401,
    {"highway": "street_lamp", "man_made": "surveillance", "traffic_sign": "FI:373"},
)


def test_a_camera_gone_from_a_street_lamp_is_a_modify_that_keeps_the_lamp():
    skipped: list[Skipped] = []
    (action,) = plan_actions([GONE], {LAMP.id: LAMP}, skipped)
    assert action == Modify(
        LAMP.id,
        2,
        LAMP.lat,
        LAMP.lon,
        {"highway": "street_lamp", "traffic_sign": "FI:373"},
        ref="obs-1",
        removed=("man_made",),
    )
    assert camera_removed(action)["removed"] == ["man_made"]
    assert skipped == []


def test_a_node_that_is_only_the_camera_is_deleted():
    alone = OsmNode(7, 3, 60.1, 24.9, CAMERA | {"check_date": "2025-01-01"})
    (action,) = plan_actions([GONE | {"osm_node_id": 7}], {7: alone}, [])
    assert action == Delete(7, 3, ref="obs-1")


def test_after_a_conflict_a_street_lamp_a_mapper_added_is_kept():
    # Camwalk read a plain camera; a mapper then noted the lamp post it hangs on.
    now = OsmNode(7, 4, 60.1, 24.9, CAMERA | {"highway": "street_lamp", "ref": "L-1234"})
    retry = refresh_gone(now, GONE | {"osm_node_id": 7})
    assert isinstance(retry, Modify)
    assert (retry.version, retry.tags) == (4, {"highway": "street_lamp", "ref": "L-1234"})
    assert retry.removed == ("camera:mount", "man_made", "surveillance:type")


def test_after_a_conflict_a_node_still_only_a_camera_is_deleted_at_its_new_version():
    now = OsmNode(7, 4, 60.1, 24.9, CAMERA | {"note": "a mapper's note"})
    assert refresh_gone(now, GONE) == Delete(7, 4, ref="obs-1")


@pytest.mark.parametrize(
    "now",
    [
        OsmNode(7, 4, 60.1, 24.9, CAMERA, part_of_way=True),
        OsmNode(7, 4, 60.1, 24.9, {"highway": "street_lamp"}),
    ],
)
def test_after_a_conflict_a_vertex_or_a_node_no_longer_a_camera_is_left_alone(now):
    with pytest.raises(SurveyRefused):
        refresh_gone(now, GONE)
