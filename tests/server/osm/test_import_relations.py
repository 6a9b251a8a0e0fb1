"""What a file import learns of the relations that list a camera, and what it may not unlearn.

Found by an OSM mapper: `--parent-ways` vouched for relations too, though its name speaks of
ways. A file made with Overpass's `way(bn)` alone, imported with it, marked every camera as
"in no relation", and the export deleted a gone camera a `type=surveillance` relation still
listed. And a file holding some of a camera's relations replaced the list already known: the
relation it left out was no longer named to the organiser. NULL is "not known", and data not
vouched for only adds (sync.osm.parse.known_relations)."""

from sqlalchemy import select

from server.exports.osc import Scope
from server.extensions import db
from server.osm.cli import osm_group
from server.osm.importer import import_file
from server.osm.models import OsmNode
from tests.server.osm.test_real_extract_vertices import deleted_ids, export_document

LAT, LON = 43.2961, 5.3812
CAMERA = (
    f'<node id="5" version="2" lat="{LAT}" lon="{LON}"><tag k="man_made" v="surveillance"/></node>'
)
FENCE = '<way id="9" version="1"><nd ref="4"/><nd ref="6"/></way>'


def relation(relation_id: int) -> str:
    return (
        f'<relation id="{relation_id}" version="1"><member type="node" ref="5" role="camera"/>'
        '<tag k="type" v="surveillance"/></relation>'
    )


def osm_file(tmp_path, name: str, *elements: str):
    path = tmp_path / name
    path.write_text(f'<osm version="0.6">{CAMERA}{"".join(elements)}</osm>', encoding="utf-8")
    return path


def relations_of_5():
    return db.session.scalar(select(OsmNode.relations).where(OsmNode.osm_id == 5))


def gone_report(group, add_observation):
    return add_observation(group, LON, LAT, presence="gone", osm_node_id=5)


def test_a_file_vouched_for_its_ways_alone_leaves_its_cameras_relations_unknown(
    app, group, add_observation, tmp_path
):
    # A camera on no way; the relation listing it is not in the file (Overpass's `way(bn)`).
    import_file(osm_file(tmp_path, "ways.osm", FENCE), parent_ways=True)
    gone_report(group, add_observation)

    document, result = export_document(Scope.of_walk(group.walk))

    assert relations_of_5() is None
    assert deleted_ids(document) == []
    assert [item["code"] for item in result.skipped] == ["gone_member_unknown"]


def test_a_file_vouched_for_its_relations_makes_a_camera_in_none_deletable(
    app, group, add_observation, tmp_path
):
    path = osm_file(tmp_path, "full.osm", FENCE)
    import_file(path, parent_ways=True, parent_relations=True)
    gone_report(group, add_observation)

    document, _ = export_document(Scope.of_walk(group.walk))

    assert relations_of_5() == []
    assert deleted_ids(document) == [5]


def test_a_file_with_some_relations_adds_them_and_only_a_vouched_one_replaces_the_list(
    app, group, add_observation, tmp_path
):
    both = osm_file(tmp_path, "both.osm", relation(11), relation(12))
    import_file(both, parent_ways=True, parent_relations=True)
    assert relations_of_5() == [11, 12]

    import_file(osm_file(tmp_path, "some.osm", relation(12), relation(13)))
    assert relations_of_5() == [11, 12, 13]
    import_file(osm_file(tmp_path, "none.osm"))
    assert relations_of_5() == [11, 12, 13]
    gone_report(group, add_observation)
    (skip,) = export_document(Scope.of_walk(group.walk))[1].skipped
    assert (skip["code"], skip["relations"]) == ("gone_member", "11, 12, 13")

    import_file(osm_file(tmp_path, "all.osm", relation(12)), parent_relations=True)
    assert relations_of_5() == [12]


def test_the_import_summary_counts_relation_changes_and_says_what_is_not_known(app, tmp_path):
    runner = app.test_cli_runner()
    ways_only = osm_file(tmp_path, "ways.osm", FENCE)

    first = runner.invoke(osm_group, ["import", "--parent-ways", str(ways_only)])
    vouched = osm_file(tmp_path, "full.osm", FENCE, relation(11))
    second = runner.invoke(
        osm_group, ["import", "--parent-ways", "--parent-relations", str(vouched)]
    )
    again = runner.invoke(
        osm_group, ["import", "--parent-ways", "--parent-relations", str(vouched)]
    )

    assert first.exit_code == 0, first.output
    assert "relations: 0 nodes with a changed list of relations" in first.output
    assert "1 of these nodes are not known to be in a relation or not" in first.output
    assert "--parent-relations" in first.output
    assert "relations: 1 nodes with a changed list of relations" in second.output
    assert "not known" not in second.output
    assert "relations: 0 nodes with a changed list of relations" in again.output


def test_the_import_help_says_what_each_flag_vouches_for(app):
    shown = app.test_cli_runner().invoke(osm_group, ["import", "--help"]).output
    words = " ".join(shown.split())

    assert "--parent-ways" in words and "Says nothing of relations" in words
    assert "--parent-relations" in words and "every relation that lists one" in words
