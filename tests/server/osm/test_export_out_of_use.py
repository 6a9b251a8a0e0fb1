"""What the export, its dry run and the review card do with a camera a mapper marked as no
longer in use (docs/osm.md): offered, never matched by distance, named in the report.

Found by an OSM mapper: a camera logged 4 m from a node tagged
`disused:man_made=surveillance` became a plain create without a word (the fetch never
brought that node), and one logged by a node tagged `disused=yes` got the survey's tags
and check_date while staying out of use, as if the walker had confirmed it dead.
"""

import json

import pytest
from sqlalchemy import select

from server.exports.osc import ExportResult, short_report
from server.extensions import db
from server.osm.models import Export, OsmNode
from server.osm.service import store_node
from tests.server.osm.test_export_walker_answers import LAT, LON, METRE_DEG, card, log
from tests.server.osm.test_review_node_choice import approve, choose, export

PREFIXED = {"disused:man_made": "surveillance", "surveillance:type": "camera"}
LIFECYCLE_TAG = {"man_made": "surveillance", "disused": "yes"}
NODE = 601


def mapped_4_m_north(tags):
    store_node(NODE, 2, LON, LAT + 4 * METRE_DEG, tags)
    db.session.commit()


def report_of(client, group) -> list[dict]:
    """The report of the osmChange file `export` made, as the API serves it."""
    latest = db.session.scalar(select(Export.id).order_by(Export.id.desc()).limit(1))
    answer = client.get(f"/api/v1/exports/{latest}", headers=group.headers("organiser"))
    assert answer.status_code == 200, answer.json
    return answer.get_json()["report"]


@pytest.mark.parametrize("tags", [PREFIXED, LIFECYCLE_TAG], ids=["prefix", "disused=yes"])
def test_a_camera_logged_by_one_out_of_use_is_a_create_the_report_names(client, group, tags):
    mapped_4_m_north(tags)
    survey, _ = log(client, group, operator="Bar du coin")

    change = card(client, group, survey)["osm_change"]
    assert (change["action"], change["chosen_by"], change["node"]) == ("create", None, None)
    assert change["candidates"] == [] and change["other_kinds"] == []
    assert [(node["id"], node["distance_m"]) for node in change["out_of_use"]] == [(NODE, 4.0)]
    assert change["out_of_use"][0]["tags"] == tags

    approve(client, group, survey)
    actions, preview = export(client, group)

    assert actions.get("modify", []) == [] and len(actions["create"]) == 1
    nearby = {
        "observation": survey, "warning": "disused_nearby", "osm_node_id": NODE,
        "distance_m": 4.0,
    }  # fmt: skip
    assert preview["out_of_use"] == [nearby]
    report = report_of(client, group)
    assert nearby in report
    line = short_report(ExportResult(1, {**_COUNTS, "created": 1}, report, 1))
    assert f"OSM node {NODE}, mapped as no longer in use" in line


_COUNTS = {"created": 0, "modified": 0, "deleted": 0, "skipped": 0, "not_approved": 0}


@pytest.mark.parametrize(
    ("tags", "kept"),
    [(PREFIXED, "disused:man_made"), (LIFECYCLE_TAG, "disused")],
    ids=["prefix", "disused=yes"],
)
def test_an_organiser_who_chooses_it_gets_a_modify_that_keeps_it_out_of_use(
    client, group, tags, kept
):
    mapped_4_m_north(tags)
    survey, _ = log(client, group, operator="Bar du coin")

    chosen = choose(client, group, survey, osm_node_id=NODE)
    approve(client, group, survey)
    actions, preview = export(client, group)

    assert chosen.status_code == 200, chosen.json
    ((node_id, written),) = actions["modify"]
    assert node_id == NODE and written[kept] == tags[kept]
    assert written["operator"] == "Bar du coin"
    assert ("man_made" in written) is ("man_made" in tags)  # never put back beside the prefix
    (warning,) = preview["out_of_use"]
    assert (warning["warning"], warning["osm_node_id"], warning["keys"]) == (
        "disused_node", NODE, [kept],
    )  # fmt: skip
    assert [item for item in report_of(client, group) if item.get("warning")] == [warning]


