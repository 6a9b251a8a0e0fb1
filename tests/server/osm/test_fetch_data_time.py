"""A fetch counts as of the moment of OSM its answer shows, not the moment camwalk asked.

Overpass copies OSM minutes behind. A mapper who sends the walk's file through JOSM and then
presses "Load OSM cameras" at once gets an answer without the file's nodes: that fetch must not
lift the hold on the walk's new cameras (server/exports/osc.py `held_back`), or camwalk's own
upload creates them a second time. The answer says how far it has got
(`osm3s.timestamp_osm_base`); one that does not say is taken as older than any file.
"""

from datetime import timedelta

from server.exports.osc import Scope
from server.exports.upload import upload_scope
from server.osm.importer import fetch_for_walk
from server.types import utcnow
from tests.josm import upload_like_josm
from tests.server.osm.test_upload_after_file import export_file

# Three cameras logged on Esplanadi, Helsinki.
LOGGED = [(24.9475, 60.1676), (24.9479, 60.1676), (24.9483, 60.1676)]


def _cameras_in_osm(fake_osm) -> int:
    return sum(
        node.visible and node.tags.get("man_made") == "surveillance"
        for node in fake_osm.state.nodes.values()
    )


def test_a_lagging_overpass_answer_does_not_lift_the_hold_of_a_file_sent_through_josm(
    client, group, add_observation, fake_osm, osm_client
):
    for lon, lat in LOGGED:
        add_observation(group, lon, lat, camera_type="dome")
    fetch_for_walk(group.walk, osm_client)
    osc = export_file(client, group)
    # "Load OSM cameras" right after JOSM's upload: Overpass, two minutes behind, lacks it.
    fake_osm.state.overpass_lag_s = 120
    fetch_for_walk(group.walk, osm_client)
    upload_like_josm(osm_client, osc)

    sent = upload_scope(Scope.of_walk(group.walk), osm_client)

    assert sent.counts["created"] == 0
    assert [item["creates"] for item in sent.held_back] == [3]
    assert _cameras_in_osm(fake_osm) == 3

    fake_osm.state.overpass_lag_s = 0  # Overpass has caught up: the file's nodes are in it
    fetch_for_walk(group.walk, osm_client)
    after = upload_scope(Scope.of_walk(group.walk), osm_client)

    assert (after.counts["created"], after.held_back) == (0, [])
    assert _cameras_in_osm(fake_osm) == 3


def test_the_fetch_keeps_the_time_overpass_says_and_the_api_the_time_it_was_asked(
    group, add_observation, fake_osm, osm_client
):
    add_observation(group, *LOGGED[0])
    fake_osm.state.overpass_lag_s = 300
    before = utcnow()

    fetch_for_walk(group.walk, osm_client)
    after = utcnow()
    overpass_time = group.walk.osm_fetched_at
    fetch_for_walk(group.walk, osm_client, source="api")

    # Overpass's time 300 s before the moment it answered, in whole seconds rounded up: "at
    # least 299 s before `before`" failed when a second began between the two (seen once in a
    # full run on a busy box; 0 of 25 runs alone).
    assert before - timedelta(seconds=300) <= overpass_time <= after - timedelta(seconds=299)
    assert group.walk.osm_fetched_at >= before


def test_an_overpass_answer_that_does_not_say_its_age_is_taken_as_older_than_any_file(
    client, group, add_observation, fake_osm, osm_client
):
    add_observation(group, *LOGGED[0])
    export_file(client, group)
    fake_osm.state.overpass_lag_s = None

    fetch_for_walk(group.walk, osm_client)
    held = upload_scope(Scope.of_walk(group.walk), None, dry_run=True)

    assert group.walk.osm_fetched_at is None
    assert group.walk.osm_fetched_bbox is not None  # its cameras were loaded all the same
    assert (held.counts["created"], [item["creates"] for item in held.held_back]) == (0, [1])

    fetch_for_walk(group.walk, osm_client, source="api")  # the API is OSM's own database
    sent = upload_scope(Scope.of_walk(group.walk), osm_client)

    assert (sent.counts["created"], sent.held_back) == (1, [])
