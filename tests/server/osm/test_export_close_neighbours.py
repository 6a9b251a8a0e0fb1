"""Two OSM cameras 3.1 m apart and two surveys: each survey lands on its own camera.

Found on real OSM data: the export once had its own matcher, greedy in storage order, and the
two surveys' tags were written onto each other's cameras. The export now runs the pure
nearest-pairs-first matcher (sync/osm/matching.py); this drives it through the HTTP download
and the upload's dry run, on both engines.
"""

from xml.etree.ElementTree import fromstring

from server.extensions import db
from server.osm.service import store_node
from sync.order import camera_order_key

METRE_DEG = 1 / 111_195.08  # one metre of latitude, in degrees (camwalk's sphere)
LON, LAT = 5.3812345, 43.2961234  # camera A, Vieux-Port
CAMERA_B_LAT = LAT + 3.1 * METRE_DEG


def download(client, group) -> bytes:
    with client.get(
        f"/api/v1/walks/{group.walk.id}/export.osc", headers=group.headers("organiser")
    ) as answer:
        assert answer.status_code == 200
        return answer.data, answer.headers["X-Camwalk-Export-Report"]


def modified_operators(document: bytes) -> dict[int, str]:
    found = {}
    for node in fromstring(document).iterfind("modify/node"):
        tags = {tag.get("k"): tag.get("v") for tag in node.iterfind("tag")}
        found[int(node.get("id"))] = tags.get("operator")
    return found


def test_each_survey_is_exported_onto_its_own_camera(client, group, add_observation):
    store_node(501, 4, LON, LAT, {"man_made": "surveillance"})
    store_node(502, 7, LON, CAMERA_B_LAT, {"man_made": "surveillance"})
    db.session.commit()
    # Stored first, between the two: 1.2 m from A and 1.9 m from B. Then one 0.2 m from A,
    # which can only be A. A greedy pass in storage order gave the first one A, and B to the
    # second, 2.9 m away: each survey's tags on the other's camera.
    add_observation(group, LON, LAT + 1.2 * METRE_DEG, operator="Between, stored first")
    add_observation(group, LON, LAT + 0.2 * METRE_DEG, operator="Right under A")

    document, _ = download(client, group)

    assert modified_operators(document) == {501: "Right under A", 502: "Between, stored first"}
    assert fromstring(document).findall("create/node") == []


def test_a_survey_nearly_equidistant_from_two_cameras_is_named_in_the_report(
    client, group, add_observation
):
    store_node(501, 4, LON, LAT, {"man_made": "surveillance"})
    store_node(502, 7, LON, LAT + 3.15 * METRE_DEG, {"man_made": "surveillance"})
    db.session.commit()
    survey = add_observation(group, LON, LAT + 1.45 * METRE_DEG, operator="Police municipale")

    document, report_url = download(client, group)
    report = client.get(report_url, headers=group.headers("organiser")).get_json()

    assert modified_operators(document) == {501: "Police municipale"}
    assert report["counts"]["ambiguous"] == 1
    (warning,) = [item for item in report["report"] if item.get("warning")]
    assert warning == {
        "observation": survey.uuid,
        "warning": "ambiguous_match",
        "osm_node_id": 501,
        "distance_m": 1.45,
        "other_osm_node_id": 502,
        "other_distance_m": 1.7,
    }
    preview = client.post(
        f"/api/v1/walks/{group.walk.id}/osm-upload",
        json={"dry_run": True},
        headers=group.headers("organiser"),
    ).get_json()
    assert preview["ambiguous"] == [warning]
    assert [change["ambiguous_with"] for change in preview["changes"]] == [502]


def test_new_cameras_get_placeholders_by_place_not_in_logging_order(
    client, group, add_observation
):
    # Logged along a walk that zigzags; the file must not retrace it.
    route = [(5.3900, 43.2990), (5.3700, 43.2900), (5.3850, 43.2950), (5.3750, 43.2999)]
    logged = [add_observation(group, lon, lat) for lon, lat in route]

    document, _ = download(client, group)

    created = fromstring(document).findall("create/node")
    assert [node.get("id") for node in created] == ["-1", "-2", "-3", "-4"]
    in_file = [(float(node.get("lon")), float(node.get("lat"))) for node in created]
    by_place = sorted(
        zip(route, logged, strict=True),
        key=lambda pair: camera_order_key(pair[0][0], pair[0][1], pair[1].uuid),
    )
    assert in_file == [place for place, _ in by_place]
    assert in_file != route
