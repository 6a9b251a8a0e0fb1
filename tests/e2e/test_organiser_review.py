"""Karim reviews the walk: approve and reject from the keyboard, and walkers' text stays text."""

import pytest

from .organiser import api, log_in, organiser_context, shoot_both, walker_logs

pytestmark = pytest.mark.browser

HOSTILE_OPERATOR = "<img src=x onerror=alert(1)>"
HOSTILE_NOTE = "<script>alert('note')</script> & co"


def _review_status(base, demo, obs_id):
    for status in ("pending", "approved", "rejected"):
        queue = api(
            base,
            demo["organiser_token"],
            "GET",
            f"/groups/{demo['group_id']}/review",
            params={"status": status},
        )
        if any(o["id"] == obs_id for o in queue):
            return status
    return None


def _go_to(page, obs_id):
    """Clicks the queue row of one observation (laptop layout shows the list)."""
    page.wait_for_selector(".rev-card h2")
    rows = page.locator(".rev-row")
    for i in range(rows.count()):
        rows.nth(i).click()
        if page.locator(f".hist[data-id='{obs_id}']").count():
            return
    raise AssertionError(f"{obs_id} is not in the review queue")


def test_keyboard_approves_and_rejects_with_a_reason(camwalk_server, browser, screenshot):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    first = walker_logs(base, demo, operator="RTM")
    second = walker_logs(base, demo, operator="Indigo")
    context = organiser_context(browser)
    page = context.new_page()
    log_in(page, base, demo)
    page.wait_for_selector(".rev-card h2")
    assert "A" in page.inner_text(".rev-keys") and "J" in page.inner_text(".rev-keys")
    shoot_both(page, screenshot, "review")

    _go_to(page, first)
    page.keyboard.press("a")
    page.wait_for_selector(f".hist[data-id='{first}']", state="detached")
    assert _review_status(base, demo, first) == "approved"

    _go_to(page, second)
    page.keyboard.press("r")
    page.fill("#rev-reason", "photo floue, à refaire")
    page.keyboard.press("Enter")
    page.wait_for_selector(f".hist[data-id='{second}']", state="detached")
    assert _review_status(base, demo, second) == "rejected"
    context.close()


def test_walker_text_is_shown_escaped_in_the_review_queue(camwalk_server, browser):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    obs_id = walker_logs(base, demo, operator=HOSTILE_OPERATOR, note=HOSTILE_NOTE)
    context = organiser_context(browser)
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    log_in(page, base, demo)
    _go_to(page, obs_id)
    card = page.inner_text(".rev-card")
    assert HOSTILE_OPERATOR in card
    assert HOSTILE_NOTE in card
    assert page.locator(".rev-card img[src='x']").count() == 0
    page.click(".hist summary")
    page.wait_for_selector(".hist-list")
    page.wait_for_selector(".hist-fields")
    assert HOSTILE_OPERATOR in page.inner_text(".hist-list")
    assert dialogs == []
    context.close()
