"""A walk too wide for an OSM fetch is said when it is drawn, not at its first fetch: an area
whose own box is over MAX_FETCH_SQUARE_DEGREES is refused (422 `walk_area_too_large`), by the
same bound the fetch applies (server/osm/importer.py)."""

from sqlalchemy import func, select

from server import geo
from server.extensions import db
from server.groups.models import Walk
from server.osm.importer import MAX_FETCH_SQUARE_DEGREES, drawn_box, square_degrees


def square(west, south, side):
    """A GeoJSON square of `side` degrees, as the drawing screen sends it."""
    east, north = west + side, south + side
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


def create(client, group, area):
    return client.post(
        f"/api/v1/groups/{group.id}/walks",
        json={"name": "Marseille entière", "area": area},
        headers=group.headers("organiser"),
    )


def walks(group) -> int:
    return db.session.scalar(select(func.count()).where(Walk.group_id == group.id))


def test_an_area_too_wide_to_fetch_is_refused_when_drawn_and_no_walk_is_made(client, group):
    before = walks(group)

    answer = create(client, group, square(5.30, 43.20, 0.2))  # Marseille, not a street

    assert (answer.status_code, answer.json["code"]) == (422, "walk_area_too_large")
    assert "several walks" in answer.json["message"]
    assert walks(group) == before


def test_the_bound_is_the_fetchs_own_with_the_margin_it_adds(client, group):
    # At Marseille's latitude, a square of 0.093 degrees fits with the 300 m a fetch adds
    # around it; one of 0.094 does not, though its area alone (0.0088) is under the bound.
    fits, wider = square(5.30, 43.20, 0.093), square(5.30, 43.20, 0.094)
    assert MAX_FETCH_SQUARE_DEGREES > 0.094**2
    assert square_degrees(drawn_box(geo.ring_from_geojson(fits))) <= MAX_FETCH_SQUARE_DEGREES

    assert create(client, group, fits).status_code == 201
    assert create(client, group, wider).json["code"] == "walk_area_too_large"


def test_a_walk_drawn_before_the_bound_is_kept_and_its_fetch_says_to_draw_smaller(
    app, client, group, fake_osm, monkeypatch
):
    monkeypatch.setitem(app.config, "OVERPASS_URL", f"{fake_osm.url}/api")
    ring = geo.ring_from_geojson(square(5.30, 43.20, 0.2))
    group.walk.area = geo.polygon_element(ring)
    db.session.commit()

    answer = client.post(
        f"/api/v1/walks/{group.walk.id}/osm-fetch", headers=group.headers("organiser")
    )

    assert (answer.status_code, answer.json["code"]) == (422, "walk_area_too_large")
    assert client.get(f"/api/v1/walks/{group.walk.id}", headers=group.headers()).status_code == 200
    assert fake_osm.state.seen == []
