"""Karim knows two records logged side by side are two cameras on one pole: from the compare
screen he says "not the same camera", the pair is flagged no more, and from the card he can
take it back. Each answer leaves the keyboard on that pair's line, whose button now gives the
other answer: the card drawn anew had left it on the page, a Tab away from the walk's menu."""

import re

import pytest

from .organiser import (
    LAPTOP,
    PHONE,
    api,
    log_in,
    open_in_review,
    organiser_context,
    shoot_both,
    walker_logs,
)

pytestmark = pytest.mark.browser

# A corner of the demo walk away from the other tests' cameras: this pair is its only duplicate.
SPOT = (43.29420, 5.38520)


def _flagged(base, demo, ids) -> dict:
    """Whether the duplicates list holds the pair, and which of the two the summary marks."""
    token, group = demo["organiser_token"], demo["group_id"]
    pairs = api(base, token, "GET", f"/groups/{group}/duplicates")
    summary = api(base, token, "GET", f"/walks/{demo['walk_id']}/summary")
    return {
        "listed": any({p["a"]["id"], p["b"]["id"]} == set(ids) for p in pairs),
        "marked": {c["id"] for c in summary["cameras"] if c["possible_duplicate"]} & set(ids),
    }


def _focused(page) -> str | None:
    """The words of the button the keyboard is on, if it is one on the card's hints."""
    return page.evaluate(
        "document.activeElement.closest('.rev-hints button')?.textContent.trim() ?? null"
    )


def _pending(base, demo, ids) -> set:
    """Which of these cameras the review queue still holds (none approved nor rejected)."""
    cards = api(
        base,
        demo["organiser_token"],
        "GET",
        f"/groups/{demo['group_id']}/review",
        params={"walk_id": demo["walk_id"], "ids": ",".join(ids)},
    )
    return {card["id"] for card in cards}


def _buttons_apart(page, selector: str) -> bool:
    """Whether no two of these buttons touch: a few pixels of page between each pair, beside
    or below, so that each reads as a button of its own (three abutting read as one bar)."""
    boxes = [button.bounding_box() for button in page.locator(selector).all()]
    return len(boxes) > 1 and all(
        max(b["x"] - (a["x"] + a["width"]), a["x"] - (b["x"] + b["width"])) >= 4
        or max(b["y"] - (a["y"] + a["height"]), a["y"] - (b["y"] + b["height"])) >= 4
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
    )


