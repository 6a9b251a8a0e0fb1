"""The OSM upload, its dry run and itself, lists and counts the export's two newer checks:
a new camera right beside one another survey changes (`taken_nearby`) and a modify that keeps
a mapper's tag the survey denies (`contradicted_tag`).

The export named them; the upload said nothing of them, so an organiser who uploaded straight
from the upload screen never saw them. As for the other checks, a real upload names what OSM
took alone, and a retry after a version conflict names them again on the node as OSM has it
then."""

import datetime as dt

import pytest

from server.exports.osc import Scope
from server.exports.upload import upload_group, upload_scope
from server.extensions import db
from server.osm.service import store_node
from tests.server.osm.test_export_walker_answers import LAT, LON, METRE_DEG

DAY = dt.date(2026, 11, 21)
NODE = 701
ON_A_POLE = {"man_made": "surveillance", "camera:mount": "pole"}
REVOLVING = 316412602  # Helsinki: {height=8, man_made=surveillance, revolving=yes}, version 1


def upload(owner: str, group, osm_client, **options) -> dict:
    if owner == "walk":
        return upload_scope(Scope.of_walk(group.walk), osm_client, **options).as_dict()
    return upload_group(group.group, osm_client, **options).as_dict()


def mapped(fake_osm, tags=ON_A_POLE, *, now=None, lat=LAT) -> None:
    """Node 701 as camwalk read it (version 2), and in the fake OSM as `now` (else the same)."""
    store_node(NODE, 2, LON, LAT, tags)
    db.session.commit()
    fake_osm.state.add_node(NODE, lat, LON, now or tags, version=2 if now is None else 3)


def two_logs(group, add_observation) -> tuple[str, str]:
    """One log on node 701 (a modify), one 3 m north of it (a create): their uuids."""
    first = add_observation(group, LON, LAT, operator="Police municipale", surveyed_on=DAY)
    second = add_observation(group, LON, LAT + 3 * METRE_DEG, surveyed_on=DAY)
    return first.uuid, second.uuid


def taken_nearby(second: str, first: str, metres: float = 3.0) -> dict:
    return {
        "observation": second, "warning": "taken_nearby", "osm_node_id": NODE,
        "distance_m": metres, "other_observation": first,
    }  # fmt: skip


@pytest.mark.parametrize("owner", ["walk", "group"])
def test_a_create_beside_a_taken_camera_is_named_by_the_dry_run_and_the_upload(
    group, add_observation, fake_osm, osm_client, owner
):
    mapped(fake_osm)
    first, second = two_logs(group, add_observation)

    planned = upload(owner, group, None, dry_run=True)
    sent = upload(owner, group, osm_client)

    named = [taken_nearby(second, first)]
    assert (planned["taken_nearby"], planned["counts"]["taken_nearby"]) == (named, 1)
    assert (sent["status"], sent["failed"]) == ("done", [])
    assert (sent["counts"]["created"], sent["counts"]["modified"]) == (1, 1)
    assert (sent["taken_nearby"], sent["counts"]["taken_nearby"]) == (named, 1)


def test_the_dry_run_answer_carries_them_over_http(client, group, add_observation, fake_osm):
    mapped(fake_osm)
    first, second = two_logs(group, add_observation)

    answer = client.post(
        f"/api/v1/walks/{group.walk.id}/osm-upload",
        json={"dry_run": True},
        headers=group.headers("organiser"),
    )

    assert answer.status_code == 200, answer.json
    assert answer.json["taken_nearby"] == [taken_nearby(second, first)]
    assert answer.json["contradicted_tag"] == []
    counts = answer.json["counts"]
    assert (counts["taken_nearby"], counts["contradicted_tag"]) == (1, 0)


def test_a_create_osm_did_not_take_is_neither_listed_nor_counted(
    group, add_observation, fake, fake_osm, osm_client
):
    mapped(fake_osm)
    two_logs(group, add_observation)
    fake_osm.state.script.append(fake.Canned("POST", "/upload", 400, body="Bad request"))

    sent = upload("walk", group, osm_client)

    assert sent["failed"] and sent["counts"]["created"] == 0
    assert (sent["taken_nearby"], sent["counts"]["taken_nearby"]) == ([], 0)


@pytest.mark.parametrize(
    ("now", "lat", "named"),
    [
        ({**ON_A_POLE, "note": "seen"}, LAT - 1 * METRE_DEG, 4.0),  # moved 1 m: 4 m apart now
        ({**ON_A_POLE, "surveillance:type": "ALPR"}, LAT, None),  # no longer what was logged
        ({**ON_A_POLE, "note": "seen"}, LAT - 3 * METRE_DEG, None),  # 6 m: no longer beside
    ],
    ids=["still-beside", "another-kind", "moved-away"],
)
def test_after_a_conflict_on_the_taken_camera_the_create_is_named_on_it_as_it_is_now(
    group, add_observation, fake_osm, osm_client, now, lat, named
):
    # A mapper changed node 701 since camwalk read it: the first survey's modify gets a 409,
    # and the node as OSM has it then says whether the new camera still stands beside it.
    mapped(fake_osm, now=now, lat=lat)
    first, second = two_logs(group, add_observation)

    sent = upload("walk", group, osm_client)

    assert sent["counts"]["created"] == 1
    expected = [] if named is None else [taken_nearby(second, first, named)]
    assert (sent["taken_nearby"], sent["counts"]["taken_nearby"]) == (expected, len(expected))


