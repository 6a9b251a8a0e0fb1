"""Offline cold start of the walkers' PWA, CPU throttled 4x: time from navigation to an
interactive map (cameras drawn, "+" usable), as the app marks it (`camwalk:map-ready`).

Starts its own camwalk (temp SpatiaLite + demo group) on a free loopback port, joins once
online so the service worker installs, then for each run: a fresh page, offline, CPU throttled
4x through CDP, load, read the mark. Prints figures; nothing is asserted.

    cd pwa && npm run build && cd .. && .venv/bin/python bench/pwa_cold_start.py [runs]
"""

import json
import os
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
CAMWALK = Path(sys.executable).parent / "camwalk"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
THROTTLE = 4


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(tmp: Path):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "CAMWALK_DATABASE_URL": f"sqlite:///{tmp / 'bench.db'}",
        "CAMWALK_PHOTO_DIR": str(tmp / "photos"),
    }
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
    browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
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


def one_cold_start(context, base: str) -> float:
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
    page.goto(base + "/", wait_until="commit")
    page.wait_for_function("performance.getEntriesByName('camwalk:map-ready').length > 0")
    ms = page.evaluate("performance.getEntriesByName('camwalk:map-ready')[0].startTime")
    page.close()
    return ms


def main(runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        proc, base, demo = start_server(Path(tmp))
        try:
            with sync_playwright() as p:
                browser, context = phone(p)
                page = context.new_page()
                page.goto(f"{base}/join/{demo['invite_code']}")
                page.fill("#pseudonym", "bench")
                page.click("button[type=submit]")
                page.click("button.walk")
                page.wait_for_selector("button.fab")
                page.wait_for_function("navigator.serviceWorker.controller !== null")
                # The first sync pulls the group's cameras, so the map has them to draw.
                page.wait_for_selector(".leaflet-marker-pane .obs-dot", state="attached")
                page.close()
                context.set_offline(True)
                times = [one_cold_start(context, base) for _ in range(runs)]
                browser.close()
        finally:
            proc.terminate()
            proc.wait()
    print(f"offline cold start to interactive map, CPU throttled {THROTTLE}x, {runs} runs")
    print(f"  median {statistics.median(times):7.0f} ms")
    print(f"  min    {min(times):7.0f} ms")
    print(f"  max    {max(times):7.0f} ms")
    print("  runs   " + ", ".join(f"{t:.0f}" for t in times))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
