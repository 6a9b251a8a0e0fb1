"""Time for the phone to get a camera photo ready (EXIF read, decode, shrink to <= 1600 px and
~300 KB, SHA-256) with the CPU throttled 4x: from picking the file to its thumbnail in the form.

Uses the e2e set-up's server start; prints one line per photo. Nothing is asserted.

    cd pwa && npm run build && cd .. && .venv/bin/python bench/pwa_photo_prepare.py
"""

import sys
import tempfile
import time
import uuid
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.pwa_cold_start import ARGS, start_server
from tests.e2e.chromium import CHROMIUM

PHOTOS = Path(__file__).resolve().parents[2] / "shared" / "data" / "photos"
FILES = [
    "exifr/IMG_20180725_163423.jpg",  # 4048x3036, 4 MB, GPS
    "mapillary_tools/images/DSC00001.JPG",  # 3840x2160, 3 MB
    "exif-samples/jpg/Kodak_CX7530.jpg",  # tiny
]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        proc, base, demo = start_server(Path(tmp))
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                context = browser.new_context(
                    viewport={"width": 390, "height": 844},
                    permissions=["geolocation"],
                    geolocation={"latitude": 43.2955, "longitude": 5.3755, "accuracy": 6},
                    locale="fr-FR",
                )
                page = context.new_page()
                page.goto(f"{base}/join/{demo['invite_code']}")
                page.fill("#pseudonym", f"bench-{uuid.uuid4().hex[:6]}")
                page.click("button[type=submit]")
                page.click("button.walk")
                page.click("button.fab")
                page.wait_for_selector("form.log-form")
                cdp = context.new_cdp_session(page)
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
                print("photo prepared on the phone, CPU throttled 4x")
                for i, name in enumerate(FILES, start=1):
                    path = PHOTOS / name
                    start = time.perf_counter()
                    page.set_input_files("#photo-close_up", str(path))
                    page.wait_for_selector(f".thumbs li:nth-child({i}) img")
                    ms = (time.perf_counter() - start) * 1000
                    size = path.stat().st_size / 1e6
                    print(f"  {name:45s} {size:5.1f} MB  {ms:7.0f} ms")
                browser.close()
        finally:
            proc.terminate()
            proc.wait()


if __name__ == "__main__":
    main()
