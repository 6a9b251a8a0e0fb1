"""The OSM upload names a disagreeing match as the export does: a camera matched by distance
to a node whose camera type or mount says otherwise. An organiser who uploads from the web
page or the command, without downloading the osmChange, saw only the ambiguous matches."""

import json

from server.exports.osc import Scope
from server.exports.upload import upload_scope
from server.osm.cli import upload_command
from tests.server.osm.test_export_walker_answers import (
    DISAGREEING_KEYS,
    DOME_ON_POLE,
    LAT,
    LON,
    METRE_DEG,
    approve,
    disagreeing_match,
    log,
    mapped_camera_4_m_north,
)


def fixed_camera_on_a_wall_by_a_dome_on_a_pole(client, group) -> str:
    mapped_camera_4_m_north(DOME_ON_POLE)
    survey, _ = log(client, group, camera_type="fixed", mount="wall")
    approve(client, group, survey)
    return survey


def test_a_dry_run_names_the_disagreeing_match_and_its_keys(client, group):
    survey = fixed_camera_on_a_wall_by_a_dome_on_a_pole(client, group)

    answer = client.post(
        f"/api/v1/walks/{group.walk.id}/osm-upload",
        json={"dry_run": True},
        headers=group.headers("organiser"),
    )

    assert answer.status_code == 200, answer.json
    assert answer.json["disagreeing"] == [disagreeing_match(survey)]
    (change,) = answer.json["changes"]
    assert (change["action"], change["node"], change["disagreeing"]) == (
        "modify",
        501,
        DISAGREEING_KEYS,
    )
    assert change["ambiguous_with"] is None and answer.json["ambiguous"] == []


def test_a_match_that_agrees_lists_no_disagreement(client, group):
    mapped_camera_4_m_north(DOME_ON_POLE)
    survey, _ = log(client, group, camera_type="dome", mount="pole")
    approve(client, group, survey)

    answer = client.post(
        f"/api/v1/walks/{group.walk.id}/osm-upload",
        json={"dry_run": True},
        headers=group.headers("organiser"),
    )

    assert answer.json["disagreeing"] == []
    assert [change["disagreeing"] for change in answer.json["changes"]] == [[]]


def test_the_upload_command_prints_a_group_s_disagreeing_matches(app, client, group):
    survey = fixed_camera_on_a_wall_by_a_dome_on_a_pole(client, group)

    result = app.test_cli_runner().invoke(
        upload_command, ["--group", str(group.id), "--dry-run"], env={}
    )

    assert result.exit_code == 0, result.output
    printed = json.loads(result.output[result.output.index("\n{") :])
    assert [(item["observation"], item["keys"]) for item in printed["disagreeing"]] == [
        (survey, ["camera:type", "camera:mount"])
    ]
    # Every key it printed before, as before.
    assert {"ambiguous", "skipped", "failed", "changes", "held_back"} <= printed.keys()
    assert printed["changes"][0]["disagreeing"] == DISAGREEING_KEYS


def test_a_real_upload_reports_the_disagreeing_match_it_sent(client, group, fake_osm, osm_client):
    survey = fixed_camera_on_a_wall_by_a_dome_on_a_pole(client, group)
    fake_osm.state.add_node(501, LAT + 4 * METRE_DEG, LON, DOME_ON_POLE, version=3)

    sent = upload_scope(Scope.of_walk(group.walk), osm_client).as_dict()

    assert (sent["status"], sent["counts"]["modified"]) == ("done", 1)
    assert [(item["observation"], item["osm_node_id"]) for item in sent["disagreeing"]] == [
        (survey, 501)
    ]
