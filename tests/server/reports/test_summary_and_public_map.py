import json
from collections import Counter

import pytest

from server.cli import cli
from sync.geodesy import ring_area_m2
from tests.builders import MARSEILLE, create_change, update_change


@pytest.fixture
def demo(app):
    result = app.test_cli_runner().invoke(cli, ["demo", "--json"], catch_exceptions=False)
    demo = json.loads(result.output)
    demo["organiser"] = {"Authorization": f"Bearer {demo['organiser_token']}"}
    demo["walker"] = {"Authorization": f"Bearer {demo['walker_token']}"}
    return demo


def test_the_walk_summary_counts_what_the_walk_holds(client, demo):
    answer = client.get(f"/api/v1/walks/{demo['walk_id']}/summary", headers=demo["organiser"])

    assert answer.status_code == 200
    summary = answer.get_json()
    totals = summary["totals"]
    # The demo's guard is on the map, counted apart from the cameras.
    others = totals["other_devices"]["devices"]
    assert others >= 1
    assert totals["cameras"] + others == demo["observations"] == len(summary["cameras"])
    assert totals["approved"] + totals["pending"] + totals["rejected"] == totals["cameras"]
    # A rejected camera is neither new nor in OSM (tests/server/osm/test_summary_counts.py).
    assert totals["in_osm"] + totals["new"] + totals["rejected"] == totals["cameras"]
    assert totals["rejected"] >= 1
    assert 3 <= totals["in_osm"] < totals["cameras"]
    # The charts count what would be published: a rejected record is left out of them.
    assert sum(summary["by_kind"].values()) == totals["cameras"] - totals["rejected"]
    assert summary["by_operator"]["Police municipale de Marseille"] >= 10
    assert "unknown" in summary["by_operator"]
    assert summary["coverage"]["area_km2"] == pytest.approx(1.37, rel=0.05)


def test_walkers_do_not_get_the_summary(client, demo):
    answer = client.get(f"/api/v1/walks/{demo['walk_id']}/summary", headers=demo["walker"])

    assert answer.status_code == 403


@pytest.mark.parametrize(
    "ring, km2",
    [
        ([(0, 0), (0.01, 0), (0.01, 0.01), (0, 0.01)], 1.2364),
        ([(5.369, 43.292), (5.388, 43.292), (5.388, 43.3), (5.369, 43.3)], 1.3679),
    ],
)
def test_ring_area_matches_the_spherical_area(ring, km2):
    assert ring_area_m2(ring) / 1_000_000 == pytest.approx(km2, rel=0.002)


def test_the_public_map_is_off_until_the_organiser_publishes_it(client, demo):
    url = f"/api/v1/public/{demo['group_slug']}/cameras.geojson"
    assert client.get(url).status_code == 404

    published = client.patch(
        f"/api/v1/groups/{demo['group_id']}/settings",
        json={"public_map": True},
        headers=demo["organiser"],
    )
    assert published.get_json()["public_map"] is True

    answer = client.get(url)
    assert answer.status_code == 200
    collection = answer.get_json()
    summary = client.get(
        f"/api/v1/walks/{demo['walk_id']}/summary", headers=demo["organiser"]
    ).get_json()
    assert len(collection["features"]) == summary["totals"]["approved"]
    for feature in collection["features"]:
        assert set(feature["properties"]) == {
            "kind",
            "camera_type",
            "mount",
            "direction",
            "zone",
            "operator",
            "surveyed_on",
            "photos",  # published, blurred photos only: tests/server/photos/test_publication.py
            "possible_duplicate",  # flagged with another published camera, not merged yet
        }
    text = answer.get_data(as_text=True)
    assert "mouette" not in text and "karim" not in text

    client.patch(
        f"/api/v1/groups/{demo['group_id']}/settings",
        json={"public_map": False},
        headers=demo["organiser"],
    )
    assert client.get(url).status_code == 404


def test_the_public_map_carries_the_groups_no_third_party_tiles(client, demo):
    """The public page reads it to leave out a third party's tiles (pwa/src/ui/public)."""
    url = f"/api/v1/public/{demo['group_slug']}/cameras.geojson"
    settings = f"/api/v1/groups/{demo['group_id']}/settings"
    for own_tiles_only in (True, False):
        client.patch(
            settings,
            json={"public_map": True, "own_tiles_only": own_tiles_only},
            headers=demo["organiser"],
        )
        assert client.get(url).get_json()["own_tiles_only"] is own_tiles_only


