"""At 200 % text on a small phone (the probe's 320×568 and 360×640): the map's controls do not
pile up on each other, the walk's name shows, and the log form leaves room for its fields,
each of which a tap at its centre reaches once scrolled into the sheet."""

import json
import uuid

import pytest

from .phone import FAB, SIDEWAYS, TEXT_200, join_and_pick_walk, wait_for_fix

pytestmark = pytest.mark.browser

SPOT = (43.29590, 5.37560)
CONTROLS = [
    ".bar-title",
    ".sync-chip",
    ".bar .round",
    ".gps-chip",
    ".gps-help",
    ".basemap-note",
    ".legend",
    ".coverage-toggle",
    ".locate",
    ".leaflet-control-zoom",
    ".leaflet-control-attribution",
    ".fab",
]
# Pairs of shown controls whose boxes overlap by more than a pixel.
OVERLAPS = """(selectors) => {
  // What shows of an element: its box cut by the boxes that scroll it.
  const shown = (el) => {
    let {left, top, right, bottom} = el.getBoundingClientRect();
    for (let up = el.parentElement; up; up = up.parentElement) {
      if (getComputedStyle(up).overflowY === 'visible') continue;
      const r = up.getBoundingClientRect();
      [left, top] = [Math.max(left, r.left), Math.max(top, r.top)];
      [right, bottom] = [Math.min(right, r.right), Math.min(bottom, r.bottom)];
    }
    return {left, top, right, bottom};
  };
  const boxes = selectors.flatMap((sel) => [...document.querySelectorAll(sel)]
    .filter((el) => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden')
    .map((el, i) => [`${sel}#${i}`, shown(el)]));
  const found = [];
  for (const [i, [a, ra]] of boxes.entries())
    for (const [b, rb] of boxes.slice(i + 1)) {
      const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
      const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
      if (w > 1 && h > 1) found.push(`${a} × ${b}`);
    }
  const off = boxes.filter(([, r]) => r.left < -1 || r.right > innerWidth + 1 || r.top < -1
    || r.bottom > innerHeight + 1).map(([name]) => `${name} off screen`);
  return found.concat(off);
}"""
# What a tap at the centre of each field reaches, once the field is scrolled to the middle
# of the sheet: the field itself (or something inside it), or what covers it.
FIELDS = [
    "label[for=camera_type-dome]",
    "label[for=camera_type-panning]",
    "label[for=mount-pole]",
    ".lens input",
    "label[for=photo-close_up]",
    "details.more summary",
    "#operator",
    "form.log-form .actions .btn:not(.btn-save)",
    "button.btn-save",
]
TAPPED = """(sel) => {
  const el = document.querySelector(sel);
  el.scrollIntoView({block: 'center'});
  const r = el.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return hit && (el === hit || el.contains(hit)) ? 'field'
    : `${hit ? hit.className || hit.tagName : 'nothing'} covers it`;
}"""


@pytest.mark.parametrize("width,height", [(320, 568), (360, 640)])
def test_at_200_percent_text_map_controls_do_not_overlap_and_the_form_can_be_filled(
    camwalk_server, new_phone, screenshot, width, height
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    context = new_phone(*SPOT, viewport={"width": width, "height": height})
    page = context.new_page()
    page.add_init_script(TEXT_200)
    join_and_pick_walk(page, base, demo["invite_code"], f"grandtexte-{uuid.uuid4().hex[:6]}")
    wait_for_fix(page, 6)
    page.wait_for_selector(".coverage-toggle")
    # Offline, a zoom level never seen: the longest note the map shows, over the rest.
    context.set_offline(True)
    page.dispatch_event(".leaflet-control-zoom-out", "click")  # covered, before the fix
    page.wait_for_selector(".basemap-note:not([hidden])")
    screenshot(page, f"31-map-{width}px-text-200")
    overlaps = page.evaluate(OVERLAPS, CONTROLS)
    assert overlaps == [], overlaps
    name = page.eval_on_selector(
        ".bar-title strong",
        "el => el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1",
    )
    assert name, "the walk's name is cut short"
    page.click(".legend summary")
    overlaps = page.evaluate(OVERLAPS, CONTROLS)
    assert overlaps == [], overlaps
    page.click(".legend summary")

    page.click(FAB)
    page.wait_for_selector("form.log-form")
    room = page.evaluate(
        "() => { const s = document.querySelector('.sheet').getBoundingClientRect();"
        " const a = document.querySelector('form.log-form .actions').getBoundingClientRect();"
        " return Math.round(s.height - a.height); }"
    )
    assert room >= 0.4 * height, f"{room} px left for the form's fields"
    page.click("details.more summary")
    reached = {sel: page.evaluate(TAPPED, sel) for sel in FIELDS}
    screenshot(page, f"32-form-{width}px-text-200")
    assert {s: r for s, r in reached.items() if r != "field"} == {}, json.dumps(reached)
    # And taps work: the shape chosen by a real tap is checked.
    page.locator("label[for=camera_type-panning]").tap()
    assert page.is_checked("#camera_type-panning")


def test_at_200_percent_text_no_screen_before_the_map_is_wider_than_the_phone(
    camwalk_server, new_phone
):
    """The group's name in the join screen's title, "« Technopolice" as one word at 200 %,
    laid the page out 410 px wide on a 320 px phone: Chrome then zooms the page out, or
    scrolls it sideways, on the first screen a newcomer sees."""
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    page = new_phone(viewport={"width": 320, "height": 568}).new_page()
    page.add_init_script(TEXT_200)
    sideways = {}
    page.goto(f"{base}/")
    page.wait_for_selector("h1")
    sideways["welcome"] = page.evaluate(SIDEWAYS, 320)
    page.goto(f"{base}/join/{demo['invite_code']}")
    page.wait_for_selector("#pseudonym")
    sideways["join"] = page.evaluate(SIDEWAYS, 320)
    page.fill("#pseudonym", f"grandtexte-{uuid.uuid4().hex[:6]}")
    page.click("button[type=submit]")
    page.wait_for_selector("button.walk")
    sideways["walks"] = page.evaluate(SIDEWAYS, 320)

    assert {screen: found for screen, found in sideways.items() if found} == {}, sideways
