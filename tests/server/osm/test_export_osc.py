"""osmChange export of a walk or a group: what is created, modified, deleted and skipped.

The file is checked by osmium (an independent reader): applied to the OSM data the cache came
from, it must give exactly the expected nodes and tags.
"""

import datetime as dt
import os
import shutil
import subprocess
from io import BytesIO
from xml.etree.ElementTree import fromstring, parse

import pytest
from sqlalchemy import select

from server.exports.osc import Scope, export_osc
from server.extensions import db
from server.osm.cli import export_group
from server.osm.models import Export
from server.osm.service import store_node

POLICE = "Police municipale de Marseille"
BASE_OSM = """<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="test">
  <node id="101" version="3" lat="43.2961000" lon="5.3812000">
    <tag k="man_made" v="surveillance"/><tag k="note" v="seen from the square"/>
  </node>
  <node id="102" version="1" lat="43.2970000" lon="5.3795000">
    <tag k="man_made" v="surveillance"/>
  </node>
  <node id="103" version="2" lat="43.2950000" lon="5.3830000">
    <tag k="man_made" v="surveillance"/>
  </node>
  <node id="104" version="1" lat="43.2971000" lon="5.3796000"/>
  <way id="201" version="1"><nd ref="102"/><nd ref="104"/><tag k="building" v="yes"/></way>
</osm>
"""


@pytest.fixture
def surveyed(group, add_observation):
    """Cached nodes 101-103 and observations of every kind the export must tell apart."""
    store_node(
        101, 3, 5.3812, 43.2961, {"man_made": "surveillance", "note": "seen from the square"}
    )
    store_node(102, 1, 5.3795, 43.2970, {"man_made": "surveillance"}, part_of_way=True)
    store_node(103, 2, 5.3830, 43.2950, {"man_made": "surveillance"})
    db.session.commit()
    day = dt.date(2024, 5, 4)
    made = {
        "matched": add_observation(group, 5.38122, 43.29612, operator=POLICE, mount="pole"),
        "new": add_observation(group, 5.3850, 43.2990, camera_type="dome", direction=[90]),
        "undated": add_observation(group, 5.3860, 43.2995, surveyed_on=None),
        "gone": add_observation(group, 5.3830, 43.2950, presence="gone", osm_node_id=103),
        "gone_vertex": add_observation(group, 5.3795, 43.2970, presence="gone", osm_node_id=102),
        # 72 lens directions make a camera:direction value of 265 characters.
        "too_long": add_observation(group, 5.3870, 43.2999, direction=list(range(0, 360, 5))),
        "pending": add_observation(group, 5.3880, 43.2999, review_status="pending"),
        # Decided: not exported, and not "not approved yet" either.
        "rejected": add_observation(group, 5.3885, 43.2999, review_status="rejected"),
        "deleted": add_observation(group, 5.3890, 43.2999, deleted=True),
    }
    assert made["matched"].surveyed_on == day
    return made


def export_bytes(scope, **options) -> tuple[bytes, object]:
    out = BytesIO()

    class Keep:
        def __enter__(self):
            return out

        def __exit__(self, *exc):
            return False

    result = export_osc(scope, lambda number: Keep(), **options)
    return out.getvalue(), result


def nodes_of(document: bytes, block: str) -> dict[int, dict]:
    root = fromstring(document)
    return {
        int(node.get("id")): {tag.get("k"): tag.get("v") for tag in node.iter("tag")}
        for part in root.iter(block)
        for node in part.iter("node")
    }


