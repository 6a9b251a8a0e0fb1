"""Shared helpers for the OSM server tests: the fake OSM API on a loopback port, a client
that records its waits instead of sleeping, and a maker of observations."""

import datetime as dt
import importlib.util
import uuid
from pathlib import Path

import pytest

from server import geo
from server.extensions import db
from server.observations.convert import approved_copy
from server.observations.models import Observation
from server.osm.client import OsmClient

FAKE_PATH = Path(__file__).resolve().parents[2] / "fake_osm_api" / "server.py"
DATA = Path(__file__).resolve().parent / "data"


def _load_fake():
    spec = importlib.util.spec_from_file_location("camwalk_fake_osm_api", FAKE_PATH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


fake_module = _load_fake()


@pytest.fixture
def fake():
    return fake_module


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def fake_osm():
    """A running fake OSM API + Overpass; `.state` is its FakeOsm store, `.url` its root."""
    with fake_module.serve() as running:
        yield running


@pytest.fixture
def waits():
    return []


@pytest.fixture
def client_of(fake_osm):
    """`client_of(cls=OsmClient, **options)`: an OsmClient, or a subclass a test makes
    misbehave, talking to the fake OSM API."""

    def make(cls=OsmClient, **options):
        return cls(fake_osm.url, f"{fake_osm.url}/api", token=fake_osm.state.token, **options)

    return make


@pytest.fixture
def osm_client(client_of, waits):
    client = client_of(sleep=waits.append)
    yield client
    client.close()


@pytest.fixture
def add_observation(app):
    """Create one observation (committed); defaults: an approved camera surveyed on a day."""

    def add(group, lon, lat, **fields):
        values = {
            "kind": "camera",
            "review_status": "approved",
            "surveyed_on": dt.date(2024, 5, 4),
            "presence": "present",
        } | fields
        observation = Observation(
            uuid=str(uuid.uuid4()),
            group_id=group.id,
            walk_id=fields.pop("walk_id", None) or group.walk.id,
            geom=geo.point_element(lon, lat),
            **{k: v for k, v in values.items() if k != "walk_id"},
        )
        db.session.add(observation)
        db.session.flush()
        if observation.review_status == "approved":
            observation.approved = approved_copy(observation)
        db.session.commit()
        return observation

    return add
