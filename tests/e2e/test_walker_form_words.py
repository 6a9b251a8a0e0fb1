"""What the walker reads and types on a small phone: north typed as 360 is accepted, and the
map speaks her language."""

import uuid

import pytest

from .phone import FAB, join_and_pick_walk, server_observations, sync_and_wait, wait_for_fix

pytestmark = pytest.mark.browser

# In the demo walk's area, away from its cameras and from the other tests' spots.
SPOTS = [(43.29540, 5.37300), (43.29575, 5.37340), (43.29610, 5.37380)]


def open_log_form(page) -> None:
    page.click(FAB)
    page.wait_for_selector("form.log-form")
    another = page.locator(".nearby button:has-text('autre')")
    if another.count():
        another.click()


def test_north_typed_as_360_is_saved_as_0(camwalk_server, new_phone):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    pseudonym = f"pipit-{uuid.uuid4().hex[:6]}"
    page = new_phone(*SPOTS[0], accuracy=5).new_page()
    join_and_pick_walk(page, base, demo["invite_code"], pseudonym)
    wait_for_fix(page, 5)
    open_log_form(page)
    page.fill("#direction", "360")
    page.click("button.btn-save")
    page.wait_for_selector(".sheet", state="hidden", timeout=5_000)
    sync_and_wait(page)
    [mine] = [
        o
        for o in server_observations(base, demo["group_id"], demo["organiser_token"])
        if o.get("created_by") == pseudonym
    ]
    assert mine["direction"] == [0]


def test_the_map_and_the_pin_speak_french(camwalk_server, new_phone):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    page = new_phone(*SPOTS[1], accuracy=5).new_page()
    join_and_pick_walk(page, base, demo["invite_code"], f"bouvreuil-{uuid.uuid4().hex[:6]}")
    zoom = page.locator(".leaflet-control-zoom a")
    assert zoom.evaluate_all("els => els.map(e => e.title)") == ["Zoomer", "Dézoomer"]
    open_log_form(page)
    titles = page.locator(".leaflet-marker-pane [title]").evaluate_all(
        "els => els.map(e => e.title)"
    )
    assert "Position de la caméra : faites-la glisser" in titles
    assert "Direction de la caméra : faites-la glisser" in titles
    assert not {"pin", "direction"} & set(titles)
