"""A walker who logs a guard is not asked for a camera type, a mount or the signage survey: the
form asks only the fields the kind has (cameraFields, the OSM export's rule; signageFields, the
signage file's), keeps what she chose while she goes back and forth between kinds, and the guard
reaches the server without them."""

import uuid

import pytest

from .phone import FAB, her_camera, join_and_pick_walk, sync_and_wait, wait_for_fix

pytestmark = pytest.mark.browser

SPOT = (43.29585, 5.37445)
CAMERA_ONLY = ("fieldset:has(#camera_type-dome)", "fieldset:has(#mount-pole)", "section.signage")


def _asked(page) -> list[bool]:
    return [page.locator(fieldset).is_visible() for fieldset in CAMERA_ONLY]


def test_a_guard_is_logged_without_the_camera_type_and_mount_she_first_chose(
    camwalk_server, new_phone
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    pseudonym = f"goeland-{uuid.uuid4().hex[:6]}"
    page = new_phone(*SPOT, accuracy=5).new_page()
    join_and_pick_walk(page, base, demo["invite_code"], pseudonym)
    wait_for_fix(page, 5)
    page.click(FAB)
    page.wait_for_selector("form.log-form")
    another = page.locator(".nearby button:has-text('autre')")
    if another.count():
        another.click()

    page.click("label[for=camera_type-dome]")
    page.click("label[for=mount-pole]")
    page.click("label[for=sign-seen]")
    page.click("label[for=kind-guard]")
    page.wait_for_selector(CAMERA_ONLY[0], state="hidden")
    assert _asked(page) == [False, False, False]
    # A wrong tap taken back finds her choices where she left them.
    page.click("label[for=kind-camera]")
    page.wait_for_selector(CAMERA_ONLY[0], state="visible")
    assert _asked(page) == [True, True, True]
    assert all(map(page.is_checked, ("#camera_type-dome", "#mount-pole", "#sign-seen")))

    page.click("label[for=kind-guard]")
    page.wait_for_selector(CAMERA_ONLY[0], state="hidden")
    page.click("button.btn-save")
    page.wait_for_selector(".sheet", state="hidden")
    sync_and_wait(page)

    mine = her_camera(base, demo, pseudonym)
    assert (mine["kind"], mine["camera_type"], mine["mount"], mine["sign"]) == (
        "guard",
        None,
        None,
        None,
    )