def test_the_export_modifies_matches_creates_new_ones_deletes_confirmed_gone_and_says_why_not(
    app, group, surveyed
):
    document, result = export_bytes(Scope.of_walk(group.walk))

    modified = nodes_of(document, "modify")
    assert modified == {
        101: {
            "man_made": "surveillance",
            "note": "seen from the square",
            "surveillance:type": "camera",
            "camera:mount": "pole",
            "operator": POLICE,
            "check_date": "2024-05-04",
        }
    }
    assert fromstring(document).find("modify/node").get("version") == "3"
    # Creates come by place (sync/order.py), not in the order they were logged.
    created = sorted(nodes_of(document, "create").values(), key=lambda tags: "camera:type" in tags)
    assert {"camera:type": "dome", "camera:direction": "90"}.items() <= created[1].items()
    assert "check_date" not in created[0]
    assert list(nodes_of(document, "delete")) == [103]
    assert result.counts == {
        "created": 2, "modified": 1, "deleted": 1, "skipped": 2, "not_approved": 1, "ambiguous": 0,
        "disagreeing": 0, "disused_nearby": 0, "disused_node": 0, "taken_nearby": 0,
        "contradicted_tag": 0,
    }  # fmt: skip
    reasons = {item["observation"]: item["reason"] for item in result.skipped}
    assert "vertex of a way" in reasons[surveyed["gone_vertex"].uuid]
    assert "265 characters" in reasons[surveyed["too_long"].uuid]


def test_every_export_is_recorded_with_its_counts_and_report(app, group, surveyed):
    _, result = export_bytes(Scope.of_group(group.group))
    export = db.session.scalar(select(Export))
    assert (export.id, export.format, export.walk_id) == (result.export_id, "osc", None)
    assert export.counts["created"] == 2
    assert len(export.report) == 2


def test_no_camera_further_than_the_matching_distance_is_modified(app, group, add_observation):
    store_node(101, 3, 5.3812, 43.2961, {"man_made": "surveillance"})
    add_observation(group, 5.38135, 43.2961)  # about 12 m east
    db.session.commit()
    document, _ = export_bytes(Scope.of_walk(group.walk))
    assert nodes_of(document, "modify") == {}
    assert len(nodes_of(document, "create")) == 1
    document, _ = export_bytes(Scope.of_walk(group.walk), max_distance_m=15)
    assert list(nodes_of(document, "modify")) == [101]


def test_an_alpr_never_matches_a_plain_camera_next_to_it(app, group, add_observation):
    store_node(
        101, 3, 5.3812, 43.2961, {"man_made": "surveillance", "surveillance:type": "camera"}
    )
    add_observation(group, 5.3812, 43.2961, kind="ALPR")
    db.session.commit()
    document, _ = export_bytes(Scope.of_walk(group.walk))
    assert nodes_of(document, "modify") == {}
    (created,) = nodes_of(document, "create").values()
    assert created["surveillance:type"] == "ALPR"


def test_a_larger_export_is_split_into_parts_with_unique_placeholders(app, group, add_observation):
    for step in range(5):
        add_observation(group, 5.38 + step * 0.001, 43.29)
    files: list[BytesIO] = []

    class Part(BytesIO):
        def close(self):
            if not self.closed:  # BytesIO may be closed again when collected
                files.append(self.getvalue())
            super().close()

    result = export_osc(Scope.of_walk(group.walk), lambda number: Part(), max_elements=2)
    assert result.parts == 3
    ids = [node_id for document in files for node_id in nodes_of(document, "create")]
    assert sorted(ids) == [-5, -4, -3, -2, -1]


def osmium_or_skip():
    if shutil.which("osmium") is None:
        if os.environ.get("CAMWALK_REQUIRE_TOOLS"):
            pytest.fail("osmium is required (CAMWALK_REQUIRE_TOOLS is set)")
        pytest.skip("osmium-tool is not installed")


def test_osmium_reads_the_export_and_applying_it_gives_exactly_the_expected_nodes(
    app, group, surveyed, tmp_path
):
    osmium_or_skip()
    base, change, out = tmp_path / "base.osm", tmp_path / "export.osc", tmp_path / "out.osm"
    base.write_text(BASE_OSM)
    result = app.test_cli_runner().invoke(
        export_group, ["osc", "--walk", str(group.walk.id), "-o", str(change)]
    )
    assert result.exit_code == 0, result.output
    assert "2 created, 1 modified, 1 deleted, 2 skipped" in result.output

    info = subprocess.run(
        ["osmium", "fileinfo", "-e", str(change)], capture_output=True, text=True, check=True
    )
    assert "Number of nodes: 4" in info.stdout
    subprocess.run(
        ["osmium", "apply-changes", str(base), str(change), "-o", str(out)],
        capture_output=True,
        check=True,
    )
    nodes = {
        int(node.get("id")): {tag.get("k"): tag.get("v") for tag in node.iter("tag")}
        for node in parse(out).getroot().iter("node")
    }
    assert sorted(nodes) == [-2, -1, 101, 102, 104]
    assert nodes[101]["operator"] == POLICE
    assert nodes[101]["note"] == "seen from the square"
    assert nodes[102] == {"man_made": "surveillance"}
    dome, undated = sorted((nodes[-1], nodes[-2]), key=lambda tags: "camera:type" not in tags)
    assert dome["camera:type"] == "dome"
    assert undated == {
        "man_made": "surveillance",
        "surveillance:type": "camera",
    }


