"""POST /walks/<id>/osm-fetch: an organiser refreshes the OSM cameras of a walk's area."""

import pytest
from sqlalchemy import select

from server.extensions import db
from server.osm.models import OsmNode
from server.osm.service import store_node

CAMERA = {"man_made": "surveillance", "surveillance:type": "camera"}


@pytest.fixture
def overpass(app, fake_osm, monkeypatch):
    """The app's Overpass and OSM API are the fake ones, holding cameras near the walk."""
    monkeypatch.setitem(app.config, "OVERPASS_URL", f"{fake_osm.url}/api")
    monkeypatch.setitem(app.config, "OSM_API_URL", fake_osm.url)
    fake_osm.state.add_node(7001, 43.2962, 5.3813, CAMERA | {"camera:type": "dome"}, version=2)
    fake_osm.state.add_node(7002, 43.2965, 5.3810, CAMERA)
    fake_osm.state.add_node(7003, 43.2966, 5.3811, {"highway": "street_lamp"})
    fake_osm.state.ways[88] = [7002, 7003]
    return fake_osm.state


@pytest.fixture
def surveyed(group, add_observation):
    """A walk without a drawn area: its box comes from its observations, as for the CLI."""
    add_observation(group, 5.3812, 43.2961)
    return group


def fetch(client, group, who="organiser", **body):
    url = f"/api/v1/walks/{group.walk.id}/osm-fetch"
    return client.post(url, json=body or None, headers=group.headers(who))


def cached() -> dict[int, OsmNode]:
    return {node.osm_id: node for node in db.session.scalars(select(OsmNode))}


@pytest.mark.parametrize("source", ["overpass", "api"])
def test_a_fetch_caches_the_cameras_the_pwa_then_shows_on_the_walk(
    client, surveyed, overpass, source
):
    response = fetch(client, surveyed, source=source)

    assert response.status_code == 200, response.json
    summary = response.json
    assert summary["source"] == source
    assert (summary["fetched"], summary["added"], summary["removed"]) == (2, 2, 0)
    box = summary["bbox"]
    assert box["west"] < 5.3812 < box["east"] and box["south"] < 43.2961 < box["north"]
    shown = client.get(
        f"/api/v1/walks/{surveyed.walk.id}/osm-nodes", headers=surveyed.headers("walker")
    ).json["nodes"]
    upstream = {node_id: overpass.nodes[node_id] for node_id in (7001, 7002)}
    assert {(n["id"], n["version"], n["part_of_way"]) for n in shown} == {
        (7001, upstream[7001].version, False),
        (7002, upstream[7002].version, True),
    }
    assert {n["id"]: n["tags"] for n in shown} == {k: v.tags for k, v in upstream.items()}


def test_without_a_body_the_fetch_asks_overpass(client, surveyed, overpass):
    response = fetch(client, surveyed)
    assert response.status_code == 200, response.json
    assert response.json["source"] == "overpass"
    assert any(path == "/api/interpreter" for _, path, _ in overpass.seen)


def test_a_second_fetch_changes_nothing_and_says_so(client, surveyed, overpass):
    fetch(client, surveyed)
    before = {k: (n.version, n.tags, n.part_of_way) for k, n in cached().items()}

    again = fetch(client, surveyed)

    assert again.status_code == 200
    assert (again.json["added"], again.json["updated"], again.json["removed"]) == (0, 0, 0)
    assert again.json["unchanged"] == len(before) == 2
    db.session.expire_all()
    assert {k: (n.version, n.tags, n.part_of_way) for k, n in cached().items()} == before


def test_a_fetch_drops_cached_cameras_deleted_upstream_and_updates_edited_ones(
    client, surveyed, overpass
):
    fetch(client, surveyed)
    overpass.nodes[7002].visible = False
    overpass.add_node(7001, 43.2962, 5.3813, CAMERA | {"operator": "Ville"}, version=3)

    response = fetch(client, surveyed)

    assert (response.json["updated"], response.json["removed"]) == (1, 1)
    db.session.expire_all()
    assert sorted(cached()) == [7001]
    assert cached()[7001].tags["operator"] == "Ville"


