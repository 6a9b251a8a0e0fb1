import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import pytest

from sync.osm.changeset import (
    ChangedNode,
    ChangesetInfo,
    DiffEntry,
    changeset_comment,
    changeset_tags,
    changeset_xml,
    opened_for,
    read_changeset_download,
    read_changesets,
    read_diff_result,
)
from sync.osm.tags import TagError


@pytest.mark.parametrize(
    ("creates", "modifies", "deletes", "place", "comment"),
    [
        (
            14,
            0,
            0,
            "Noailles, Marseille",
            "Add 14 surveyed surveillance cameras, Noailles, Marseille",
        ),
        (1, 0, 0, "Noailles", "Add 1 surveyed surveillance camera, Noailles"),
        (0, 9, 0, "Noailles", "Update 9 surveyed surveillance cameras, Noailles"),
        (0, 1, 0, None, "Update 1 surveyed surveillance camera"),
        (31, 9, 0, "Noailles", "Add 31 and update 9 surveyed surveillance cameras, Noailles"),
        (
            31,
            9,
            1,
            "Noailles, Marseille",
            "Add 31 and update 9 surveyed surveillance cameras, remove 1 reported gone on survey, "
            "Noailles, Marseille",
        ),
        (0, 0, 1, "Noailles", "Remove 1 surveillance camera reported gone on survey, Noailles"),
        (0, 0, 3, "", "Remove 3 surveillance cameras reported gone on survey"),
        (
            2,
            0,
            2,
            "  Belsunce ",
            "Add 2 surveyed surveillance cameras, remove 2 reported gone on survey, Belsunce",
        ),
    ],
)
def test_the_comment_says_what_was_done_and_where(creates, modifies, deletes, place, comment):
    assert changeset_comment(creates, modifies, deletes, place) == comment


@pytest.mark.parametrize("counts", [(0, 0, 0), (-1, 2, 0)])
def test_a_comment_needs_something_to_describe(counts):
    with pytest.raises(ValueError):
        changeset_comment(*counts, "Noailles")


def test_changeset_tags_carry_comment_tool_source_and_hashtags():
    tags = changeset_tags("Add 2 cameras", hashtags=["camwalk-marseille", "#surveillance", " "])
    assert tags == {
        "comment": "Add 2 cameras",
        "created_by": "camwalk 0.1",
        "source": "survey",
        "hashtags": "#camwalk-marseille;#surveillance",
    }


def test_no_hashtags_means_no_hashtags_tag():
    assert "hashtags" not in changeset_tags("Add 2 cameras")


def test_the_changeset_body_is_osm_changeset_tags():
    tags = changeset_tags('Add 2 cameras, "Noailles" & <Belsunce>\nthanks', hashtags=["cw"])
    root = ET.fromstring(changeset_xml(tags))
    assert root.tag == "osm"
    (changeset,) = root
    assert changeset.tag == "changeset"
    assert {tag.get("k"): tag.get("v") for tag in changeset.findall("tag")} == tags


def test_an_over_long_comment_is_refused_not_cut():
    with pytest.raises(TagError):
        changeset_xml(changeset_tags("Add 2 cameras, " + "Noailles " * 30))


DIFF_RESULT = b"""<?xml version="1.0" encoding="UTF-8"?>
<diffResult version="0.6" generator="OpenStreetMap server">
  <node old_id="-1" new_id="12001" new_version="1"/>
  <node old_id="-2" new_id="12002" new_version="1"/>
  <node old_id="1001" new_id="1001" new_version="5"/>
  <node old_id="1002"/>
</diffResult>
"""


def test_the_diff_result_gives_new_ids_and_versions_per_node():
    assert read_diff_result(DIFF_RESULT) == [
        DiffEntry("node", -1, 12001, 1),
        DiffEntry("node", -2, 12002, 1),
        DiffEntry("node", 1001, 1001, 5),
        DiffEntry("node", 1002, None, None),
    ]


def test_the_diff_result_reads_from_text_too():
    assert len(read_diff_result(DIFF_RESULT.decode())) == 4


def test_an_answer_that_is_not_a_diff_result_is_an_error():
    with pytest.raises(ValueError, match="diffResult"):
        read_diff_result(b"<osm><node id='1'/></osm>")