def test_organisers_download_the_walk_export_as_an_osmchange_attachment(client, group, surveyed):
    # The file is streamed from a spooled temporary file: the response must be closed.
    with client.get(
        f"/api/v1/walks/{group.walk.id}/export.osc", headers=group.headers("organiser")
    ) as answer:
        data = answer.data
    assert answer.status_code == 200
    assert answer.mimetype == "application/osmchange+xml"
    assert answer.headers["Content-Disposition"].startswith("attachment")
    assert list(nodes_of(data, "delete")) == [103]

    report = client.get(
        answer.headers["X-Camwalk-Export-Report"], headers=group.headers("organiser")
    )
    assert report.status_code == 200
    body = report.get_json()
    assert body["counts"]["modified"] == 1
    assert body["josm_url"].startswith("http://127.0.0.1:8111/import?url=http%3A%2F%2F")
    assert f"exports%2F{body['id']}%2Fdownload%3F" in body["josm_url"]


@pytest.mark.parametrize(
    ("who", "path", "status"),
    [
        ("walker", "/api/v1/walks/{walk}/export.osc", 403),
        ("walker", "/api/v1/groups/{group}/export.osc", 403),
        (None, "/api/v1/walks/{walk}/export.osc", 401),
        ("organiser", "/api/v1/walks/{other_walk}/export.osc", 404),
        ("organiser", "/api/v1/groups/{other_group}/export.osc", 404),
    ],
)
def test_only_organisers_of_the_group_may_export(client, make_group, who, path, status):
    mine, other = make_group("Noailles"), make_group("Belsunce")
    url = path.format(
        walk=mine.walk.id, group=mine.id, other_walk=other.walk.id, other_group=other.id
    )
    answer = client.get(url, headers=mine.headers(who) if who else {})
    assert answer.status_code == status
    assert db.session.scalar(select(Export)) is None


def test_the_group_export_covers_every_walk_of_the_group(client, group, add_observation):
    from server.groups.models import Walk

    second = Walk(group_id=group.id, name="Belsunce")
    db.session.add(second)
    db.session.commit()
    add_observation(group, 5.38, 43.29)
    add_observation(group, 5.39, 43.30, walk_id=second.id)
    with client.get(
        f"/api/v1/groups/{group.id}/export.osc", headers=group.headers("organiser")
    ) as answer:
        assert answer.status_code == 200
        assert len(nodes_of(answer.data, "create")) == 2


@pytest.mark.parametrize("kind", ["osc", "geojson", "csv"])
@pytest.mark.parametrize("owner", ["walks", "groups"])
def test_an_export_report_links_back_to_the_same_owner_and_format(
    client, group, add_observation, owner, kind
):
    # One view per format serves both owners: the report's link must keep both.
    add_observation(group, 5.38, 43.29)
    owner_id = group.walk.id if owner == "walks" else group.id
    path = f"/api/v1/{owner}/{owner_id}/export.{kind}"
    with client.get(path, headers=group.headers("organiser")) as answer:
        assert answer.status_code == 200
        export_id = answer.headers["X-Camwalk-Export-Id"]
        name = f"camwalk-{owner.removesuffix('s')}-{owner_id}"
        assert name in answer.headers["Content-Disposition"]
    report = client.get(f"/api/v1/exports/{export_id}", headers=group.headers("organiser"))
    assert report.get_json()["download_url"] == f"http://localhost{path}"
