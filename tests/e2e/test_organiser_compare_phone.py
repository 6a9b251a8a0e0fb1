"""Karim compares two records of one camera on his phone (390 px): the table's headings keep
their words whole, each column's badge stays inside it, and the distance reads as on the card;
the queue row's "2×" badge is read out in words. The probe found "Exploitan/t", an "absorbée"
badge past its column's edge, "2,22 m" on the compare screen beside "2 m" on the card, and a
row read out as "Caméra · RTM 2×"."""

import pytest
from playwright.sync_api import expect

from .organiser import LAPTOP, PHONE, log_in, open_in_review, organiser_context, walker_logs

pytestmark = pytest.mark.browser

METRE = 1 / 111_195.08  # one metre of latitude, in degrees
SPOT = (43.29310, 5.38700)  # a corner of the demo walk with no other camera within 50 m

# The words of an element's text that its lines cut in two: a word drawn on two lines.
WORDS_CUT = """(el) => {
  const cut = [];
  const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walk.nextNode(); node; node = walk.nextNode()) {
    for (const m of node.data.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      if (tops.size > 1) cut.push(m[0]);
    }
  }
  return cut;
}"""
# How far (px) an element's right edge goes past its column's inner edge; 0 when inside.
PAST_COLUMN = """(el) => {
  const col = el.closest('.merge-col');
  const inner = col.getBoundingClientRect().right - parseFloat(getComputedStyle(col).paddingRight)
    - parseFloat(getComputedStyle(col).borderRightWidth);
  return Math.max(0, Math.ceil(el.getBoundingClientRect().right - inner));
}"""


def test_the_compare_screen_fits_a_phone_and_says_the_cards_distance(
    camwalk_server, browser, screenshot
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    lat, lon = SPOT
    first = walker_logs(
        base, demo, position={"lat": lat, "lon": lon, "accuracy_m": 4}, operator="RTM"
    )
    walker_logs(
        base,
        demo,
        position={"lat": lat + 2.22 * METRE, "lon": lon, "accuracy_m": 4},
        operator="Mairie",
    )
    context = organiser_context(browser, LAPTOP)
    page = context.new_page()
    log_in(page, base, demo)
    open_in_review(page, first)
    # The queue row's "2×" badge is read out in words, not as "2×".
    expect(page.locator(f".rev-row[data-id='{first}']")).to_have_accessible_name(
        "Caméra · RTM doublon possible"
    )
    page.set_viewport_size(PHONE)
    hint = page.locator(".rev-hints .hint-dup")
    assert hint.count() == 1
    assert "Doublon possible à 2 m" in hint.inner_text()
    hint.locator("button").click()
    page.wait_for_selector(".merge .merge-table")
    screenshot(page, "compare-390")

    distance = page.inner_text(".merge-distance")
    assert distance == "à 2 m l’une de l’autre", distance
    headings = page.locator(".merge-table th, .merge-keep")
    assert headings.count() >= 9
    cut = [w for i in range(headings.count()) for w in headings.nth(i).evaluate(WORDS_CUT)]
    assert cut == [], cut
    badges = page.locator(".merge-col .badge")
    assert badges.count() >= 2
    assert [badges.nth(i).evaluate(PAST_COLUMN) for i in range(badges.count())] == [
        0
    ] * badges.count()
    context.close()