@pytest.mark.parametrize(
    ("who", "status"),
    [("walker", 403), ("stranger", 404), ("anonymous", 401)],
)
def test_only_the_walks_organisers_may_fetch(client, surveyed, overpass, make_group, who, status):
    url = f"/api/v1/walks/{surveyed.walk.id}/osm-fetch"
    headers = {
        "walker": surveyed.headers("walker"),
        "stranger": make_group("Belsunce").headers("organiser"),
        "anonymous": {},
    }[who]
    response = client.post(url, json={}, headers=headers)
    assert response.status_code == status
    assert overpass.seen == [] and cached() == {}


def test_an_unknown_source_is_refused_before_asking_anyone(client, surveyed, overpass):
    response = fetch(client, surveyed, source="josm")
    assert response.status_code == 422
    assert (response.json["code"], list(response.json["errors"])) == ("invalid_input", ["source"])
    assert overpass.seen == []


def test_a_walk_without_area_or_observations_gets_no_area(client, group, overpass):
    response = fetch(client, group)
    assert (response.status_code, response.json["code"]) == (422, "no_area")
    assert overpass.seen == []


def test_a_box_too_large_for_the_api_map_call_is_refused(client, surveyed, add_observation):
    add_observation(surveyed, 5.9, 43.8)
    response = fetch(client, surveyed, source="api")
    assert (response.status_code, response.json["code"]) == (422, "area_too_large")


@pytest.mark.parametrize(
    ("path", "source", "status", "headers", "body"),
    [
        ("interpreter", "overpass", 400, {}, "line 1: parse error"),
        ("interpreter", "overpass", 429, {"Retry-After": "3600"}, "rate limited"),
        ("interpreter", "overpass", 200, {}, "this is not OSM data"),
        # Overpass timed out half way: 200, some elements, and an error remark.
        (
            "interpreter",
            "overpass",
            200,
            {},
            '{"version": 0.6, "elements": [], "remark": "runtime error: Query timed out"}',
        ),
        ("map", "api", 400, {}, "You requested too many nodes"),
    ],
)
def test_an_osm_failure_is_a_502_and_leaves_the_cache_as_it_was(
    client, surveyed, overpass, fake, path, source, status, headers, body
):
    store_node(7002, 1, 5.3810, 43.2965, CAMERA)  # cached earlier; OSM no longer has it
    db.session.commit()
    overpass.nodes.pop(7002)
    method = "POST" if source == "overpass" else "GET"
    overpass.script.append(fake.Canned(method, path, status, headers, body))

    response = fetch(client, surveyed, source=source)

    assert (response.status_code, response.json["code"]) == (502, "osm_api_error")
    db.session.expire_all()
    assert sorted(cached()) == [7002]


@pytest.mark.parametrize("source", ["overpass", "api"])
def test_the_walk_s_osm_nodes_name_the_relations_a_fetch_learnt_and_the_answer_counts_them(
    client, surveyed, overpass, source
):
    # Cached before anything said which relations list it: not known.
    store_node(7001, 1, 5.3813, 43.2962, CAMERA, relations=None)
    db.session.commit()
    nodes_url = f"/api/v1/walks/{surveyed.walk.id}/osm-nodes"
    before = client.get(nodes_url, headers=surveyed.headers("walker")).json["nodes"]
    overpass.relations[55] = ({"type": "surveillance"}, [("node", "camera", 7001)])

    response = fetch(client, surveyed, source=source)
    again = fetch(client, surveyed, source=source)

    assert [(n["id"], n["relations"]) for n in before] == [(7001, None)]
    assert (response.json["relations_changed"], response.json["relations_unknown"]) == (2, 0)
    assert (again.json["relations_changed"], again.json["relations_unknown"]) == (0, 0)
    shown = client.get(nodes_url, headers=surveyed.headers("walker")).json["nodes"]
    assert {n["id"]: n["relations"] for n in shown} == {7001: [55], 7002: []}
