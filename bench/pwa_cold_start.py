"""Offline cold start of the walkers' PWA, CPU throttled 4x: time from navigation to an
interactive map (cameras drawn, "+" usable), as the app marks it (`camwalk:map-ready`).

Starts its own camwalk (temp SpatiaLite + demo group) on a free loopback port, joins once
online so the service worker installs, then for each run: a fresh page, offline, CPU throttled
4x through CDP, load, read the mark. Prints figures; nothing is asserted.

    cd pwa && npm run build && cd .. && .venv/bin/python bench/pwa_cold_start.py [runs]
    ... bench/pwa_cold_start.py [runs] --compare OTHER_DIST   (e.g. a copy of an older build)
    ... bench/pwa_cold_start.py [runs] --cameras N   (a walk of N cameras, not the demo's few)

--cameras N puts N cameras in the demo walk through the sync API (spread over a square
kilometre around the walker, tests/e2e/organiser.py walkers_log_many) before the phone joins,
and waits until the phone holds them all: a day of action's walk of a whole district.
--osm N caches N OSM cameras in the same square kilometre (`camwalk osm import`).

Each figure is split at the app's first line (`camwalk:start`, main.js): before it the
browser commits the page and loads and runs the scripts; after it is the app's own work.
The load average is printed beside the figures: on a shared machine wall times follow it.
With --compare a second server serves the other build (CAMWALK_PWA_DIR) and runs alternate
between the two in one browser, so both meet the same load; the paired difference is the
figure to read, not two medians taken minutes apart.

Where the time went in Chrome traces of one start (December 2026, 4x, load 5-16, after the
harness fixes below), on the page's main thread:
- before the first line: committing the empty document costs ~340 ms of Blink's own work
  (window set-up, user-agent style) before any byte of the app is parsed; the service worker
  answers the navigation from the precache in ~25 ms (no network route, no timeout); the
  three scripts and the CSS come from its cache in parallel and compile from V8's code cache
  (module evaluation ~40-75 ms). When the load is high a fresh renderer process can add
  ~500 ms before the first task;
- the app's own work: the map build (Leaflet's first forced style recalculation ~60 ms,
  fitBounds and the tile layer) ~120-320 ms, the cameras and OSM markers ~100 ms, the first
  GPS fix's move to street level ~50-100 ms (the fix is instant here, seconds on a phone),
  IndexedDB answers in between (one connection, reads issued together).
"""

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests
from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.e2e.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.e2e.organiser import walkers_log_many  # noqa: E402

CAMWALK = Path(sys.executable).parent / "camwalk"
ARGS = CHROMIUM_ARGS
THROTTLE = 4

# Waits for the mark from inside the page without Playwright's help: wait_for_function
# would first load Playwright's injected script into the page being measured (a trace
# showed ~170 ms of its evaluation at 4x on the main thread, between the page's commit and
# its first line) and then poll on every animation frame. A phone runs neither.
WAIT_FOR_MAP = """new Promise((resolve) => {
  const ready = () => performance.getEntriesByName('camwalk:map-ready').length > 0;
  if (ready()) return resolve(true);
  new PerformanceObserver((entries, observer) => {
    if (ready()) {
      observer.disconnect();
      resolve(true);
    }
  }).observe({ type: 'mark', buffered: true });
})"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(tmp: Path, pwa_dir: Path | None = None):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "CAMWALK_DATABASE_URL": f"sqlite:///{tmp / 'bench.db'}",
        "CAMWALK_PHOTO_DIR": str(tmp / "photos"),
    }
    if pwa_dir is not None:
        env["CAMWALK_PWA_DIR"] = str(pwa_dir.resolve())
    subprocess.run([CAMWALK, "db", "upgrade"], env=env, check=True, capture_output=True)
    out = subprocess.run(
        [CAMWALK, "demo", "--json", "--base-url", base],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    demo = json.loads(out.strip().splitlines()[-1])
    proc = subprocess.Popen(
        [CAMWALK, "run", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            if requests.get(f"{base}/api/v1/config", timeout=1).ok:
                return proc, base, demo
        except requests.ConnectionError:
            time.sleep(0.1)
    proc.terminate()
    raise RuntimeError("camwalk did not start")


def phone(playwright):
    """Debian Chromium and a phone-sized context standing in the demo walk, in Noailles."""
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        permissions=["geolocation"],
        geolocation={"latitude": 43.2955, "longitude": 5.3755, "accuracy": 6},
        locale="fr-FR",
        bypass_csp=True,  # wait_for_function evaluates strings
    )
    return browser, context


def one_cold_start(context, base: str) -> tuple[float, float | None]:
    """Milliseconds to the map, and to the app's first line (None for a build without it)."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
    page.goto(base + "/", wait_until="commit")
    cdp.send("Runtime.evaluate", {"expression": WAIT_FOR_MAP, "awaitPromise": True})
    ready, start = page.evaluate(
        "['camwalk:map-ready', 'camwalk:start']"
        ".map((name) => performance.getEntriesByName(name)[0]?.startTime ?? null)"
    )
    page.close()
    return ready, start


def stored_js(store: str, index: str | None = None) -> str:
    """JS function: how many records the phone holds in `store` of its IndexedDB (db/schema.js),
    or in that store's `index`. Waited for in Python: wait_for_function takes a promise for
    a true answer."""
    source = f"tx.objectStore('{store}')" + (f".index('{index}')" if index else "")
    return f"""() => new Promise((resolve, reject) => {{
  const open = indexedDB.open('camwalk');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {{
    const tx = open.result.transaction('{store}');
    const count = {source}.count();
    count.onsuccess = () => {{ open.result.close(); resolve(count.result); }};
  }};
}})"""


