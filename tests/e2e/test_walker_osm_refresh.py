"""A walk's map shows the OSM cameras from the phone's copy at once, then again when the
server's answer comes, moments later: just when the walker, who has opened the map to answer
"already in OSM?", taps one. The map used to rebuild every OSM marker then, so a tap on one
could meet a marker already taken off the page. Each marker must stay the element it was."""

import uuid

import pytest

from .phone import (
    OSM_MARKERS,
    OSM_REFRESHED,
    join_and_pick_walk,
    reopen_with_osm_answer_held,
    server_observations,
    tap_marker,
)

pytestmark = pytest.mark.browser

OSM_CONES = ".leaflet-overlay-pane .cone-osm"
COUNT = "(selector) => document.querySelectorAll(selector).length"
# The marker of the first OSM camera on the page that no record of the group answers (such a
# one opens its record instead, geo/nearby.js), marked to be found again after the refresh.
MARK = """(answered) => {
  const icon = [...document.querySelectorAll('.leaflet-marker-pane .osm-dot')]
    .map((dot) => dot.parentElement)
    .find((el) => !answered.some((id) => el.title.endsWith(` ${id}`)));
  icon.dataset.probe = 'osm';
}"""
PROBED = "() => document.querySelector('[data-probe=osm]')?.isConnected ?? false"


def test_the_servers_answer_keeps_each_osm_marker(camwalk_server, new_phone):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    context = new_phone(43.29712, 5.37466)
    page = context.new_page()
    join_and_pick_walk(page, base, demo["invite_code"], f"goeland-{uuid.uuid4().hex[:6]}")
    page.wait_for_function(OSM_REFRESHED)  # the phone now holds its copy of the walk's OSM cameras
    cameras = page.evaluate(COUNT, OSM_MARKERS)
    cones = page.evaluate(COUNT, OSM_CONES)
    assert cameras > 0 and cones > 0

    # Opened again, the map draws the phone's copy; the server's answer waits until the test
    # lets it through.
    let_through = reopen_with_osm_answer_held(page, cameras)
    assert not page.evaluate(OSM_REFRESHED)
    answered = [
        o["osm_node_id"]
        for o in server_observations(base, demo["group_id"], demo["organiser_token"])
        if o.get("osm_node_id") and not o.get("deleted")
    ]
    page.evaluate(MARK, answered)
    let_through()
    page.wait_for_function(OSM_REFRESHED)

    assert page.evaluate(PROBED), "the server's answer replaced the OSM marker"
    assert page.evaluate(COUNT, OSM_MARKERS) == cameras
    assert page.evaluate(COUNT, OSM_CONES) == cones  # cones kept too, none drawn twice
    tap_marker(page, "[data-probe=osm] .osm-dot", "form.log-form .nearby")
    assert "OpenStreetMap" in page.inner_text(".nearby")
