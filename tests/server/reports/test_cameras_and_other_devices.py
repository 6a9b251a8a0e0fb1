"""What "cameras" counts wherever a figure is published: the devices that film
(sync.fields.is_camera). Guards and gunshot detectors are logged, reviewed and shown like the
rest, but counted apart, as other devices: an organiser quoting the summary's "N cameras" quotes
the public map's figure, not one swollen by a guard."""

import pytest

from tests.builders import MARSEILLE, create_change
from tests.server.observations.conftest import SyncApi


def _sync(client, group, *changes) -> None:
    answer = client.post(
        f"/api/v1/groups/{group.id}/sync",
        json={"cursor": 0, "limit": 100, "changes": list(changes)},
        headers=group.headers("walker"),
    )
    assert answer.status_code == 200, answer.json
    assert all(r["status"] == "applied" for r in answer.json["results"]), answer.json


def _at(i: int) -> dict:
    """Far enough apart (about 100 m) that no two are flagged as one device."""
    return {**MARSEILLE, "lat": MARSEILLE["lat"] + 0.001 * i}


@pytest.fixture
def mixed_walk(client, group):
    """A camera and a plate reader, two guards and a gunshot detector, all approved but one
    guard; the campaign's map published."""
    walk = group.walk.id
    approved = [
        create_change(walk, kind="camera", operator="Mairie", position=_at(0)),
        create_change(walk, kind="ALPR", operator="Mairie", position=_at(1)),
        create_change(walk, kind="guard", camera_type=None, operator="Vigi", position=_at(2)),
        create_change(walk, kind="gunshot_detector", camera_type=None, position=_at(3)),
    ]
    waiting = create_change(walk, kind="guard", camera_type=None, position=_at(4))
    _sync(client, group, *approved, waiting)
    for change in approved:
        SyncApi(client, group).review(change["observation_id"])
    answer = client.patch(
        f"/api/v1/groups/{group.id}/settings",
        json={"public_map": True},
        headers=group.headers("organiser"),
    )
    assert answer.status_code == 200
    return walk


def test_the_summary_counts_cameras_and_says_the_other_devices_apart(client, group, mixed_walk):
    summary = client.get(
        f"/api/v1/walks/{mixed_walk}/summary", headers=group.headers("organiser")
    ).json
    totals = summary["totals"]

    assert [totals[k] for k in ("cameras", "approved", "pending", "published", "new")] == [
        2,
        2,
        0,
        2,
        2,
    ]
    others = totals["other_devices"]
    assert [others[k] for k in ("devices", "approved", "pending", "published")] == [3, 2, 1, 2]
    assert others["by_kind"] == {"guard": 2, "gunshot_detector": 1}
    # The charts are the cameras'; every device is still on the summary's map.
    assert summary["by_kind"] == {"camera": 1, "ALPR": 1}
    assert summary["by_operator"] == {"Mairie": 2}
    assert len(summary["cameras"]) == 5


def test_the_public_map_counts_as_the_summary_does(client, group, mixed_walk):
    summary = client.get(
        f"/api/v1/walks/{mixed_walk}/summary", headers=group.headers("organiser")
    ).json
    public = client.get(f"/api/v1/public/{group.group.slug}/cameras.geojson").json

    assert len(public["features"]) == 4  # every approved device is on the map
    assert public["cameras"] == summary["totals"]["published"] == 2
    assert public["other_devices"] == summary["totals"]["other_devices"]["published"] == 2
