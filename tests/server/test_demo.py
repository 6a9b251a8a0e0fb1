import json

import sqlalchemy as sa
from sqlalchemy import func, select

from server import geo
from server.cli import cli
from server.extensions import db
from server.groups.invites import create_group_with_organiser_link
from server.groups.models import Group, Walk
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


def test_a_campaign_named_demo_marseille_never_gets_the_demo_slug_nor_loses_its_work(app):
    """`camwalk demo` replaces the group holding its slug: a campaign's group must not be it."""
    campaign = create_group_with_organiser_link("Demo Marseille")[0]
    db.session.commit()

    result = run_demo(app, "--json")

    assert result.exit_code == 0
    assert campaign.slug == "demo-marseille-2"
    assert db.session.get(Group, campaign.id) is not None


def test_the_demo_leaves_a_group_that_took_its_slug_before_it_was_kept(app):
    # A group made with the demo's slug before it was kept for the demo, with a walk on record.
    group = Group(name="Demo Marseille", slug="demo-marseille")
    db.session.add(group)
    db.session.flush()
    db.session.add(Walk(group_id=group.id, name="Belsunce"))
    db.session.commit()

    result = app.test_cli_runner().invoke(cli, ["demo", "--json"])

    assert result.exit_code == 1
    assert "'Demo Marseille'" in result.output and "not a demo" in result.output
    db.session.expire_all()
    assert db.session.scalars(select(Walk.name)).all() == ["Belsunce"]
    assert db.session.scalars(select(Group.name)).all() == ["Demo Marseille"]


def test_a_demo_made_before_its_cameras_belonged_to_it_is_still_replaced(app):
    run_demo(app, "--json")
    # As an earlier version left it: its made-up cameras did not belong to it.
    db.session.execute(sa.delete(OsmNode))
    db.session.commit()

    result = run_demo(app, "--json")

    assert result.exit_code == 0
    assert db.session.scalars(select(Group.name)).all() == ["Technopolice Marseille (démo)"]