def test_an_organisers_new_camera_beside_one_out_of_use_is_not_named_again(client, group):
    mapped_4_m_north(PREFIXED)
    survey, _ = log(client, group)

    chosen = choose(client, group, survey, new_camera=True)
    approve(client, group, survey)
    actions, preview = export(client, group)

    assert chosen.status_code == 200, chosen.json
    assert len(actions["create"]) == 1 and preview["out_of_use"] == []
    assert [item for item in report_of(client, group) if item.get("warning")] == []
    # Still offered on the card, should she change her mind.
    change = card(client, group, survey, status="approved")["osm_change"]
    assert [node["id"] for node in change["out_of_use"]] == [NODE]


def test_a_fetch_from_overpass_caches_the_cameras_marked_out_of_use(
    app, client, group, fake_osm, monkeypatch, add_observation
):
    monkeypatch.setitem(app.config, "OVERPASS_URL", f"{fake_osm.url}/api")
    fake_osm.state.add_node(7101, 43.2962, 5.3813, PREFIXED, version=3)
    fake_osm.state.add_node(7102, 43.2963, 5.3813, {"man_made": "surveillance"})
    add_observation(group, 5.3812, 43.2961)

    answer = client.post(
        f"/api/v1/walks/{group.walk.id}/osm-fetch", headers=group.headers("organiser")
    )

    assert answer.status_code == 200, answer.json
    cached = {node.osm_id: node.tags for node in db.session.scalars(select(OsmNode))}
    assert cached == {7101: PREFIXED, 7102: {"man_made": "surveillance"}}


@pytest.mark.parametrize(
    ("tags", "keys"),
    [(PREFIXED, ["disused:man_made"]), (LIFECYCLE_TAG, ["disused"])],
    ids=["prefix", "disused=yes"],
)
def test_the_walkers_phone_is_told_which_cameras_are_out_of_use(client, group, tags, keys):
    # Her "already in OSM?" banner and the map read it: with the tags alone, a camera marked
    # out of use was offered and drawn as one in use.
    mapped_4_m_north(tags)
    store_node(NODE + 1, 1, LON, LAT - 4 * METRE_DEG, {"man_made": "surveillance"})
    db.session.commit()
    log(client, group)

    answer = client.get(f"/api/v1/walks/{group.walk.id}/osm-nodes", headers=group.headers())

    assert answer.status_code == 200, answer.json
    nodes = {node["id"]: node for node in answer.json["nodes"]}
    assert {node_id: node["out_of_use"] for node_id, node in nodes.items()} == {
        NODE: keys, NODE + 1: [],
    }  # fmt: skip
    assert nodes[NODE]["tags"] == tags


def test_the_exports_counts_say_how_many_cameras_out_of_use_to_check(client, group):
    # Counted as ambiguous and disagreeing matches are: a script reading `counts` (or the
    # X-Camwalk-Export-Counts header) alone took an export with these for one with none.
    mapped_4_m_north(PREFIXED)
    store_node(NODE + 1, 1, LON + 40 * METRE_DEG, LAT, LIFECYCLE_TAG)
    db.session.commit()
    beside, _ = log(client, group)
    linked, _ = log(client, group, operator="Bar du coin")
    choose(client, group, linked, osm_node_id=NODE + 1)
    for survey in (beside, linked):
        approve(client, group, survey)

    with client.get(
        f"/api/v1/walks/{group.walk.id}/export.osc", headers=group.headers("organiser")
    ) as answer:
        assert answer.status_code == 200
        header = json.loads(answer.headers["X-Camwalk-Export-Counts"])
    latest = db.session.scalar(select(Export.id).order_by(Export.id.desc()).limit(1))
    recorded = client.get(f"/api/v1/exports/{latest}", headers=group.headers("organiser"))

    counts = recorded.get_json()["counts"]
    assert (counts["disused_nearby"], counts["disused_node"]) == (1, 1)
    assert header == counts
    report = recorded.get_json()["report"]
    warnings = [item["warning"] for item in report if "warning" in item]
    assert sorted(warnings) == ["disused_nearby", "disused_node"]
    # `camwalk export osc` prints a line for each one counted.
    printed = short_report(ExportResult(latest, counts, report, 1)).splitlines()
    assert len([line for line in printed if line.startswith("  check ")]) == 2
