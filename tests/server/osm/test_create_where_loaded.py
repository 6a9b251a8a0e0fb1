"""A camera logged where camwalk never loaded OSM's cameras is not created: the export, the
upload and its dry run, and the review card leave it out, saying to load the walk's OSM
cameras, rather than add a node on top of one OSM already has.

The case an OSM mapper met in Helsinki: a walk drawn over Esplanadi, its OSM cameras loaded;
a walker logs with "+" a mapped camera a few hundred metres past the loaded box (the area plus
300 m), and the upload added a node one metre from it. Overpass answers only the box it is
asked for: the fake answers everything it holds, so the camera past the box is put into OSM
after the load.
"""

from xml.etree.ElementTree import fromstring

from server import geo
from server.exports.osc import Scope
from server.exports.upload import upload_scope
from server.extensions import db
from server.osm.importer import fetch_for_walk
from server.osm.service import walk_bbox
from sync.osm.loaded import unloaded
from sync.osm.matching import DEFAULT_MAX_DISTANCE_M
from tests.builders import create_change, nothing_to_check

ESPLANADI = [(24.9470, 60.1670), (24.9490, 60.1670), (24.9490, 60.1680), (24.9470, 60.1680)]
CAMERA = {"man_made": "surveillance", "surveillance:type": "camera"}
# A mapped camera past the loaded box (node 256257146's place on the map).
PAST_THE_BOX = 256257146, 60.16930, 24.95700
# One metre or so from it: where the walker stood.
LOGGED = 60.169305, 24.957010


def _loaded_walk(group, fake_osm, osm_client):
    walk = group.walk
    walk.area = geo.polygon_element(ESPLANADI)
    db.session.commit()
    fetch_for_walk(walk, osm_client)
    west, south, east, north = walk_bbox(walk)
    node_id, lat, lon = PAST_THE_BOX
    assert not (west <= lon <= east and south <= lat <= north)
    fake_osm.state.add_node(node_id, lat, lon, CAMERA, version=3)
    return walk


def _surveillance_nodes(fake_osm) -> list[int]:
    return sorted(
        node_id
        for node_id, node in fake_osm.state.nodes.items()
        if node.visible and node.tags.get("man_made") == "surveillance"
    )


def test_a_camera_logged_past_the_loaded_box_is_held_until_the_walk_is_loaded_again(
    group, add_observation, fake_osm, osm_client
):
    walk = _loaded_walk(group, fake_osm, osm_client)
    logged = add_observation(group, LOGGED[1], LOGGED[0], camera_type="dome", operator="X Oy")

    preview = upload_scope(Scope.of_walk(walk), osm_client, dry_run=True)
    sent = upload_scope(Scope.of_walk(walk), osm_client)

    for result in (preview, sent):
        assert result.counts == {"created": 0, "modified": 0, "deleted": 0, **nothing_to_check()}
        assert [(item["observation"], item["code"]) for item in result.skipped] == [
            (logged.uuid, "outside_loaded_area")
        ]
    assert "load the walk's OSM cameras again" in sent.skipped[0]["reason"]
    assert _surveillance_nodes(fake_osm) == [PAST_THE_BOX[0]]  # no node on top of it

    fetch_for_walk(walk, osm_client)  # the box now reaches the cameras logged past the area
    again = upload_scope(Scope.of_walk(walk), osm_client)

    # The fake's Overpass answered every node whatever the box: the box is checked itself.
    assert unloaded(*LOGGED, [tuple(walk.osm_fetched_bbox)], DEFAULT_MAX_DISTANCE_M) is None

    assert again.counts == {"created": 0, "modified": 1, "deleted": 0, **nothing_to_check()}
    assert again.skipped == []
    assert _surveillance_nodes(fake_osm) == [PAST_THE_BOX[0]]
    assert fake_osm.state.nodes[PAST_THE_BOX[0]].tags["operator"] == "X Oy"


def test_the_export_and_the_review_card_hold_it_back_the_same_way(
    client, group, fake_osm, osm_client
):
    walk = _loaded_walk(group, fake_osm, osm_client)
    position = {"lat": LOGGED[0], "lon": LOGGED[1], "accuracy_m": 4}
    change = create_change(walk.id, position=position, direction=None)
    answer = client.post(
        f"/api/v1/groups/{group.id}/sync", json={"changes": [change]}, headers=group.headers()
    )
    assert answer.json["results"][0]["status"] == "applied", answer.json
    organiser = group.headers("organiser")

    review = client.get(f"/api/v1/groups/{group.id}/review?status=pending", headers=organiser)
    (item,) = [item for item in review.json if item["id"] == change["observation_id"]]
    card = item["osm_change"]
    client.post(
        f"/api/v1/observations/{change['observation_id']}/review",
        json={"status": "approved"},
        headers=organiser,
    )
    with client.get(f"/api/v1/walks/{walk.id}/export.osc", headers=organiser) as answer:
        document = fromstring(answer.data)
        report = client.get(answer.headers["X-Camwalk-Export-Report"], headers=organiser).json

    assert (card["action"], card["skip"]["code"]) == ("nothing", "outside_loaded_area")
    assert document.findall("create/node") == []
    assert report["counts"]["created"] == 0
    assert [(item["observation"], item["code"]) for item in report["report"]] == [
        (change["observation_id"], "outside_loaded_area")
    ]


def test_a_walk_whose_osm_cameras_were_never_loaded_creates_nothing(
    group, add_observation, fake_osm, osm_client
):
    group.walk.osm_fetched_bbox = None  # the test group's walk counts as loaded: not this one
    db.session.commit()
    node_id, lat, lon = 2303602371, 60.16841, 24.94180
    fake_osm.state.add_node(node_id, lat, lon, CAMERA, version=2)
    logged = add_observation(group, lon + 0.00001, lat, camera_type="dome")

    preview = upload_scope(Scope.of_walk(group.walk), osm_client, dry_run=True)
    sent = upload_scope(Scope.of_walk(group.walk), osm_client)

    for result in (preview, sent):
        assert result.counts["created"] == 0
        assert [(item["observation"], item["code"]) for item in result.skipped] == [
            (logged.uuid, "osm_not_loaded")
        ]
    assert _surveillance_nodes(fake_osm) == [node_id]

    fetch_for_walk(group.walk, osm_client)  # a walk without an area: around its cameras
    again = upload_scope(Scope.of_walk(group.walk), osm_client)

    assert again.counts == {"created": 0, "modified": 1, "deleted": 0, **nothing_to_check()}
    assert _surveillance_nodes(fake_osm) == [node_id]
