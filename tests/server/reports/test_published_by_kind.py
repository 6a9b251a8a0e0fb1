"""What leaves the group for the public (the public map's data, the files to publish) holds
only the fields a device's kind has: a guard or a gunshot detector approved before the phone
emptied them may still hold a camera type, a mount and sign answers, which the public page's
popup hides but anyone fetching the JSON or opening the file would read. The organiser's own
files (without `approved`) keep what is stored."""

import csv
import io
import json

import pytest

from tests.builders import MARSEILLE, create_change

CAMERA_ONLY = {"camera_type": "dome", "mount": "pole", "sign": "seen", "sign_pictogram": "yes"}


def _at(i: int) -> dict:
    """Far enough apart (about 100 m) that no two are flagged as one device."""
    return {**MARSEILLE, "lat": MARSEILLE["lat"] + 0.001 * i}


@pytest.fixture
def published(client, group):
    """A camera and a guard, each logged with a dome on a pole and a sign seen, approved; the
    map published with the sign answers."""
    changes = {
        kind: create_change(group.walk.id, kind=kind, position=_at(i), **CAMERA_ONLY)
        for i, kind in enumerate(("camera", "guard"))
    }
    answer = client.post(
        f"/api/v1/groups/{group.id}/sync",
        json={"cursor": 0, "limit": 100, "changes": list(changes.values())},
        headers=group.headers("walker"),
    )
    assert [r["status"] for r in answer.json["results"]] == ["applied", "applied"], answer.json
    for change in changes.values():
        review = client.post(
            f"/api/v1/observations/{change['observation_id']}/review",
            json={"status": "approved"},
            headers=group.headers("organiser"),
        )
        assert review.status_code == 200, review.json
    settings = client.patch(
        f"/api/v1/groups/{group.id}/settings",
        json={"public_map": True, "public_fields": ["sign", "sign_pictogram"]},
        headers=group.headers("organiser"),
    )
    assert settings.status_code == 200, settings.json
    return {kind: change["observation_id"] for kind, change in changes.items()}


def test_the_public_map_gives_a_guard_no_camera_type_mount_or_sign(client, group, published):
    answer = client.get(f"/api/v1/public/{group.group.slug}/cameras.geojson")
    assert answer.status_code == 200
    shown = {
        feature["properties"]["kind"]: feature["properties"] for feature in answer.json["features"]
    }

    assert {name: shown["camera"][name] for name in CAMERA_ONLY} == CAMERA_ONLY
    assert {name: shown["guard"][name] for name in CAMERA_ONLY} == dict.fromkeys(CAMERA_ONLY)


def _file(client, group, name):
    url = f"/api/v1/walks/{group.walk.id}/{name}"
    with client.get(url, headers=group.headers("organiser")) as answer:
        assert answer.status_code == 200
        return answer.data.decode()


def test_a_file_to_publish_gives_a_guard_no_camera_type_mount_or_sign(client, group, published):
    features = json.loads(_file(client, group, "export.geojson?approved=1&signage=1"))["features"]
    shown = {f["properties"]["kind"]: f["properties"] for f in features}
    assert {name: shown["camera"][name] for name in CAMERA_ONLY} == CAMERA_ONLY
    assert {name: shown["guard"][name] for name in CAMERA_ONLY} == dict.fromkeys(CAMERA_ONLY)

    data = _file(client, group, "export.csv?approved=1&signage=1")
    rows = {row["kind"]: row for row in csv.DictReader(io.StringIO(data, newline=""))}
    assert {name: rows["camera"][name] for name in CAMERA_ONLY} == CAMERA_ONLY
    assert {name: rows["guard"][name] for name in CAMERA_ONLY} == dict.fromkeys(CAMERA_ONLY, "")


def test_the_organisers_own_file_keeps_what_is_stored(client, group, published):
    """Not a file to publish: camwalk's record, as the walker logged it."""
    features = json.loads(_file(client, group, "export.geojson?signage=1"))["features"]
    shown = {f["properties"]["kind"]: f["properties"] for f in features}
    assert {name: shown["guard"][name] for name in CAMERA_ONLY} == CAMERA_ONLY
