"""Nadia presses the phone's back button with a camera half logged. On Android back closes an
installed PWA, and it took the form, her choices and her photo with it. Now back asks before
throwing her answers away and keeps them as they were if she carries on; over a form she has
not touched it just closes it, and from the map it goes to the walk list, never out of the app."""

import uuid

import pytest

from .phone import (
    FAB,
    join_and_pick_walk,
    markers_js,
    server_observations,
    sync_and_wait,
    wait_for_fix,
)

pytestmark = pytest.mark.browser

PHOTO = "exifr/img_1771_no_exif.jpg"
SPOT = (43.29640, 5.37270)
QUESTION = "form.log-form .log-leave"
PIN = ".leaflet-marker-pane .pin"


def open_form(page) -> None:
    page.click(FAB)
    page.wait_for_selector("form.log-form")
    another = page.locator(".nearby button:has-text('autre')")
    if another.count():
        another.click()


def test_back_over_a_half_logged_camera_asks_and_keeps_her_choices_and_photo(
    camwalk_server, new_phone, photos, screenshot
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    pseudonym = f"busard-{uuid.uuid4().hex[:6]}"
    context = new_phone(*SPOT, accuracy=5)
    page = context.new_page()
    join_and_pick_walk(page, base, demo["invite_code"], pseudonym)
    wait_for_fix(page, 5)
    context.set_offline(True)  # what she saves waits on the phone, drawn as pending

    open_form(page)
    page.click("label[for=camera_type-dome]")
    page.click("label[for=mount-pole]")
    page.set_input_files("#photo-close_up", str(photos / PHOTO))
    page.wait_for_selector("form.log-form .thumbs img")

    page.go_back()
    page.wait_for_selector(QUESTION)
    assert page.url.startswith(base)
    assert "Abandonner cette caméra\u00a0?" in page.inner_text(QUESTION)
    screenshot(page, "back-01-asked")
    page.click(".log-leave-keep")
    assert page.locator(QUESTION).count() == 0
    assert page.is_checked("#camera_type-dome") and page.is_checked("#mount-pole")
    assert page.locator("form.log-form .thumbs img").count() == 1
    # Carrying on put the form's history entry back: the next back asks again.
    page.go_back()
    page.wait_for_selector(QUESTION)
    page.click(".log-leave-keep")

    page.click("button.btn-save")
    page.wait_for_selector(".sheet", state="hidden")
    page.wait_for_function(f"{markers_js('pending')} === 1")
    # The form's entry left with it: back from the map is the walk list, still in the app.
    page.go_back()
    page.wait_for_selector("button.walk")
    assert page.url.startswith(base)

    context.set_offline(False)
    page.click("button.walk")
    page.wait_for_selector(FAB)
    sync_and_wait(page)
    [mine] = [
        o
        for o in server_observations(base, demo["group_id"], demo["organiser_token"])
        if o.get("created_by") == pseudonym
    ]
    assert (mine["camera_type"], mine["mount"], len(mine["photos"])) == ("dome", "pole", 1)


def test_back_over_an_untouched_form_closes_it_and_then_opens_the_walk_list(
    camwalk_server, new_phone
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    context = new_phone(*SPOT, accuracy=5)
    first = context.new_page()
    join_and_pick_walk(first, base, demo["invite_code"], f"milan-{uuid.uuid4().hex[:6]}")
    first.close()
    # Opened again as an installed app opens: on the last walk's map, its first page.
    page = context.new_page()
    page.goto(f"{base}/")
    page.wait_for_selector(FAB)

    open_form(page)
    page.go_back()
    page.wait_for_selector(".sheet", state="hidden")
    assert page.url.startswith(base)
    assert page.is_visible(FAB)
    assert page.locator(PIN).count() == 0  # the form's pin left the map with it

    page.go_back()
    page.wait_for_selector("button.walk")
    assert page.url.startswith(base)


def test_escape_closes_a_sheet_as_back_does(camwalk_server, new_phone):
    """With a keyboard (a tablet's, a switch device): an open sheet is a dialog, and Escape
    closes it, the log form asking first, as back does."""
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    context = new_phone(*SPOT, accuracy=5)
    page = context.new_page()
    join_and_pick_walk(page, base, demo["invite_code"], f"echap-{uuid.uuid4().hex[:6]}")
    wait_for_fix(page, 5)
    at = page.url

    page.click(".bar .round")  # the menu
    page.wait_for_selector(".sheet .menu-sheet")
    page.keyboard.press("Escape")
    page.wait_for_selector(".sheet", state="hidden")
    assert page.url == at and page.is_visible(FAB)

    open_form(page)
    page.click("label[for=camera_type-dome]")
    page.keyboard.press("Escape")
    page.wait_for_selector(QUESTION)
    page.click(".log-leave-keep")
    assert page.is_checked("#camera_type-dome")
