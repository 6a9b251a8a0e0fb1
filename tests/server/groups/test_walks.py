from server.basemap.service import store_basemap
from server.extensions import db

AREA = {
    "type": "Polygon",
    "coordinates": [
        [[5.37, 43.292], [5.388, 43.292], [5.388, 43.3], [5.37, 43.3], [5.37, 43.292]]
    ],
}


def test_organiser_creates_a_walk_with_an_area_that_members_then_see(client, group):
    created = client.post(
        f"/api/v1/groups/{group.id}/walks",
        json={"name": "Noailles samedi", "date": "2026-11-21", "area": AREA},
        headers=group.headers("organiser"),
    )

    assert created.status_code == 201
    walk = created.get_json()
    assert walk["area"] == AREA
    assert walk["bbox"] == [5.37, 43.292, 5.388, 43.3]
    listed = client.get(f"/api/v1/groups/{group.id}/walks", headers=group.headers()).get_json()
    assert listed[0]["name"] == "Noailles samedi"


def test_a_malformed_area_is_refused_with_the_reason(client, group):
    answer = client.post(
        f"/api/v1/groups/{group.id}/walks",
        json={"name": "x", "area": {"type": "Polygon", "coordinates": [[[500, 1], [1, 1]]]}},
        headers=group.headers("organiser"),
    )

    assert answer.status_code == 422
    assert "area" in answer.get_json()["errors"]


def test_a_walk_says_whether_it_has_a_walk_map_to_download(client, group):
    """`has_basemap` is true exactly when GET /walks/<id>/basemap has a map, not a 404."""
    store_basemap(group.walk, [], (5.37, 43.28, 5.39, 43.30), "overpass")
    db.session.commit()
    created = client.post(
        f"/api/v1/groups/{group.id}/walks",
        json={"name": "Sans carte"},
        headers=group.headers("organiser"),
    ).get_json()

    listed = client.get(f"/api/v1/groups/{group.id}/walks", headers=group.headers()).get_json()
    assert {walk["id"]: walk["has_basemap"] for walk in listed} == {
        group.walk.id: True,
        created["id"]: False,
    }
    assert created["has_basemap"] is False
    for walk_id, has_basemap in ((group.walk.id, True), (created["id"], False)):
        walk = client.get(f"/api/v1/walks/{walk_id}", headers=group.headers()).get_json()
        basemap = client.get(f"/api/v1/walks/{walk_id}/basemap", headers=group.headers())
        assert walk["has_basemap"] is has_basemap
        assert basemap.status_code == (200 if has_basemap else 404)
