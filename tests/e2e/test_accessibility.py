"""The walker's screens pass axe-core's WCAG 2.1 A/AA rules (labels, contrast, roles)."""

import json
import uuid

import pytest

from .conftest import REPO, missing_tool
from .phone import (
    MARKERS,
    SIDEWAYS,
    join,
    join_and_pick_walk,
    larger_text,
    log_camera,
    open_first_camera,
)

pytestmark = pytest.mark.browser

AXE = REPO / "pwa" / "node_modules" / "axe-core" / "axe.min.js"
RULES = "{runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}"


def _violations(page, where: str = "document") -> list:
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        f"axe.run({where}, {RULES}).then(r => r.violations.map(v => "
        "({id: v.id, impact: v.impact, where: v.nodes.map(n => n.target.join(' '))})))"
    )
    return found


def test_join_walks_map_log_form_and_camera_sheet_have_no_wcag_violations(
    camwalk_server, new_phone
):
    if not AXE.exists():
        missing_tool(f"axe-core is not installed ({AXE}; cd pwa && npm ci)")
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    page = new_phone().new_page()
    seen = {}
    page.goto(f"{base}/join/{demo['invite_code']}")
    page.wait_for_selector("#pseudonym")
    seen["join"] = _violations(page)
    page.fill("#pseudonym", f"axe-{uuid.uuid4().hex[:6]}")
    page.click("button[type=submit]")
    page.wait_for_selector(".storage [data-persisted]")
    seen["walks"] = _violations(page)
    page.click("button.walk")
    page.wait_for_selector(".leaflet-marker-pane .obs-dot", state="attached")
    seen["map"] = _violations(page)
    page.click("button.fab")
    page.wait_for_selector("form.log-form")
    seen["log form"] = _violations(page)
    page.click("form.log-form button:has-text('Annuler')")
    open_first_camera(page)
    seen["camera sheet"] = _violations(page)
    page.click(".obs-sheet button:has-text('Fermer')")
    page.click(".legend summary")
    seen["map, legend open"] = _violations(page)
    page.click("button[aria-label='Menu']")
    page.wait_for_selector(".menu-sheet")
    seen["menu"] = _violations(page)
    assert {k: v for k, v in seen.items() if v} == {}, json.dumps(seen, indent=1)


def _serious(page) -> list:
    return [v for v in _violations(page) if v["impact"] in ("serious", "critical")]


def test_at_360_px_with_large_text_axe_finds_no_serious_issue_on_walker_screens(
    camwalk_server, browser
):
    """The same walker screens on a small phone with its "large text" setting, and the
    location-refused help, which only shows when the walker said no."""
    if not AXE.exists():
        missing_tool(f"axe-core is not installed ({AXE}; cd pwa && npm ci)")
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        is_mobile=True,
        has_touch=True,
        locale="fr-FR",
        bypass_csp=True,  # axe is injected as an inline script
    )
    try:
        page = context.new_page()
        page.add_init_script(larger_text(150))
        join(page, base, demo["invite_code"], f"axe360-{uuid.uuid4().hex[:6]}")
        seen = {"walks": _serious(page)}
        page.click("button.walk")
        page.wait_for_selector(".gps-help:not([hidden])")
        page.click(".legend summary")
        seen["map, location refused, legend open"] = _serious(page)
        page.click("button.fab")
        page.wait_for_selector("form.log-form")
        page.click("details.more summary")
        seen["log form"] = _serious(page)
        page.click("form.log-form button:has-text('Annuler')")
        open_first_camera(page)
        seen["camera sheet"] = _serious(page)
        page.click(".obs-sheet button:has-text('Fermer')")
        page.click("button[aria-label='Menu']")
        page.wait_for_selector(".menu-sheet")
        seen["menu"] = _serious(page)
    finally:
        context.close()
    assert {k: v for k, v in seen.items() if v} == {}, json.dumps(seen, indent=1)


POLE = (43.29395, 5.37855)
LONE = (43.29395, 5.37905)  # 40 m east


