"""Way vertices on the real Helsinki extract: a nodes-only import never unlearns one, and a
camera reported gone is deleted only when a fetch with the parent ways said no way uses it."""

from io import BytesIO
from xml.etree.ElementTree import fromstring

from sqlalchemy import select

from server.exports.osc import Scope, export_osc
from server.extensions import db
from server.osm.cli import osm_group
from server.osm.importer import fetch_for_walk, import_file
from server.osm.models import OsmNode


def cached() -> dict[int, OsmNode]:
    return {node.osm_id: node for node in db.session.scalars(select(OsmNode))}


def export_document(scope) -> tuple[bytes, object]:
    out = BytesIO()

    class Keep:
        def __enter__(self):
            return out

        def __exit__(self, *exc):
            return False

    result = export_osc(scope, lambda number: Keep())
    return out.getvalue(), result


def deleted_ids(document: bytes) -> list[int]:
    return [int(node.get("id")) for block in fromstring(document).iter("delete") for node in block]


def a_plain_camera(extract) -> int:
    """A real camera no way uses and no relation lists, far from every other camera (so
    matching cannot interfere)."""
    crowded = {i for _, a, b in extract.close_pairs(30.0) for i in (a, b)}
    free = (i for i, n in extract.cameras.items() if not (n.part_of_way or n.relations))
    return min(i for i in free if i not in crowded)


def test_a_nodes_only_reimport_keeps_every_real_way_vertex(app, real_extract):
    import_file(real_extract.with_ways_xml, parent_ways=True, parent_relations=True)
    assert sorted(i for i, n in cached().items() if n.part_of_way) == real_extract.vertices

    result = import_file(real_extract.nodes_only_xml)

    assert sorted(i for i, n in cached().items() if n.part_of_way) == real_extract.vertices
    assert all(n.part_of_way is not None for n in cached().values())
    assert (result.unchanged, result.vertex_changed, result.vertex_unknown) == (221, 0, 0)


def test_a_gone_report_on_a_real_vertex_never_exports_a_delete_after_a_nodes_only_import(
    app, group, add_observation, real_extract, osmium, tmp_path
):
    import_file(real_extract.with_ways_xml, parent_ways=True, parent_relations=True)
    import_file(real_extract.nodes_only_xml)
    vertex = real_extract.cameras[real_extract.vertices[0]]
    gone = add_observation(group, vertex.lon, vertex.lat, presence="gone", osm_node_id=vertex.id)

    document, result = export_document(Scope.of_walk(group.walk))

    assert deleted_ids(document) == []
    osc = tmp_path / "nothing.osc"
    osc.write_bytes(document)
    assert real_extract.cameras_after(osmium, osc).keys() == real_extract.cameras.keys()
    (skipped,) = result.skipped
    assert skipped["observation"] == gone.uuid
    assert "vertex of a way" in skipped["reason"]


def test_the_import_summary_counts_flag_changes_apart_from_unchanged_nodes(app, real_extract):
    runner = app.test_cli_runner()
    first = runner.invoke(osm_group, ["import", str(real_extract.nodes_only_xml)])
    assert "221 added" in first.output
    assert "221 of these nodes are not known to be on a way" in first.output

    second = runner.invoke(
        osm_group,
        ["import", "--parent-ways", "--parent-relations", str(real_extract.with_ways_xml)],
    )

    assert second.exit_code == 0, second.output
    assert "221 with a changed way-vertex flag, 0 unchanged" in second.output
    assert "relations: 221 nodes with a changed list of relations" in second.output
    assert "not known" not in second.output


def test_without_a_fetch_of_parent_ways_no_delete_is_exported_and_after_one_it_is(
    app, group, add_observation, real_extract, fake_osm, osm_client, osmium, tmp_path
):
    import_file(real_extract.nodes_only_xml)
    plain = real_extract.cameras[a_plain_camera(real_extract)]
    vertex = real_extract.cameras[real_extract.vertices[0]]
    for node in (plain, vertex):
        add_observation(group, node.lon, node.lat, presence="gone", osm_node_id=node.id)

    document, result = export_document(Scope.of_walk(group.walk))
    assert deleted_ids(document) == []
    assert all("not known whether a way uses" in s["reason"] for s in result.skipped)

    for node in real_extract.cameras.values():
        fake_osm.state.add_node(node.id, node.lat, node.lon, node.tags, version=node.version)
    fake_osm.state.ways.update(real_extract.parent_ways)
    fetched = fetch_for_walk(group.walk, osm_client, "api")
    assert fetched.vertex_unknown == 0 and fetched.vertex_changed > 0

    document, result = export_document(Scope.of_walk(group.walk))
    assert deleted_ids(document) == [plain.id]
    assert ["vertex of a way" in s["reason"] for s in result.skipped] == [True]

    osc = tmp_path / "gone.osc"
    osc.write_bytes(document)
    after = real_extract.cameras_after(osmium, osc)
    assert set(real_extract.cameras) - set(after) == {plain.id}
    assert set(real_extract.vertices) <= set(after)


def test_a_real_file_with_some_ways_clears_no_vertex_flag_unless_it_is_vouched_for(
    app, group, add_observation, real_extract, osmium, tmp_path
):
    # Cameras and complete highways (`osmium tags-filter` adds every node they use), no
    # buildings: the camera on a building outline is on none of this file's ways.
    filtered = tmp_path / "cameras-and-highways.osm"
    made = osmium(
        "tags-filter", real_extract.pbf, "n/man_made=surveillance", "w/highway", "-o", filtered
    )
    assert made.returncode == 0, made.stderr
    on_building = real_extract.cameras[316413856]

    result = import_file(filtered)

    assert cached()[on_building.id].part_of_way is None
    assert result.vertex_unknown == 221 - sum(1 for n in cached().values() if n.part_of_way)
    add_observation(
        group, on_building.lon, on_building.lat, presence="gone", osm_node_id=on_building.id
    )
    document, export = export_document(Scope.of_walk(group.walk))
    assert deleted_ids(document) == []
    assert "not known whether a way uses" in export.skipped[0]["reason"]
    osc = tmp_path / "nothing.osc"
    osc.write_bytes(document)
    assert real_extract.cameras_after(osmium, osc).keys() == real_extract.cameras.keys()

    import_file(real_extract.with_ways_xml, parent_ways=True, parent_relations=True)
    assert cached()[on_building.id].part_of_way is True
