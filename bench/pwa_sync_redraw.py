"""What a sync costs the walk map of a large walk: markers rebuilt and main-thread time.
With --osm, what the server's answer about the walk's OSM cameras costs it.

The sync reports each of its steps (several per photo sent) and the map redraws its cameras
at each. This bench puts N cameras in the demo walk (through the sync API), opens the walk on
a phone (Debian Chromium, CPU slowed down 4x as in bench/pwa_cold_start.py), logs one camera
with a photo offline, then goes online and lets the sync send it. It prints how many of the
walk's cameras are markers (past 300 the map draws dots, and markers only around the view:
shared/drawn.js), how many elements were added to the marker pane during that sync (0: the map
kept every marker; 1 more for each dot colour read for the first time, a hidden probe), and the
main thread's busy time (tasks, scripts, style and layout) from going online to nothing
waiting in the phone's store.

    cd pwa && npm run build && cd .. && .venv/bin/python bench/pwa_sync_redraw.py [cameras]

--osm N: N OSM cameras (each with a direction, so a cone) cached by `camwalk osm import` in
the demo walk's box instead. The walk is opened once (the phone keeps its copy), then opened
again with the server's answer held back until the map shows the copy; the CPU is slowed
down, the answer let through, and the bench prints the markers added to the page and the
main thread's busy time from then until the answer is drawn (the 'camwalk:osm-refreshed'
mark).

Figures, never asserted: the box is shared and its load moves them.
"""

import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH), str(BENCH.parent)]

from pwa_cold_start import (  # noqa: E402
    THROTTLE,
    import_osm_cameras,
    osm_held_js,
    phone,
    start_server,
    stored_js,
)

from tests.e2e.organiser import walkers_log_many  # noqa: E402
from tests.e2e.phone import (  # noqa: E402
    MARKERS,
    OSM_MARKERS,
    OSM_REFRESHED,
    join_and_pick_walk,
    log_camera,
    reopen_with_osm_answer_held,
)

PHOTO = (
    BENCH.parent.parent / "shared" / "data" / "photos" / "exifr" / "IMG_20180725_163423-tiny.jpg"
)
SPOT = (43.29712, 5.37466)
# Counts the elements added to the marker pane from now on.
WATCH_MARKERS = """() => {
  window.__markersAdded = 0;
  new MutationObserver((changes) => {
    for (const change of changes) window.__markersAdded += change.addedNodes.length;
  }).observe(document.querySelector('.leaflet-marker-pane'), {childList: true});
}"""
BUSY = ("TaskDuration", "ScriptDuration", "RecalcStyleDuration", "LayoutDuration")


def busy_s(cdp) -> dict[str, float]:
    metrics = cdp.send("Performance.getMetrics")["metrics"]
    return {m["name"]: m["value"] for m in metrics if m["name"] in BUSY}


def slowed_down(context, page):
    """A CDP session on `page` with the CPU slowed down THROTTLE times, counting busy time."""
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
    return cdp


def print_busy(before: dict, after: dict) -> None:
    for name in BUSY:
        print(f"  {name:<20} {after[name] - before[name]:6.2f} s")


def waiting(page) -> int:
    """Changes and photos the phone still has to send (a large walk's cameras are dots, so
    the markers' states cannot tell)."""
    photos = page.evaluate(stored_js("photos")) - page.evaluate(stored_js("photos", "held_since"))
    return page.evaluate(stored_js("outbox")) + photos


def main(cameras: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        proc, base, demo = start_server(Path(tmp))
        try:
            walkers_log_many(base, demo, cameras)
            with sync_playwright() as p:
                browser, context = phone(p)
                page = context.new_page()
                join_and_pick_walk(page, base, demo["invite_code"], "bench")
                while page.evaluate(stored_js("observations")) <= cameras:
                    time.sleep(0.5)
                context.set_offline(True)
                log_camera(page, context, lat=SPOT[0], lon=SPOT[1], accuracy=5, photo=PHOTO)
                while not waiting(page):
                    time.sleep(0.1)
                cdp = slowed_down(context, page)
                page.evaluate(WATCH_MARKERS)
                before = busy_s(cdp)
                context.set_offline(False)  # the 'online' event starts the sync
                while waiting(page):
                    time.sleep(0.2)
                page.wait_for_timeout(1000)  # the redraw after the last step
                after = busy_s(cdp)
                shown = page.evaluate(stored_js("observations"))
                marked = page.evaluate(f"document.querySelectorAll('{MARKERS}').length")
                added = page.evaluate("window.__markersAdded")
                browser.close()
        finally:
            proc.terminate()
            proc.wait()
    print(
        f"one camera and its photo synced by a phone holding {shown} cameras"
        f" ({marked} drawn as markers), CPU {THROTTLE}x slower"
    )
    print(f"  markers added to the page during the sync  {added}")
    print_busy(before, after)


def main_osm(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        proc, base, demo = start_server(Path(tmp))
        try:
            import_osm_cameras(Path(tmp), count)
            with sync_playwright() as p:
                browser, context = phone(p)
                page = context.new_page()
                join_and_pick_walk(page, base, demo["invite_code"], "bench")
                page.wait_for_function(OSM_REFRESHED, timeout=120_000)
                held = page.evaluate(osm_held_js())
                shown = page.evaluate(f"document.querySelectorAll('{OSM_MARKERS}').length")
                let_through = reopen_with_osm_answer_held(page, shown, timeout=120_000)
                cdp = slowed_down(context, page)
                page.evaluate(WATCH_MARKERS)
                before = busy_s(cdp)
                let_through()
                page.wait_for_function(OSM_REFRESHED, timeout=300_000)
                after = busy_s(cdp)
                added = page.evaluate("window.__markersAdded")
                browser.close()
        finally:
            proc.terminate()
            proc.wait()
    print(
        f"the server's answer drawn on a map of {held} OSM cameras ({shown} drawn as markers),"
        f" CPU {THROTTLE}x slower"
    )
    print(f"  markers added to the page  {added}")
    print_busy(before, after)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--osm"]:
        main_osm(int(sys.argv[2]) if len(sys.argv) > 2 else 1000)
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
