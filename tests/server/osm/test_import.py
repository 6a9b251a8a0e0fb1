"""Importing OSM cameras into the cache: files, Overpass and the API map call, re-imports."""

import pytest
import sqlalchemy as sa
from sqlalchemy import event, func, select

from server import geo
from server.extensions import db
from server.osm.cli import osm_group
from server.osm.importer import (
    AreaTooLarge,
    UnreadableOsmData,
    fetch_for_walk,
    import_file,
)
from server.osm.models import OsmNode
from server.types import utcnow
from tests.builders import MANY_IDS


def cached() -> dict[int, OsmNode]:
    return {node.osm_id: node for node in db.session.scalars(select(OsmNode))}


def test_an_osm_xml_file_caches_only_camera_nodes_with_version_tags_and_vertices(app, data_dir):
    result = import_file(data_dir / "noailles.osm")

    nodes = cached()
    assert sorted(nodes) == [101, 102, 103]
    assert (result.added, result.updated, result.removed) == (3, 0, 0)
    assert nodes[101].version == 3
    assert nodes[101].tags["note"] == "mapped from the pavement"
    assert geo.to_lonlat(nodes[102].geom) == geo.LonLat(5.3808, 43.2957)
    assert [n for n in sorted(nodes) if nodes[n].part_of_way] == [103]


def test_an_overpass_answer_is_recognised_by_its_content_and_counts_cameras_as_ways(app, data_dir):
    result = import_file(data_dir / "noailles-overpass.json")

    assert sorted(cached()) == [101, 103]
    assert cached()[103].part_of_way is True
    assert result.not_nodes == 1


def test_a_file_that_is_not_osm_data_is_refused_and_nothing_is_stored(app, data_dir):
    with pytest.raises(UnreadableOsmData):
        import_file(data_dir / "not-osm.csv")
    assert cached() == {}


def test_reimport_updates_versions_and_tags_and_drops_nodes_gone_from_the_covered_box(
    app, data_dir
):
    import_file(data_dir / "noailles.osm")
    # The Overpass answer covers the same box as the XML file: node 102 was deleted upstream.
    result = import_file(data_dir / "noailles-overpass.json", bbox=(5.379, 43.295, 5.383, 43.298))

    nodes = cached()
    assert sorted(nodes) == [101, 103]
    assert nodes[101].version == 4
    assert nodes[101].tags == {
        "man_made": "surveillance",
        "surveillance:type": "camera",
        "camera:type": "fixed",
    }
    assert (result.updated, result.unchanged, result.removed) == (1, 1, 1)


def test_an_answer_without_a_known_box_never_removes_anything(app, data_dir):
    import_file(data_dir / "noailles.osm")
    import_file(data_dir / "noailles-overpass.json")
    assert sorted(cached()) == [101, 102, 103]


@pytest.mark.parametrize("source", ["overpass", "api"])
def test_fetching_for_a_walk_caches_its_area_and_forgets_nodes_deleted_upstream(
    app, group, add_observation, fake_osm, osm_client, source
):
    add_observation(group, 5.3812, 43.2961)
    fake_osm.state.add_node(7001, 43.2962, 5.3813, {"man_made": "surveillance"}, version=2)
    fake_osm.state.add_node(7002, 43.2965, 5.3810, {"man_made": "surveillance"})
    fake_osm.state.add_node(7003, 43.2966, 5.3811, {"highway": "street_lamp"})
    fake_osm.state.ways[88] = [7002, 7003]

    first = fetch_for_walk(group.walk, osm_client, source)
    assert sorted(cached()) == [7001, 7002]
    assert cached()[7002].part_of_way is True
    assert first.added == 2

    fake_osm.state.nodes[7001].visible = False
    second = fetch_for_walk(group.walk, osm_client, source)
    assert sorted(cached()) == [7002]
    assert second.removed == 1


def test_the_api_map_call_is_not_used_for_an_area_over_a_quarter_square_degree(
    app, group, add_observation, osm_client
):
    add_observation(group, 5.0, 43.0)
    add_observation(group, 5.8, 43.6)
    with pytest.raises(AreaTooLarge):
        fetch_for_walk(group.walk, osm_client, "api")


def test_the_import_command_sniffs_the_format_and_prints_what_it_did(app, data_dir):
    runner = app.test_cli_runner()
    result = runner.invoke(osm_group, ["import", str(data_dir / "noailles.osm")])
    assert result.exit_code == 0, result.output
    assert "3 added" in result.output
    assert sorted(cached()) == [101, 102, 103]


def test_the_fetch_command_reads_the_walk_area_from_the_configured_overpass(
    app, group, add_observation, fake_osm, monkeypatch
):
    add_observation(group, 5.3812, 43.2961)
    fake_osm.state.add_node(7001, 43.2962, 5.3813, {"man_made": "surveillance"})
    monkeypatch.setitem(app.config, "OVERPASS_URL", f"{fake_osm.url}/api")
    result = app.test_cli_runner().invoke(osm_group, ["fetch", "--walk", str(group.walk.id)])
    assert result.exit_code == 0, result.output
    assert sorted(cached()) == [7001]


