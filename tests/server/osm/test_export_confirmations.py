"""The export of walkers' "still there" keeps each OSM camera's tags as its mapper wrote them.

Each case of tests/sync/osm/data/confirm_readings.json becomes a cached node and a confirmation
carrying what the phone reads from it (pwa/test/geo/osmValues.test.js checks that reading);
the exported file must hold every tag the node had, plus the survey's check_date.
"""

import json
from pathlib import Path

from server.exports.osc import Scope
from server.extensions import db
from server.osm.service import store_node
from tests.server.osm.test_export_osc import export_bytes, nodes_of

CASES = json.loads(
    (Path(__file__).resolve().parents[2] / "sync/osm/data/confirm_readings.json").read_text()
)["cases"]


def test_confirmed_cameras_keep_the_tags_the_phone_could_not_read(app, group, add_observation):
    expected = {}
    for number, case in enumerate(CASES, start=1):
        node_id, lon, lat = 9000 + number, 24.9 + number / 1000, 60.17
        tags = {"man_made": "surveillance", **case["tags"]}
        store_node(node_id, 3, lon, lat, tags, part_of_way=False)
        confirmation = {"kind": "camera", **case["reads"]}  # a record needs a kind
        add_observation(group, lon, lat, osm_node_id=node_id, **confirmation)
        expected[node_id] = tags | case.get("export_rewrites", {})
    db.session.commit()

    document, _ = export_bytes(Scope.of_walk(group.walk))

    modified = nodes_of(document, "modify")
    assert {
        node_id: {key: modified[node_id][key] for key in tags}
        for node_id, tags in expected.items()
    } == expected
    assert {tags["check_date"] for tags in modified.values()} == {"2024-05-04"}