def test_not_the_same_camera_unflags_the_pair_until_he_takes_it_back(
    camwalk_server, browser, screenshot
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    here = {"lat": SPOT[0], "lon": SPOT[1], "accuracy_m": 5}
    first = walker_logs(base, demo, position=here, operator="Mairie")
    second = walker_logs(base, demo, position={**here, "lat": SPOT[0] + 0.00002}, operator="RTM")
    assert _flagged(base, demo, (first, second)) == {"listed": True, "marked": {first, second}}

    context = organiser_context(browser)
    page = context.new_page()
    log_in(page, base, demo)
    open_in_review(page, first)
    hints = page.locator(".rev-hints .hint-dup")
    assert hints.count() == 1
    # He looks, leaves it for now (back on the line he came from), then looks again.
    hints.locator("button").click()
    page.click(".merge button:has-text('Annuler')")
    page.wait_for_selector(".merge", state="detached")
    assert _focused(page) == "Comparer\u00a0: même caméra\u00a0?"
    page.keyboard.press("Enter")
    page.wait_for_selector(".merge #merge-distinct")
    # The card's keys (A approve, J next…) are not the compare screen's: they did nothing
    # visible there but approve the card behind it, or draw the next one over it.
    for key in "ajkre":
        page.keyboard.press(key)
    page.wait_for_timeout(500)  # what a key would do is a request away; not an assertion
    assert page.locator(".merge #merge-distinct").is_visible()
    assert _pending(base, demo, (first, second)) == {first, second}
    assert "ni sur la carte publique" in page.locator(".merge-distinct-help").inner_text()
    shoot_both(page, screenshot, "not-duplicate")
    for size in (PHONE, LAPTOP):
        page.set_viewport_size(size)
        assert _buttons_apart(page, ".merge .actions button"), size
    page.click("#merge-distinct")

    # Back on his card, nothing merged: the hint is gone, and the card says who said it.
    page.wait_for_selector(".merge", state="detached")
    page.wait_for_selector(f".hist[data-id='{first}']")
    told = page.locator(".rev-hints .hint-distinct")
    told.wait_for()
    assert page.locator(".rev-hints .hint-dup").count() == 0
    assert re.fullmatch(
        rf"Pas la même caméra que celle à 2 m \({demo['organiser_pseudonym']}, .+\) "
        r"C’est peut-être la même, finalement",
        told.inner_text().strip(),
    ), told.inner_text()
    assert _flagged(base, demo, (first, second)) == {"listed": False, "marked": set()}
    assert _focused(page) == "C’est peut-être la même, finalement"

    page.keyboard.press("Enter")
    page.wait_for_selector(".rev-hints .hint-dup")
    assert page.locator(".rev-hints .hint-distinct").count() == 0
    assert _flagged(base, demo, (first, second)) == {"listed": True, "marked": {first, second}}
    assert _focused(page) == "Comparer\u00a0: même caméra\u00a0?"
    context.close()


def test_a_pair_merged_meanwhile_by_another_organiser_updates_the_screen_as_it_says(
    camwalk_server, browser
):
    # Sam merged the pair while Karim was comparing it: his "not the same camera" is refused,
    # "the page will update", says the toast. It did not: he was left on the compare screen
    # of a record merged away, every answer of his refused the same way.
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    here = {"lat": SPOT[0] - 0.0004, "lon": SPOT[1], "accuracy_m": 5}
    first = walker_logs(base, demo, position=here, operator="Tabac")
    second = walker_logs(base, demo, position={**here, "lat": here["lat"] + 0.00002})

    context = organiser_context(browser)
    page = context.new_page()
    log_in(page, base, demo)
    open_in_review(page, first)
    page.locator(".rev-hints .hint-dup button").click()
    page.wait_for_selector(".merge #merge-distinct")
    api(
        base,
        demo["organiser_token"],
        "POST",
        f"/observations/{second}/merge",
        json={"other": first},
    )
    page.click("#merge-distinct")

    assert "la page va se mettre à jour" in page.locator(".toast").last.inner_text()
    page.wait_for_selector(".merge", state="detached")
    page.wait_for_selector(f".hist[data-id='{second}']")  # the camera that stays
    assert page.locator(f".rev-row[data-id='{first}']").count() == 0
    assert page.locator(f".rev-row[data-id='{second}']").count() == 1
    context.close()


def test_one_answer_about_the_pair_at_a_time(camwalk_server, browser):
    # Karim taps "merge", then, the answer slow on a weak link, "not the same camera": both
    # went, telling the server the pair is one camera and two, and each was carried out.
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    here = {"lat": SPOT[0] - 0.0008, "lon": SPOT[1], "accuracy_m": 5}
    first = walker_logs(base, demo, position=here, operator="Boulangerie")
    second = walker_logs(base, demo, position={**here, "lat": here["lat"] + 0.00002})

    context = organiser_context(browser)
    page = context.new_page()
    log_in(page, base, demo)
    open_in_review(page, first)
    page.locator(".rev-hints .hint-dup button").click()
    page.wait_for_selector(".merge #merge-distinct")
    held = []
    page.route("**/observations/*/merge", lambda route: held.append(route))
    told_apart = []
    page.on("request", lambda r: "/not-duplicate" in r.url and told_apart.append(r.url))
    page.click("#merge-do")
    while not held:
        page.wait_for_timeout(50)
    assert page.locator("#merge-distinct").is_disabled()
    # A tap as a hurried finger gives it, whatever the button's look.
    page.evaluate("document.querySelector('#merge-distinct').click()")
    page.wait_for_timeout(300)  # a request would have left by now; not an assertion
    held[0].continue_()

    page.wait_for_selector(".merge", state="detached")
    assert told_apart == []
    assert _pending(base, demo, (first, second)) == {first}  # the merge alone was done
    context.close()
