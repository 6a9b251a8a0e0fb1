"""The writer's output is read back with ElementTree (expat), a parser that is not ours."""

import gc
import itertools
import xml.etree.ElementTree as ET
from io import BytesIO

import pytest

from sync.osm.osmchange import (
    MAX_ELEMENTS_PER_CHANGESET,
    InvalidElement,
    OsmChangeWriter,
    split_into_parts,
    write_osmchange,
    write_parts,
)
from sync.osm.records import Create, Delete, Modify

CAMERA = {"man_made": "surveillance", "surveillance:type": "camera"}


def written(actions, **options) -> bytes:
    out = BytesIO()
    write_osmchange(out, actions, **options)
    return out.getvalue()


def parsed(actions, **options) -> ET.Element:
    return ET.fromstring(written(actions, **options))


def tags_of(node: ET.Element) -> dict[str, str]:
    return {tag.get("k"): tag.get("v") for tag in node.findall("tag")}


def test_the_root_says_osmchange_0_6_and_who_wrote_it():
    root = parsed([])
    assert (root.tag, root.get("version"), root.get("generator")) == (
        "osmChange",
        "0.6",
        "camwalk 0.1",
    )
    assert parsed([], generator="camwalk 2.3").get("generator") == "camwalk 2.3"


def test_the_file_declares_and_uses_utf_8():
    raw = written([Create(1, 2, {"operator": "Caméra 🎥"})])
    assert raw.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    assert "Caméra 🎥".encode() in raw


def test_creates_get_negative_ids_in_order_and_no_version():
    root = parsed([Create(1, 2, CAMERA), Create(3, 4, CAMERA), Create(5, 6, CAMERA)])
    nodes = root.findall("create/node")
    assert [node.get("id") for node in nodes] == ["-1", "-2", "-3"]
    assert all(node.get("version") is None for node in nodes)
    assert (nodes[2].get("lat"), nodes[2].get("lon")) == ("5.0000000", "6.0000000")
    assert tags_of(nodes[0]) == CAMERA


def test_a_modify_carries_id_version_position_and_the_complete_tag_set():
    tags = {**CAMERA, "fixme": "old", "check_date": "2026-11-21"}
    (node,) = parsed([Modify(123, 7, 43.2961234, 5.3812345, tags)]).findall("modify/node")
    assert node.attrib == {
        "id": "123",
        "version": "7",
        "lat": "43.2961234",
        "lon": "5.3812345",
    }
    assert tags_of(node) == tags


def test_a_delete_is_id_and_version_only_inside_an_if_unused_block():
    root = parsed([Delete(55, 4)])
    (block,) = root.findall("delete")
    assert block.attrib == {"if-unused": "true"}
    (node,) = block.findall("node")
    assert node.attrib == {"id": "55", "version": "4"}
    assert list(node) == []


def test_with_a_changeset_every_element_names_it():
    actions = [Create(1, 2, CAMERA), Modify(9, 1, 1, 2, CAMERA), Delete(8, 3)]
    nodes = parsed(actions, changeset=4242).iter("node")
    assert [node.get("changeset") for node in nodes] == ["4242"] * 3


def test_without_a_changeset_no_element_names_one():
    actions = [Create(1, 2, CAMERA), Modify(9, 1, 1, 2, CAMERA), Delete(8, 3)]
    assert all("changeset" not in node.attrib for node in parsed(actions).iter("node"))


@pytest.mark.parametrize(
    ("lat", "lon", "written_lat", "written_lon"),
    [
        (43.2961234, 5.3812345, "43.2961234", "5.3812345"),
        (43, 5, "43.0000000", "5.0000000"),
        (-33.8688197, 151.2092955, "-33.8688197", "151.2092955"),
        (-0.0, -0.0, "0.0000000", "0.0000000"),
        (0.00000001, -0.00000001, "0.0000000", "0.0000000"),
        (90, -180, "90.0000000", "-180.0000000"),
        (1.23456789, 9.87654321, "1.2345679", "9.8765432"),
    ],
)
def test_coordinates_have_exactly_seven_decimals(lat, lon, written_lat, written_lon):
    (node,) = parsed([Create(lat, lon, CAMERA)]).iter("node")
    assert (node.get("lat"), node.get("lon")) == (written_lat, written_lon)


