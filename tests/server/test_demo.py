import json

from sqlalchemy import func, select

from server import geo
from server.cli import cli
from server.extensions import db
from server.groups.models import Walk
from server.observations.models import Observation, Revision
from server.osm.models import OsmNode


def run_demo(app, *args):
    return app.test_cli_runner().invoke(cli, ["demo", *args], catch_exceptions=False)


def test_demo_json_gives_ids_and_credentials_that_work(app, client):
    result = run_demo(app, "--json", "--base-url", "http://example.test")

    assert result.exit_code == 0
    demo = json.loads(result.output)
    assert demo["invite_url"] == f"http://example.test/join/{demo['invite_code']}"
    login = client.post(
        "/api/v1/login",
        json={
            "group": demo["group_slug"],
            "pseudonym": demo["organiser_pseudonym"],
            "password": demo["organiser_password"],
        },
    )
    assert login.status_code == 200
    walker = {"Authorization": f"Bearer {demo['walker_token']}"}
    walks = client.get(f"/api/v1/groups/{demo['group_id']}/walks", headers=walker).get_json()
    assert [w["id"] for w in walks] == [demo["walk_id"]]
    joined = client.post(
        "/api/v1/join", json={"invite_code": demo["invite_code"], "pseudonym": "goeland"}
    )
    assert joined.status_code == 201


def test_demo_data_is_in_marseille_with_approved_cameras_and_osm_neighbours(app, client):
    demo = json.loads(run_demo(app, "--json").output)

    observations = db.session.scalars(select(Observation)).all()
    assert len(observations) == demo["observations"] >= 20
    assert sum(o.review_status == "approved" for o in observations) >= 5
    for observation in observations:
        point = geo.to_lonlat(observation.geom)
        assert 5.36 < point.lon < 5.39 and 43.29 < point.lat < 43.30
    assert db.session.scalar(select(func.count()).select_from(Revision)) == len(observations)
    nodes = client.get(
        f"/api/v1/walks/{demo['walk_id']}/osm-nodes",
        headers={"Authorization": f"Bearer {demo['walker_token']}"},
    ).get_json()
    assert len(nodes["nodes"]) == demo["osm_nodes"]
    matched = [o for o in observations if _near_osm(o, demo["group_id"])]
    assert 3 <= len(matched) < len(observations)


def test_running_the_demo_twice_replaces_it(app):
    run_demo(app, "--json")
    run_demo(app, "--json")

    assert db.session.scalar(select(func.count()).select_from(Walk)) == 1
    assert db.session.scalar(select(func.count()).select_from(OsmNode)) == 10


def test_demo_text_output_says_how_to_log_in(app):
    output = run_demo(app).output

    assert "/join/" in output
    assert "karim" in output and "password" in output


def _near_osm(observation, group_id):
    return geo.nearest_osm_camera(db.session, *_lonlat(observation), 10.0, group_id)


def _lonlat(observation):
    point = geo.to_lonlat(observation.geom)
    return point.lon, point.lat
