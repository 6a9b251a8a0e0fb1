"""How long the public map (/public/<slug>) takes to show N published cameras, and a drag to
settle, on a phone: Debian Chromium, 360x740, CPU slowed down 4x (CDP's throttling rate, the
figure the project uses for phones, as bench/pwa_cold_start.py).

The cameras are made up (seeded, the same for a size from one run to the next): spread over
Marseille's 11 x 10 km, 8 in 10 cameras, 1 an ALPR, 1 a guard, 7 in 10 with a direction, and
handed to the page in place of the server's `cameras.geojson` (Playwright's routing), so the
server needs no campaign: it serves the page, the app and its config (bench/pwa_cold_start.py's
server, on a throwaway database).

    cd pwa && npm run build && cd .. && \\
        PYTHONPATH=$PWD .venv/bin/python bench/pwa_public_map.py 1600 20000 60000 [--runs 3]
    ... --pwa-dir OTHER_DIST      the build to measure (default: this checkout's pwa/dist)

For each size and run, in a fresh page:
- shown: from navigation to the headline written and two animation frames after it (the
  map draws its cameras in the task that writes the headline, the canvas in the next frame);
  and of it, the time after the cameras' answer was received: the page's own work on them.
  The rest is the page's own load and the answer handed over by Playwright's routing, about
  2 s for the 13 MB of 60,000 cameras, which a phone would spend downloading instead;
- drag: from the press to the map settled after one drag of ~130 px (Leaflet's inertia
  included): the second frame after the map pane last moved, so the work of 'moveend'
  (the cameras drawn around the new view) is in it;
- markers: the map's DOM markers (focusable dots) after opening, and whether a canvas is drawn.
The median of the runs is printed with each run's figure. Figures, never asserted: the box is
shared and its load moves them (the load average is printed beside them). Before and after
the canvas: docs/capacity.md, "The public map of a large campaign on a phone".
"""

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pwa_cold_start import start_server  # noqa: E402  (bench/, as a script)

from tests.e2e.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

THROTTLE = 4
SLUG = "bench"
KINDS = ["camera"] * 8 + ["ALPR", "guard"]

# Frames after the press, each with the map pane's transform, until it has not moved for
# 10 frames; answers the time of the second frame after its last move.
SETTLED = """(t0) => new Promise((resolve) => {
  const pane = document.querySelector('.leaflet-map-pane');
  const frames = [];
  function frame(now) {
    frames.push([now, pane.style.transform]);
    const n = frames.length;
    if (n > 12 && frames.slice(n - 10).every(([, t]) => t === frames[n - 1][1])) {
      let last = n - 1;
      while (last > 0 && frames[last - 1][1] === frames[n - 1][1]) last -= 1;
      resolve(frames[Math.min(last + 1, n - 1)][0] - t0);
    } else requestAnimationFrame(frame);
  }
  requestAnimationFrame(frame);
})"""
TWO_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
# From the cameras' answer received to now (ms): the page's own work on them.
OWN_WORK = """() => performance.now() - performance.getEntriesByType('resource')
  .find((e) => e.name.includes('cameras.geojson')).responseEnd"""


def cameras(n: int) -> str:
    """The public GeoJSON of n made-up approved devices, as the server writes it."""
    rng = random.Random(n)
    features = []
    for _ in range(n):
        lat, lon = 43.25 + rng.random() * 0.1, 5.33 + rng.random() * 0.12
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [round(lon, 7), round(lat, 7)]},
                "properties": {
                    "kind": rng.choice(KINDS),
                    "direction": [rng.randrange(360)] if rng.random() < 0.7 else [],
                    "camera_type": "dome",
                    "mount": "pole",
                    "operator": "RTM",
                    "photos": [],
                },
            }
        )
    filming = sum(f["properties"]["kind"] != "guard" for f in features)
    return json.dumps(
        {
            "type": "FeatureCollection",
            "name": "bench",
            "cameras": filming,
            "other_devices": n - filming,
            "open_duplicate_pairs": 0,
            "own_tiles_only": True,
            "coverage_public": False,
            "features": features,
        }
    )


def one_run(browser, base: str, body: str) -> tuple[float, float, float, int, bool]:
    """Seconds to the map shown, of them after the answer, to a drag settled; DOM markers;
    whether a canvas is drawn."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True, locale="fr-FR"
    )
    page = context.new_page()
    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
    page.route(
        f"**/public/{SLUG}/cameras.geojson",
        lambda route: route.fulfill(status=200, content_type="application/json", body=body),
    )
    start = time.perf_counter()
    page.goto(f"{base}/public/{SLUG}")
    page.wait_for_selector(".pub-count:not(:empty)", timeout=600_000)
    page.evaluate(TWO_FRAMES)
    shown = time.perf_counter() - start
    own = page.evaluate(OWN_WORK) / 1000
    markers, canvas = drawn_on(page, ".pub-map")
    drag = drag_settled(page, 180, 400)
    context.close()
    return shown, own, drag, markers, canvas


def drawn_on(page, map_selector: str) -> tuple[int, bool]:
    """The map's DOM markers, and whether a canvas is drawn on it."""
    markers = page.evaluate(
        f"document.querySelectorAll('{map_selector} .leaflet-marker-icon').length"
    )
    return markers, page.evaluate(f"Boolean(document.querySelector('{map_selector} canvas'))")


def drag_settled(page, x: float, y: float, settled: str = SETTLED) -> float:
    """Seconds from the press at (x, y) to the map settled (`settled`) after one drag of
    ~130 px up and left."""
    t0 = page.evaluate("performance.now()")
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x - 80, y - 100, steps=5)
    page.mouse.up()
    return page.evaluate(settled, t0) / 1000


def figures(results: list[tuple], load: float) -> str:
    """The medians of runs of one_run's figures, and the load average before -> now."""
    shown, own, drag, markers, canvas = zip(*results, strict=True)
    return (
        f"shown {median(shown)}, of which after the answer {median(own)}; drag {median(drag)};"
        f" DOM markers {markers[0]}, canvas {canvas[0]},"
        f" load average {load:.1f} -> {os.getloadavg()[0]:.1f}"
    )


def median(figures: tuple[float, ...]) -> str:
    """'median 1.23 s (runs 1.20, 1.23, 1.31)'."""
    runs = ", ".join(f"{f:.2f}" for f in figures)
    return f"median {statistics.median(figures):.2f} s (runs {runs})"


def main(sizes: list[int], runs: int, pwa_dir: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        server, base, _ = start_server(Path(tmp), pwa_dir)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                print(f"public map, 360x740, CPU throttled {THROTTLE}x, build {pwa_dir}")
                for n in sizes:
                    body = cameras(n)
                    load = os.getloadavg()[0]
                    results = [one_run(browser, base, body) for _ in range(runs)]
                    print(f"{n:>6} cameras: {figures(results, load)}", flush=True)
                browser.close()
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1600, 20000, 60000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pwa-dir", type=Path, default=REPO / "pwa" / "dist")
    args = parser.parse_args()
    main(args.sizes, args.runs, args.pwa_dir)
