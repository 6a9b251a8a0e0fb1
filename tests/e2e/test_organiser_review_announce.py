"""Karim reviews with a screen reader: each card drawn anew is announced once. The card was a
live region (aria-live) while the keyboard also moved to its heading after each decision, so
his reader read the whole card and then its heading again; the outcome is the toast's to say
(role=status), and the card is no live region any more."""

import pytest

from .organiser import LAPTOP, log_in, open_in_review, organiser_context, walker_logs
from .test_organiser_review_focus import FOCUS, _at, _shown, _spot

pytestmark = pytest.mark.browser

# The live region that holds the focused element, if any (`#app` is aria-live=off).
LIVE_AROUND_FOCUS = """() => {
  const live = document.activeElement?.closest(
    '[aria-live]:not([aria-live=off]), [role=status], [role=alert], [role=log]');
  return live ? live.outerHTML.slice(0, 80) : null;
}"""


def test_a_card_drawn_anew_is_announced_once_by_its_heading(camwalk_server, browser):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    lat, lon = _spot()
    approved = walker_logs(base, demo, position=_at(lat, lon), operator="Announce A")
    walker_logs(base, demo, position=_at(lat, lon, 200), operator="Announce B")
    page = organiser_context(browser).new_page()
    page.set_viewport_size(LAPTOP)
    log_in(page, base, demo)
    open_in_review(page, approved)

    assert page.locator(".rev-card").get_attribute("aria-live") is None
    page.focus("button[data-action=approve]")
    page.keyboard.press("Enter")
    page.wait_for_selector(f".hist[data-id='{approved}']", state="detached")
    # The next card: said once, by the heading the keyboard is on; the outcome by the toast.
    assert page.evaluate(FOCUS) == "heading"
    assert page.evaluate(LIVE_AROUND_FOCUS) is None
    assert page.locator("#toasts .toast[role=status]").count() >= 1

    # A step to another card by key: the same, the keyboard on its heading.
    shown = _shown(page)
    page.keyboard.press("k" if page.locator(".rev-count").inner_text().split()[0] != "1" else "j")
    page.wait_for_function(
        "id => document.querySelector('.rev-card .hist')?.dataset.id !== id", arg=shown
    )
    assert page.evaluate(FOCUS) == "heading"
    assert page.evaluate(LIVE_AROUND_FOCUS) is None
    assert page.locator(".rev-card[aria-live], .rev-card [aria-live]").count() == 0
