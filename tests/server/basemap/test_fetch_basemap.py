"""The OSM fetch keeps the walk map: real Helsinki streets and buildings, from either source."""

import pytest
from sqlalchemy import select

from server.basemap.models import WalkBasemap
from server.basemap.service import walk_features
from server.extensions import db
from server.osm.cli import osm_group
from sync.basemap import LAYERS

# The extract's bounds (tests/osm_extract.py): every coordinate kept must fall inside.
EXTRACT = (24.9351, 60.1641, 24.9535, 60.1792)


def fetch(client, group, source):
    url = f"/api/v1/walks/{group.walk.id}/osm-fetch"
    return client.post(url, json={"source": source}, headers=group.headers("organiser"))


def coordinates(geometry):
    if geometry["type"] == "Point":
        yield geometry["coordinates"]
        return
    stack = [geometry["coordinates"]]
    while stack:
        item = stack.pop()
        if isinstance(item[0], int | float):
            yield item
        else:
            stack.extend(item)


def closed_building_ways(real_extract) -> set[str]:
    """Read apart from the code under test: buildings drawn as one closed way whose nodes are
    all in the extract (the extract cuts the ways at its edge)."""
    import osmium

    nodes = {node.id for node in osmium.FileProcessor(str(real_extract.pbf), osmium.osm.NODE)}
    return {
        f"way/{way.id}"
        for way in osmium.FileProcessor(str(real_extract.pbf), osmium.osm.WAY)
        if way.tags.get("building", "no") != "no"
        and len(way.nodes) >= 4
        and way.nodes[0].ref == way.nodes[-1].ref
        and all(ref.ref in nodes for ref in way.nodes)
    }


@pytest.mark.parametrize("source", ["overpass", "api"])
def test_a_fetch_keeps_the_real_streets_with_names_and_every_building(
    client, helsinki_walk, fake_helsinki, real_extract, source
):
    response = fetch(client, helsinki_walk, source)

    assert response.status_code == 200, response.json
    features = walk_features(helsinki_walk.walk)
    assert response.json["basemap_features"] == len(features) > 1000
    assert {f["properties"]["layer"] for f in features} <= set(LAYERS)
    streets = {f["properties"]["name"] for f in features if f["properties"]["layer"] == "street"}
    assert {"Mannerheimintie", "Pohjoisesplanadi", "Unioninkatu"} <= streets
    kept = {f["properties"]["osm"] for f in features if f["properties"]["layer"] == "building"}
    assert closed_building_ways(real_extract) <= kept
    assert any(osm.startswith("relation/") for osm in kept)  # multipolygon blocks too
    assert {"path", "park", "water"} <= {f["properties"]["layer"] for f in features}
    west, south, east, north = EXTRACT
    for f in features:
        for lon, lat in coordinates(f["geometry"]):
            assert west <= lon <= east and south <= lat <= north, f


def test_overpass_and_the_api_map_call_give_the_same_walk_map(
    client, helsinki_walk, fake_helsinki
):
    def keys():
        return sorted(
            (f["properties"]["osm"], f["properties"]["layer"], f["properties"]["name"] or "")
            for f in walk_features(helsinki_walk.walk)
        )

    fetch(client, helsinki_walk, "overpass")
    from_overpass = keys()
    fetch(client, helsinki_walk, "api")
    db.session.expire_all()

    assert keys() == from_overpass
    assert db.session.scalar(select(db.func.count()).select_from(WalkBasemap)) == 1


def test_the_api_source_reads_the_map_from_the_one_answer_it_already_asked_for(
    client, helsinki_walk, fake_helsinki
):
    fetch(client, helsinki_walk, "api")
    assert [path for _, path, _ in fake_helsinki.state.seen] == ["/api/0.6/map"]


def test_a_failed_walk_map_query_is_a_502_and_keeps_the_map_and_cameras_as_they_were(
    client, helsinki_walk, fake_helsinki
):
    fetch(client, helsinki_walk, "overpass")
    before = walk_features(helsinki_walk.walk)
    # The camera query succeeds; the walk map query, second, is cut short by Overpass.
    fake = fake_helsinki.state
    cut = '{"version": 0.6, "elements": [], "remark": "runtime error: Query timed out"}'
    from tests.fake_osm_api.server import Canned

    fake.script.append(Canned("POST", "interpreter", 200, {}, cut))
    fake.script.insert(0, Canned("POST", "interpreter", 200, {}, '{"elements": []}'))

    response = fetch(client, helsinki_walk, "overpass")

    assert (response.status_code, response.json["code"]) == (502, "osm_api_error")
    db.session.expire_all()
    assert walk_features(helsinki_walk.walk) == before


def test_a_walk_never_fetched_has_an_empty_walk_map(app, group):
    assert walk_features(group.walk) == []


def test_the_cli_fetch_says_how_much_walk_map_it_kept(app, helsinki_walk, fake_helsinki):
    result = app.test_cli_runner().invoke(
        osm_group, ["fetch", "--walk", str(helsinki_walk.walk.id), "--source", "api"]
    )
    assert result.exit_code == 0, result.output
    count = len(walk_features(helsinki_walk.walk))
    assert f"walk map: {count} streets, paths, buildings and landmarks" in result.output
