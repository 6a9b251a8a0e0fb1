"""GET /walks/<id>/basemap: the compact walk map, for the walk's group only, revalidated."""

import gzip
import json

import pytest

from server.basemap import compact
from server.basemap.service import store_basemap
from server.extensions import db

BOX = (5.37, 43.28, 5.39, 43.30)
STREET = {
    "type": "Feature",
    "geometry": {"type": "LineString", "coordinates": [[5.3801, 43.2901], [5.3811, 43.2911]]},
    "properties": {"layer": "street", "name": "Rue d'Aubagne", "osm": "way/1"},
}
BUILDING = {
    "type": "Feature",
    "geometry": {
        "type": "Polygon",
        "coordinates": [[[5.38, 43.29], [5.3802, 43.29], [5.3802, 43.2902], [5.38, 43.29]]],
    },
    "properties": {"layer": "building", "name": None, "osm": "way/2"},
}


@pytest.fixture
def mapped(group):
    store_basemap(group.walk, [STREET, BUILDING], BOX, "overpass")
    db.session.commit()
    return group


def url(group):
    return f"/api/v1/walks/{group.walk.id}/basemap"


def test_a_walker_downloads_the_walk_map_gzipped_and_it_decodes_to_what_was_kept(client, mapped):
    response = client.get(
        url(mapped), headers=mapped.headers("walker") | {"Accept-Encoding": "gzip"}
    )

    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert response.mimetype == compact.MEDIA_TYPE
    document = json.loads(gzip.decompress(response.data))
    decoded = compact.decode(document)
    # Drawn bottom to top: the building comes before the street over it.
    assert [f["properties"] for f in decoded] == [
        {"layer": "building", "name": None},
        {"layer": "street", "name": "Rue d'Aubagne"},
    ]
    kept = [c for point in STREET["geometry"]["coordinates"] for c in point]
    got = [c for point in decoded[1]["geometry"]["coordinates"] for c in point]
    assert got == pytest.approx(kept, abs=1e-6)


def test_a_client_that_takes_no_gzip_gets_the_plain_document(client, mapped):
    response = client.get(url(mapped), headers=mapped.headers("walker"))
    assert "Content-Encoding" not in response.headers
    assert response.json["format"] == "camwalk-basemap"


def test_a_phone_with_the_current_copy_gets_304_and_a_refetched_map_gets_through(client, mapped):
    first = client.get(url(mapped), headers=mapped.headers("walker"))
    etag = first.headers["ETag"]
    assert first.headers["Cache-Control"] == "private, no-cache"
    again = client.get(url(mapped), headers=mapped.headers("walker") | {"If-None-Match": etag})
    assert again.status_code == 304

    store_basemap(mapped.walk, [STREET], BOX, "overpass")
    db.session.commit()
    changed = client.get(url(mapped), headers=mapped.headers("walker") | {"If-None-Match": etag})

    assert changed.status_code == 200
    assert len(changed.json["features"]) == 1


def test_a_walk_without_a_map_says_so(client, group):
    response = client.get(url(group), headers=group.headers("walker"))
    assert (response.status_code, response.json["code"]) == (404, "no_basemap")


@pytest.mark.parametrize(("who", "status"), [("stranger", 404), ("anonymous", 401)])
def test_nobody_outside_the_group_gets_the_walk_map(client, mapped, make_group, who, status):
    headers = {"stranger": make_group("Belsunce").headers("walker"), "anonymous": {}}[who]
    response = client.get(url(mapped), headers=headers)
    assert response.status_code == status
    assert "Aubagne" not in response.get_data(as_text=True)


def test_the_walk_map_is_in_the_openapi_document(client):
    paths = client.get("/api/openapi.json").json["paths"]
    operation = paths["/api/v1/walks/{walk_id}/basemap"]["get"]
    assert compact.MEDIA_TYPE in operation["responses"]["200"]["content"]
    assert "304" in operation["responses"]
