"""Karim reviews by keyboard, with a screen reader, on his laptop and on his phone: after each
approval, rejection, choice of OSM node and merge the keyboard lands on the card to decide next
(or on the sentence that changed), never on the page's top, a queue of hundreds away. And a
card takes one action at a time: a second tap while the first is on its way sends nothing."""

import itertools
import json
import random

import pytest

from .conftest import METRE_DEG
from .organiser import (
    LAPTOP,
    PHONE,
    log_in,
    open_in_review,
    organiser_context,
    osm_import,
    walker_logs,
)

pytestmark = pytest.mark.browser


FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return 'body';
  if (el.matches('.rev-card .rev-head h2')) return 'heading';
  if (el.matches('.rev-card .rev-osm-action')) return 'osm-action';
  return el.dataset.action || el.tagName;
}"""


# The card's buttons disabled now, by what they say (some are by design: no previous card).
DISABLED = """() => [...document.querySelectorAll('.rev-card button')]
  .filter((b) => b.disabled).map((b) => b.dataset.action || b.textContent.trim())"""
# A tap on a button as if a redraw had left it unheld (a tap on a held one reaches nothing):
# the card's one action at a time must hold behind it. Held again after.
TAP_UNHELD = "(b) => { b.disabled = false; b.click(); b.disabled = true; }"


_SPOTS = itertools.count()


def _spot() -> tuple[float, float]:
    """A spot of its own, east of where the other browser tests log (each run of the session
    shares one server): no other survey or OSM camera within matching distance. Each is a
    column of its own, 57 m east of the last (a test logs up to 402 m north of its spot). Drawn
    at random in one box, a card once offered two cameras to compare instead of its pair's one:
    most likely another test's camera had fallen within 8 m."""
    return 43.3100, round(5.4000 + next(_SPOTS) * 0.0007, 6)


def _at(lat, lon, north_m=0.0) -> dict:
    return {"lat": round(lat + north_m * METRE_DEG, 7), "lon": lon, "accuracy_m": 4}


def _open(page, obs_id, viewport) -> None:
    """The card of `obs_id` through the queue's list (a laptop shows it), then at `viewport`."""
    page.set_viewport_size(LAPTOP)
    open_in_review(page, obs_id)
    page.set_viewport_size(viewport)