def test_camera_markers_open_from_the_keyboard_and_each_has_its_own_name(
    camwalk_server, new_phone, photos
):
    """Enter or Space on a focused marker does what a tap does; each marker is named by what
    tells it apart (shape, direction, operator) and its state, in the walker's language."""
    if not AXE.exists():
        missing_tool(f"axe-core is not installed ({AXE}; cd pwa && npm ci)")
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    context = new_phone(*POLE, accuracy=4)
    page = context.new_page()
    join_and_pick_walk(page, base, demo["invite_code"], f"clavier-{uuid.uuid4().hex[:6]}")
    context.set_offline(True)
    photo = photos / "exifr/IMG_20180725_163423-tiny.jpg"
    for (lat, lon), shape in ((POLE, "dome"), (POLE, "fixed"), (LONE, "panning")):
        log_camera(page, context, lat=lat, lon=lon, accuracy=4, photo=photo, camera_type=shape)
    # The map draws a saved camera's marker after the form closes: read them once all are.
    pending = f"{MARKERS}.state-pending"
    page.wait_for_function(f"document.querySelectorAll('{pending}').length === 3")

    names = (
        page.locator(pending)
        .locator("..")
        .evaluate_all("icons => icons.map((icon) => icon.title)")
    )
    assert sorted(names) == [
        "Caméra, dôme · pas encore envoyée",
        "Caméra, fixe · pas encore envoyée",
        "Caméra, mobile · pas encore envoyée",
    ]
    lone = page.get_by_role("button", name="Caméra, mobile · pas encore envoyée")
    lone.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(".obs-sheet")
    page.click(".obs-sheet button:has-text('Fermer')")
    page.wait_for_selector(".sheet", state="hidden")

    page.get_by_role("button", name="Caméra, dôme · pas encore envoyée").focus()
    page.keyboard.press(" ")
    page.wait_for_selector(".here-sheet")
    # The sheet only: offline with cameras to send, the sync chip has an issue of its own.
    assert _violations(page, "document.querySelector('.here-sheet')") == []
    page.keyboard.press("Tab")  # from the heading to the first camera of the spot
    page.keyboard.press("Enter")
    page.wait_for_selector(".obs-sheet")


def test_at_360_px_with_large_text_nothing_scrolls_sideways(camwalk_server, new_phone, screenshot):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    context = new_phone(43.2958, 5.3735, accuracy=30, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.add_init_script(larger_text(150))
    join(page, base, demo["invite_code"], f"grand-{uuid.uuid4().hex[:6]}")
    assert page.evaluate(SIDEWAYS, 360) == []
    page.click("button.walk")
    page.click("button.fab")
    page.wait_for_selector("form.log-form")
    assert page.evaluate(SIDEWAYS, 360) == []
    page.click("details.more summary")
    assert page.evaluate(SIDEWAYS, 360) == []
    screenshot(page, "11-form-360px-large-text")


# Each organiser tab, and what shows once it has loaded.
ORGANISER_TABS = {
    "review": ".rev-card",
    "conflicts": ".conflicts, .rev-empty, .conf-list",
    "summary": ".sum-map",
    "exports": "#up-prepare",
    "signage": ".sig-file, .rev-empty",
    "public": ".pp-list, .pub-photos .muted, .pub-settings",
    "walks": "#walk-draw-map .leaflet-tile-pane",
    "people": ".mem-table",
    "account": ".account .dev-list",
}


def test_every_organiser_tab_has_no_wcag_violations(camwalk_server, browser):
    if not AXE.exists():
        missing_tool(f"axe-core is not installed ({AXE}; cd pwa && npm ci)")
    from .organiser import log_in, open_tab, organiser_context

    base, demo = camwalk_server["url"], camwalk_server["demo"]
    ctx = organiser_context(browser)
    page = ctx.new_page()
    log_in(page, base, demo)
    seen = {}
    for tab, loaded in ORGANISER_TABS.items():
        open_tab(page, tab)
        page.wait_for_selector(loaded, state="attached")
        page.wait_for_selector(".org-body [role=status]:has-text('Chargement')", state="detached")
        seen[tab] = _violations(page)
    ctx.close()
    assert {k: v for k, v in seen.items() if v} == {}, json.dumps(seen, indent=1)


def test_every_organiser_tab_at_360_px_with_large_text_has_no_serious_issue(
    camwalk_server, browser
):
    if not AXE.exists():
        missing_tool(f"axe-core is not installed ({AXE}; cd pwa && npm ci)")
    from .organiser import log_in, open_tab, organiser_context

    base, demo = camwalk_server["url"], camwalk_server["demo"]
    ctx = organiser_context(browser, {"width": 360, "height": 740})
    page = ctx.new_page()
    page.add_init_script(larger_text(150))
    log_in(page, base, demo)
    serious, sideways = {}, {}
    for tab, loaded in ORGANISER_TABS.items():
        open_tab(page, tab)
        page.wait_for_selector(loaded, state="attached")
        page.wait_for_selector(".org-body [role=status]:has-text('Chargement')", state="detached")
        found = [v for v in _violations(page) if v["impact"] in ("serious", "critical")]
        if found:
            serious[tab] = found
        wide = page.evaluate(SIDEWAYS, 360)
        if wide:
            sideways[tab] = wide
    ctx.close()
    assert serious == {}, json.dumps(serious, indent=1)
    assert sideways == {}
