"""GET /walks/<id>/osm-nodes shows a group the cached OSM cameras of the boxes its own walks
fetched and of the files an operator imported for everyone, never those only another group
fetched: the cache is shared, and where a campaign fetched is the outline of where it works."""

import pytest

from server.extensions import db
from server.osm.importer import import_file
from server.osm.service import store_node

CAMERA = {"man_made": "surveillance", "surveillance:type": "camera"}
# Noailles, where group A walks; group B's walker logs a camera there.
NOAILLES = (5.3812, 43.2961)


@pytest.fixture
def overpass(app, fake_osm, monkeypatch):
    """The app's Overpass is the fake one, holding two cameras in Noailles."""
    monkeypatch.setitem(app.config, "OVERPASS_URL", f"{fake_osm.url}/api")
    fake_osm.state.add_node(7001, 43.2962, 5.3813, CAMERA)
    fake_osm.state.add_node(7002, 43.2965, 5.3810, CAMERA)
    return fake_osm.state


@pytest.fixture
def groups(make_group, add_observation):
    """Group A and group B, each with a walk around Noailles that has fetched nothing yet."""
    pair = make_group("A"), make_group("B")
    for group in pair:
        group.walk.osm_fetched_bbox = None
        add_observation(group, *NOAILLES)
    return pair


def fetch(client, group):
    url = f"/api/v1/walks/{group.walk.id}/osm-fetch"
    response = client.post(url, json={}, headers=group.headers("organiser"))
    assert response.status_code == 200, response.json


def shown(client, group) -> list[int]:
    url = f"/api/v1/walks/{group.walk.id}/osm-nodes"
    response = client.get(url, headers=group.headers("walker"))
    assert response.status_code == 200, response.json
    return [node["id"] for node in response.json["nodes"]]


def test_a_walker_never_sees_the_cameras_only_another_group_fetched(client, groups, overpass):
    a, b = groups

    fetch(client, a)

    assert shown(client, a) == [7001, 7002]
    assert shown(client, b) == []


def test_a_walker_sees_them_once_her_own_group_fetched_there(client, groups, overpass):
    a, b = groups
    fetch(client, a)

    fetch(client, b)

    assert shown(client, b) == [7001, 7002]


def test_a_box_fetched_elsewhere_does_not_show_another_groups_cameras(client, groups, overpass):
    a, b = groups
    fetch(client, a)
    b.walk.osm_fetched_bbox = [5.36, 43.28, 5.37, 43.29]  # a walk of B's in another street
    db.session.commit()

    assert shown(client, b) == []


def extract(tmp_path, osm_id: int, version: int = 1):
    """An operator's file holding one camera in Noailles."""
    path = tmp_path / "extract.osm"
    path.write_text(
        f'<osm version="0.6"><node id="{osm_id}" version="{version}" lat="43.2962" '
        'lon="5.3813"><tag k="man_made" v="surveillance"/></node></osm>'
    )
    return path


def test_an_operators_import_shows_its_cameras_to_every_group_even_after_a_fetch(
    client, groups, overpass, tmp_path
):
    a, b = groups
    import_file(extract(tmp_path, 7001))
    assert shown(client, a) == shown(client, b) == [7001]

    fetch(client, a)  # repeats 7001, and brings 7002, which no file held

    assert shown(client, b) == [7001]


def test_an_import_older_than_the_cached_camera_still_shows_it_to_every_group(
    client, groups, tmp_path
):
    _, b = groups
    store_node(7001, 5, 5.3813, 43.2962, CAMERA)  # camwalk's upload made version 5 since
    db.session.commit()

    result = import_file(extract(tmp_path, 7001, version=3))

    assert result.kept_newer == 1
    assert shown(client, b) == [7001]