HOSTILE = [
    "Fish & Chips",
    "<script>alert(1)</script>",
    'He said "stop"',
    "l'opérateur",
    "both \" and ' quotes",
    "line one\nline two",
    "windows\r\nline",
    "tab\tseparated",
    "]]> not a CDATA end",
    "&amp; already escaped",
    "&#10; a reference, literally",
    "🎥📹 camera emoji",
    "שלום עולם",
    "مراقبة بالكاميرا",
    "\u202eRTL override\u202c",
    "zero\u200bwidth",
    "  leading and trailing spaces  ",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_value_reads_back_exactly(value):
    (node,) = parsed([Create(1, 2, {"operator": value})]).iter("node")
    assert tags_of(node) == {"operator": value}


@pytest.mark.parametrize("key", ["name:he", 'k"ey', "a&b", "<k>", "clé"])
def test_a_hostile_key_reads_back_exactly(key):
    (node,) = parsed([Modify(1, 1, 1, 2, {key: "v"})]).iter("node")
    assert tags_of(node) == {key: "v"}


def test_newlines_are_written_as_character_references():
    raw = written([Create(1, 2, {"note": "a\nb\rc"})])
    assert b'"a&#10;b&#13;c"' in raw


def test_markup_characters_never_appear_raw_in_a_value():
    raw = written([Create(1, 2, {"operator": "<a href='x'>&"})])
    assert b"&lt;a href='x'&gt;&amp;" in raw


@pytest.mark.parametrize(
    "action",
    [
        Create(1, 2, {"operator": "bell\x07"}),
        Create(1, 2, {"operator": "x" * 256}),
        Create(1, 2, {"": "empty key"}),
        Create(1, 2, {"operator": ""}),
        Create(1, 2, {"height": 4}),
        Create(91, 2, CAMERA),
        Create(1, 181, CAMERA),
        Create(float("nan"), 2, CAMERA),
        Modify(0, 1, 1, 2, CAMERA),
        Modify(-5, 1, 1, 2, CAMERA),
        Modify(5, 0, 1, 2, CAMERA),
        Delete(5, -1),
        Delete(True, 1),
    ],
)
def test_an_element_osm_would_reject_is_refused(action):
    with pytest.raises(InvalidElement):
        written([action])


def test_a_refused_element_leaves_the_file_visibly_unfinished():
    out = BytesIO()
    with pytest.raises(InvalidElement), OsmChangeWriter(out) as writer:
        writer.write(Create(1, 2, CAMERA))
        writer.write(Create(1, 2, {"operator": "\x00"}))
    assert b"</osmChange>" not in out.getvalue()


def test_the_callers_file_is_left_open_after_the_export(tmp_path):
    with open(tmp_path / "export.osc", "wb") as out:
        write_osmchange(out, [Delete(1, 1)])
        assert not out.closed
        out.write(b"<!-- appended by the caller -->\n")
    assert (
        (tmp_path / "export.osc")
        .read_bytes()
        .endswith(b"</osmChange>\n<!-- appended by the caller -->\n")
    )


def test_a_writer_never_entered_does_not_close_the_callers_file():
    out = BytesIO()
    writer = OsmChangeWriter(out)
    del writer
    gc.collect()
    assert not out.closed


def test_mixed_actions_keep_their_order_in_blocks_of_one_kind():
    actions = [Create(1, 2, CAMERA), Modify(5, 1, 1, 2, CAMERA), Create(3, 4, CAMERA)]
    root = parsed(actions)
    assert [block.tag for block in root] == ["create", "modify", "create"]
    assert [node.get("id") for node in root.iter("node")] == ["-1", "5", "-2"]


def test_the_writer_returns_the_placeholder_of_each_create_and_remembers_refs():
    out = BytesIO()
    with OsmChangeWriter(out) as writer:
        ids = [
            writer.write(Create(1, 2, CAMERA, ref="obs-a")),
            writer.write(Modify(77, 3, 1, 2, CAMERA, ref="obs-b")),
            writer.write(Create(3, 4, CAMERA)),
            writer.write(Create(5, 6, CAMERA, ref="obs-c")),
            writer.write(Delete(78, 2)),
        ]
    assert ids == [-1, 77, -2, -3, 78]
    assert writer.written.placeholders == {-1: "obs-a", -3: "obs-c"}
    counts = (writer.written.creates, writer.written.modifies, writer.written.deletes)
    assert counts == (3, 1, 1)
    assert writer.written.elements == 5


def creates(count: int):
    return (Create(1 + index / 1e6, 2, CAMERA, ref=index) for index in range(count))


def write_in_memory(actions, **options):
    files = []

    class Part(BytesIO):
        def __exit__(self, *error):
            files.append(self.getvalue())

    return write_parts(actions, lambda number: Part(), **options), files


def test_the_default_part_size_is_the_osm_changeset_limit():
    assert MAX_ELEMENTS_PER_CHANGESET == 10_000


def test_a_larger_export_is_split_into_parts_of_at_most_the_limit():
    summaries, files = write_in_memory(creates(8), max_elements=3)
    assert [summary.elements for summary in summaries] == [3, 3, 2]
    assert [len(ET.fromstring(raw).findall("create/node")) for raw in files] == [3, 3, 2]


def test_placeholder_ids_never_repeat_across_parts():
    _, files = write_in_memory(creates(7), max_elements=3)
    ids = [node.get("id") for raw in files for node in ET.fromstring(raw).iter("node")]
    assert ids == [str(-number) for number in range(1, 8)]


def test_each_part_maps_its_placeholders_to_the_callers_refs():
    summaries, _ = write_in_memory(creates(5), max_elements=2)
    assert [summary.placeholders for summary in summaries] == [
        {-1: 0, -2: 1},
        {-3: 2, -4: 3},
        {-5: 4},
    ]


def test_parts_written_without_their_placeholders_keep_their_counts():
    # What a file export asks for: the refs of 100,000 creates would stay until the end.
    summaries, files = write_in_memory(creates(5), max_elements=2, placeholders=False)
    assert [(summary.creates, summary.placeholders) for summary in summaries] == [
        (2, {}),
        (2, {}),
        (1, {}),
    ]
    assert [node.get("id") for raw in files for node in ET.fromstring(raw).iter("node")] == [
        str(-number) for number in range(1, 6)
    ]


def test_an_export_of_exactly_the_limit_is_one_part():
    summaries, _ = write_in_memory(creates(4), max_elements=4)
    assert len(summaries) == 1


def test_ten_thousand_and_one_elements_make_two_parts_by_default():
    summaries, _ = write_in_memory(creates(10_001))
    assert [summary.elements for summary in summaries] == [10_000, 1]


def test_nothing_to_export_writes_no_part():
    assert write_in_memory([], max_elements=3) == ([], [])


def test_parts_are_read_lazily_from_an_endless_stream():
    endless = (Delete(number, 1) for number in itertools.count(1))
    first = next(split_into_parts(endless, 3))
    assert [action.id for action in first] == [1, 2, 3]
    assert next(endless).id == 4


def test_a_part_must_hold_at_least_one_element():
    with pytest.raises(ValueError):
        next(split_into_parts([Delete(1, 1)], 0))


def _reference_document(actions, changeset=None) -> bytes:
    """The same layout written through XMLGenerator's own calls, the way the writer once did:
    a second, independent route to the bytes the fast writer must produce."""
    from xml.sax.saxutils import XMLGenerator

    out = BytesIO()
    xml = XMLGenerator(out, encoding="utf-8", short_empty_elements=True)
    space = xml.ignorableWhitespace
    xml.startDocument()
    xml.startElement("osmChange", {"version": "0.6", "generator": "ref & <co>"})
    block, placeholder = None, itertools.count(-1, -1)
    for action in actions:
        kind = {Create: "create", Modify: "modify", Delete: "delete"}[type(action)]
        if kind != block:
            if block:
                space("\n  ")
                xml.endElement(block)
            space("\n  ")
            xml.startElement(kind, {"if-unused": "true"} if kind == "delete" else {})
            block = kind
        if kind == "create":
            attributes = {"id": str(next(placeholder))}
        else:
            attributes = {"id": str(action.id), "version": str(action.version)}
        if changeset:
            attributes["changeset"] = str(changeset)
        if kind != "delete":
            attributes |= {"lat": f"{action.lat:.7f}", "lon": f"{action.lon:.7f}"}
        space("\n    ")
        xml.startElement("node", attributes)
        for key, value in getattr(action, "tags", {}).items():
            space("\n      ")
            xml.startElement("tag", {"k": key, "v": value})
            xml.endElement("tag")
        if getattr(action, "tags", None):
            space("\n    ")
        xml.endElement("node")
    space("\n  ")
    xml.endElement(block)
    space("\n")
    xml.endElement("osmChange")
    space("\n")
    xml.endDocument()
    return out.getvalue()


@pytest.mark.parametrize("changeset", [None, 77])
def test_the_fast_writer_writes_the_bytes_xmlgenerator_would(changeset):
    values = [*HOSTILE, 'only "double" quotes', "only 'single' quotes"]
    actions = [Create(43.1, 5.2, {**CAMERA, "operator": v}) for v in values]
    actions += [Modify(9, 3, 43.2, 5.3, {**CAMERA, 'k"ey': "a&b", "<k>": "x"}), Delete(10, 2)]
    actions += [Create(1.5, -2.25, CAMERA), Delete(11, 1)]
    options = {"generator": "ref & <co>"} | ({"changeset": changeset} if changeset else {})
    assert written(actions, **options) == _reference_document(actions, changeset)
