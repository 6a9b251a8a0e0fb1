"""Karim reviews a day of action's walk: the queue's list holds a few hundred rows around the
card shown, and the rest is a button away, so that each step stays quick however long the
queue (docs/capacity.md, "The organiser's review queue of a large walk")."""

import pytest

from .conftest import running_camwalk
from .organiser import api, log_in, open_tab, organiser_context, walkers_log_many

pytestmark = pytest.mark.browser

ADDED = 600  # three times the list's rows (LIST_ROWS, pwa/src/ui/organise/reviewviews.js)
LISTED = 200


@pytest.fixture(scope="module")
def long_queue(tmp_path_factory, tile_server):
    """A server of its own (the shared one's queue stays short for the other tests) whose demo
    walk has ADDED more cameras under review, sent as phones send them."""
    with running_camwalk(
        tmp_path_factory.mktemp("long-queue"), tile_server["url"], worker=False
    ) as server:
        walkers_log_many(
            server["url"], server["demo"], ADDED, seed=19, operator="Exploitant {n:03d}"
        )
        yield server


def _queue(base, demo) -> list[str]:
    """The walk's cameras under review, in the order the review screen shows them."""
    items = api(
        base,
        demo["organiser_token"],
        "GET",
        f"/groups/{demo['group_id']}/review",
        params={"status": "pending", "walk_id": demo["walk_id"]},
    )
    return [item["id"] for item in items]


def _listed(page) -> list[str]:
    return page.eval_on_selector_all(".rev-row", "rows => rows.map((r) => r.dataset.id)")


def _marked(page) -> str:
    return page.get_attribute(".rev-row.is-current", "data-id")


def _wait_for_card(page, obs_id: str) -> None:
    page.wait_for_selector(f".hist[data-id='{obs_id}']")


def _wait_for_first_row(page, obs_id: str) -> None:
    """Until the list starts from this camera's row (the list has moved)."""
    page.wait_for_function(
        "(id) => document.querySelector('.rev-row')?.dataset.id === id", arg=obs_id
    )


def test_the_list_holds_the_rows_around_the_card_and_the_rest_a_button_away(long_queue, browser):
    base, demo = long_queue["url"], long_queue["demo"]
    queue = _queue(base, demo)
    assert len(queue) >= ADDED
    context = organiser_context(browser)
    page = context.new_page()
    log_in(page, base, demo)
    open_tab(page, "review")
    _wait_for_card(page, queue[0])

    # The first rows, and a button for the others, which says how many there are.
    assert _listed(page) == queue[:LISTED]
    assert page.is_hidden(".rev-more-before")
    after = page.locator(".rev-more-after button")
    assert f"({len(queue) - LISTED})" in after.inner_text()
    assert "suivantes" in after.inner_text()

    # One step past the last row listed: the list moves with the card, which is then a
    # quarter of the way down, the cards just before it still in view.
    page.click(f".rev-row[data-id='{queue[LISTED - 1]}']")
    _wait_for_card(page, queue[LISTED - 1])
    assert _listed(page) == queue[:LISTED]
    page.keyboard.press("j")
    _wait_for_card(page, queue[LISTED])
    _wait_for_first_row(page, queue[150])
    assert _listed(page) == queue[150 : 150 + LISTED]
    assert _marked(page) == queue[LISTED]
    assert "(150)" in page.inner_text(".rev-more-before button")
    # The marked row is scrolled into the list's view; the page itself is not scrolled.
    assert page.evaluate(
        """() => {
          const list = document.querySelector('.rev-list').getBoundingClientRect();
          const row = document.querySelector('.rev-row.is-current').getBoundingClientRect();
          return row.top >= list.top && row.bottom <= list.bottom;
        }"""
    )

    # The later rows: the card shown stays as it is until a row is picked.
    after.click()
    _wait_for_first_row(page, queue[350])
    assert _listed(page) == queue[350 : 350 + LISTED]
    assert page.locator(".rev-row.is-current").count() == 0
    _wait_for_card(page, queue[LISTED])
    page.click(f".rev-row[data-id='{queue[360]}']")
    _wait_for_card(page, queue[360])
    assert _marked(page) == queue[360]

    # An approval takes its row away; the next camera takes its place and the list stays full.
    page.keyboard.press("a")
    page.wait_for_selector(f".rev-row[data-id='{queue[360]}']", state="detached")
    _wait_for_card(page, queue[361])
    assert _marked(page) == queue[361]
    left = queue[:360] + queue[361:]
    assert _listed(page) == left[350 : 350 + LISTED]
    assert queue[360] not in _queue(base, demo)

    # And back to the earlier ones.
    page.click(".rev-more-before button")
    _wait_for_first_row(page, queue[150])
    assert _listed(page) == left[150 : 150 + LISTED]
    context.close()
