"""The cameras out of use an organiser is told to check are those the plan really sends: the
export's report and counts, the upload's dry run and the upload itself say the same, from the
same code (server/exports/osc.py `PlanChecks`).

Found on a walk whose loaded area a walker strayed past: the file left a camera out (its OSM
cameras were not loaded there), yet the report told the organiser to check it against a
camera out of use, and counted it. And an organiser who uploaded without exporting first was
never given those counts.
"""

import json

import pytest
from sqlalchemy import select

from server.exports.osc import Scope
from server.exports.upload import upload_scope
from server.extensions import db
from server.osm.cli import upload_command
from server.osm.models import Export
from server.osm.service import store_node
from tests.server.osm.test_export_walker_answers import LAT, LON, METRE_DEG, card, log
from tests.server.osm.test_review_node_choice import approve, choose
from tests.server.osm.test_upload_preview import dry_run

OUT_OF_USE = {"disused:man_made": "surveillance", "surveillance:type": "camera"}
LIFECYCLE_TAG = {"man_made": "surveillance", "disused": "yes"}
NODE = 601
# A loaded box a kilometre east of the walk's cameras.
ELSEWHERE = [LON + 0.02, LAT - 0.01, LON + 0.03, LAT + 0.01]
# The export's counts of the warnings to check before uploading (docs/contract.md).
CHECKED = ("ambiguous", "disagreeing", "disused_nearby", "disused_node")


def beside_one_out_of_use(client, group) -> str:
    """An approved camera logged 4 m from a node marked out of use: a create, and a warning."""
    store_node(NODE, 2, LON, LAT + 4 * METRE_DEG, OUT_OF_USE)
    db.session.commit()
    survey, _ = log(client, group)
    approve(client, group, survey)
    return survey


def exported(client, group) -> dict:
    """The walk's osmChange export as recorded: its counts and report."""
    with client.get(
        f"/api/v1/walks/{group.walk.id}/export.osc", headers=group.headers("organiser")
    ) as answer:
        assert answer.status_code == 200
    latest = db.session.scalar(select(Export.id).order_by(Export.id.desc()).limit(1))
    return client.get(f"/api/v1/exports/{latest}", headers=group.headers("organiser")).json


def warnings(items: list[dict]) -> list[tuple]:
    return [(item["warning"], item["observation"]) for item in items if "warning" in item]


@pytest.mark.parametrize(
    ("loaded", "code"),
    [(None, "osm_not_loaded"), (ELSEWHERE, "outside_loaded_area")],
    ids=["never loaded", "loaded elsewhere"],
)
def test_a_new_camera_the_plan_leaves_out_is_not_named_beside_one_out_of_use(
    client, group, loaded, code
):
    group.walk.osm_fetched_bbox = loaded
    db.session.commit()
    survey = beside_one_out_of_use(client, group)

    export = exported(client, group)
    preview = dry_run(client, group)

    assert (export["counts"]["created"], export["counts"]["disused_nearby"]) == (0, 0)
    assert [(item["observation"], item.get("code")) for item in export["report"]] == [
        (survey, code)
    ]
    assert [(item["observation"], item["code"]) for item in preview["skipped"]] == [(survey, code)]
    assert preview["out_of_use"] == []


def test_a_new_camera_the_upload_holds_back_is_not_named_by_the_upload(client, group):
    # After a file with new cameras, the upload holds them back until a fetch (`held_back`):
    # it sends no such camera, so it has none to check; the file named it.
    survey = beside_one_out_of_use(client, group)
    export = exported(client, group)

    preview = dry_run(client, group)

    assert warnings(export["report"]) == [("disused_nearby", survey)]
    assert [held["creates"] for held in preview["held_back"]] == [1]
    assert preview["counts"]["created"] == 0 and preview["out_of_use"] == []


def two_to_check(client, group) -> tuple[str, str]:
    """A new camera beside one out of use, and a survey an organiser put on another."""
    beside = beside_one_out_of_use(client, group)
    store_node(NODE + 1, 1, LON + 40 * METRE_DEG, LAT, LIFECYCLE_TAG)
    db.session.commit()
    linked, _ = log(client, group, operator="Bar du coin")
    choose(client, group, linked, osm_node_id=NODE + 1)
    approve(client, group, linked)
    return beside, linked


