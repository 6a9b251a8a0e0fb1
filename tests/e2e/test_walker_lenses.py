"""A multi-lens device: every lens's direction is hers to set and to edit (issue 14)."""

import uuid

import pytest

from .phone import FAB, join_and_pick_walk, open_first_camera, server_observations, sync_and_wait

pytestmark = pytest.mark.browser

SPOT = (43.29475, 5.37390)


def test_each_lens_of_a_multi_lens_camera_is_editable(camwalk_server, new_phone):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    pseudonym = f"sizerin-{uuid.uuid4().hex[:6]}"
    context = new_phone(*SPOT, accuracy=4)
    page = context.new_page()
    join_and_pick_walk(page, base, demo["invite_code"], pseudonym)
    page.wait_for_selector(".gps-chip:has-text('4 m')")

    page.click(FAB)
    page.fill("#direction", "90")
    page.click(".lens-add")
    page.fill("#direction-1", "270")
    page.click("button.btn-save")
    page.wait_for_selector(".sheet", state="hidden")

    open_first_camera(page, "pending")
    assert "90°, 270°" in page.inner_text(".obs-sheet")
    page.click(".obs-sheet button:has-text('Modifier')")
    page.wait_for_selector("form.log-form")
    assert page.input_value("#direction") == "90"
    assert page.input_value("#direction-1") == "270"
    page.fill("#direction-1", "200")
    page.click("button.btn-save")
    page.wait_for_selector(".sheet", state="hidden")
    sync_and_wait(page)

    [mine] = [
        o
        for o in server_observations(base, demo["group_id"], demo["organiser_token"])
        if o.get("created_by") == pseudonym
    ]
    assert mine["direction"] == [90, 200]
