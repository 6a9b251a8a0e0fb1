"""How camwalk's browser tests and benchmarks start Chromium: one list, so a flag that takes
the desktop browser's own work off a measured page reaches every run."""

import shutil

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
    "--disable-dev-shm-usage",
    # Chromium 156 gives each new window the omnibox's suggestion popup as a web page in a
    # renderer of its own: a trace showed it busy ~1.4 s of CPU beside each measured start,
    # on this 2-core machine. It is the desktop browser's own UI, which a phone does not have.
    "--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup",
]
