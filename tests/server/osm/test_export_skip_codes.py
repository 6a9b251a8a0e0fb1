"""A camera left out of the osmChange is said by a stable code (sync/osm/skips.py) with the values
its sentence names, and named as the review screens name it, wherever the organiser reads it:
the export report, the upload's dry run and the camera's review card. A report stored before
codes existed is still served as it was, its cameras named too."""

import pytest

from server.extensions import db
from server.osm.models import Export, OsmNode
from server.osm.service import store_node
from tests.builders import create_change

LON, LAT = 5.3812345, 43.2961234
CAMERA = {"man_made": "surveillance", "surveillance:type": "camera"}
OPERATOR = "Régie des transports"


@pytest.fixture
def vanished(client, group):
    """A walker's survey, linked by the organiser to OSM node 502 and approved; then a fetch
    found 502 deleted from OSM. Its id."""
    store_node(502, 7, LON, LAT, CAMERA)
    db.session.commit()
    position = {"lat": LAT, "lon": LON, "accuracy_m": 4}
    change = create_change(group.walk.id, position=position, operator=OPERATOR)
    answer = client.post(
        f"/api/v1/groups/{group.id}/sync", json={"changes": [change]}, headers=group.headers()
    )
    assert answer.json["results"][0]["status"] == "applied", answer.json
    survey = change["observation_id"]
    organiser = group.headers("organiser")
    chosen = client.post(
        f"/api/v1/observations/{survey}/osm-node", json={"osm_node_id": 502}, headers=organiser
    )
    assert chosen.status_code == 200, chosen.json
    approved = client.post(
        f"/api/v1/observations/{survey}/review", json={"status": "approved"}, headers=organiser
    )
    assert approved.status_code == 200, approved.json
    db.session.query(OsmNode).filter_by(osm_id=502).delete()
    db.session.commit()
    return survey


def skip_of(survey: str) -> dict:
    return {
        "observation": survey,
        "code": "node_not_in_data",
        "osm_node_id": 502,
        "reason": "OSM node 502 is not in the OSM data: "
        "deleted since, or outside the area fetched",
    }


def named(group) -> dict:
    """How the review card names the survey: kind, type, operator, walker, day, walk."""
    return {
        "kind": "camera",
        "camera_type": "dome",
        "operator": OPERATOR,
        "created_by": "mouette",
        "surveyed_on": "2026-11-21",
        "walk_id": group.walk.id,
    }


def test_a_camera_left_out_is_coded_and_named_in_the_dry_run_the_report_and_its_card(
    client, group, vanished
):
    organiser = group.headers("organiser")
    dry_run = client.post(
        f"/api/v1/walks/{group.walk.id}/osm-upload", json={"dry_run": True}, headers=organiser
    ).get_json()
    assert dry_run["skipped"] == [skip_of(vanished)]
    assert named(group).items() <= dry_run["cameras"][vanished].items()

    with client.get(f"/api/v1/walks/{group.walk.id}/export.osc", headers=organiser) as answer:
        export_id = answer.headers["X-Camwalk-Export-Id"]
    report = client.get(f"/api/v1/exports/{export_id}", headers=organiser).get_json()
    assert report["report"] == [skip_of(vanished)]
    assert list(report["cameras"]) == [vanished]
    assert named(group).items() <= report["cameras"][vanished].items()

    review = client.get(f"/api/v1/groups/{group.id}/review?status=approved", headers=organiser)
    (item,) = [item for item in review.json if item["id"] == vanished]
    assert item["osm_change"]["action"] == "nothing"
    assert item["osm_change"]["skip"] == skip_of(vanished)
    assert item["osm_change"]["reason"] == skip_of(vanished)["reason"]


def test_a_report_stored_before_codes_is_served_as_it_was_with_its_cameras_named(
    client, group, vanished
):
    old = [{"observation": vanished, "reason": "not approved by an organiser"}]
    export = Export(
        group_id=group.id, walk_id=group.walk.id, format="osc", counts={"skipped": 1}, report=old
    )
    db.session.add(export)
    db.session.commit()

    report = client.get(f"/api/v1/exports/{export.id}", headers=group.headers("organiser"))

    assert report.status_code == 200
    assert report.json["report"] == old
    assert named(group).items() <= report.json["cameras"][vanished].items()


def test_a_report_names_no_camera_of_another_group(client, group, make_group, vanished):
    other = make_group("Belsunce")
    export = Export(
        group_id=other.id,
        walk_id=other.walk.id,
        format="osc",
        counts={"skipped": 1},
        report=[{"observation": vanished, "code": "not_approved", "reason": "…"}],
    )
    db.session.add(export)
    db.session.commit()

    report = client.get(f"/api/v1/exports/{export.id}", headers=other.headers("organiser"))

    assert report.status_code == 200 and report.json["cameras"] == {}
