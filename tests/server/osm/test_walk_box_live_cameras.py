"""The box a walk's OSM fetch asks for (and its cameras are sent to phones from) is its area
and the cameras it still holds: a camera deleted or merged away no longer widens it.

A phone whose GPS had no fix yet logs a camera at 0, 0 ("null island"). Deleting it was the
remedy, yet every later fetch still asked Overpass for the streets and buildings of a box from
the equator to Marseille, which fails or fills the walk map and every phone's storage."""

from server import geo
from server.extensions import db
from server.osm.service import walk_bbox
from tests.builders import create_change, new_id

NOAILLES = [(5.3790, 43.2950), (5.3830, 43.2950), (5.3830, 43.2975), (5.3790, 43.2975)]
NULL_ISLAND = {"lat": 0.0, "lon": 0.0, "accuracy_m": 5}
NEAR = {"lat": 43.2960, "lon": 5.3800, "accuracy_m": 5}


def _sync(client, group, changes, who="walker"):
    answer = client.post(
        f"/api/v1/groups/{group.id}/sync",
        json={"cursor": 0, "limit": 1, "changes": changes},
        headers=group.headers(who),
    )
    assert answer.status_code == 200, answer.json
    assert [r["status"] for r in answer.json["results"]] == ["applied"] * len(changes)


def _logged(client, group, position) -> str:
    change = create_change(group.walk.id, position=dict(position))
    _sync(client, group, [change])
    return change["observation_id"]


def _around_noailles(box) -> bool:
    west, south, east, north = box
    return 5.37 < west < east < 5.39 and 43.29 < south < north < 43.31  # with its margin


def _drawn(group):
    group.walk.area = geo.polygon_element(NOAILLES)
    db.session.commit()
    assert _around_noailles(walk_bbox(group.walk))


def test_a_camera_deleted_from_the_walk_no_longer_widens_its_box(client, group):
    _drawn(group)
    stray = _logged(client, group, NULL_ISLAND)
    assert walk_bbox(group.walk)[1] < 1  # a live camera counts, wherever it is
    delete = {
        "change_id": new_id(),
        "observation_id": stray,
        "op": "delete",
        "base_version": 1,
        "made_at": "2026-11-21T09:20:00+01:00",
    }
    _sync(client, group, [delete])  # her own, not reviewed yet: deleted at once

    assert _around_noailles(walk_bbox(group.walk))


def test_a_camera_merged_away_no_longer_widens_the_box(client, group):
    _drawn(group)
    survivor = _logged(client, group, NEAR)
    stray = _logged(client, group, NULL_ISLAND)
    merged = client.post(
        f"/api/v1/observations/{survivor}/merge",
        json={"other": stray},
        headers=group.headers("organiser"),
    )
    assert merged.status_code == 200, merged.json

    assert _around_noailles(walk_bbox(group.walk))
