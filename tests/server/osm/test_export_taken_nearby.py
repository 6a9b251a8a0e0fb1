"""A new camera the export creates beside an OSM camera another survey of the plan changes is
named in the report (`taken_nearby`), on the review card, and counted.

Found by an OSM mapper: two approved logs 3 m apart, not merged as duplicates; the first was
matched to the mapped camera and modified it, the second became a new node 3 m from it, and
the report said nothing. Likely the same camera logged twice, or a second one on that pole:
a mapper checks which before uploading.
"""

import datetime as dt
from xml.etree.ElementTree import fromstring

import pytest

from server.exports.osc import ExportResult, short_report
from server.extensions import db
from server.osm.importer import import_file
from server.osm.service import store_node
from tests.server.osm.test_export_out_of_use import report_of
from tests.server.osm.test_export_walker_answers import LAT, LON, METRE_DEG, card

NODE = 701
DAY = dt.date(2026, 11, 21)
COUNTS = {"created": 0, "modified": 0, "deleted": 0, "skipped": 0, "not_approved": 0}


@pytest.fixture
def mapped(app):
    store_node(NODE, 2, LON, LAT, {"man_made": "surveillance", "camera:mount": "pole"})
    db.session.commit()


def two_logs(group, add_observation, **second):
    """One log on the mapped camera, and one 3 m north of it: (first, second) uuids."""
    first = add_observation(group, LON, LAT, operator="Police municipale", surveyed_on=DAY)
    other = add_observation(group, LON, LAT + 3 * METRE_DEG, **({"surveyed_on": DAY} | second))
    return first.uuid, other.uuid


def export(client, group) -> tuple[dict, dict]:
    """The osmChange as {action: [node id]} (a file may hold several blocks of one action, in
    plan order), and the export's record (counts, report)."""
    with client.get(
        f"/api/v1/walks/{group.walk.id}/export.osc", headers=group.headers("organiser")
    ) as answer:
        assert answer.status_code == 200
        document = fromstring(answer.data)
        report_url = answer.headers["X-Camwalk-Export-Report"]
    actions: dict[str, list[int]] = {}
    for block in document:
        actions.setdefault(block.tag, []).extend(int(node.get("id")) for node in block)
    return actions, client.get(report_url, headers=group.headers("organiser")).get_json()


def warnings(client, group) -> list[dict]:
    return [item for item in report_of(client, group) if item.get("warning")]


def test_a_create_beside_a_camera_another_survey_modifies_is_named(
    client, group, mapped, add_observation
):
    first, second = two_logs(group, add_observation)

    actions, report = export(client, group)

    assert actions["modify"] == [NODE] and len(actions["create"]) == 1
    named = {
        "observation": second, "warning": "taken_nearby", "osm_node_id": NODE,
        "distance_m": 3.0, "other_observation": first,
    }  # fmt: skip
    assert warnings(client, group) == [named]
    assert report["counts"]["taken_nearby"] == 1
    line = short_report(ExportResult(1, {**COUNTS, "created": 1}, [named], 1))
    assert f"3.0 m from OSM node {NODE}, which {first} changes" in line
    # The review card says what the report says.
    change = card(client, group, second, status="approved")["osm_change"]
    assert change["action"] == "create" and change["taken_nearby"] == named
    assert [(node["id"], node["taken_by"]) for node in change["candidates"]] == [(NODE, first)]


def test_a_create_beside_a_camera_a_survey_only_confirms_is_named_too(
    client, group, mapped, add_observation
):
    # The first survey says nothing new (no modify), but the camera is still taken by it: the
    # new node would stand 3 m from a mapped camera all the same.
    confirmed = {"surveillance:type": "camera", "check_date": DAY.isoformat()}
    store_node(NODE, 3, LON, LAT, {"man_made": "surveillance", **confirmed})
    db.session.commit()
    first = add_observation(group, LON, LAT, surveyed_on=DAY)
    second = add_observation(group, LON, LAT + 3 * METRE_DEG, surveyed_on=DAY)

    actions, _ = export(client, group)

    assert actions.get("modify", []) == [] and len(actions["create"]) == 1
    (item,) = warnings(client, group)
    assert (item["observation"], item["other_observation"]) == (second.uuid, first.uuid)


@pytest.mark.parametrize(
    "second",
    [{"osm_new": True}, {"osm_not_node_id": NODE}],
    ids=["organisers-new-camera", "walkers-not-this-one"],
)
def test_a_create_somebody_said_is_another_camera_is_not_named(
    client, group, mapped, add_observation, second
):
    two_logs(group, add_observation, **second)

    actions, report = export(client, group)

    assert actions["modify"] == [NODE] and len(actions["create"]) == 1
    assert warnings(client, group) == [] and report["counts"]["taken_nearby"] == 0


def test_a_create_farther_than_right_beside_is_not_named(client, group, mapped, add_observation):
    # 7 m: within matching distance, but no longer beside it (sync.osm.matching.BESIDE_M).
    add_observation(group, LON, LAT, surveyed_on=DAY)
    add_observation(group, LON, LAT + 7 * METRE_DEG, surveyed_on=DAY)

    actions, report = export(client, group)

    assert actions["modify"] == [NODE] and len(actions["create"]) == 1
    assert warnings(client, group) == [] and report["counts"]["taken_nearby"] == 0


def test_a_create_the_file_leaves_out_is_not_named(client, group, mapped, add_observation):
    # A survey day to come keeps the second camera out of the file: nothing to check.
    two_logs(group, add_observation, surveyed_on=dt.date.today() + dt.timedelta(days=30))

    actions, report = export(client, group)

    assert "create" not in actions
    assert [item["warning"] for item in warnings(client, group)] == []
    assert report["counts"]["taken_nearby"] == 0


def test_real_close_pairs_each_surveyed_are_modifies_and_no_warning(
    client, group, add_observation, real_extract
):
    # Helsinki's 26 pairs of cameras closer than 5 m: one log on each camera matches each
    # to its own node, nothing is created, and nothing is named `taken_nearby`. A third log
    # beside a pair, which the plan does create, is.
    import_file(real_extract.with_ways_xml, parent_ways=True)
    pairs = real_extract.close_pairs(5.0)
    cameras = sorted({node_id for _, a, b in pairs for node_id in (a, b)})
    for node_id in cameras:
        node = real_extract.cameras[node_id]
        add_observation(group, node.lon, node.lat, surveyed_on=DAY)

    actions, report = export(client, group)

    assert len(pairs) == 26
    assert sorted(actions["modify"]) == cameras and "create" not in actions
    assert report["counts"]["taken_nearby"] == 0

    _, a, _ = pairs[0]
    node = real_extract.cameras[a]
    extra = add_observation(group, node.lon, node.lat + 2 * METRE_DEG, surveyed_on=DAY)
    actions, report = export(client, group)

    assert sorted(actions["modify"]) == cameras and len(actions["create"]) == 1
    named = [item for item in warnings(client, group) if item["warning"] == "taken_nearby"]
    assert [item["observation"] for item in named] == [extra.uuid]
    assert report["counts"]["taken_nearby"] == 1