def _cameras_file(path, nodes) -> str:
    """An OSM XML file of camera nodes given as (id, version, lat, lon, operator)."""
    body = "".join(
        f'<node id="{osm_id}" version="{version}" lat="{lat}" lon="{lon}">'
        f'<tag k="man_made" v="surveillance"/><tag k="operator" v="{operator}"/></node>'
        for osm_id, version, lat, lon, operator in nodes
    )
    path.write_text(f'<?xml version="1.0"?><osm version="0.6">{body}</osm>')
    return path


@pytest.fixture
def osm_node_statements(app):
    """The SQL statements sent about cached cameras while the test runs."""
    sent = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if "osm_node" in statement:
            sent.append(statement.split(None, 1)[0].upper())

    event.listen(db.engine, "before_cursor_execute", record)
    yield sent
    event.remove(db.engine, "before_cursor_execute", record)


@pytest.mark.parametrize("count", [3, 60])
def test_a_region_imported_again_is_read_in_one_query_and_what_did_not_change_is_not_written(
    app, tmp_path, osm_node_statements, count
):
    nodes = [(i, 1, 43.29 + i / 10_000, 5.38, "Ville de Marseille") for i in range(1, count + 1)]
    first = import_file(_cameras_file(tmp_path / "first.osm", nodes))
    assert first.added == count
    osm_node_statements.clear()

    # Node 2 comes back at a newer version, moved and with another operator.
    nodes[1] = (2, 2, 43.2901, 5.3801, "Métropole")
    result = import_file(_cameras_file(tmp_path / "again.osm", nodes))

    assert (result.added, result.updated, result.unchanged) == (0, 1, count - 1)
    # One read of the cache for the whole file, one of the nodes camwalk's uploads took out of
    # OSM (osm_node_gone), one write for the one node that changed: not a query per node, nor
    # an UPDATE of every camera the file repeats as it was.
    assert osm_node_statements == ["SELECT", "SELECT", "UPDATE"]
    node = cached()[2]
    assert (node.version, node.tags["operator"]) == (2, "Métropole")
    assert geo.to_lonlat(node.geom) == geo.LonLat(5.3801, 43.2901)
    assert geo.to_lonlat(cached()[3].geom) == geo.LonLat(5.38, 43.2903)


def test_a_file_naming_a_node_twice_stores_it_once(app, tmp_path):
    nodes = [(5, 1, 43.29, 5.38, "A"), (5, 2, 43.2901, 5.38, "B")]
    import_file(_cameras_file(tmp_path / "twice.osm", nodes))
    assert [(n.version, n.tags["operator"]) for n in cached().values()] == [(2, "B")]


def cache_many_cameras(count: int) -> None:
    """`count` cameras cached on a grid of 300 columns (osm ids 1 to `count`), made by the
    database in one statement: bound row by row, 70,000 took three of the test's four seconds."""
    dialect = db.session.get_bind().dialect.name
    n = sa.select(sa.literal(1, sa.Integer).label("i")).cte("n", recursive=True)
    n = n.union_all(sa.select(n.c.i + 1).where(n.c.i < count))
    lon = sa.cast(5.3 + sa.cast(n.c.i % 300, sa.Float) / 3000, sa.Float)
    lat = sa.cast(43.2 + sa.cast(n.c.i // 300, sa.Float) / 3000, sa.Float)
    if dialect == "sqlite":
        point = sa.func.MakePoint(lon, lat, geo.SRID)
    else:
        point = sa.func.ST_SetSRID(sa.func.ST_MakePoint(lon, lat), geo.SRID)
    table = OsmNode.__table__
    rows = sa.select(
        n.c.i,
        sa.literal(1, sa.Integer),
        sa.literal({"man_made": "surveillance"}, sa.JSON),
        sa.false(),
        sa.true(),
        point,
        sa.literal(utcnow(), table.c.fetched_at.type),
    )
    columns = ["osm_id", "version", "tags", "part_of_way", "vertex_known", "geom", "fetched_at"]
    db.session.execute(table.insert().from_select(columns, rows))
    db.session.commit()


def test_a_box_emptied_of_more_cameras_than_one_statement_can_name_is_emptied(app, tmp_path):
    """The cameras gone from a region were deleted by one IN list of their ids, which
    PostgreSQL refused past 65,535: a large region re-imported failed and kept them all."""
    cache_many_cameras(MANY_IDS)

    # The region again, once every camera but one was removed upstream.
    path = _cameras_file(tmp_path / "region.osm", [(1, 2, 43.2, 5.3, "RTM")])
    result = import_file(path, bbox=(5.29, 43.19, 5.41, 43.3))

    assert (result.updated, result.removed) == (1, MANY_IDS - 1)
    assert db.session.scalar(select(func.count()).select_from(OsmNode)) == 1
