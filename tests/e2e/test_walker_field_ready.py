"""Field-ready walker screens (issue 16), at a phone's size in French: each small trap a
walker met in the street, with what she sees now."""

import re
import uuid

import pytest

from .conftest import PHONE
from .phone import FAB, join_and_pick_walk, log_camera, wait_for_fix

pytestmark = pytest.mark.browser

TINY = "exifr/IMG_20180725_163423-tiny.jpg"
FAR_AWAY = "exifr/IMG_20180725_163423.jpg"  # GPS in Bohemia, ~1000 km from Marseille
SPOT = (43.29520, 5.37330)


def _rgba(css: str) -> tuple:
    parts = [float(x) for x in re.findall(r"[\d.]+", css)]
    return (*parts[:3], parts[3] if len(parts) > 3 else 1.0)


def contrast_ratio(fg: str, bg: str) -> float:
    """WCAG contrast of two computed colours; a see-through background counts as failing."""
    if _rgba(bg)[3] < 1:
        return 0.0

    def luminance(rgba):
        lin = [c / 255 for c in rgba[:3]]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in lin]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((luminance(_rgba(fg)), luminance(_rgba(bg))), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def boxes_overlap(a: dict, b: dict) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


@pytest.fixture
def walker(camwalk_server, new_phone):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    context = new_phone(*SPOT, accuracy=5)
    page = context.new_page()
    join_and_pick_walk(page, base, demo["invite_code"], f"linotte-{uuid.uuid4().hex[:6]}")
    wait_for_fix(page, 5)
    return context, page


def test_the_duplicate_warning_follows_the_pin(walker, photos, screenshot):
    context, page = walker
    log_camera(page, context, lat=SPOT[0], lon=SPOT[1], accuracy=5, photo=photos / TINY)
    page.click(FAB)
    banner = page.wait_for_selector(".nearby")
    # "à 1 m" never breaks between the number and its unit.
    assert "à\u00a01\u00a0m" in banner.inner_text()
    pin = page.locator(".leaflet-marker-pane .pin").bounding_box()
    x, y = pin["x"] + pin["width"] / 2, pin["y"] + pin["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    for step in range(1, 11):
        page.mouse.move(x, y - 16 * step)  # ~35 m north at zoom 19
    page.mouse.up()
    page.wait_for_selector(".nearby", state="detached")
    screenshot(page, "23-pin-dragged-away")


def test_the_strip_of_map_above_the_log_form_is_left_to_the_pin(walker):
    # The coverage buttons stood beside the pin and its direction handle, a tap from
    # starting a route instead of aiming the camera; the legend already gave way.
    _, page = walker
    toggles = page.locator("button.coverage-toggle")
    assert toggles.count() == 2 and toggles.first.is_visible()
    page.click(FAB)
    page.wait_for_selector("form.log-form")
    assert [toggles.nth(i).is_visible() for i in range(2)] == [False, False]
    assert page.locator(".leaflet-marker-pane .pin").is_visible()
    page.go_back()
    page.wait_for_selector("form.log-form", state="detached")
    assert toggles.first.is_visible()


def test_a_save_toast_hides_neither_centre_on_me_nor_plus(walker, photos):
    context, page = walker
    log_camera(page, context, lat=SPOT[0], lon=SPOT[1] + 0.001, accuracy=5, photo=photos / TINY)
    toast = page.wait_for_selector(".toast").bounding_box()
    for button in ("button.locate", FAB):
        assert not boxes_overlap(toast, page.locator(button).bounding_box()), button


def test_the_legend_is_folded_and_opens_on_a_tap(walker):
    _, page = walker
    legend = page.locator(".legend")
    assert legend.get_attribute("open") is None
    assert legend.bounding_box()["height"] < 48
    page.click(".legend summary")
    assert "OpenStreetMap" in legend.inner_text()


def test_the_legend_opens_where_she_tapped_it_and_its_symbols_keep_their_size(walker):
    # In French its lines grew too wide to open beside the position chip: it dropped to a
    # row of its own on the left, half over the coverage buttons, its title gone from under
    # her thumb. It opens in its corner now, its lines wrapping.
    _, page = walker
    summary = page.locator(".legend summary")
    closed = summary.bounding_box()
    summary.click()
    assert "Hors service dans OpenStreetMap" in page.inner_text(".legend")
    opened = summary.bounding_box()
    assert opened["y"] == closed["y"]
    chip = page.locator(".gps-chip").bounding_box()
    assert page.locator(".legend").bounding_box()["x"] >= chip["x"] + chip["width"]
    for symbol in page.locator(".legend li > span").all():
        box = symbol.bounding_box()
        assert box["width"] == box["height"], symbol.get_attribute("class")
    summary.click()
    assert summary.bounding_box() == closed


def test_a_photo_taken_far_away_is_flagged_and_its_position_not_offered(walker, photos):
    _, page = walker
    page.click(FAB)
    page.set_input_files("#photo-close_up", str(photos / FAR_AWAY))
    warning = page.wait_for_selector(".exif-offers .warn")
    assert "km d’ici" in warning.inner_text()
    assert "indique une position" not in page.inner_text(".exif-offers")


def test_offline_the_chip_says_so_at_once_and_a_void_basemap_is_explained(walker, screenshot):
    context, page = walker
    page.wait_for_selector("img.leaflet-tile-loaded")
    context.set_offline(True)
    page.reload()
    page.wait_for_selector(FAB)
    page.wait_for_function("document.querySelector('.sync-chip').innerText.includes('Hors ligne')")
    assert "✓" not in page.inner_text(".sync-chip")
    # Readable on the dark header: its own opaque background, and enough contrast on it
    # (axe leaves this one "incomplete": it cannot tell the header's colour behind the chip).
    fg, bg = page.evaluate(
        "(() => { const c = getComputedStyle(document.querySelector('.sync-chip'));"
        " return [c.color, c.backgroundColor]; })()"
    )
    assert contrast_ratio(fg, bg) >= 4.5, (fg, bg)
    # Zoomed out, the view needs tiles this phone never fetched.
    for _ in range(3):
        page.click(".leaflet-control-zoom-out")
    note = page.wait_for_selector(".basemap-note:not([hidden])")
    assert "hors ligne" in note.inner_text()
    # Beside the map's buttons on a phone, not over them (it hid "Ce que voient les caméras").
    box = note.bounding_box()
    buttons = page.locator("button.coverage-toggle")
    assert buttons.count() > 0
    for i in range(buttons.count()):
        other = buttons.nth(i).bounding_box()
        apart = (
            box["x"] + box["width"] <= other["x"]
            or other["x"] + other["width"] <= box["x"]
            or box["y"] + box["height"] <= other["y"]
            or other["y"] + other["height"] <= box["y"]
        )
        assert apart, (buttons.nth(i).inner_text(), box, other)
    screenshot(page, "24-offline-no-basemap")


def test_location_refused_says_how_to_allow_it_and_the_pin_is_placed_by_hand(
    camwalk_server, browser, screenshot
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    context = browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, locale="fr-FR", bypass_csp=True
    )
    try:
        page = context.new_page()
        join_and_pick_walk(page, base, demo["invite_code"], f"pinson-{uuid.uuid4().hex[:6]}")
        page.wait_for_selector(".gps-chip:has-text('Position refusée')")
        assert "cadenas" in page.inner_text(".gps-help")
        page.click("button.locate")
        assert "cadenas" in page.wait_for_selector(".toast").inner_text()
        screenshot(page, "25-location-refused")
        page.click(FAB)
        assert "Faites-la glisser" in page.inner_text("form.log-form .fix")
        assert "?" not in page.inner_text("form.log-form .fix")
        page.click("button.btn-save")
        page.wait_for_selector(".sheet", state="hidden")
        page.wait_for_selector(".leaflet-marker-pane .obs-dot.state-pending", state="attached")
    finally:
        context.close()


def test_the_walker_wording_agrees_and_says_each_thing_once(walker, photos):
    context, page = walker
    context.set_offline(True)
    log_camera(page, context, lat=SPOT[0] + 0.0006, lon=SPOT[1], accuracy=5, photo=photos / TINY)
    title = page.locator(".leaflet-marker-pane .obs-dot.state-pending").locator("..").first
    assert title.get_attribute("title") == "Caméra, dôme · pas encore envoyée"
    page.click(FAB)
    form = page.wait_for_selector("form.log-form")
    # The chip above says "Précision 5 m"; the form does not say it again.
    assert "Précision" not in form.inner_text()
    assert page.locator(".gps-chip").inner_text() == "Précision 5 m"
    # One name for the direction handle, in the hint and in the no-compass fallback.
    page.click("form.log-form .btn-compass")
    page.wait_for_selector("form.log-form fieldset [role=status]:has-text('Boussole')")
    assert form.inner_text().count("rond rouge au bout de la flèche") == 2