def _shown(page) -> str:
    return page.locator(".rev-card .hist").get_attribute("data-id")


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_the_keyboard_stays_on_the_queue_after_each_answer(
    camwalk_server, browser, tmp_path, viewport
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    rng = random.Random()
    node_id = rng.randrange(9_200_000_000, 9_300_000_000)
    osm_lat, osm_lon = _spot()
    path = tmp_path / "one.osm"
    path.write_text(
        f'<osm version="0.6"><node id="{node_id}" version="1" lat="{osm_lat}" lon="{osm_lon}">'
        '<tag k="man_made" v="surveillance"/></node></osm>',
        encoding="utf-8",
    )
    osm_import(camwalk_server, path)
    lat, lon = _spot()
    approved = walker_logs(base, demo, position=_at(lat, lon), operator="Focus A")
    rejected = walker_logs(base, demo, position=_at(lat, lon, 200), operator="Focus R")
    chosen = walker_logs(base, demo, position=_at(osm_lat, osm_lon, 1.5), operator="Focus O")
    kept, merged = (
        walker_logs(base, demo, position=_at(lat, lon, 400 + m), operator=f"Focus D{m}")
        for m in (0, 2)
    )
    context = organiser_context(browser)
    page = context.new_page()
    log_in(page, base, demo)

    # Approve, by Enter on its button: the next card's heading.
    _open(page, approved, viewport)
    page.focus("button[data-action=approve]")
    page.keyboard.press("Enter")
    page.wait_for_selector(f".hist[data-id='{approved}']", state="detached")
    assert page.evaluate(FOCUS) == "heading"

    # Reject with a reason, all by keys: the same.
    _open(page, rejected, viewport)
    page.keyboard.press("r")
    page.keyboard.type("photo floue")
    page.keyboard.press("Enter")
    page.wait_for_selector(f".hist[data-id='{rejected}']", state="detached")
    assert page.evaluate(FOCUS) == "heading"

    # "New camera" instead of the node: the card stays, and the keyboard is on the sentence
    # saying what the export now does.
    _open(page, chosen, viewport)
    page.wait_for_selector(f".rev-osm-node[data-node='{node_id}']")
    page.focus(".rev-osm-choice li[data-node='new'] button")
    page.keyboard.press("Enter")
    page.wait_for_selector(".rev-osm-choice li[data-node='new'] button[aria-pressed=true]")
    page.wait_for_selector(".rev-refreshing", state="detached")
    assert page.evaluate(FOCUS) == "osm-action"
    assert _shown(page) == chosen

    # A merge from the duplicate hint: the survivor's card, its heading.
    _open(page, kept, viewport)
    page.focus(f".rev-hints li[data-other='{merged}'] button")
    page.keyboard.press("Enter")
    page.wait_for_selector(".merge .merge-table")
    page.focus("#merge-do")
    page.keyboard.press("Enter")
    page.wait_for_selector(".merge", state="detached")
    page.wait_for_selector(f".hist[data-id='{kept}']")
    page.wait_for_selector(".rev-refreshing", state="detached")
    assert page.evaluate(FOCUS) == "heading"
    context.close()


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_a_card_takes_one_action_at_a_time(camwalk_server, browser, viewport):
    """A double tap on Approve, a key, a merge: while the first answer is on its way, the
    card's buttons are held and nothing else is sent; refused, the card is back as it was,
    the keyboard on the button she pressed."""
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    lat, lon = _spot()
    # A pair 2 m apart: the card of the first offers to compare it with the second.
    first = walker_logs(base, demo, position=_at(lat, lon), operator="Busy 0")
    walker_logs(base, demo, position=_at(lat, lon, 2), operator="Busy 2")
    context = organiser_context(browser)
    page = context.new_page()
    log_in(page, base, demo)
    _open(page, first, viewport)

    held, sent = [], []
    page.route(
        "**/api/v1/observations/*/**",
        lambda route: held.append(route) if route.request.method == "POST" else route.continue_(),
    )
    page.on(
        "request", lambda r: r.method == "POST" and "/observations/" in r.url and sent.append(r)
    )
    compared = []  # the compare screen reads the group's pairs first
    page.on("request", lambda r: "/duplicates" in r.url and compared.append(r))
    approve = page.locator("button[data-action=approve]")
    by_design = page.evaluate(DISABLED)  # before anything is held
    approve.focus()
    page.keyboard.press("Enter")
    while not held:
        page.wait_for_timeout(50)
    # Approve again, by key and by tap: nothing more is sent.
    page.keyboard.press("a")
    approve.evaluate(TAP_UNHELD)
    page.wait_for_timeout(300)  # lets a second request leave, if one were made
    assert [r.url.rsplit("/", 1)[-1] for r in sent] == ["review"]
    # Nor a step to the next card, nor "same camera?" and its merge.
    page.keyboard.press("j")
    page.locator(".rev-hints .hint-dup button").evaluate(TAP_UNHELD)
    page.wait_for_timeout(300)  # the compare screen asks for the pairs after an import
    assert compared == []
    assert _shown(page) == first
    # The card's buttons are held and say so, the list too.
    assert page.locator(".rev-card[aria-busy=true]").count() == 1
    assert page.evaluate(
        "() => [...document.querySelectorAll("
        "'.rev-actions button, .rev-hints button, .rev-head button')].every((b) => b.disabled)"
    )
    assert page.evaluate("() => document.querySelector('.rev-list').inert")

    # Refused: the card as it was, its buttons back, the keyboard where she was.
    held.pop().fulfill(
        status=422,
        content_type="application/json",
        body=json.dumps({"code": "invalid_input", "message": "Invalid input."}),
    )
    page.wait_for_function("() => !document.querySelector('.rev-card[aria-busy]')")
    assert _shown(page) == first
    # Every button held is back (act() gives back the one pressed by itself), none marked.
    assert page.evaluate(DISABLED) == by_design
    assert page.locator(".rev-card [data-held]").count() == 0
    assert page.evaluate(FOCUS) == "approve"

    # Answered: one approval sent in all, and the next card.
    page.unroute("**/api/v1/observations/*/**")
    page.keyboard.press("Enter")
    page.wait_for_selector(f".hist[data-id='{first}']", state="detached")
    assert len(sent) == 2
    assert page.evaluate(FOCUS) == "heading"
    context.close()


def test_a_merge_on_its_way_holds_the_card_behind_it(camwalk_server, browser):
    """Cancel and A while "same camera" is on its way: the compare screen stays, held, and
    the card behind it is not approved (Cancel gave it back, A approved it, and a merge
    could follow on a card an approval had changed)."""
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    lat, lon = _spot()
    first = walker_logs(base, demo, position=_at(lat, lon), operator="Merging 0")
    other = walker_logs(base, demo, position=_at(lat, lon, 2), operator="Merging 2")
    context = organiser_context(browser)
    page = context.new_page()
    log_in(page, base, demo)
    _open(page, first, LAPTOP)
    page.locator(f".rev-hints li[data-other='{other}'] button").click()
    page.wait_for_selector(".merge .merge-table")

    held, sent = [], []
    page.route("**/api/v1/observations/*/merge", lambda route: held.append(route))
    page.on(
        "request",
        lambda r: (
            r.method == "POST" and "/observations/" in r.url and sent.append(r.url.split("/")[-1])
        ),
    )
    page.locator("#merge-do").click()
    while not held:
        page.wait_for_timeout(50)
    cancel = page.locator(".merge .actions button:not([id])")
    cancel.click(force=True)
    page.keyboard.press("a")
    page.wait_for_timeout(300)  # lets a decision leave, if one were made
    assert sent == ["merge"]
    assert page.locator(".merge").count() == 1
    assert page.evaluate(
        "() => [...document.querySelectorAll('.merge button, .merge input')]"
        ".every((c) => c.disabled)"
    )

    # Merged: the survivor's card, and still no decision sent.
    held.pop().continue_()
    page.wait_for_selector(".merge", state="detached")
    page.wait_for_selector(f".hist[data-id='{first}']")
    page.wait_for_selector(".rev-card[aria-busy]", state="detached")
    assert sent == ["merge"]
    context.close()
