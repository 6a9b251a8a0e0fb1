"""A survey saying a real Helsinki camera is fixed, on a node a mapper tagged `revolving=yes`:
the file writes `camera:type=fixed`, keeps the mapper's tag (osmium applies it onto the very
extract), and the report names the node for a person to settle (`contradicted_tag`)."""

import datetime as dt

from server.osm.importer import import_file
from tests.server.osm.test_real_extract_exports import export_walk

DAY = dt.date(2026, 11, 21)
NODE = 316412602  # {height=8, man_made=surveillance, revolving=yes}, version 1, in no relation


def test_a_fixed_camera_on_a_revolving_node_keeps_the_tag_and_is_named(
    app, group, add_observation, real_extract, osmium, tmp_path
):
    import_file(real_extract.with_ways_xml, parent_ways=True)
    node = real_extract.cameras[NODE]
    assert node.tags.get("revolving") == "yes" and "camera:type" not in node.tags
    add_observation(group, node.lon, node.lat, camera_type="fixed", surveyed_on=DAY)
    osc = tmp_path / "walk.osc"

    output = export_walk(app, group, osc)

    _, _, tags = real_extract.cameras_after(osmium, osc)[NODE]
    assert tags == {**node.tags, "surveillance:type": "camera", "camera:type": "fixed",
                    "check_date": DAY.isoformat()}  # fmt: skip
    assert "check" in output and f"OSM node {NODE} keeps the mapper's revolving=yes" in output
