import json

import pytest

from server.cli import cli
from sync.geodesy import ring_area_m2


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
    assert totals["cameras"] == demo["observations"] == len(summary["cameras"])
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
