"""An organiser who finds that a camera a walker logged is a guard is not asked for its camera
type or mount once she picks the kind (cameraFields, the walker's form's and the OSM export's
rule), and the guard she saves holds neither, the fields she left alone as the walker set them."""

import pytest

from .organiser import PHONE, log_in, organiser_context, walker_logs
from .phone import SYNCED, server_observations
from .test_organiser_field_ready import show_in_review

pytestmark = pytest.mark.browser

CAMERA_ONLY = ("form.rev-edit select[name=camera_type]", "form.rev-edit select[name=mount]")


def test_a_camera_made_a_guard_at_review_keeps_no_camera_type_or_mount(camwalk_server, browser):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    position = {"lat": 43.29874, "lon": 5.37426, "accuracy_m": 6}
    obs_id = walker_logs(base, demo, position=position, operator="Vigiles du port")
    context = organiser_context(browser, PHONE)
    page = context.new_page()
    log_in(page, base, demo)
    page.wait_for_function(SYNCED)  # the edit goes through her outbox: the camera must be here
    show_in_review(page, obs_id)
    page.click("[data-action=edit]")
    page.wait_for_selector(CAMERA_ONLY[0], state="visible")

    page.select_option("form.rev-edit select[name=kind]", "guard")
    page.wait_for_selector(CAMERA_ONLY[0], state="hidden")
    assert not page.locator(CAMERA_ONLY[1]).is_visible()
    page.click("form.rev-edit button[type=submit]")
    page.wait_for_selector("form.rev-edit", state="detached")
    assert page.inner_text(".rev-card .rev-head h2") == "Vigile"
    page.wait_for_function(SYNCED)

    held = {o["id"]: o for o in server_observations(base, demo["group_id"], demo["walker_token"])}
    mine = held[obs_id]
    assert (mine["kind"], mine["camera_type"], mine["mount"]) == ("guard", None, None)
    assert (mine["operator"], mine["surveillance"]) == ("Vigiles du port", "public")
    context.close()
