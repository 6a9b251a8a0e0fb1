"""Cameras leave the group by place, not in the order they were logged: that order, with the
survey date, retraces a walker's route (sync/order.py)."""

import csv
import io

from sync.order import camera_order_key

# A walk that goes up one street and back down the next, logged in that order.
ROUTE = [(5.370, round(43.290 + i * 0.001, 7)) for i in range(6)] + [
    (5.372, round(43.295 - i * 0.001, 7)) for i in range(6)
]


def log_route(client, group, api, changes) -> list[str]:
    ids = []
    for lon, lat in ROUTE:
        change = changes.create(group.walk.id, position={"lat": lat, "lon": lon, "accuracy_m": 5})
        api.sync([change])
        ids.append(change["observation_id"])
    orga = group.headers("organiser")
    for observation_id in ids:
        url = f"/api/v1/observations/{observation_id}/review"
        assert client.post(url, json={"status": "approved"}, headers=orga).status_code == 200
    return ids


def by_place(points):
    return sorted(points, key=lambda p: camera_order_key(p[0], p[1], ""))


def test_the_public_map_and_the_exports_list_cameras_by_place(
    client, group, hardening_api, hardening_changes
):
    log_route(client, group, hardening_api(group), hardening_changes)
    orga = group.headers("organiser")
    expected = by_place(ROUTE)
    assert expected != ROUTE  # the route is not already in that order

    settings = client.patch(
        f"/api/v1/groups/{group.id}/settings", json={"public_map": True}, headers=orga
    )
    assert settings.status_code == 200
    public = client.get(f"/api/v1/public/{group.group.slug}/cameras.geojson").json
    assert [tuple(f["geometry"]["coordinates"]) for f in public["features"]] == expected

    with client.get(f"/api/v1/walks/{group.walk.id}/export.geojson", headers=orga) as answer:
        features = answer.json["features"]
    assert [tuple(f["geometry"]["coordinates"]) for f in features] == expected

    with client.get(f"/api/v1/groups/{group.id}/export.csv", headers=orga) as answer:
        table = list(csv.DictReader(io.StringIO(answer.get_data(as_text=True))))
    assert [(float(r["lon"]), float(r["lat"])) for r in table] == expected
