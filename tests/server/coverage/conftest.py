"""A walk in Helsinki's centre with its real walk map stored, and real camera positions."""

import pytest

from server import geo
from server.basemap.service import store_basemap
from server.coverage.views import VIEWS
from server.extensions import db
from tests.builders import create_change
from tests.osm_extract import ExtractUnavailable

# About 550 m x 670 m of Helsinki's centre (Esplanadi, the station).
AREA = [(24.940, 60.166), (24.950, 60.166), (24.950, 60.172), (24.940, 60.172), (24.940, 60.166)]


@pytest.fixture(scope="session")
def helsinki_features():
    from tests.server.coverage import helsinki

    try:
        return list(helsinki.features())
    except ExtractUnavailable as error:
        pytest.skip(f"real OSM extract unavailable: {error}")


@pytest.fixture
def mapped_walk(group, helsinki_features):
    """The group's walk, drawn over Helsinki's centre, with the extract as its walk map."""
    group.walk.area = geo.polygon_element(AREA)
    store_basemap(group.walk, helsinki_features, (24.935, 60.163, 24.955, 60.175), "api")
    db.session.commit()
    VIEWS.clear()
    return group


@pytest.fixture
def real_cameras(real_extract):
    """Positions of the extract's real cameras inside AREA, by OSM id."""
    inside = [
        node
        for node in sorted(real_extract.cameras.values(), key=lambda n: n.id)
        if 24.940 < node.lon < 24.950 and 60.166 < node.lat < 60.172
    ]
    assert len(inside) >= 8
    return inside


def camera_at(walk_id, node, **fields):
    position = {"lat": node.lat, "lon": node.lon, "accuracy_m": 5}
    return create_change(walk_id, position=position, **fields)
