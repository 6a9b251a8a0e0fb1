"""The organiser's review queue of a large walk: the server's answer, and each step in Chromium.

N cameras under review are added to the demo walk (through the sync API, as phones send
them); the bench times the server's review queue for the walk (GET .../review, the answer
the review screen asks for), and the same answer for PARTIAL of its cards (?ids=, what the
screen asks for after a choice of node, a merge or a refused decision), then logs in as the
organiser in Debian Chromium and steps through the queue with the keyboard: J (next card)
and A (approve, which takes the row away). Each step is timed from the key to the next row
marked current, in the page's own clock, a median over the steps.

    cd pwa && npm run build && cd .. && .venv/bin/python bench/review_queue_bench.py [N ...]
                                                                      (default 1000 10000)

Figures, never asserted: the box is shared and its load moves them.
"""

import statistics
import sys
import tempfile
import time
from pathlib import Path

import requests
from playwright.sync_api import sync_playwright

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH), str(BENCH.parent)]

from pwa_cold_start import start_server  # noqa: E402

from tests.e2e.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.e2e.organiser import log_in, organiser_context, walkers_log_many  # noqa: E402

STEPS = 10
PARTIAL = 20  # cards asked for by id
# Presses `key` and resolves, in ms, when another row than the marked one is marked.
STEP = """(key) => new Promise((done) => {
  const before = document.querySelector('.rev-row.is-current');
  const start = performance.now();
  const check = () => {
    const now = document.querySelector('.rev-row.is-current');
    if (now && now !== before && now.dataset.id !== before?.dataset.id)
      done(performance.now() - start);
    else requestAnimationFrame(check);
  };
  document.dispatchEvent(new KeyboardEvent('keydown', {key, bubbles: true}));
  requestAnimationFrame(check);
})"""


def review_answer(base: str, demo: dict, ids=None) -> tuple[float, float, list]:
    """Seconds the server takes to answer the walk's review queue (only the cards `ids` if
    given), the answer's MiB, and its cards."""
    params = {"status": "pending", "walk_id": demo["walk_id"]}
    if ids is not None:
        params["ids"] = ",".join(ids)
    started = time.perf_counter()
    answer = requests.get(
        f"{base}/api/v1/groups/{demo['group_id']}/review",
        params=params,
        headers={"Authorization": f"Bearer {demo['organiser_token']}"},
        timeout=600,
    )
    answer.raise_for_status()
    seconds = time.perf_counter() - started
    return seconds, len(answer.content) / 2**20, answer.json()


def run(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        proc, base, demo = start_server(Path(tmp))
        try:
            walkers_log_many(base, demo, count)
            seconds, mib, cards = review_answer(base, demo)
            queued = len(cards)
            spread = cards[:: max(1, queued // PARTIAL)][:PARTIAL]
            partial, _, _ = review_answer(base, demo, [card["id"] for card in spread])
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = organiser_context(browser).new_page()
                page.set_default_timeout(600_000)
                log_in(page, base, demo)
                page.wait_for_selector(".rev-row.is-current")
                # The list holds the rows around the card shown, not the whole queue.
                rows = page.evaluate("document.querySelectorAll('.rev-row').length")
                steps = {key: [page.evaluate(STEP, key) for _ in range(STEPS)] for key in "ja"}
                browser.close()
        finally:
            proc.terminate()
            proc.wait()
    print(f"{queued:,} cameras under review in the walk, {rows:,} rows in the page's list")
    print(f"  server's review queue   {seconds:6.2f} s, {mib:5.1f} MiB")
    print(f"  the same, {PARTIAL} cards     {partial:6.2f} s")
    for key, what in (("j", "next card (J)"), ("a", "approve (A)")):
        print(f"  {what:<22}  {statistics.median(steps[key]):6.0f} ms median of {STEPS}")


if __name__ == "__main__":
    for count in [int(a) for a in sys.argv[1:]] or [1000, 10000]:
        run(count)
