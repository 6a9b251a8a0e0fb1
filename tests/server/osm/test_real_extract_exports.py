"""A walk's osmChange over real Helsinki cameras, checked by tools we did not write: osmium
applies it onto the very extract the cache came from, and JOSM's validator reads it.

The walk modifies real cameras (both of the extract's closest pair, 0.43 m apart, each linked
to its own node; a way vertex, which keeps its place), deletes one, refuses the delete of a
vertex, and creates two, one with several directions."""

import datetime as dt

import pytest

from server.osm.cli import export_group
from server.osm.importer import import_file
from tests.server.osm import test_josm

josm = test_josm.josm  # the fixture that finds JOSM, or skips

DAY = dt.date(2026, 11, 21)
SURVEYED = {
    "surveillance:type": "camera",
    "operator": "Helsingin poliisi",
    "camera:direction": "45;225",
    "check_date": DAY.isoformat(),
}


@pytest.fixture
def real_walk(app, group, add_observation, real_extract):
    import_file(real_extract.with_ways_xml, parent_ways=True, parent_relations=True)
    crowded = {i for _, a, b in real_extract.close_pairs(30.0) for i in (a, b)}
    lonely = sorted(i for i, n in real_extract.cameras.items() if n.part_of_way is False)
    lonely = [i for i in lonely if i not in crowded]
    _, near_a, near_b = real_extract.close_pairs(5.0)[0]
    vertex, vertex_gone = real_extract.vertices[:2]
    plan = {
        "modified": [*lonely[:3], near_a, near_b, vertex],
        "deleted": [lonely[3]],
        "kept": [vertex_gone],
    }

    def survey(node_id, **fields):
        node = real_extract.cameras[node_id]
        values = {"osm_node_id": node_id, "surveyed_on": DAY} | fields
        return add_observation(group, node.lon, node.lat, **values)

    for node_id in plan["modified"]:
        survey(node_id, operator="Helsingin poliisi", direction=[45, 225])
    survey(plan["deleted"][0], presence="gone")
    survey(vertex_gone, presence="gone")
    # Two new ones in the Esplanadi park, away from every mapped camera.
    add_observation(group, 24.9480, 60.1675, surveyed_on=DAY, direction=[90, 270])
    add_observation(group, 24.9490, 60.1676, surveyed_on=DAY, kind="ALPR", direction=[0])
    return plan


def export_walk(app, group, path):
    result = app.test_cli_runner().invoke(
        export_group, ["osc", "--walk", str(group.walk.id), "-o", str(path)]
    )
    assert result.exit_code == 0, result.output
    return result.output


def test_osmium_applies_the_walk_export_onto_the_real_extract_exactly_as_planned(
    app, group, real_walk, real_extract, osmium, tmp_path
):
    osc = tmp_path / "walk.osc"
    output = export_walk(app, group, osc)
    assert "2 created, 6 modified, 1 deleted, 1 skipped" in output
    assert "vertex of a way" in output
    info = osmium("fileinfo", "-e", osc)
    assert info.returncode == 0 and "Number of nodes: 9" in info.stdout, info.stderr

    after = real_extract.cameras_after(osmium, osc)

    before = real_extract.cameras
    assert len(after) == len(before) - 1 + 2
    assert real_walk["deleted"][0] not in after
    for node_id, node in before.items():
        if node_id in real_walk["deleted"]:
            continue
        lat, lon, tags = after[node_id]
        # Nothing moves, a vertex least of all; 7 decimals are what OSM stores.
        assert (round(lat, 7), round(lon, 7)) == (round(node.lat, 7), round(node.lon, 7))
        expected = {**node.tags, **SURVEYED} if node_id in real_walk["modified"] else node.tags
        assert tags == expected, node_id
    created = [tags for node_id, (_, _, tags) in after.items() if node_id not in before]
    directions = sorted(tags.get("camera:direction") or tags["direction"] for tags in created)
    assert directions == ["0", "90;270"]


def test_josm_finds_nothing_to_report_in_the_walk_export_over_real_cameras(
    app,
    group,
    real_walk,
    josm,
    tmp_path,
):
    osc = tmp_path / "walk.osc"
    export_walk(app, group, osc)
    assert all(block in osc.read_text() for block in ("<create>", "<modify>", "<delete"))

    issues = test_josm.validate(josm, osc, tmp_path)

    assert [issue["properties"]["message"] for issue in issues] == []
