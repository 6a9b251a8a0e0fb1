"""Issue 14: a multi-lens device's directions are each editable in the organiser's edit form."""

import pytest

from .organiser import PHONE, log_in, organiser_context, walker_logs
from .phone import SYNCED, server_observations
from .test_organiser_field_ready import show_in_review

pytestmark = pytest.mark.browser


def test_every_lens_of_a_multi_lens_camera_is_edited_on_its_own(camwalk_server, browser):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    position = {"lat": 43.29870, "lon": 5.37420, "accuracy_m": 6}
    obs_id = walker_logs(base, demo, position=position, direction=[90, 180])
    context = organiser_context(browser, PHONE)
    page = context.new_page()
    log_in(page, base, demo)
    page.wait_for_function(SYNCED)  # the edit goes through her outbox: the camera must be here
    show_in_review(page, obs_id)
    page.click("[data-action=edit]")
    lenses = page.locator("form.rev-edit .dir-row input")
    assert [lenses.nth(i).input_value() for i in range(lenses.count())] == ["90", "180"]
    assert lenses.nth(1).get_attribute("aria-label") == "Direction de l’objectif 2 (0 à 359°)"

    lenses.nth(1).fill("200")
    page.click("form.rev-edit .dir-add")
    lenses.nth(2).fill("300")
    page.click("form.rev-edit .dir-remove >> nth=0")  # the 90° lens was a mistake
    page.click("form.rev-edit button[type=submit]")
    page.wait_for_selector("form.rev-edit", state="detached")
    page.wait_for_function(SYNCED)

    held = {o["id"]: o for o in server_observations(base, demo["group_id"], demo["walker_token"])}
    assert held[obs_id]["direction"] == [200, 300]
    context.close()
