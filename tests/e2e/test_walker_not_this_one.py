"""Léa stands under a camera 4 m from one already in OpenStreetMap and says "it is another
one": her answer reaches the server with the camera she logs, so the export never matches
her camera to that node by distance (sync/osm/matching.py). Her camera's sheet says so, and
she can take the answer back from its edit form."""

import math
import uuid

import pytest
import requests

from .conftest import METRE_DEG
from .phone import (
    OSM_REFRESHED,
    her_camera,
    join_and_pick_walk,
    markers_js,
    open_first_camera,
    server_observations,
    sync_and_wait,
    wait_for_fix,
)

pytestmark = pytest.mark.browser


def _metres(a, b) -> float:
    dlat = (a["lat"] - b["lat"]) / METRE_DEG
    dlon = (a["lon"] - b["lon"]) / METRE_DEG * math.cos(math.radians(a["lat"]))
    return math.hypot(dlat, dlon)


def _lone_osm_node(base, demo) -> dict:
    """A mapped camera with no other within 30 m, so that the banner names it alone."""
    r = requests.get(
        f"{base}/api/v1/walks/{demo['walk_id']}/osm-nodes",
        headers={"Authorization": f"Bearer {demo['walker_token']}"},
        timeout=10,
    )
    r.raise_for_status()
    nodes = r.json()["nodes"]
    logged = server_observations(base, demo["group_id"], demo["organiser_token"])
    places = [n for n in nodes] + [o["position"] for o in logged if o.get("position")]
    for node in reversed(nodes):  # the first ones are other tests' "still there"
        if all(p is node or _metres(node, p) > 30 for p in places):
            return node
    raise AssertionError("no mapped camera stands alone in the demo walk")


def _joined_beside_a_mapped_camera(server, new_phone, name: str):
    """A walker who just joined, her fix 4 m south of a mapped camera standing alone."""
    base, demo = server["url"], server["demo"]
    node = _lone_osm_node(base, demo)
    here = {"latitude": node["lat"] - 4 * METRE_DEG, "longitude": node["lon"], "accuracy": 4}
    pseudonym = f"{name}-{uuid.uuid4().hex[:6]}"
    context = new_phone(here["latitude"], here["longitude"], accuracy=4)
    page = context.new_page()
    join_and_pick_walk(page, base, demo["invite_code"], pseudonym)
    # The phone holds its copy of the walk's OSM cameras: the banner is drawn from it, and a
    # test that goes offline next would otherwise cut its fetch (seen once on a busy machine).
    page.wait_for_function(OSM_REFRESHED)
    context.set_geolocation(here)
    wait_for_fix(page, 4)
    return context, page, node, pseudonym


def test_it_is_another_one_is_stored_with_the_camera_she_logs(camwalk_server, new_phone):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    _, page, node, pseudonym = _joined_beside_a_mapped_camera(camwalk_server, new_phone, "sterne")

    page.click("button.fab")
    banner = page.locator(".nearby")
    assert "Une caméra OpenStreetMap est à" in banner.inner_text()
    banner.locator("button:has-text('C’est une autre')").click()
    assert page.locator(".nearby").count() == 0
    page.click("label[for=mount-wall]")
    page.click("button.btn-save")
    page.wait_for_selector(".sheet", state="hidden")
    sync_and_wait(page)

    mine = her_camera(base, demo, pseudonym)
    assert (mine["osm_not_node_id"], mine["osm_node_id"]) == (node["id"], None)
    assert mine["mount"] == "wall"


def test_her_sheet_says_it_is_not_that_node_and_she_takes_it_back(camwalk_server, new_phone):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    context, page, node, pseudonym = _joined_beside_a_mapped_camera(
        camwalk_server, new_phone, "fou"
    )
    context.set_offline(True)  # her camera waits on the phone, the one marker drawn pending

    # An answer to the banner alone is nothing back would lose: the form just closes.
    page.click("button.fab")
    page.locator(".nearby button:has-text('C’est une autre')").click()
    page.go_back()
    page.wait_for_selector(".sheet", state="hidden")
    assert page.locator(".log-leave-keep").count() == 0

    page.click("button.fab")
    page.locator(".nearby button:has-text('C’est une autre')").click()
    page.click("label[for=mount-wall]")
    page.click("button.btn-save")
    page.wait_for_selector(".sheet", state="hidden")
    page.wait_for_function(f"{markers_js('pending')} === 1")

    said = f"Pas le nœud OpenStreetMap {node['id']} (une autre caméra)"
    open_first_camera(page, "pending")
    assert said in page.inner_text(".obs-sheet")
    page.click(".obs-sheet .actions button.btn-primary")  # Modifier
    page.wait_for_selector("form.log-form .not-this-one")
    assert said in page.inner_text(".not-this-one")
    page.click(".not-this-one button:has-text('Retirer cette réponse')")
    assert "Réponse retirée" in page.inner_text(".not-this-one")
    page.click("button.btn-save")
    page.wait_for_selector(".sheet", state="hidden")

    context.set_offline(False)
    sync_and_wait(page)
    mine = her_camera(base, demo, pseudonym)
    assert (mine["osm_not_node_id"], mine["osm_node_id"], mine["mount"]) == (None, None, "wall")
