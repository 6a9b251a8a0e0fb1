"""Our .osc files checked by osmium-tool, a reader we did not write (see conftest.osmium)."""

import xml.etree.ElementTree as ET

from sync.osm.osmchange import write_osmchange, write_parts
from sync.osm.records import Create, Delete, Modify

BASE_OSM = """<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="hand">
  <node id="101" version="3" lat="43.2961000" lon="5.3812000">
    <tag k="man_made" v="surveillance"/>
    <tag k="direction" v="N"/>
    <tag k="fixme" v="check mount"/>
  </node>
  <node id="102" version="1" lat="43.2962000" lon="5.3813000">
    <tag k="man_made" v="surveillance"/>
  </node>
  <node id="103" version="5" lat="43.2963000" lon="5.3814000">
    <tag k="man_made" v="surveillance"/>
    <tag k="operator" v="Keep me"/>
  </node>
</osm>
"""

HOSTILE_OPERATOR = 'Ville & "Police" <municipale>\nligne 2 🎥 שלום'

ACTIONS = [
    Create(43.2964321, 5.3815432, {"man_made": "surveillance", "operator": HOSTILE_OPERATOR}),
    Create(43.2965, 5.3816, {"man_made": "surveillance", "camera:mount": "pole"}),
    Modify(
        101,
        3,
        43.2961000,
        5.3812000,
        {"man_made": "surveillance", "direction": "90", "fixme": "check mount"},
    ),
    Delete(102, 1),
]


def nodes_of(path) -> dict[str, tuple[str, str, dict[str, str]]]:
    root = ET.parse(path).getroot()
    return {
        node.get("id"): (
            node.get("lat"),
            node.get("lon"),
            {tag.get("k"): tag.get("v") for tag in node.findall("tag")},
        )
        for node in root.iter("node")
    }


def write_file(path, actions, **options):
    with open(path, "wb") as out:
        return write_osmchange(out, actions, **options)


def test_osmium_rejects_a_broken_file_so_these_checks_mean_something(osmium, tmp_path):
    (tmp_path / "broken.osc").write_text('<osmChange version="0.6"><create><node id="-1"')
    assert osmium("fileinfo", "-e", tmp_path / "broken.osc").returncode != 0


def test_osmium_reads_every_node_of_our_file(osmium, tmp_path):
    write_file(tmp_path / "change.osc", ACTIONS, changeset=17)
    result = osmium("fileinfo", "-e", tmp_path / "change.osc")
    assert result.returncode == 0, result.stderr
    assert "Number of nodes: 4" in result.stdout
    assert "generator=camwalk 0.1" in result.stdout


def test_applying_our_change_to_the_matched_nodes_gives_exactly_the_expected_nodes(
    osmium, tmp_path
):
    (tmp_path / "base.osm").write_text(BASE_OSM, encoding="utf-8")
    write_file(tmp_path / "change.osc", ACTIONS)
    result = osmium(
        "apply-changes", "base.osm", "change.osc", "-o", "out.osm", "-f", "osm", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert nodes_of(tmp_path / "out.osm") == {
        "-1": (
            "43.2964321",
            "5.3815432",
            {"man_made": "surveillance", "operator": HOSTILE_OPERATOR},
        ),
        "-2": ("43.2965", "5.3816", {"man_made": "surveillance", "camera:mount": "pole"}),
        "101": (
            "43.2961",
            "5.3812",
            {"man_made": "surveillance", "direction": "90", "fixme": "check mount"},
        ),
        "103": ("43.2963", "5.3814", {"man_made": "surveillance", "operator": "Keep me"}),
    }


def test_every_part_of_a_split_export_is_read_by_osmium(osmium, tmp_path):
    actions = [Create(10 + n / 1000, 20, {"man_made": "surveillance"}) for n in range(7)]
    paths = []

    def open_part(number):
        paths.append(tmp_path / f"part-{number}.osc")
        return open(paths[-1], "wb")

    write_parts(actions, open_part, max_elements=3)
    counts = []
    for path in paths:
        result = osmium("fileinfo", "-e", path)
        assert result.returncode == 0, result.stderr
        counts.append(
            next(line for line in result.stdout.splitlines() if "Number of nodes" in line)
        )
    assert [count.split(":")[1].strip() for count in counts] == ["3", "3", "1"]
