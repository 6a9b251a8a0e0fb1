"""What the export does with a walker's answer to the "already in OSM?" banner, and with a
match by distance to a node whose camera type or mount says otherwise.

Found by an OSM mapper on real data: a walker said the camera in front of her was not the
mapped one 4 m away ("it is another one"), and the export matched it to that node by distance
all the same, writing her survey's tags over the mapper's camera.
"""

from xml.etree.ElementTree import fromstring

from server.exports.osc import ExportResult, Scope, short_report
from server.exports.upload import upload_scope
from server.extensions import db
from server.osm.service import store_node
from tests.builders import create_change
from tests.server.osm.test_review_node_choice import approve

METRE_DEG = 1 / 111_195.08  # one metre of latitude, in degrees (camwalk's sphere)
LON, LAT = 5.3812345, 43.2961234
DOME_ON_POLE = {"man_made": "surveillance", "camera:type": "dome", "camera:mount": "pole"}


def mapped_camera_4_m_north(tags=None):
    store_node(501, 3, LON, LAT + 4 * METRE_DEG, tags or {"man_made": "surveillance"})
    db.session.commit()


def log(client, group, **fields) -> tuple[str, dict]:
    """A walker's log under the camera, as her phone sends it; the sync's answer."""
    position = {"lat": LAT, "lon": LON, "accuracy_m": 4}
    change = create_change(group.walk.id, position=position, direction=None, **fields)
    answer = client.post(
        f"/api/v1/groups/{group.id}/sync", json={"changes": [change]}, headers=group.headers()
    )
    assert answer.status_code == 200, answer.json
    return change["observation_id"], answer.json


def card(client, group, observation_id, status="pending") -> dict:
    answer = client.get(
        f"/api/v1/groups/{group.id}/review?status={status}", headers=group.headers("organiser")
    )
    assert answer.status_code == 200, answer.json
    (item,) = [item for item in answer.json if item["id"] == observation_id]
    return item


def export(client, group) -> tuple[dict, dict]:
    """The osmChange as {action: [node id]}, and the export's record (counts, report)."""
    with client.get(
        f"/api/v1/walks/{group.walk.id}/export.osc", headers=group.headers("organiser")
    ) as answer:
        assert answer.status_code == 200
        document = fromstring(answer.data)
        report_url = answer.headers["X-Camwalk-Export-Report"]
    actions = {block.tag: [int(node.get("id")) for node in block] for block in document}
    report = client.get(report_url, headers=group.headers("organiser")).get_json()
    return actions, report


def test_a_walkers_not_this_one_keeps_the_export_off_that_node(client, group):
    mapped_camera_4_m_north()
    survey, answer = log(client, group, operator="Bar du coin", osm_not_node_id=501)

    assert answer["results"][0]["status"] == "applied"
    (stored,) = [o for o in answer["observations"] if o["id"] == survey]
    assert stored["osm_not_node_id"] == 501
    item = card(client, group, survey)
    change = item["osm_change"]
    assert item["osm_not_node_id"] == 501
    assert (change["action"], change["chosen_by"], change["not_node"]) == ("create", None, 501)
    # Offered all the same, for an organiser who knows better.
    assert [candidate["id"] for candidate in change["candidates"]] == [501]

    approve(client, group, survey)
    actions, report = export(client, group)

    assert actions.get("modify", []) == []
    assert len(actions["create"]) == 1
    assert report["counts"]["modified"] == 0 and report["counts"]["created"] == 1


def test_the_organiser_choosing_the_node_a_walker_said_it_is_not_answers_her(client, group):
    """The card offers that node for an organiser who knows better; her choice settles it,
    so the camera never says "it is node 501" and "it is not node 501" at once."""
    mapped_camera_4_m_north()
    survey, _ = log(client, group, osm_not_node_id=501)

    chosen = client.post(
        f"/api/v1/observations/{survey}/osm-node",
        json={"osm_node_id": 501},
        headers=group.headers("organiser"),
    )

    assert chosen.status_code == 200, chosen.json
    observation = chosen.json["observation"]
    assert (observation["osm_node_id"], observation["osm_not_node_id"]) == (501, None)
    change = card(client, group, survey)["osm_change"]
    assert (change["chosen_by"], change["not_node"]) == ("link", None)


def test_without_her_answer_the_same_log_updates_the_mapped_camera(client, group):
    mapped_camera_4_m_north()
    survey, _ = log(client, group, operator="Bar du coin")

    assert card(client, group, survey)["osm_change"]["not_node"] is None
    approve(client, group, survey)
    actions, _ = export(client, group)

    assert actions["modify"] == [501]


