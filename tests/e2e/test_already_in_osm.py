"""Léa meets cameras that are already in OpenStreetMap: "still there" and "gone", no duplicate."""

import uuid

import pytest
import requests

from .phone import (
    SYNCED,
    join_and_pick_walk,
    server_observations,
    sync_and_wait,
    tap_marker,
    wait_for_fix,
)

pytestmark = pytest.mark.browser


def _osm_nodes(base, demo):
    r = requests.get(
        f"{base}/api/v1/walks/{demo['walk_id']}/osm-nodes",
        headers={"Authorization": f"Bearer {demo['walker_token']}"},
        timeout=10,
    )
    r.raise_for_status()
    return [n for n in r.json()["nodes"] if not n["part_of_way"]]


def _answer_banner_at(page, context, node, accuracy, button):
    context.set_geolocation(
        {"latitude": node["lat"], "longitude": node["lon"], "accuracy": accuracy}
    )
    wait_for_fix(page, accuracy)
    page.click("button.fab")
    banner = page.locator(".nearby")
    banner.wait_for()
    assert "OpenStreetMap" in banner.inner_text()
    banner.locator(f"button:has-text('{button}')").click()
    page.wait_for_selector(".sheet", state="hidden")


def test_still_there_and_gone_confirm_osm_cameras_instead_of_duplicating_them(
    camwalk_server, new_phone, screenshot
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    still, gone = _osm_nodes(base, demo)[:2]
    pseudonym = f"mouette-{uuid.uuid4().hex[:6]}"
    context = new_phone(still["lat"], still["lon"])
    page = context.new_page()
    join_and_pick_walk(page, base, demo["invite_code"], pseudonym)

    context.set_geolocation({"latitude": still["lat"], "longitude": still["lon"], "accuracy": 3})
    wait_for_fix(page, 3)
    page.click("button.fab")
    page.locator(".nearby").wait_for()
    screenshot(page, "09-already-in-osm")
    page.click("form.log-form button:has-text('Annuler')")
    page.wait_for_selector(".sheet", state="hidden")

    _answer_banner_at(page, context, still, 4, "Toujours là")
    _answer_banner_at(page, context, gone, 5, "Disparue")
    sync_and_wait(page)

    mine = {
        o["osm_node_id"]: o
        for o in server_observations(base, demo["group_id"], demo["organiser_token"])
        if o.get("created_by") == pseudonym
    }
    assert set(mine) == {still["id"], gone["id"]}
    assert mine[still["id"]]["presence"] == "present"
    assert mine[gone["id"]]["presence"] == "gone"
    assert mine[still["id"]]["position"]["lat"] == pytest.approx(still["lat"], abs=1e-7)

    # A friend there later, her phone synced: the camera is the group's record now, which she
    # opens, not an OSM camera to answer a second time (one device, one record).
    friend = new_phone(still["lat"], still["lon"], accuracy=4)
    page = friend.new_page()
    join_and_pick_walk(page, base, demo["invite_code"], f"goeland-{uuid.uuid4().hex[:6]}")
    page.wait_for_function(SYNCED)
    wait_for_fix(page, 4)
    page.click("button.fab")
    banner = page.locator(".nearby")
    assert "Le groupe a déjà relevé une caméra" in banner.inner_text()
    banner.locator("button:has-text('Voir ce relevé')").click()
    page.locator(".obs-sheet").wait_for()
    assert f"Nœud OpenStreetMap {still['id']}" in page.inner_text(".obs-sheet")
    page.click(".obs-sheet button:has-text('Fermer')")
    page.wait_for_selector(".sheet", state="hidden")
    # Tapping that OSM camera on the map opens the same record.
    marker = f".leaflet-marker-pane [title='Nœud OpenStreetMap {still['id']}'] .osm-dot"
    tap_marker(page, marker, ".obs-sheet")
    assert f"Nœud OpenStreetMap {still['id']}" in page.inner_text(".obs-sheet")
    assert page.locator("form.log-form").count() == 0
