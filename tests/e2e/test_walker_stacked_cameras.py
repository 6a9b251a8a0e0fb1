"""Three cameras on one pole, logged without moving: their markers sit on one pixel at every
zoom. A tap there lists them ("3 caméras ici"), so each can still be opened and edited; a tap
on a lone camera still opens its sheet at once."""

import uuid

import pytest

from .phone import MARKERS, join_and_pick_walk, log_camera, tap_marker

pytestmark = pytest.mark.browser

PHOTO = "exifr/IMG_20180725_163423-tiny.jpg"
POLE = (43.29455, 5.37805)
ALONE = (43.29455, 5.37905)  # 80 m east
SHAPES = {"dome": "dôme", "fixed": "fixe", "panning": "mobile"}
PENDING = f"{MARKERS}.state-pending"


def _open_spot(page):
    tap_marker(page, f"{PENDING}[data-pole]", ".here-sheet")


def test_each_of_three_cameras_on_one_pole_can_be_opened_and_edited(
    camwalk_server, new_phone, photos, screenshot
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    context = new_phone(*POLE, accuracy=4)
    page = context.new_page()
    join_and_pick_walk(page, base, demo["invite_code"], f"poteau-{uuid.uuid4().hex[:6]}")
    context.set_offline(True)
    for shape in SHAPES:
        log_camera(
            page,
            context,
            lat=POLE[0],
            lon=POLE[1],
            accuracy=4,
            photo=photos / PHOTO,
            camera_type=shape,
        )
    # The map draws the last one after the form has closed (its read of the phone's store).
    page.wait_for_function(f"document.querySelectorAll('{PENDING}').length === 3")
    # The pole's markers, told apart from the rest of the walk's by where they are drawn.
    page.evaluate(
        """(sel) => { const dots = [...document.querySelectorAll(sel)];
        const at = (d) => d.getBoundingClientRect();
        const last = at(dots[dots.length - 1]);
        for (const d of dots) if (Math.abs(at(d).x - last.x) < 1 && Math.abs(at(d).y - last.y) < 1)
          d.dataset.pole = ''; }""",
        PENDING,
    )
    assert page.locator(f"{PENDING}[data-pole]").count() == 3

    _open_spot(page)
    sheet = page.locator(".here-sheet")
    assert sheet.locator("h2").inner_text() == "3 caméras ici"
    assert sheet.locator(".here-pick").count() == 3
    # Hers, each: two walkers' cameras on one pole read alike without it.
    assert [
        "relevée par vous" in line for line in sheet.locator(".here-pick").all_inner_texts()
    ] == [True] * 3
    screenshot(page, "30-three-cameras-here")
    page.click(".here-sheet button:has-text('Fermer')")
    page.wait_for_selector(".sheet", state="hidden")

    for shape, word in SHAPES.items():
        _open_spot(page)
        page.locator(".here-pick", has_text=word).click()
        page.wait_for_selector(".obs-sheet")
        assert word in page.inner_text(".obs-sheet .fields").lower()
        page.click(".obs-sheet button:has-text('Modifier')")
        page.click("details.more summary")
        page.fill("#operator", f"Exploitant {shape}")
        page.click("button.btn-save")
        page.wait_for_selector(".sheet", state="hidden")

    # The sheet closes before the map's cameras are read again; the spot opened at once
    # lists them as the phone holds them, the last edit too.
    _open_spot(page)
    lines = page.locator(".here-pick").all_inner_texts()
    for shape, word in SHAPES.items():
        [line] = [text for text in lines if word in text]
        assert f"Exploitant {shape}" in line

    # A lone camera: the tap opens its sheet, no chooser in between.
    page.click(".here-sheet button:has-text('Fermer')")
    log_camera(page, context, lat=ALONE[0], lon=ALONE[1], accuracy=4, photo=photos / PHOTO)
    tap_marker(page, f"{PENDING}:not([data-pole])", ".obs-sheet")
    assert page.locator(".here-sheet").count() == 0
