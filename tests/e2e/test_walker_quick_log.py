"""Quick logging stays quick: "+", a photo, Save logs a camera in 3 taps, with nothing
preselected but the kind "+" stands for, so no field she did not choose reaches the server
(and from there OpenStreetMap) as a value."""

import uuid

import pytest

from .phone import FAB, join_and_pick_walk, server_observations, sync_and_wait, wait_for_fix

pytestmark = pytest.mark.browser

PHOTO = "exifr/IMG_20180725_163423-tiny.jpg"
SPOT = (43.29585, 5.37445)

# Counts the walker's real taps from now on (pointerdown: a label's click on its input is
# not a second tap).
COUNT_TAPS = """() => {
  window.__taps = 0;
  addEventListener('pointerdown', (e) => { if (e.isTrusted) window.__taps += 1; }, true);
}"""

CHOSEN_BY_NOBODY = ("camera_type", "mount", "surveillance", "direction", "zone", "operator")


def quick_log(page, photo) -> int:
    """+ → photo → save; returns the taps it took."""
    page.evaluate(COUNT_TAPS)
    page.tap(FAB)
    page.wait_for_selector("form.log-form")
    # Preselected chips would send values she never chose.
    assert page.locator("form.log-form input[type=radio]:checked").evaluate_all(
        "els => els.map(e => e.name)"
    ) == ["kind"]
    with page.expect_file_chooser() as chooser:
        page.tap("label[for=photo-close_up]")
    chooser.value.set_files(str(photo))
    page.wait_for_selector(".thumbs img")
    page.tap("button.btn-save")
    page.wait_for_selector(".sheet", state="hidden")
    return page.evaluate("window.__taps")


def test_a_camera_is_logged_in_three_taps_and_carries_only_what_she_chose(
    camwalk_server, new_phone, photos
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    pseudonym = f"verdier-{uuid.uuid4().hex[:6]}"
    context = new_phone(*SPOT, accuracy=5)
    page = context.new_page()
    join_and_pick_walk(page, base, demo["invite_code"], pseudonym)
    wait_for_fix(page, 5)

    assert quick_log(page, photos / PHOTO) == 3

    sync_and_wait(page)
    [mine] = [
        o
        for o in server_observations(base, demo["group_id"], demo["organiser_token"])
        if o.get("created_by") == pseudonym
    ]
    assert mine["kind"] == "camera" and len(mine["photos"]) == 1
    assert {field: mine[field] for field in CHOSEN_BY_NOBODY} == dict.fromkeys(CHOSEN_BY_NOBODY)
