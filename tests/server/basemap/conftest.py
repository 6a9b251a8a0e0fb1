"""The walk map tests fetch from the fake OSM API filled with the real Helsinki extract."""

import pytest

from server import geo
from server.extensions import db
from tests.fake_osm_api import server as fake_module

# About 550 m x 670 m of Helsinki's centre (Esplanadi, the station): the walk's drawn area.
AREA = [(24.940, 60.166), (24.950, 60.166), (24.950, 60.172), (24.940, 60.172), (24.940, 60.166)]


@pytest.fixture(scope="session")
def helsinki_osm(real_extract):
    """A fake OSM state holding the whole extract, built once (reading it takes a second)."""
    state = fake_module.FakeOsm()
    real_extract.fill_fake(state)
    return state


@pytest.fixture
def fake_helsinki(app, helsinki_osm, monkeypatch):
    """The app's Overpass and OSM API answer with the real extract."""
    helsinki_osm.seen.clear()
    helsinki_osm.script.clear()
    with fake_module.serve(helsinki_osm) as running:
        monkeypatch.setitem(app.config, "OVERPASS_URL", f"{running.url}/api")
        monkeypatch.setitem(app.config, "OSM_API_URL", running.url)
        yield running


@pytest.fixture
def helsinki_walk(group):
    group.walk.area = geo.polygon_element(AREA)
    db.session.commit()
    return group
