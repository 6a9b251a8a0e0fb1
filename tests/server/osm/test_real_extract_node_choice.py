"""The organiser's node choice on real Helsinki cameras (tests/osm_extract.py), checked by
osmium: the export it makes applies cleanly onto the extract and changes only what she chose.

Nodes 2282948523 and 2282948524 are two real cameras 3.12 m apart with no other camera within
20 m; a survey between them, 1.45 m from the first, is the close-neighbours case."""

import pytest

from server.osm.importer import import_file
from tests.builders import create_change
from tests.server.osm.test_review_node_choice import approve, card, choose

NEAR, FAR = 2282948523, 2282948524


@pytest.fixture
def between(app, client, group, real_extract):
    import_file(real_extract.with_ways_xml, parent_ways=True, parent_relations=True)
    near, far = real_extract.cameras[NEAR], real_extract.cameras[FAR]
    share = 1.45 / 3.12
    lat = near.lat + (far.lat - near.lat) * share
    lon = near.lon + (far.lon - near.lon) * share
    return log_survey_at(client, group, lat, lon)


def log_survey_at(client, group, lat, lon) -> str:
    position = {"lat": round(lat, 7), "lon": round(lon, 7), "accuracy_m": 4}
    change = create_change(
        group.walk.id, position=position, direction=None, operator="Helsingin poliisi"
    )
    answer = client.post(
        f"/api/v1/groups/{group.id}/sync", json={"changes": [change]}, headers=group.headers()
    )
    assert answer.json["results"][0]["status"] == "applied", answer.json
    return change["observation_id"]


def applied_export(client, group, real_extract, osmium, tmp_path, name):
    with client.get(
        f"/api/v1/walks/{group.walk.id}/export.osc", headers=group.headers("organiser")
    ) as answer:
        assert answer.status_code == 200
        osc = tmp_path / f"{name}.osc"
        osc.write_bytes(answer.data)
    return real_extract.cameras_after(osmium, osc)


def test_on_real_neighbours_the_chosen_node_or_a_new_one_is_what_osmium_applies(
    client, group, real_extract, osmium, tmp_path, between
):
    change = card(client, group, between)
    assert (change["node"]["id"], change["ambiguous_with"]) == (NEAR, FAR)
    assert [c["id"] for c in change["candidates"]] == [NEAR, FAR]
    assert change["node"]["url"] == f"https://www.openstreetmap.org/node/{NEAR}"

    choose(client, group, between, osm_node_id=FAR)
    approve(client, group, between)
    after = applied_export(client, group, real_extract, osmium, tmp_path, "runner-up")

    assert after.keys() == real_extract.cameras.keys()
    assert after[FAR][2]["operator"] == "Helsingin poliisi"
    assert after[NEAR][2] == dict(real_extract.cameras[NEAR].tags)
    unchanged = set(after) - {FAR}
    assert all(after[i][2] == dict(real_extract.cameras[i].tags) for i in unchanged)

    choose(client, group, between, new_camera=True)
    after = applied_export(client, group, real_extract, osmium, tmp_path, "new-camera")

    (added,) = set(after) - set(real_extract.cameras)
    assert after[added][2]["operator"] == "Helsingin poliisi"
    assert all(after[i][2] == dict(n.tags) for i, n in real_extract.cameras.items())
