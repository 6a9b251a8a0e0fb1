"""Offline, Léa logs a camera with a survey day a year ahead (a slip of the finger), then sets
its operator; no photo, so her edit goes in the same request as the camera. Back online, the
server refuses the day (future_day) and, keeping neither refusal, the edit sent behind it
(unknown_observation). Her phone keeps both: the camera says why, and that her edit waits
behind it. She corrects the day; the next sync takes the camera and her edit. Before, the
phone dropped the edit refused unknown_observation: her operator was lost."""

import datetime
import uuid

import pytest

from .conftest import server_on_each_engine
from .phone import (
    MARKERS,
    SYNCED,
    her_camera,
    join_and_pick_walk,
    open_first_camera,
    server_observations,
    sync_and_wait,
    wait_for_fix,
)

# This journey runs on SpatiaLite, then on PostGIS.
camwalk_server = server_on_each_engine

pytestmark = pytest.mark.browser

SPOT = (43.29585, 5.37705)
OPERATOR = "Police municipale"


def _more(page):
    """Opens the form's "more" details, unless a value there already opened them."""
    if not page.locator("details.more").evaluate("d => d.open"):
        page.click("details.more summary")


def _save(page):
    page.click("button.btn-save")
    page.wait_for_selector(".sheet", state="hidden")


def test_her_edit_behind_a_camera_refused_for_its_day_reaches_the_server_once_she_fixes_it(
    camwalk_server, new_phone, screenshot
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    pseudonym = f"sterne-{uuid.uuid4().hex[:6]}"
    today = datetime.date.today()
    wrong_day = (today + datetime.timedelta(days=400)).isoformat()
    context = new_phone(*SPOT)
    page = context.new_page()
    join_and_pick_walk(page, base, demo["invite_code"], pseudonym)
    page.wait_for_function(SYNCED)

    context.set_offline(True)
    wait_for_fix(page, 6)
    page.click("button.fab")
    page.wait_for_selector("form.log-form")
    another = page.locator(".nearby button:has-text('autre')")
    if another.count():
        another.click()
    page.click("label[for=camera_type-dome]")
    page.click("label[for=mount-pole]")
    _more(page)
    page.fill("#surveyed_on", wrong_day)
    _save(page)
    page.wait_for_selector(f"{MARKERS}.state-pending", state="attached")

    open_first_camera(page, "pending")
    page.click(".obs-sheet button:has-text('Modifier')")
    _more(page)
    page.fill("#operator", OPERATOR)
    _save(page)

    context.set_offline(False)
    page.click("button.sync-chip")
    # What she reads: the camera refused, why, and that her edit waits behind it.
    page.wait_for_selector(f"{MARKERS}.state-rejected", state="attached", timeout=30_000)
    page.wait_for_function(f"{SYNCED}")
    open_first_camera(page, "rejected")
    page.wait_for_selector(".obs-sheet .aside-note:has-text('Relevée le')")
    # Her edit waits behind the camera, and goes with it.
    behind = page.wait_for_selector(".obs-sheet .aside-behind")
    assert behind.inner_text().startswith("1\u00a0changement plus récent"), behind.inner_text()
    screenshot(page, "future-day-edit-behind")
    mine = [
        o
        for o in server_observations(base, demo["group_id"], demo["organiser_token"])
        if o.get("created_by") == pseudonym
    ]
    assert mine == []

    page.click(".obs-sheet button:has-text('Modifier')")
    _more(page)
    page.fill("#surveyed_on", today.isoformat())
    _save(page)
    sync_and_wait(page)
    page.wait_for_selector(f"{MARKERS}.state-safe", state="attached")

    held = her_camera(base, demo, pseudonym)
    assert held["surveyed_on"] == today.isoformat()
    assert held["operator"] == OPERATOR
