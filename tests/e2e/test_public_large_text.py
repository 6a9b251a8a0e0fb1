"""A visitor of a published map on a phone with its largest text (200 %): the page fits the
phone, the map keeps most of the screen, and its buttons stay apart. Before, the header pushed
"English" off the screen (the page laid out 432 px wide on a 360 px phone), the title, legend
and credit left the map 180 px of 740, and "what the cameras see" covered the zoom's "−"."""

import pytest

from .organiser import api
from .phone import SIDEWAYS, TEXT_200

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
BOXES = """() => Object.fromEntries(['.lang', '.pub-map', '.leaflet-control-zoom',
  '.coverage-toggle'].map((sel) => {
    const r = document.querySelector(sel).getBoundingClientRect();
    return [sel, {left: r.left, right: r.right, top: r.top, bottom: r.bottom, height: r.height}];
  }))"""


@pytest.fixture
def published(camwalk_server):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    settings = f"/groups/{demo['group_id']}/settings"
    was = api(base, demo["organiser_token"], "GET", settings)
    shown = {"public_map": True, "coverage_public": True}
    api(base, demo["organiser_token"], "PATCH", settings, json=shown)
    yield f"{base}/public/{was['slug']}"
    back = {key: was[key] for key in shown}
    api(base, demo["organiser_token"], "PATCH", settings, json=back)


def _overlap(a: dict, b: dict) -> bool:
    return min(a["right"], b["right"]) - max(a["left"], b["left"]) > 1 and (
        min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > 1
    )


def test_at_200_percent_text_the_public_map_fits_the_phone_and_keeps_its_room(
    published, browser, screenshot
):
    context = browser.new_context(viewport=PHONE, locale="fr-FR", bypass_csp=True)
    try:
        page = context.new_page()
        page.add_init_script(TEXT_200)
        page.goto(published)
        page.wait_for_selector(".coverage-toggle")
        sideways = page.evaluate(SIDEWAYS, PHONE["width"])
        boxes = page.evaluate(BOXES)
        screenshot(page, "public-map-360-text-200")
    finally:
        context.close()

    assert sideways == []
    assert boxes[".lang"]["right"] <= PHONE["width"]
    assert boxes[".pub-map"]["height"] >= 0.6 * PHONE["height"] - 1, boxes[".pub-map"]
    assert not _overlap(boxes[".leaflet-control-zoom"], boxes[".coverage-toggle"]), boxes