def test_the_public_map_says_whether_it_offers_what_the_cameras_see(client, demo):
    """The public page offers the views, and asks for them, only when its cameras say they are
    published: asked for otherwise, they answer 404, an error in the visitor's console."""
    cameras = f"/api/v1/public/{demo['group_slug']}/cameras.geojson"
    views = f"/api/v1/public/{demo['group_slug']}/coverage.geojson"
    settings = f"/api/v1/groups/{demo['group_id']}/settings"
    for coverage_public in (False, True, False):
        client.patch(
            settings,
            json={"public_map": True, "coverage_public": coverage_public},
            headers=demo["organiser"],
        )
        assert client.get(cameras).get_json()["coverage_public"] is coverage_public
        assert (client.get(views).status_code == 200) is coverage_public


def test_walkers_cannot_change_group_settings(client, demo):
    answer = client.patch(
        f"/api/v1/groups/{demo['group_id']}/settings",
        json={"public_map": True},
        headers=demo["walker"],
    )

    assert answer.status_code == 403


def test_unknown_settings_are_refused(client, demo):
    answer = client.patch(
        f"/api/v1/groups/{demo['group_id']}/settings",
        json={"slug": "hijack"},
        headers=demo["organiser"],
    )

    assert answer.status_code == 422


def _sync(client, group, *changes) -> dict:
    answer = client.post(
        f"/api/v1/groups/{group.id}/sync",
        json={"cursor": 0, "limit": 100, "changes": list(changes)},
        headers=group.headers("walker"),
    )
    assert answer.status_code == 200, answer.json
    assert all(r["status"] == "applied" for r in answer.json["results"]), answer.json
    return answer.json


def _review(client, group, uuid: str, status: str) -> None:
    answer = client.post(
        f"/api/v1/observations/{uuid}/review",
        json={"status": status},
        headers=group.headers("organiser"),
    )
    assert answer.status_code == 200, answer.json


def test_the_summary_counts_the_walk_as_reviewed_like_the_published_files(client, group):
    """A walker's edit after approval waits for review: the public map and the files show the
    approved values, and so do the summary's charts; a gone report the organiser refused is no
    gone camera."""
    walk = group.walk.id
    kept = create_change(walk, operator="Mairie", mount="pole")
    edited = create_change(walk, operator="Mairie", mount="pole")
    waiting = create_change(walk, operator="RTM", mount="wall")
    refused_gone = create_change(walk, presence="gone", operator="SNCF")
    _sync(client, group, kept, edited, waiting, refused_gone)
    for change in (kept, edited):
        _review(client, group, change["observation_id"], "approved")
    _review(client, group, refused_gone["observation_id"], "rejected")
    version = {o["id"]: o["version"] for o in _sync(client, group)["observations"]}
    edit = update_change(
        edited["observation_id"],
        version[edited["observation_id"]],
        "2026-11-21T10:00:00+01:00",
        operator=("Mairie", "Opérateur non revu"),
        mount=("pole", "tree"),
    )
    _sync(client, group, edit)
    client.patch(
        f"/api/v1/groups/{group.id}/settings",
        json={"public_map": True},
        headers=group.headers("organiser"),
    )

    summary = client.get(f"/api/v1/walks/{walk}/summary", headers=group.headers("organiser")).json
    public = client.get(f"/api/v1/public/{group.group.slug}/cameras.geojson").json

    published = [feature["properties"] for feature in public["features"]]
    assert summary["totals"]["published"] == len(published) == 2
    assert [summary["totals"][k] for k in ("approved", "pending", "rejected")] == [1, 2, 0]
    assert summary["totals"]["reported_gone"] == 0
    # The charts: the two published cameras as published, and the one waiting for a first
    # review as logged.
    assert summary["by_operator"] == {"Mairie": 2, "RTM": 1}
    assert summary["by_mount"] == {"pole": 2, "wall": 1}
    assert Counter(p["operator"] for p in published) == {"Mairie": 2}
    shown = {camera["id"]: camera for camera in summary["cameras"]}
    assert shown[edited["observation_id"]]["operator"] == "Mairie"


