"""Sam exports the walk's osmChange file and uploads it through JOSM; camwalk never sees that
upload. An upload from camwalk afterwards must not create the same cameras a second time: it
holds the new cameras back until the walk's OSM cameras are fetched again, and the fetch brings
the nodes the file made into the cache, where the matching finds them."""

from server.exports.osc import Scope
from server.exports.upload import upload_scope
from server.extensions import db
from server.groups.models import Walk
from server.osm.importer import fetch_for_walk
from tests.builders import EVERYWHERE, nothing_to_check
from tests.camwalk_program import run_camwalk
from tests.josm import upload_like_josm

CAMERAS = [(5.3850, 43.2990), (5.3862, 43.2995)]


def export_file(client, group) -> bytes:
    """The walk's osmChange file, as an organiser downloads it (and may send it through JOSM)."""
    with client.get(
        f"/api/v1/walks/{group.walk.id}/export.osc", headers=group.headers("organiser")
    ) as answer:
        assert answer.status_code == 200
        return answer.data


def _cameras_in_osm(fake_osm) -> list[tuple[float, float]]:
    return sorted(
        (node.lon, node.lat)
        for node in fake_osm.state.nodes.values()
        if node.visible and node.tags.get("man_made") == "surveillance"
    )


def test_new_cameras_sent_as_a_file_are_not_created_again_by_an_upload(
    client, group, add_observation, fake_osm, osm_client
):
    for lon, lat in CAMERAS:
        add_observation(group, lon, lat, operator="Ville de Marseille")
    upload_like_josm(osm_client, export_file(client, group))
    assert _cameras_in_osm(fake_osm) == sorted(CAMERAS)

    preview = client.post(
        f"/api/v1/walks/{group.walk.id}/osm-upload",
        json={"dry_run": True},
        headers=group.headers("organiser"),
    ).get_json()
    assert preview["counts"]["created"] == 0
    (held,) = preview["held_back"]
    assert (held["walk_id"], held["creates"], held["fetched_at"]) == (group.walk.id, 2, None)
    assert "fetch" in held["reason"]

    sent = upload_scope(Scope.of_walk(group.walk), osm_client)
    assert sent.counts["created"] == 0
    assert [item["creates"] for item in sent.held_back] == [2]
    assert _cameras_in_osm(fake_osm) == sorted(CAMERAS)  # not twice

    fetch_for_walk(group.walk, osm_client)
    assert group.walk.osm_fetched_at is not None
    after = upload_scope(Scope.of_walk(group.walk), osm_client)
    assert after.held_back == []
    assert after.counts["created"] == 0  # the file's nodes, found by the matching
    assert _cameras_in_osm(fake_osm) == sorted(CAMERAS)


def test_after_a_fetch_only_a_file_exported_since_holds_new_cameras_back(
    client, group, add_observation, fake_osm, osm_client
):
    add_observation(group, *CAMERAS[0])
    fetch_for_walk(group.walk, osm_client)
    assert upload_scope(Scope.of_walk(group.walk), None, dry_run=True).held_back == []

    export_file(client, group)  # looked at in JOSM, or sent: camwalk cannot tell
    assert upload_scope(Scope.of_walk(group.walk), None, dry_run=True).counts["created"] == 0

    fetch_for_walk(group.walk, osm_client)  # nothing there: the file was not sent
    sent = upload_scope(Scope.of_walk(group.walk), osm_client)
    assert (sent.counts["created"], sent.held_back) == (1, [])
    assert _cameras_in_osm(fake_osm) == [CAMERAS[0]]


def _camera_in_osm_and_cache(fake_osm, osm_client, group, add_observation):
    """Node 501 in OSM, fetched, and an approved observation of it setting its operator."""
    tags = {"man_made": "surveillance", "surveillance:type": "camera"}
    fake_osm.state.add_node(501, CAMERAS[0][1], CAMERAS[0][0], tags)
    add_observation(group, *CAMERAS[0], osm_node_id=501, operator="RTM")
    fetch_for_walk(group.walk, osm_client)


def test_while_new_cameras_wait_for_a_fetch_modifies_and_deletes_are_sent(
    client, group, add_observation, fake_osm, osm_client
):
    _camera_in_osm_and_cache(fake_osm, osm_client, group, add_observation)
    add_observation(group, *CAMERAS[1])
    export_file(client, group)  # a create and a modify

    sent = upload_scope(Scope.of_walk(group.walk), osm_client)
    assert sent.counts == {"created": 0, "modified": 1, "deleted": 0, **nothing_to_check()}
    assert [item["creates"] for item in sent.held_back] == [1]
    assert fake_osm.state.nodes[501].tags["operator"] == "RTM"
    assert _cameras_in_osm(fake_osm) == [CAMERAS[0]]


