"""A 60-camera walk logged offline, then synced over emulated 3G: time against the floor.

3G as the issue sets it: 1.6 Mb/s down, 0.75 Mb/s up, 300 ms round trip, applied to the page
through the DevTools protocol (the service worker has no route for /api/, so sync requests
go through the page's network stack and are throttled). Each camera gets one photo, shrunk
on the phone as walkers' photos are. The floor is what the link cannot beat: bytes up over
the up rate, bytes down over the down rate, plus one round trip per request.

    cd pwa && npm run build && cd .. && .venv/bin/python bench/pwa_3g_sync.py [cameras]
"""

import sys
import tempfile
import time
from pathlib import Path

import requests
from playwright.sync_api import sync_playwright

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH), str(BENCH.parent / "tests" / "e2e")]

from phone import NOTHING_WAITING, join_and_pick_walk, log_camera  # noqa: E402
from pwa_cold_start import phone, start_server  # noqa: E402

DOWN_BPS = 1_600_000 / 8
UP_BPS = 750_000 / 8
RTT_S = 0.300
PHOTOS = BENCH.parent.parent / "shared" / "data" / "photos" / "exif-samples" / "jpg"


def walk_photos() -> list[Path]:
    """Distinct real photos (the broken ones collected for reader tests left out)."""
    return sorted(
        path
        for path in PHOTOS.rglob("*.jpg")
        if not {"invalid", "tests"} & set(path.relative_to(PHOTOS).parts)
    )


def uploaded_bytes(base: str, token: str, urls: list[str]) -> int:
    """Photo bytes sent, from the server's receipts (Playwright cannot size Blob bodies)."""
    headers = {"Authorization": f"Bearer {token}"}
    total = 0
    for url in set(urls):
        receipt = requests.get(url.replace(url.split("/api/")[0], base), headers=headers)
        total += receipt.json()["size"] * urls.count(url)
    return total


def main(cameras: int) -> None:
    photos = walk_photos()
    sizes = []
    with tempfile.TemporaryDirectory() as tmp:
        proc, base, demo = start_server(Path(tmp))
        try:
            with sync_playwright() as p:
                browser, context = phone(p)
                page = context.new_page()
                join_and_pick_walk(page, base, demo["invite_code"], "bench")
                page.wait_for_function(NOTHING_WAITING)
                context.set_offline(True)
                for n in range(cameras):
                    # 20 m apart along a street, so no camera is offered as "already here".
                    lat, lon = 43.2900 + (n // 10) * 0.0004, 5.3700 + (n % 10) * 0.00025
                    photo = photos[n % len(photos)]
                    log_camera(page, context, lat=lat, lon=lon, accuracy=5 + n % 3, photo=photo)
                cdp = context.new_cdp_session(page)
                cdp.send("Network.enable")
                cdp.send(
                    "Network.emulateNetworkConditions",
                    {
                        "offline": False,
                        "latency": RTT_S * 1000,
                        "downloadThroughput": DOWN_BPS,
                        "uploadThroughput": UP_BPS,
                    },
                )
                page.on(
                    "requestfinished",
                    lambda r: (
                        sizes.append((r.method, r.url, r.sizes())) if "/api/" in r.url else None
                    ),
                )
                started = time.monotonic()
                context.set_offline(False)
                page.click("button.sync-chip")
                page.wait_for_function(
                    f"!document.querySelector('.sync-chip.running') && {NOTHING_WAITING}",
                    timeout=600_000,
                )
                elapsed = time.monotonic() - started
                browser.close()
            puts = [url for method, url, _ in sizes if method == "PUT"]
            photo_bytes = uploaded_bytes(base, demo["organiser_token"], puts)
        finally:
            proc.terminate()
            proc.wait()
    up = photo_bytes + sum(s["requestBodySize"] + s["requestHeadersSize"] for _, _, s in sizes)
    down = sum(s["responseBodySize"] + s["responseHeadersSize"] for _, _, s in sizes)
    floor = up / UP_BPS + down / DOWN_BPS + len(sizes) * RTT_S
    print(f"{cameras} cameras with one photo each, synced over emulated 3G")
    print(f"  requests        {len(sizes)} ({len(puts)} photo uploads)")
    print(f"  photo bytes up  {photo_bytes / 1024:8.0f} KiB")
    print(f"  bytes up        {up / 1024:8.0f} KiB")
    print(f"  bytes down      {down / 1024:8.0f} KiB")
    print(f"  floor           {floor:8.1f} s  (bytes / bandwidth + one RTT per request)")
    print(f"  measured        {elapsed:8.1f} s  ({elapsed / floor:.2f} x the floor)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 60)