def test_a_not_this_one_that_is_no_node_id_is_refused_with_the_field_named(client, group):
    for wrong in (0, -4, "501", True, 2**63):
        _, answer = log(client, group, osm_not_node_id=wrong)

        (result,) = answer["results"]
        assert result["status"] == "rejected", (wrong, result)
        assert result["error"]["code"] == "invalid_change"
        assert "osm_not_node_id" in result["error"]["errors"]["fields"], result["error"]


# A fixed camera on a wall surveyed 4 m from node 501, mapped as a dome on a pole: the keys as
# the review card and an upload's dry run name them, and the export report's item.
DISAGREEING_KEYS = [
    {"key": "camera:type", "surveyed": "fixed", "osm": "dome"},
    {"key": "camera:mount", "surveyed": "wall", "osm": "pole"},
]


def disagreeing_match(survey: str) -> dict:
    return {
        "observation": survey,
        "warning": "disagreeing_match",
        "osm_node_id": 501,
        "distance_m": 4.0,
        "keys": ["camera:type", "camera:mount"],
        "surveyed": {"camera:type": "fixed", "camera:mount": "wall"},
        "osm": {"camera:type": "dome", "camera:mount": "pole"},
    }


def test_a_match_across_a_disagreeing_type_and_mount_is_made_and_reported(client, group):
    # A fixed camera on a wall 4 m from a mapped dome on a pole: walkers misjudge a dome,
    # so the match stands, but the organiser is told which keys to check.
    mapped_camera_4_m_north(DOME_ON_POLE)
    survey, _ = log(client, group, camera_type="fixed", mount="wall")

    change = card(client, group, survey)["osm_change"]
    assert (change["action"], change["node"]["id"]) == ("modify", 501)
    assert change["disagreeing"] == DISAGREEING_KEYS
    approve(client, group, survey)
    actions, report = export(client, group)

    assert actions["modify"] == [501]
    assert report["counts"]["disagreeing"] == 1
    (warning,) = [item for item in report["report"] if item.get("warning")]
    assert warning == disagreeing_match(survey)
    counts = report["counts"]
    lines = short_report(ExportResult(1, counts, report["report"], 1)).splitlines()
    assert lines == [
        "0 created, 1 modified, 0 deleted, 0 skipped (0 not approved yet, not exported); "
        "1 file(s)",
        f"  check {survey}: matched OSM node 501 at 4.0 m, but they disagree: camera:type "
        "fixed surveyed, dome in OSM, camera:mount wall surveyed, pole in OSM",
    ]


def test_a_survey_agreeing_with_the_node_or_saying_nothing_brings_no_warning(client, group):
    mapped_camera_4_m_north(DOME_ON_POLE)
    agreeing, _ = log(client, group, camera_type="dome", mount="pole")
    silent, _ = log(client, group, camera_type=None, mount=None)

    assert card(client, group, agreeing)["osm_change"]["disagreeing"] == []
    assert card(client, group, silent)["osm_change"]["disagreeing"] == []


def test_a_plate_reader_by_a_node_tagged_camera_is_offered_never_matched(client, group):
    # The mapper may have tagged the plate reader as a camera, or it is another device on
    # the same pole: distance does not decide, the organiser may.
    mapped_camera_4_m_north({"man_made": "surveillance", "surveillance:type": "camera"})
    survey, _ = log(client, group, kind="ALPR")

    change = card(client, group, survey)["osm_change"]
    assert (change["action"], change["chosen_by"], change["candidates"]) == ("create", None, [])
    assert [(c["id"], c["distance_m"]) for c in change["other_kinds"]] == [(501, 4.0)]
    assert change["other_kinds"][0]["tags"]["surveillance:type"] == "camera"

    chosen = client.post(
        f"/api/v1/observations/{survey}/osm-node",
        json={"osm_node_id": 501},
        headers=group.headers("organiser"),
    )
    assert chosen.status_code == 200, chosen.json
    approve(client, group, survey)
    actions, _ = export(client, group)

    assert actions["modify"] == [501] and actions.get("create", []) == []


# Tags as mappers write them, on real Helsinki nodes (ids as in the extract, placed 4 m north
# of the walker here). Found on the Helsinki extract with camwalk's own import and export.


def exported_tags(client, group) -> dict[int, tuple[str, dict]]:
    """Node id → (action, tags) in the walk's osmChange."""
    with client.get(
        f"/api/v1/walks/{group.walk.id}/export.osc", headers=group.headers("organiser")
    ) as answer:
        assert answer.status_code == 200
        document = fromstring(answer.data)
    return {
        int(node.get("id")): (block.tag, {tag.get("k"): tag.get("v") for tag in node})
        for block in document
        for node in block
    }