def test_a_file_without_new_cameras_holds_nothing_back_and_modifies_still_go(
    client, group, add_observation, fake_osm, osm_client
):
    _camera_in_osm_and_cache(fake_osm, osm_client, group, add_observation)
    export_file(client, group)  # one modify, no create
    add_observation(group, *CAMERAS[1])  # approved since

    sent = upload_scope(Scope.of_walk(group.walk), osm_client)
    assert sent.counts == {"created": 1, "modified": 1, "deleted": 0, **nothing_to_check()}
    assert sent.held_back == []
    assert fake_osm.state.nodes[501].tags["operator"] == "RTM"


def _report(client, group) -> dict:
    with client.get(
        f"/api/v1/walks/{group.walk.id}/export.osc", headers=group.headers("organiser")
    ) as answer:
        report = answer.headers["X-Camwalk-Export-Report"]
    return client.get(report, headers=group.headers("organiser")).get_json()


def test_a_second_file_with_the_same_new_cameras_warns_until_the_walk_is_fetched(
    client, group, add_observation, fake_osm, osm_client
):
    add_observation(group, *CAMERAS[0])
    first = _report(client, group)
    assert [item.get("warning") for item in first["report"]] == []

    second = _report(client, group)  # the first may be in OSM already
    (warning,) = [item for item in second["report"] if item.get("warning")]
    assert warning["warning"] == "earlier_file"
    assert warning["fetched_at"] is None and "fetch" in warning["reason"]
    assert second["counts"]["created"] == 1  # the file is still whole: it only warns

    fetch_for_walk(group.walk, osm_client)
    assert [item.get("warning") for item in _report(client, group)["report"]] == []


def test_the_export_command_prints_the_warning(app, group, add_observation, tmp_path):
    add_observation(group, *CAMERAS[0])
    output = tmp_path / "walk.osc"
    run_camwalk(app, "export", "osc", "--walk", str(group.walk.id), "-o", str(output))

    done = run_camwalk(app, "export", "osc", "--walk", str(group.walk.id), "-o", str(output))

    assert done.returncode == 0, done.stderr
    assert "1 created" in done.stdout
    assert "  warning: an osmChange file with new cameras here was exported" in done.stdout


def test_a_group_file_made_before_a_walk_existed_holds_none_of_its_cameras_back(
    client, group, add_observation, fake_osm, osm_client
):
    add_observation(group, *CAMERAS[0])
    with client.get(
        f"/api/v1/groups/{group.id}/export.osc", headers=group.headers("organiser")
    ) as answer:
        assert answer.status_code == 200  # last month's file, with its create
    this_week = Walk(group_id=group.id, name="this week", osm_fetched_bbox=EVERYWHERE)
    db.session.add(this_week)
    db.session.commit()
    add_observation(group, *CAMERAS[1], walk_id=this_week.id)

    sent = upload_scope(Scope.of_walk(this_week), osm_client)

    assert (sent.counts["created"], sent.held_back) == (1, [])
    assert upload_scope(Scope.of_walk(group.walk), None, dry_run=True).held_back != []


def test_the_command_reports_warnings_skips_and_ambiguous_matches_each_its_way():
    from server.exports.osc import ExportResult, short_report

    counts = {"created": 1, "modified": 1, "deleted": 0, "skipped": 1, "not_approved": 0}
    ambiguous = {
        "observation": "b2", "warning": "ambiguous_match", "osm_node_id": 501,
        "distance_m": 1.45, "other_osm_node_id": 502, "other_distance_m": 1.7,
    }  # fmt: skip
    earlier = {"observation": None, "warning": "earlier_file", "reason": "an osmChange file…"}
    skipped = {"observation": "c3", "reason": "node 7 is a vertex of a way"}
    result = ExportResult(1, counts, [earlier, skipped, ambiguous], 1)

    lines = short_report(result).splitlines()[1:]

    assert lines == [
        "  warning: an osmChange file…",
        "  skipped c3: node 7 is a vertex of a way",
        "  check b2: matched OSM node 501 at 1.45 m, but node 502 is at 1.7 m",
    ]
