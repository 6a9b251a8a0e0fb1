"""A walk's OSM fetch asks for a neighbourhood, never a region: a box larger than
MAX_FETCH_SQUARE_DEGREES is refused (422 `area_too_large`) before any request leaves, from
the organiser's page and from `camwalk osm fetch` alike.

One camera logged far from the walk (a walker who logged one at home, a phone without a fix
yet at 0, 0) widens its box; the fetch then asked Overpass, a service every OSM tool shares,
for the whole of it, and made it the walk map every phone downloads."""

import pytest
from sqlalchemy import select

from server import geo
from server.basemap.models import WalkBasemap
from server.extensions import db
from server.osm.cli import osm_group
from server.osm.models import OsmNode

NOAILLES = [(5.3790, 43.2950), (5.3830, 43.2975)]
STRAYS = {"at home in Aix": (5.4474, 43.5297), "at 0, 0": (0.0, 0.0)}


@pytest.fixture
def spread_walk(app, group, add_observation, fake_osm, monkeypatch):
    """A walk drawn around Noailles, with its OSM on the fake server, which holds a camera."""
    monkeypatch.setitem(app.config, "OVERPASS_URL", f"{fake_osm.url}/api")
    monkeypatch.setitem(app.config, "OSM_API_URL", fake_osm.url)
    fake_osm.state.add_node(7001, 43.2962, 5.3813, {"man_made": "surveillance"})
    (west, south), (east, north) = NOAILLES
    group.walk.area = geo.polygon_element(
        [(west, south), (east, south), (east, north), (west, north)]
    )
    db.session.commit()
    add_observation(group, 5.3812, 43.2961)
    return group


def nothing_asked_nor_stored(fake_osm, group) -> bool:
    db.session.expire_all()
    return (
        fake_osm.state.seen == []
        and db.session.scalars(select(OsmNode)).all() == []
        and db.session.get(WalkBasemap, group.walk.id) is None
        and group.walk.osm_fetched_at is None
    )


@pytest.mark.parametrize(("stray", "source"), [("at home in Aix", "api"), ("at 0, 0", "overpass")])
def test_a_camera_logged_far_away_makes_the_fetch_refused_before_asking_osm(
    client, spread_walk, add_observation, fake_osm, stray, source
):
    add_observation(spread_walk, *STRAYS[stray])

    answer = client.post(
        f"/api/v1/walks/{spread_walk.walk.id}/osm-fetch",
        json={"source": source},
        headers=spread_walk.headers("organiser"),
    )

    assert (answer.status_code, answer.json["code"]) == (422, "area_too_large")
    assert "square degrees" in answer.json["message"]
    assert nothing_asked_nor_stored(fake_osm, spread_walk)


def test_the_fetch_command_refuses_the_same_box_with_the_same_words(
    app, spread_walk, add_observation, fake_osm
):
    add_observation(spread_walk, *STRAYS["at home in Aix"])

    done = app.test_cli_runner().invoke(osm_group, ["fetch", "--walk", str(spread_walk.walk.id)])

    assert done.exit_code == 1
    assert "square degrees" in done.output and "a neighbourhood" in done.output
    assert nothing_asked_nor_stored(fake_osm, spread_walk)


def test_once_the_stray_camera_is_deleted_the_walk_is_fetched(
    client, spread_walk, add_observation, fake_osm
):
    stray = add_observation(spread_walk, *STRAYS["at home in Aix"])
    stray.deleted = True
    db.session.commit()

    answer = client.post(
        f"/api/v1/walks/{spread_walk.walk.id}/osm-fetch",
        headers=spread_walk.headers("organiser"),
    )

    assert answer.status_code == 200, answer.json
    assert answer.json["added"] == 1
