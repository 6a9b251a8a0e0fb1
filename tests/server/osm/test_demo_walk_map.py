"""`camwalk demo`'s walk map shows its own made-up cameras and what an operator imported for
everyone, never the real cameras another group's fetch cached in Noailles: the demo's walk
counts as loaded for its export's sake (server/demo.py), but nobody loaded anything there,
and a demo login on a shared server would see where a real campaign works."""

import json

from sqlalchemy import select

from server import geo
from server.cli import cli
from server.demo import WALK_AREA
from server.extensions import db
from server.groups.models import Walk
from server.osm.service import nodes_for_walk, store_node
from sync.osm.records import is_demo_node

CAMERA = {"man_made": "surveillance", "surveillance:type": "camera"}
IN_NOAILLES = (5.3812, 43.2961)  # lon, lat: inside the demo walk's area


def demo_walk(app) -> Walk:
    result = app.test_cli_runner().invoke(cli, ["demo", "--json"], catch_exceptions=False)
    return db.session.get(Walk, json.loads(result.output)["walk_id"])


def shown(walk: Walk) -> list[int]:
    return [node["id"] for node in nodes_for_walk(walk)]


def test_the_demo_shows_its_own_cameras_and_the_imported_ones_not_another_groups_fetch(
    app, make_group
):
    walk = demo_walk(app)
    other = make_group("Belsunce")  # its walk counts as loaded everywhere (tests/conftest.py)
    other.walk.area = geo.polygon_element(WALK_AREA)  # the very same streets
    store_node(7001, 3, *IN_NOAILLES, CAMERA)  # as Belsunce's fetch caches it
    store_node(7002, 1, 5.3815, 43.2958, CAMERA, imported=True)  # an operator's file
    db.session.commit()

    seen = shown(walk)

    assert 7001 not in seen and 7002 in seen
    assert len([node for node in seen if is_demo_node(node)]) == 10
    assert {7001, 7002} <= set(shown(other.walk))


def test_once_the_demo_walk_is_fetched_for_real_it_shows_what_that_fetch_cached(app):
    walk = demo_walk(app)
    store_node(7001, 3, *IN_NOAILLES, CAMERA)
    db.session.commit()
    assert 7001 not in shown(walk)

    walk.osm_fetched_at = db.session.scalar(select(Walk.created_at).where(Walk.id == walk.id))
    db.session.commit()

    assert 7001 in shown(walk)