def test_the_density_counts_cameras_not_guards_or_gunshot_detectors(client, group):
    """About 1.37 km² (test_ring_area_matches_the_spherical_area) holding two devices that
    film, a guard and a gunshot detector: 2 cameras, not 4, per 1.37 km²."""
    ring = [[5.369, 43.292], [5.388, 43.292], [5.388, 43.3], [5.369, 43.3], [5.369, 43.292]]
    walk = client.post(
        f"/api/v1/groups/{group.id}/walks",
        json={"name": "Square", "area": {"type": "Polygon", "coordinates": [ring]}},
        headers=group.headers("organiser"),
    ).json["id"]
    _sync(
        client,
        group,
        create_change(walk, kind="camera"),
        create_change(walk, kind="ALPR"),
        create_change(walk, kind="guard", camera_type=None),
        create_change(walk, kind="gunshot_detector", camera_type=None),
    )

    summary = client.get(f"/api/v1/walks/{walk}/summary", headers=group.headers("organiser")).json

    assert summary["coverage"]["cameras_per_km2"] == pytest.approx(2 / 1.368, abs=0.05)
    assert sum(summary["by_kind"].values()) == summary["totals"]["cameras"] == 2
    assert summary["totals"]["other_devices"]["devices"] == 2


def test_two_records_flagged_as_one_camera_are_both_published_and_said(client, group):
    """A duplicate hint is a guess: two cameras on one pole are flagged as surely as one camera
    logged twice. Until an organiser merges the pair, the public map and the summary count
    both, mark both and count the pair, so nobody quotes a figure unaware that it may hold one
    device twice; merged, it is one camera."""
    walk, organiser = group.walk.id, group.headers("organiser")
    near = create_change(walk, operator="Mairie")
    twin = create_change(walk, position={**MARSEILLE, "lon": MARSEILLE["lon"] + 0.00004})
    far = create_change(walk, position={**MARSEILLE, "lat": MARSEILLE["lat"] + 0.001})
    _sync(client, group, near, twin, far)
    client.patch(
        f"/api/v1/groups/{group.id}/settings", json={"public_map": True}, headers=organiser
    )
    ids = {c["observation_id"]: name for c, name in ((near, "near"), (twin, "twin"), (far, "far"))}

    def published():
        summary = client.get(f"/api/v1/walks/{walk}/summary", headers=organiser).json
        public = client.get(f"/api/v1/public/{group.group.slug}/cameras.geojson").json
        totals = summary["totals"]
        return {
            "on the map": len(public["features"]),
            "marked on the map": sum(
                f["properties"]["possible_duplicate"] for f in public["features"]
            ),
            "pairs on the map": public["open_duplicate_pairs"],
            "published": totals["published"],
            "pairs": totals["open_duplicate_pairs"],
            "pairs published": totals["published_duplicate_pairs"],
            "marked": {ids[c["id"]] for c in summary["cameras"] if c["possible_duplicate"]},
        }

    for change in (near, far):
        _review(client, group, change["observation_id"], "approved")
    assert published() == {
        "on the map": 2,
        "marked on the map": 0,  # its twin is not published: nothing doubles on the map
        "pairs on the map": 0,
        "published": 2,
        "pairs": 1,
        "pairs published": 0,
        "marked": {"near", "twin"},
    }

    _review(client, group, twin["observation_id"], "approved")
    assert published() == {
        "on the map": 3,
        "marked on the map": 2,
        "pairs on the map": 1,
        "published": 3,
        "pairs": 1,
        "pairs published": 1,
        "marked": {"near", "twin"},
    }

    merged = client.post(
        f"/api/v1/observations/{near['observation_id']}/merge",
        json={"other": twin["observation_id"]},
        headers=organiser,
    )
    assert merged.status_code == 200, merged.json
    assert published() == {
        "on the map": 2,
        "marked on the map": 0,
        "pairs on the map": 0,
        "published": 2,
        "pairs": 0,
        "pairs published": 0,
        "marked": set(),
    }
