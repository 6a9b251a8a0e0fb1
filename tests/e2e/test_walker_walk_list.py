"""Léa joins on a bad connection: the walk list says it is loading (not "no walk yet"), says
when it could not load (not "offline", she is online), offers to retry, and loads by itself
when the network comes back."""

import uuid

import pytest

pytestmark = pytest.mark.browser

WALKS = "**/api/v1/groups/*/walks"


def test_the_walk_list_says_it_loads_then_fails_then_loads_when_the_network_is_back(
    camwalk_server, new_phone, screenshot
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    context = new_phone()
    page = context.new_page()
    held = []
    context.route(WALKS, lambda route: held.append(route))
    page.goto(f"{base}/join/{demo['invite_code']}")
    page.fill("#pseudonym", f"grive-{uuid.uuid4().hex[:6]}")
    page.click("button[type=submit]")
    page.wait_for_selector("ul.walks", state="attached")
    page.wait_for_function("document.body.innerText.includes('Chargement des balades')")
    for _ in range(100):  # the request reaches the route handler while the page is waited on
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "the walk list was never asked for"
    # Not "no walk yet": nobody said so yet.
    assert "Aucune balade" not in page.inner_text("main")
    screenshot(page, "walker-walks-loading")

    # The request gives up (a timeout on a hanging link): she is online all along.
    for route in held:
        route.abort("timedout")
    page.wait_for_selector("button.walks-retry")
    text = page.inner_text("main")
    assert "Impossible de charger les balades" in text
    assert "Hors ligne" not in text and "Aucune balade" not in text
    screenshot(page, "walker-walks-failed")

    # The network comes back: the list loads by itself, no tap needed.
    context.unroute(WALKS)
    context.set_offline(True)
    context.set_offline(False)
    page.wait_for_selector("button.walk", timeout=10_000)
    assert page.locator("button.walks-retry").is_hidden()
    assert "Impossible" not in page.inner_text("main")


def test_retry_loads_the_walk_list(camwalk_server, new_phone):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    context = new_phone()
    page = context.new_page()
    context.route(WALKS, lambda route: route.abort("connectionfailed"))
    page.goto(f"{base}/join/{demo['invite_code']}")
    page.fill("#pseudonym", f"sitelle-{uuid.uuid4().hex[:6]}")
    page.click("button[type=submit]")
    page.wait_for_selector("button.walks-retry")
    context.unroute(WALKS)
    page.click("button.walks-retry")
    page.wait_for_selector("button.walk")


def test_a_walk_list_that_does_not_answer_offers_retry_within_seconds(camwalk_server, new_phone):
    """A link that swallows the request: she is told so, with Retry, long before the client's
    30 s timeout; Retry asks again, and the first request's late failure changes nothing."""
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    context = new_phone()
    page = context.new_page()
    held = []
    # The first ask hangs; the next ones go through.
    context.route(WALKS, lambda route: route.continue_() if held else held.append(route))
    page.goto(f"{base}/join/{demo['invite_code']}")
    page.fill("#pseudonym", f"pouillot-{uuid.uuid4().hex[:6]}")
    page.click("button[type=submit]")
    page.wait_for_function("document.body.innerText.includes('Chargement des balades')")
    page.wait_for_selector("button.walks-retry", timeout=8_000)
    assert held, "the walk list was never asked for"
    assert "tarde à répondre" in page.inner_text("main")

    page.click("button.walks-retry")
    page.wait_for_selector("button.walk")
    held[0].abort("timedout")
    page.wait_for_timeout(300)
    assert page.locator("button.walk").count() > 0
    assert page.locator("button.walks-retry").is_hidden()
    assert "Impossible" not in page.inner_text("main")