# What GET /api/0.6/changeset/{id}/download answers: the changeset's elements as it left them,
# with the metadata the API adds.
DOWNLOAD = b"""<?xml version="1.0" encoding="UTF-8"?>
<osmChange version="0.6" generator="OpenStreetMap server"
           copyright="OpenStreetMap and contributors">
  <create>
    <node id="12001" visible="true" version="1" changeset="500" timestamp="2026-12-05T09:00:00Z"
          user="technopolice" uid="42" lat="43.2990000" lon="5.3850000">
      <tag k="man_made" v="surveillance"/>
      <tag k="camera:type" v="dome"/>
    </node>
  </create>
  <modify>
    <node id="1001" visible="true" version="5" changeset="500" timestamp="2026-12-05T09:00:00Z"
          user="technopolice" uid="42" lat="43.2961000" lon="5.3812000">
      <tag k="man_made" v="surveillance"/>
      <tag k="operator" v="Police municipale &amp; Cie"/>
    </node>
  </modify>
  <delete>
    <node id="1002" visible="false" version="3" changeset="500" timestamp="2026-12-05T09:00:00Z"
          user="technopolice" uid="42"/>
  </delete>
</osmChange>
"""


def test_a_changesets_download_gives_each_node_as_it_left_it():
    assert read_changeset_download(DOWNLOAD) == [
        ChangedNode(
            "create", 12001, 1, 43.299, 5.385,
            {"man_made": "surveillance", "camera:type": "dome"},
        ),
        ChangedNode(
            "modify", 1001, 5, 43.2961, 5.3812,
            {"man_made": "surveillance", "operator": "Police municipale & Cie"},
        ),
        ChangedNode("delete", 1002, 3, None, None, {}),
    ]  # fmt: skip


def test_an_answer_that_is_not_a_changesets_download_is_an_error():
    with pytest.raises(ValueError, match="osmChange"):
        read_changeset_download(b"<osm><node id='1'/></osm>")


LISTED = b"""<osm version="0.6">
  <changeset id="502" created_at="2026-12-05T11:04:30Z" open="true" uid="4242">
    <tag k="comment" v="Add 2 surveyed surveillance cameras, Noailles"/>
    <tag k="created_by" v="camwalk 0.1.0"/>
  </changeset>
  <changeset id="501" created_at="2026-12-05T10:00:00Z" open="false" uid="4242"/>
</osm>"""


def test_a_list_of_changesets_gives_each_ones_id_time_state_and_tags():
    first, second = read_changesets(LISTED)

    assert first.id == 502 and first.open is True
    assert first.created_at == datetime(2026, 12, 5, 11, 4, 30, tzinfo=UTC)
    assert first.tags["created_by"] == "camwalk 0.1.0"
    assert (second.id, second.open, second.tags) == (501, False, {})


def test_an_answer_that_is_not_a_list_of_changesets_is_an_error():
    with pytest.raises(ValueError):
        read_changesets(b"<osmChange/>")


ASKED_AT = datetime(2026, 12, 5, 11, 4, 29, tzinfo=UTC)
COMMENT = "Add 2 surveyed surveillance cameras, Noailles"


@pytest.mark.parametrize(
    ("change", "found"),
    [
        ({}, True),
        ({"created_by": "camwalk 0.2.0"}, True),  # the server upgraded since: still camwalk's
        ({"open": False}, False),  # closed already, by OSM after an hour
        ({"known": {502}}, False),  # an upload recorded it: not a stray
        ({"created_by": "JOSM/1.5"}, False),
        ({"comment": "Add 9 surveyed surveillance cameras, Noailles"}, False),
        ({"asked_at": ASKED_AT + timedelta(minutes=30)}, False),  # another request's
        ({"asked_at": ASKED_AT - timedelta(minutes=9)}, True),  # the clocks disagree a little
    ],
)
def test_the_changeset_opened_unheard_is_camwalks_open_unrecorded_one_with_the_comment(
    change, found
):
    (listed,) = [c for c in read_changesets(LISTED) if c.id == 502]
    tags = dict(listed.tags, comment=change.get("comment", COMMENT))
    if "created_by" in change:
        tags["created_by"] = change["created_by"]
    changeset = ChangesetInfo(listed.id, listed.created_at, change.get("open", True), tags)

    chosen = opened_for(
        [changeset], COMMENT, change.get("asked_at", ASKED_AT), change.get("known", set())
    )

    assert (chosen is changeset) is found