def test_a_taken_camera_deleted_since_leaves_the_create_unnamed(
    group, add_observation, fake_osm, osm_client
):
    mapped(fake_osm)
    fake_osm.state.nodes[NODE].visible = False  # the API answers the modify 410
    two_logs(group, add_observation)

    sent = upload("walk", group, osm_client)

    assert [item["node"] for item in sent["failed"]] == [NODE]
    assert sent["counts"]["created"] == 1
    assert (sent["taken_nearby"], sent["counts"]["taken_nearby"]) == ([], 0)


@pytest.fixture
def revolving(app, real_extract):
    """A real Helsinki camera a mapper tagged `revolving=yes`, in camwalk's cache."""
    node = real_extract.cameras[REVOLVING]
    assert node.tags.get("revolving") == "yes" and "camera:type" not in node.tags
    store_node(node.id, node.version, node.lon, node.lat, dict(node.tags), node.part_of_way)
    db.session.commit()
    return node


def contradicted(survey: str) -> dict:
    return {
        "observation": survey, "warning": "contradicted_tag", "osm_node_id": REVOLVING,
        "kept": {"revolving": "yes"}, "surveyed": {"camera:type": "fixed"},
    }  # fmt: skip


def without_reason(items: list[dict]) -> list[dict]:
    return [{key: value for key, value in item.items() if key != "reason"} for item in items]


def test_a_fixed_camera_on_a_real_revolving_node_is_named_by_the_dry_run_and_the_upload(
    group, add_observation, fake_osm, osm_client, revolving
):
    fake_osm.state.add_node(revolving.id, revolving.lat, revolving.lon, revolving.tags, version=1)
    survey = add_observation(
        group, revolving.lon, revolving.lat, camera_type="fixed", surveyed_on=DAY
    ).uuid

    planned = upload("walk", group, None, dry_run=True)
    sent = upload("walk", group, osm_client)

    for answer in (planned, sent):
        assert without_reason(answer["contradicted_tag"]) == [contradicted(survey)]
        assert answer["counts"]["contradicted_tag"] == 1
    assert (sent["status"], sent["counts"]["modified"], sent["failed"]) == ("done", 1, [])
    tags = fake_osm.state.nodes[REVOLVING].tags
    assert (tags["camera:type"], tags["revolving"]) == ("fixed", "yes")


@pytest.mark.parametrize(
    ("since", "named"),
    [({"revolving": None}, False), ({"note": "lens cleaned"}, True)],
    ids=["revolving-taken-off", "other-edit"],
)
def test_after_a_conflict_the_denied_tag_is_named_on_the_node_as_it_is_now(
    group, add_observation, fake_osm, osm_client, revolving, since, named
):
    now = {key: value for key, value in {**revolving.tags, **since}.items() if value is not None}
    fake_osm.state.add_node(revolving.id, revolving.lat, revolving.lon, now, version=2)
    survey = add_observation(
        group, revolving.lon, revolving.lat, camera_type="fixed", surveyed_on=DAY
    ).uuid

    sent = upload("walk", group, osm_client)

    assert (sent["status"], sent["counts"]["modified"], sent["failed"]) == ("done", 1, [])
    expected = [contradicted(survey)] if named else []
    assert without_reason(sent["contradicted_tag"]) == expected
    assert sent["counts"]["contradicted_tag"] == len(expected)


def test_after_a_conflict_a_revolving_a_mapper_added_is_named(
    group, add_observation, fake_osm, osm_client, real_extract
):
    # A real camera with neither `revolving` nor `camera:type`, no vertex: camwalk read it so;
    # a mapper has since written `revolving=yes`, which the survey's fixed camera denies.
    node = next(
        n
        for _, n in sorted(real_extract.cameras.items())
        if n.part_of_way is False
        and not {"revolving", "camera:type", "disused"} & n.tags.keys()
        and n.tags.get("man_made") == "surveillance"
        and n.tags.get("surveillance:type", "camera") == "camera"
    )
    store_node(node.id, node.version, node.lon, node.lat, dict(node.tags), node.part_of_way)
    db.session.commit()
    now = {**node.tags, "revolving": "yes"}
    fake_osm.state.add_node(node.id, node.lat, node.lon, now, version=node.version + 1)
    survey = add_observation(group, node.lon, node.lat, camera_type="fixed", surveyed_on=DAY)

    planned = upload("walk", group, None, dry_run=True)
    sent = upload("walk", group, osm_client)

    assert (planned["contradicted_tag"], planned["counts"]["contradicted_tag"]) == ([], 0)
    assert (sent["status"], sent["counts"]["modified"], sent["failed"]) == ("done", 1, [])
    expected = {**contradicted(survey.uuid), "osm_node_id": node.id}
    assert without_reason(sent["contradicted_tag"]) == [expected]
    assert sent["counts"]["contradicted_tag"] == 1


def test_a_denied_tag_osm_did_not_take_is_neither_listed_nor_counted(
    group, add_observation, fake, fake_osm, osm_client, revolving
):
    fake_osm.state.add_node(revolving.id, revolving.lat, revolving.lon, revolving.tags, version=1)
    add_observation(group, revolving.lon, revolving.lat, camera_type="fixed", surveyed_on=DAY)
    conflict = f"Version mismatch: Provided 1, server had: 2 of Node {REVOLVING}"
    for _ in range(2):  # the second, after camwalk built the modify again, drops it
        fake_osm.state.script.append(fake.Canned("POST", "/upload", 409, body=conflict))

    sent = upload("walk", group, osm_client)

    assert [item["node"] for item in sent["failed"]] == [REVOLVING]
    assert (sent["contradicted_tag"], sent["counts"]["contradicted_tag"]) == ([], 0)
