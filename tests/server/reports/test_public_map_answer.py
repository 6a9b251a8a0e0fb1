"""The public map's cameras as a visitor's browser asks for them: gzipped when it takes it,
named by an ETag, and answered 304 when it asks again for the copy it holds, until the
organisers change what the map shows. A national campaign's document is megabytes, asked by
every visitor a shared link brings (server/json_answer.py)."""

import gzip
import json

import pytest

from tests.builders import MARSEILLE, create_change
from tests.server.observations.conftest import SyncApi


@pytest.fixture
def published(client, group):
    """A published campaign map holding one approved camera: (url, the waiting change)."""
    first = create_change(group.walk.id, operator="Mairie", position=MARSEILLE)
    later = create_change(
        group.walk.id, operator="RTM", position={**MARSEILLE, "lat": MARSEILLE["lat"] + 0.002}
    )
    api = SyncApi(client, group)
    api.sync([first, later])
    api.review(first["observation_id"])
    answer = client.patch(
        f"/api/v1/groups/{group.id}/settings",
        json={"public_map": True},
        headers=group.headers("organiser"),
    )
    assert answer.status_code == 200, answer.json
    return f"/api/v1/public/{group.group.slug}/cameras.geojson", later


def test_a_browser_taking_gzip_gets_the_same_document_gzipped(client, published):
    url, _ = published
    plain = client.get(url)
    zipped = client.get(url, headers={"Accept-Encoding": "gzip, deflate, br"})

    assert plain.status_code == zipped.status_code == 200
    assert "Content-Encoding" not in plain.headers
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(zipped.data)) == plain.json
    assert [f["properties"]["operator"] for f in plain.json["features"]] == ["Mairie"]
    # Caches between keep the two apart, and tell them apart by their tags.
    assert "Accept-Encoding" in zipped.headers["Vary"]
    assert plain.headers["ETag"] != zipped.headers["ETag"]


@pytest.mark.parametrize("encoding", ["identity", "gzip"])
def test_a_visitor_coming_back_gets_a_304_until_the_organisers_change_the_map(
    client, group, published, encoding
):
    url, later = published
    headers = {"Accept-Encoding": encoding}
    first = client.get(url, headers=headers)
    assert first.headers["Cache-Control"] == "no-cache"  # her browser asks each time
    tag = first.headers["ETag"]

    again = client.get(url, headers={**headers, "If-None-Match": tag})
    assert again.status_code == 304
    assert again.data == b""

    SyncApi(client, group).review(later["observation_id"])  # a second camera on the map
    changed = client.get(url, headers={**headers, "If-None-Match": tag})
    assert changed.status_code == 200
    assert changed.headers["ETag"] != tag
    body = gzip.decompress(changed.data) if encoding == "gzip" else changed.data
    operators = sorted(f["properties"]["operator"] for f in json.loads(body)["features"])
    assert operators == ["Mairie", "RTM"]


def test_a_map_taken_down_answers_404_to_a_copy_held_before(client, group, published):
    url, _ = published
    tag = client.get(url).headers["ETag"]
    answer = client.patch(
        f"/api/v1/groups/{group.id}/settings",
        json={"public_map": False},
        headers=group.headers("organiser"),
    )
    assert answer.status_code == 200

    assert client.get(url, headers={"If-None-Match": tag}).status_code == 404


def test_any_json_answer_large_enough_comes_gzipped_to_a_client_that_takes_it(client, group):
    """Not only the map's and a sync's: an organiser's walk summary (every camera on its map),
    a walk's OSM cameras, an export's report, by the one rule run after every request
    (server/json_answer.py gzip_json)."""
    changes = [
        create_change(group.walk.id, position={**MARSEILLE, "lat": MARSEILLE["lat"] + i / 500})
        for i in range(8)
    ]
    answer = client.post(
        f"/api/v1/groups/{group.id}/sync",
        json={"cursor": 0, "limit": 100, "changes": changes},
        headers=group.headers("walker"),
    )
    assert answer.status_code == 200, answer.json
    url = f"/api/v1/walks/{group.walk.id}/summary"
    organiser = group.headers("organiser")

    plain = client.get(url, headers=organiser)
    zipped = client.get(url, headers={**organiser, "Accept-Encoding": "gzip"})

    assert len(plain.data) >= 1024
    assert "Content-Encoding" not in plain.headers
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(zipped.data)) == plain.json
    assert len(plain.json["cameras"]) == 8
