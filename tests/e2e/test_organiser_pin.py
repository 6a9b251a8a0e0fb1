"""Karim corrects a camera in the review queue: a field, and its pin dragged on the map."""

import math
import re

import pytest

from .organiser import api, log_in, open_in_review, organiser_context, walker_logs
from .phone import SYNCED, server_observations

pytestmark = pytest.mark.browser

# Away from the demo cameras and the other tests' spots, so the card has no duplicate hint.
SPOT = (43.29900, 5.37350)
DRAG = (60, 40)  # pixels right and down: the camera is across the street from where logged
NEW_OPERATOR = "Métropole Aix-Marseille"


def _world_pixels(lat, lon, zoom):
    """Web Mercator pixel coordinates at a zoom level, as Leaflet's default CRS computes them."""
    size = 256 * 2**zoom
    x = (lon + 180) / 360 * size
    y = (1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * size
    return x, y


def _from_world_pixels(x, y, zoom):
    size = 256 * 2**zoom
    lon = x / size * 360 - 180
    lat = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y / size))))
    return lat, lon


def _map_zoom(page) -> int:
    """The review map's zoom, read from the address of a tile it loaded."""
    src = page.get_attribute(".rev-map img.leaflet-tile", "src")
    return int(re.search(r"/(\d+)/\d+/\d+\.png$", src).group(1))


def _drag(page, selector, dx, dy) -> None:
    box = page.locator(selector).bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + dx, y + dy, steps=12)
    page.mouse.up()


def test_an_organiser_moves_the_pin_and_edits_a_field_and_history_names_her(
    camwalk_server, browser, screenshot
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    position = {"lat": SPOT[0], "lon": SPOT[1], "accuracy_m": 14}
    obs_id = walker_logs(base, demo, position=position, operator="Police municipale")
    context = organiser_context(browser)
    page = context.new_page()
    log_in(page, base, demo)
    # An organiser's edit goes through her device's outbox: it needs the camera pulled first.
    page.wait_for_function(SYNCED)
    open_in_review(page, obs_id)

    page.click("[data-action=edit]")
    page.wait_for_selector("form.rev-edit")
    page.wait_for_selector(".rev-map img.leaflet-tile")
    zoom = _map_zoom(page)
    page.fill("form.rev-edit input[name=operator]", NEW_OPERATOR)
    _drag(page, ".rev-map .leaflet-marker-icon:has(.rev-pin.is-draggable)", *DRAG)
    page.click("form.rev-edit button[type=submit]")
    page.wait_for_selector("form.rev-edit", state="detached")
    page.wait_for_function(SYNCED)

    held = {o["id"]: o for o in server_observations(base, demo["group_id"], demo["walker_token"])}
    moved = held[obs_id]
    x, y = _world_pixels(SPOT[0], SPOT[1], zoom)
    lat, lon = _from_world_pixels(x + DRAG[0], y + DRAG[1], zoom)
    metres_per_pixel = 40_075_016.7 * math.cos(math.radians(SPOT[0])) / (256 * 2**zoom)
    one_pixel_lat = metres_per_pixel / 111_320
    one_pixel_lon = one_pixel_lat / math.cos(math.radians(SPOT[0]))
    assert moved["position"]["lat"] == pytest.approx(lat, abs=1.5 * one_pixel_lat)
    assert moved["position"]["lon"] == pytest.approx(lon, abs=1.5 * one_pixel_lon)
    assert moved["position"]["accuracy_m"] == position["accuracy_m"]
    assert moved["operator"] == NEW_OPERATOR
    assert moved["camera_type"] == "dome"  # an untouched field stays as the walker logged it

    # The history names the organiser on her edit, old and new value of both fields.
    page.click(f".hist[data-id='{obs_id}'] summary")
    edit = page.locator(".hist-row", has_text=demo["organiser_pseudonym"]).filter(
        has_text="modification"
    )
    edit.wait_for()
    edit.scroll_into_view_if_needed()
    screenshot(page, "org-pin-history-1280", clip=edit.bounding_box())
    operator = edit.locator(
        ".hist-fields li", has=page.locator(".hist-field[data-field=operator]")
    )
    assert operator.locator(".hist-field").inner_text() == "Exploitant"
    assert operator.locator("del").inner_text() == "Police municipale"
    assert operator.locator("ins").inner_text() == NEW_OPERATOR
    pin = edit.locator(".hist-fields li", has=page.locator(".hist-field[data-field=position]"))
    assert pin.locator("del").inner_text() == f"{SPOT[0]:.6f}, {SPOT[1]:.6f}"
    shown = pin.locator("ins").inner_text()
    assert shown == f"{moved['position']['lat']:.6f}, {moved['position']['lon']:.6f}"
    history = api(base, demo["organiser_token"], "GET", f"/observations/{obs_id}/history")
    assert history[-1]["by"] == demo["organiser_pseudonym"]
    context.close()