def import_osm_cameras(tmp: Path, count: int) -> None:
    """`count` cameras in the server's OSM cache, in the box walkers_log_many fills, each
    with a direction (so a cone)."""
    rng = random.Random(11)
    nodes = "".join(
        f'<node id="{9_000_000 + i}" version="1" lat="{43.290 + rng.random() * 0.01:.7f}" '
        f'lon="{5.370 + rng.random() * 0.01:.7f}"><tag k="man_made" v="surveillance"/>'
        f'<tag k="camera:direction" v="{rng.randrange(360)}"/></node>'
        for i in range(count)
    )
    path = tmp / "cameras.osm"
    path.write_text(f'<?xml version="1.0"?><osm version="0.6">{nodes}</osm>', encoding="utf-8")
    env = {**os.environ, "CAMWALK_DATABASE_URL": f"sqlite:///{tmp / 'bench.db'}"}
    subprocess.run([CAMWALK, "osm", "import", str(path)], env=env, check=True, capture_output=True)


def osm_held_js() -> str:
    """JS function: how many OSM cameras the phone holds for its walks (db/schema.js)."""
    return """() => new Promise((resolve, reject) => {
  const open = indexedDB.open('camwalk');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const all = open.result.transaction('osm_nodes').objectStore('osm_nodes').getAll();
    all.onsuccess = () => {
      open.result.close();
      resolve(all.result.reduce((sum, walk) => sum + (walk.nodes || []).length, 0));
    };
  };
})"""


def install(context, base: str, demo: dict, cameras: int = 0, osm: int = 0) -> None:
    """Join online once: the service worker installs and the first sync pulls the cameras."""
    page = context.new_page()
    page.goto(f"{base}/join/{demo['invite_code']}")
    page.fill("#pseudonym", "bench")
    page.click("button[type=submit]")
    page.click("button.walk")
    page.wait_for_selector("button.fab")
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    page.wait_for_selector(".leaflet-container")
    # The demo walk's own cameras, and the N added (a large walk shows them as dots).
    while page.evaluate(stored_js("observations")) <= cameras:
        time.sleep(0.5)
    if osm:  # the server's answer about the walk's OSM cameras, stored for offline
        page.wait_for_function(
            "performance.getEntriesByName('camwalk:osm-refreshed').length > 0", timeout=120_000
        )
        print(f"the phone holds {page.evaluate(osm_held_js())} OSM cameras (its walk's box)")
    page.close()


def report(label: str, runs: list[tuple[float, float | None]]) -> None:
    ready = [r for r, _ in runs]
    low, high = min(ready), max(ready)
    print(f"{label}: median {statistics.median(ready):.0f} ms, min {low:.0f}, max {high:.0f}")
    starts = [s for _, s in runs if s is not None]
    if len(starts) == len(runs):
        own = [r - s for r, s in runs]
        print(
            f"  before the app's first line: median {statistics.median(starts):.0f} ms;"
            f" the app's own work: median {statistics.median(own):.0f} ms"
        )
    print("  runs " + ", ".join(f"{r:.0f}" for r in ready))


def main(runs: int, compare: Path | None, cameras: int = 0, osm: int = 0) -> None:
    dists = [None] if compare is None else [None, compare]
    with tempfile.TemporaryDirectory() as tmp:
        servers = []
        try:
            for k, dist in enumerate(dists):
                (Path(tmp) / str(k)).mkdir()
                servers.append(start_server(Path(tmp) / str(k), dist))
            with sync_playwright() as p:
                browser, context = phone(p)
                for k, (_, base, demo) in enumerate(servers):
                    if cameras:
                        walkers_log_many(base, demo, cameras)
                    if osm:
                        import_osm_cameras(Path(tmp) / str(k), osm)
                    install(context, base, demo, cameras, osm)
                context.set_offline(True)
                load_before = os.getloadavg()
                times = [[] for _ in servers]
                for i in range(runs):
                    # Alternate which build goes first, so neither always follows the other.
                    order = range(len(servers)) if i % 2 == 0 else reversed(range(len(servers)))
                    for k in order:
                        times[k].append(one_cold_start(context, servers[k][1]))
                load_after = os.getloadavg()
                browser.close()
        finally:
            for proc, _, _ in servers:
                proc.terminate()
                proc.wait()
    walk = f", a walk of {cameras} more cameras" if cameras else ""
    walk += f", {osm} more OSM cameras" if osm else ""
    print(f"offline cold start to interactive map, CPU throttled {THROTTLE}x, {runs} runs{walk}")
    print(
        f"load average (1 min) {load_before[0]:.2f} before, {load_after[0]:.2f} after,"
        f" on {os.cpu_count()} CPUs"
    )
    report("this build (pwa/dist)", times[0])
    if compare is not None:
        report(f"compared build ({compare})", times[1])
        pairs = list(zip(times[0], times[1], strict=True))
        diffs = [a[0] - b[0] for a, b in pairs]
        print(
            f"paired difference (this - compared): median {statistics.median(diffs):+.0f} ms,"
            f" this build faster in {sum(d < 0 for d in diffs)} of {runs} pairs"
        )
        if all(a[1] is not None and b[1] is not None for a, b in pairs):
            own = [(a[0] - a[1]) - (b[0] - b[1]) for a, b in pairs]
            print(f"  of the app's own work: median {statistics.median(own):+.0f} ms")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", type=int, nargs="?", default=5)
    parser.add_argument("--compare", type=Path, help="another built pwa/dist to alternate with")
    parser.add_argument("--cameras", type=int, default=0, help="cameras added to the demo walk")
    parser.add_argument("--osm", type=int, default=0, help="OSM cameras cached in its box")
    args = parser.parse_args()
    main(args.runs, args.compare, args.cameras, args.osm)
