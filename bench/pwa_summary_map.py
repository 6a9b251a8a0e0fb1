"""How long an organiser's walk summary takes to show a day of action's walk of N cameras on its
map, and a drag of that map to settle: Debian Chromium, a laptop's 1280x800, CPU at full speed
(1x, a laptop) and slowed down 4x (a phone's figure, as bench/pwa_public_map.py).

The summary is the real one of `camwalk demo`'s walk, asked by the page signed in as its
organiser, with its cameras replaced by N made-up ones built like the server's (`_camera` in
server/reports/service.py; seeded, the same for a size from one run to the next): spread over
9 x 9 km of Marseille, 3 in 10 already in OSM, the others approved, pending or rejected, 7 in
10 with a direction, and the walk's area drawn around them (Playwright's routing answers
`/walks/<id>/summary`). Its coverage is the demo walk's own.

    cd pwa && npm run build && cd .. && \\
        PYTHONPATH=$PWD .venv/bin/python bench/pwa_summary_map.py 1600 20000 60000 [--runs 3]
    ... --throttle 1 4        the CPU slowdowns to measure (default both)
    ... --pwa-dir OTHER_DIST  the build to measure (default: this checkout's pwa/dist)
    ... --give-up 300         seconds after which a summary not shown is written as such

For each slowdown, size and run, in a fresh page signed in (not timed):
- shown: from the Summary tab's click to the screen drawn and two animation frames after it,
  and of it the time after the summary's answer was received (the page's own work on it);
- drag: from the press to the summary's map settled after one drag of ~130 px (inertia and
  the redraw at 'moveend' included), as bench/pwa_public_map.py measures it;
- markers: the map's DOM markers after opening, and whether a canvas is drawn.
Figures, never asserted (the box is shared; the load average is printed beside them). Before
and after the canvas: docs/capacity.md, "The public map of a large campaign on a phone".
"""

import argparse
import itertools
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from pwa_cold_start import start_server  # noqa: E402
from pwa_public_map import SETTLED, TWO_FRAMES, drag_settled, drawn_on, figures  # noqa: E402

from tests.e2e.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.e2e.organiser import log_in  # noqa: E402

LAPTOP = {"width": 1280, "height": 800}
SOUTH, WEST, NORTH, EAST = 43.26, 5.34, 43.34, 5.45
KINDS = ["camera"] * 8 + ["ALPR", "guard"]
REVIEW = ["approved"] * 5 + ["pending"] * 4 + ["rejected"]
SUM_SETTLED = SETTLED.replace("'.leaflet-map-pane'", "'.sum-map .leaflet-map-pane'")
OWN_WORK = """() => performance.now() - performance.getEntriesByType('resource')
  .filter((e) => /\\/walks\\/\\d+\\/summary/.test(e.name)).pop().responseEnd"""


def cameras(n: int, like: dict) -> list[dict]:
    """n made-up cameras of a walk summary, each with the fields of `like` (a real one)."""
    rng = random.Random(n)
    made = []
    for i in range(n):
        in_osm = rng.random() < 0.3
        made.append(
            {
                **like,
                "id": f"00000000-0000-4000-8000-{i:012d}",
                "lat": round(SOUTH + rng.random() * (NORTH - SOUTH), 7),
                "lon": round(WEST + rng.random() * (EAST - WEST), 7),
                "kind": rng.choice(KINDS),
                "direction": [rng.randrange(360)] if rng.random() < 0.7 else [],
                "operator": "RTM",
                "review_status": "approved" if in_osm else rng.choice(REVIEW),
                "in_osm": in_osm,
                "possible_duplicate": False,
            }
        )
    return made


def summary_route(n: int):
    """A route handler answering the real summary with n made-up cameras in a walk drawn
    around them."""
    bodies = {}

    def handle(route):
        if "body" not in bodies:
            real = route.fetch().json()
            real["cameras"] = cameras(n, real["cameras"][0])
            real["walk"]["area"] = [
                [WEST, SOUTH],
                [EAST, SOUTH],
                [EAST, NORTH],
                [WEST, NORTH],
                [WEST, SOUTH],
            ]
            bodies["body"] = json.dumps(real)
        route.fulfill(status=200, content_type="application/json", body=bodies["body"])

    return handle


def one_run(browser, base, demo, route, throttle, give_up_s):
    """Seconds to the summary shown, of them after the answer, to a drag settled; DOM
    markers; whether a canvas is drawn. None for the seconds not reached."""
    context = browser.new_context(viewport=LAPTOP, device_scale_factor=1, locale="fr-FR")
    context.set_default_timeout(60_000)
    page = context.new_page()
    page.route("**/api/v1/walks/*/summary", route)
    log_in(page, base, demo)
    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": throttle})
    start = time.perf_counter()
    page.click(".org-tab[data-tab=summary]")
    try:
        page.wait_for_selector(".org-body[data-ready=summary] .sum-map", timeout=give_up_s * 1000)
    except PlaywrightTimeout:
        context.close()
        return None, None, None, None, None
    page.evaluate(TWO_FRAMES)
    shown = time.perf_counter() - start
    own = page.evaluate(OWN_WORK) / 1000
    markers, canvas = drawn_on(page, ".sum-map")
    page.locator(".sum-map").scroll_into_view_if_needed()
    box = page.locator(".sum-map").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    drag = drag_settled(page, x, y, SUM_SETTLED)
    context.close()
    return shown, own, drag, markers, canvas


def measure(browser, base, demo, n, throttle, runs, give_up_s) -> str:
    """The line of figures for n cameras at a CPU slowdown: medians of `runs` runs."""
    load = os.getloadavg()[0]
    route = summary_route(n)
    results = []
    for _ in range(runs):
        results.append(one_run(browser, base, demo, route, throttle, give_up_s))
        if results[-1][0] is None:
            return f"CPU {throttle}x {n:>6} cameras: not shown after {give_up_s} s"
    return f"CPU {throttle}x {n:>6} cameras: {figures(results, load)}"


def main(sizes, throttles, runs, pwa_dir, give_up_s) -> None:
    # A log-in a run: the server's own limit (10 a minute) would refuse the eleventh.
    os.environ["CAMWALK_AUTH_RATE_LIMIT"] = "1000 per minute"
    with tempfile.TemporaryDirectory() as tmp:
        server, base, demo = start_server(Path(tmp), pwa_dir)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                print(f"walk summary, 1280x800, build {pwa_dir}")
                for throttle, n in itertools.product(throttles, sizes):
                    print(measure(browser, base, demo, n, throttle, runs, give_up_s), flush=True)
                browser.close()
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1600, 20000, 60000])
    parser.add_argument("--throttle", nargs="+", type=int, default=[1, 4])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pwa-dir", type=Path, default=REPO / "pwa" / "dist")
    parser.add_argument("--give-up", type=int, default=300)
    args = parser.parse_args()
    main(args.sizes, args.throttle, args.runs, args.pwa_dir, args.give_up)