def test_a_node_tagged_capital_camera_is_updated_not_mapped_twice(client, group):
    store_node(311112541, 2, LON, LAT + 4 * METRE_DEG,
               {"man_made": "surveillance", "surveillance:type": "Camera"})  # fmt: skip
    db.session.commit()
    survey, _ = log(client, group, operator="Bar du coin")

    change = card(client, group, survey)["osm_change"]
    assert (change["action"], change["chosen_by"], change["node"]["id"]) == (
        "modify", "distance", 311112541,
    )  # fmt: skip
    approve(client, group, survey)
    written = exported_tags(client, group)

    assert list(written) == [311112541]
    action, tags = written[311112541]
    assert (action, tags["surveillance:type"]) == ("modify", "camera")


def test_a_node_tagged_camera_and_alpr_is_offered_and_keeps_both(client, group):
    store_node(322525580, 3, LON, LAT + 4 * METRE_DEG,
               {"man_made": "surveillance", "surveillance:type": "camera;ALPR"})  # fmt: skip
    db.session.commit()
    survey, _ = log(client, group, kind="ALPR")

    change = card(client, group, survey)["osm_change"]
    assert (change["action"], change["candidates"]) == ("create", [])
    assert [c["id"] for c in change["other_kinds"]] == [322525580]
    chosen = client.post(
        f"/api/v1/observations/{survey}/osm-node",
        json={"osm_node_id": 322525580},
        headers=group.headers("organiser"),
    )
    assert chosen.status_code == 200, chosen.json
    approve(client, group, survey)
    written = exported_tags(client, group)

    assert written[322525580][0] == "modify"
    assert written[322525580][1]["surveillance:type"] == "camera;ALPR"


def test_a_mount_listed_or_capitalised_on_the_node_agrees_and_a_list_stays(client, group):
    store_node(316415987, 2, LON, LAT + 4 * METRE_DEG,
               {"man_made": "surveillance", "surveillance:type": "camera",
                "camera:type": "Dome", "camera:mount": "wall;pole"})  # fmt: skip
    db.session.commit()
    survey, _ = log(client, group, camera_type="dome", mount="wall")

    change = card(client, group, survey)["osm_change"]
    assert (change["action"], change["disagreeing"]) == ("modify", [])
    approve(client, group, survey)
    _, report = export(client, group)
    assert report["counts"]["disagreeing"] == 0
    tags = exported_tags(client, group)[316415987][1]

    assert (tags["camera:mount"], tags["camera:type"]) == ("wall;pole", "dome")


def test_a_retry_never_makes_a_node_found_by_distance_another_kind(
    client, group, fake_osm, osm_client
):
    # Helsinki 4096268654 as camwalk read it, a camera; a mapper made it a plate reader before
    # the upload. The retry after the version conflict wrote `surveillance:type=camera` back.
    tags = {"man_made": "surveillance", "surveillance:type": "camera"}
    store_node(4096268654, 1, LON, LAT + 4 * METRE_DEG, tags)
    db.session.commit()
    fake_osm.state.add_node(
        4096268654, LAT + 4 * METRE_DEG, LON, tags | {"surveillance:type": "ALPR"}, version=2
    )
    survey, _ = log(client, group, operator="Bar du coin")
    approve(client, group, survey)

    uploaded = upload_scope(Scope.of_walk(group.walk), osm_client).as_dict()

    assert fake_osm.state.nodes[4096268654].tags["surveillance:type"] == "ALPR"
    assert fake_osm.state.nodes[4096268654].version == 2
    (failed,) = uploaded["failed"]
    assert failed["observation"] == survey and "now mapped as another kind" in failed["reason"]


def test_a_retry_names_a_disagreement_a_mapper_made_meanwhile(client, group, fake_osm, osm_client):
    # Helsinki 4096268654 read as a fixed camera on a pole; a mapper made it a dome before
    # the upload. The plan saw nothing to warn of; the retry wrote `fixed` over the dome and
    # said nothing.
    tags = {"man_made": "surveillance", "surveillance:type": "camera", "camera:type": "fixed"}
    store_node(4096268654, 1, LON, LAT + 4 * METRE_DEG, tags)
    db.session.commit()
    fake_osm.state.add_node(
        4096268654, LAT + 4 * METRE_DEG, LON, tags | {"camera:type": "dome"}, version=2
    )
    survey, _ = log(client, group, camera_type="fixed")
    approve(client, group, survey)

    uploaded = upload_scope(Scope.of_walk(group.walk), osm_client).as_dict()

    assert uploaded["counts"]["modified"] == 1
    assert uploaded["disagreeing"] == [
        {
            "observation": survey,
            "warning": "disagreeing_match",
            "osm_node_id": 4096268654,
            "distance_m": 4.0,
            "keys": ["camera:type"],
            "surveyed": {"camera:type": "fixed"},
            "osm": {"camera:type": "dome"},
        }
    ]
