"""Léa stands under a camera 4 m from one OpenStreetMap maps as no longer in use
(`disused:man_made=surveillance`): her map draws it apart, her "already in OSM?" banner asks
whether it is the camera she is logging, and her "it is this one" links her camera to it, so
the organiser learns the device is there (the export keeps it out of use, docs/osm.md).
Before, both drew and offered it as a camera in use, and she was asked if it was "still
there". OSM is tests/fake_osm_api, fetched through camwalk's own Overpass query."""

import uuid

import pytest

from .organiser import api
from .phone import (
    FAB,
    her_camera,
    join_and_pick_walk,
    sync_and_wait,
    tap_marker,
    wait_for_fix,
)

pytestmark = pytest.mark.browser

METRE = 1 / 111_195.08  # one metre of latitude, in degrees
LAT, LON = 43.2951, 5.3802  # a corner of the demo walk with no demo camera near
NODE = 7301
OUT_OF_USE_MARKER = ".leaflet-marker-icon:has(.osm-dot.out-of-use)"
# Whether the last word of an element's text and the mark after it are drawn on one line.
LAST_WORD_AND_MARK_ON_ONE_LINE = """(selector) => {
  const text = document.querySelector(selector).firstChild;
  const top = (at) => {
    const range = document.createRange();
    range.setStart(text, at);
    range.setEnd(text, at + 1);
    return Math.round(range.getBoundingClientRect().top);
  };
  const mark = text.data.trimEnd().length - 1;
  const word = text.data.slice(0, mark).trimEnd().length - 1;
  return top(word) === top(mark);
}"""


def test_a_camera_out_of_use_is_drawn_apart_and_asked_about(
    server_with_overpass, fake_osm, new_phone
):
    base, demo = server_with_overpass["url"], server_with_overpass["demo"]
    dead = {"disused:man_made": "surveillance", "surveillance:type": "camera"}
    fake_osm.state.add_node(NODE, LAT + 4 * METRE, LON, dead)
    api(
        base, demo["organiser_token"], "POST", f"/walks/{demo['walk_id']}/osm-fetch",
        json={"source": "overpass"},
    )  # fmt: skip
    pseudonym = f"grebe-{uuid.uuid4().hex[:6]}"
    context = new_phone(LAT, LON, accuracy=4)
    page = context.new_page()
    join_and_pick_walk(page, base, demo["invite_code"], pseudonym)
    wait_for_fix(page, 4)

    marker = page.locator(OUT_OF_USE_MARKER)
    marker.wait_for()
    assert marker.get_attribute("title") == f"Nœud OpenStreetMap {NODE}, marqué hors service"
    page.click(".legend summary")
    assert "Hors service dans OpenStreetMap" in page.inner_text(".legend")

    page.click(FAB)
    banner = page.locator(".nearby.out-of-use")
    text = banner.inner_text().replace("\u00a0", " ")
    assert (
        "Une caméra marquée hors service dans OpenStreetMap est à 4 m : est-ce celle-ci ?" in text
    )
    assert "Toujours là" not in text
    # The question mark ends its question's line, never a line of its own at a phone's width.
    assert page.evaluate(LAST_WORD_AND_MARK_ON_ONE_LINE, ".nearby.out-of-use strong")
    banner.locator("button:has-text('C’est celle-ci')").click()
    page.wait_for_selector(".sheet", state="hidden")
    sync_and_wait(page)

    mine = her_camera(base, demo, pseudonym)
    assert (mine["osm_node_id"], mine["presence"]) == (NODE, "present")
    # Her record's sheet names the node as its marker does: marked out of use, on both.
    tap_marker(page, ".osm-dot.out-of-use", ".obs-sheet")
    assert f"Nœud OpenStreetMap {NODE}, marqué hors service" in page.inner_text(".obs-sheet")
    context.close()