def test_the_upload_counts_what_to_check_as_the_export_does(app, client, group):
    beside, linked = two_to_check(client, group)

    walk, whole_group = dry_run(client, group), dry_run(client, group, "groups")
    printed = app.test_cli_runner().invoke(
        upload_command, ["--walk", str(group.walk.id), "--dry-run"], env={}
    )
    export = exported(client, group)  # last: after the file, the upload holds creates back

    checked = {key: export["counts"][key] for key in CHECKED}
    assert (checked["disused_nearby"], checked["disused_node"]) == (1, 1)
    assert printed.exit_code == 0, printed.output
    command = json.loads(printed.output[printed.output.index("\n{") :])
    for plan in (walk, whole_group, command):
        assert {key: plan["counts"][key] for key in CHECKED} == checked
        assert (plan["counts"]["created"], plan["counts"]["modified"]) == (1, 1)
        assert sorted(warnings(plan["out_of_use"])) == sorted(
            [("disused_nearby", beside), ("disused_node", linked)]
        )
    assert sorted(warnings(export["report"])) == sorted(warnings(walk["out_of_use"]))


def test_a_real_upload_counts_what_to_check_as_its_dry_run(client, group, fake_osm, osm_client):
    beside, linked = two_to_check(client, group)
    fake_osm.state.add_node(NODE + 1, LAT, LON + 40 * METRE_DEG, LIFECYCLE_TAG)
    scope = Scope.of_walk(group.walk)

    preview = upload_scope(scope, None, dry_run=True)
    sent = upload_scope(scope, osm_client)

    assert sent.failed == [] and sent.changesets
    assert sent.counts == preview.counts
    assert (sent.counts["disused_nearby"], sent.counts["disused_node"]) == (1, 1)
    assert sorted(warnings(sent.out_of_use)) == sorted(warnings(preview.out_of_use))
    assert sorted(warnings(sent.out_of_use)) == [
        ("disused_nearby", beside),
        ("disused_node", linked),
    ]


def card_warning(client, group, survey, status="pending"):
    return card(client, group, survey, status)["osm_change"]["disused_nearby"]


def test_the_review_card_warns_of_a_camera_out_of_use_as_the_report_does(client, group):
    # The card reads its warning from the report's code, not a rule of its own.
    store_node(NODE, 2, LON, LAT + 4 * METRE_DEG, OUT_OF_USE)
    db.session.commit()
    survey, _ = log(client, group)

    warned = card_warning(client, group, survey)
    approve(client, group, survey)
    export = exported(client, group)

    assert warned == {
        "observation": survey, "warning": "disused_nearby", "osm_node_id": NODE,
        "distance_m": 4.0,
    }  # fmt: skip
    assert warned in export["report"]
    assert card_warning(client, group, survey, "approved") == warned


@pytest.mark.parametrize("loaded", [None, ELSEWHERE], ids=["never loaded", "loaded elsewhere"])
def test_the_card_is_quiet_when_the_file_would_leave_the_camera_out(client, group, loaded):
    group.walk.osm_fetched_bbox = loaded
    db.session.commit()
    store_node(NODE, 2, LON, LAT + 4 * METRE_DEG, OUT_OF_USE)
    db.session.commit()
    survey, _ = log(client, group)

    change = card(client, group, survey)["osm_change"]

    assert change["action"] == "nothing" and [n["id"] for n in change["out_of_use"]] == [NODE]
    assert change["disused_nearby"] is None


def test_the_card_is_quiet_after_an_organiser_s_new_camera(client, group):
    store_node(NODE, 2, LON, LAT + 4 * METRE_DEG, OUT_OF_USE)
    db.session.commit()
    survey, _ = log(client, group)

    chosen = choose(client, group, survey, new_camera=True)

    assert chosen.status_code == 200, chosen.json
    change = card(client, group, survey)["osm_change"]
    assert (change["action"], change["chosen_by"]) == ("create", "new_camera")
    assert change["disused_nearby"] is None
