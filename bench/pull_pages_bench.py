"""A phone joining a large group pulls all of it: pages of 200 against pages of 1,000.

Stores N cameras in the demo group of a fresh `camwalk run` (SpatiaLite) through the sync
API, as an organiser's 500-change batches, then pulls the whole group from cursor 0 as the
PWA does (POST /sync with no changes, `limit` a page, gzip accepted), once per page size and
`runs` times. Printed per page size: requests, bytes on the wire (gzipped), the local wall
time (server and client on one box, no network), and the 3G floor those make: one 300 ms round
trip per request plus the bytes over 1.6 Mb/s (bench/pwa_3g_sync.py's link). A phone's own
work on each page (storing it in IndexedDB) is not in it. Nothing is asserted.

    .venv/bin/python bench/pull_pages_bench.py [cameras] [runs]     (default 20000 3)
"""

import datetime as dt
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import requests

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH)]

from pwa_3g_sync import DOWN_BPS, RTT_S  # noqa: E402
from pwa_cold_start import start_server  # noqa: E402

PAGES = (200, 1000)
BATCH = 500
OPERATORS = ["Police municipale de Marseille", "RTM", "Métropole", None]


def fill(base: str, demo: dict, cameras: int) -> None:
    """`cameras` observations in the demo walk, pushed as an organiser's sync would."""
    rng = random.Random(cameras)
    today = dt.date.today().isoformat()
    url = f"{base}/api/v1/groups/{demo['group_id']}/sync"
    headers = {"Authorization": f"Bearer {demo['organiser_token']}"}
    for start in range(0, cameras, BATCH):
        changes = [
            {
                "change_id": str(uuid.uuid4()),
                "observation_id": str(uuid.uuid4()),
                "op": "create",
                "walk_id": demo["walk_id"],
                "made_at": f"{today}T10:00:00+01:00",
                "fields": {
                    "position": {
                        "lat": 43.27 + rng.random() * 0.05,
                        "lon": 5.35 + rng.random() * 0.06,
                        "accuracy_m": rng.randint(3, 15),
                    },
                    "kind": "camera",
                    "camera_type": rng.choice(["dome", "fixed", "panning"]),
                    "mount": rng.choice(["pole", "wall", "ceiling"]),
                    "direction": [rng.randrange(360)],
                    "operator": rng.choice(OPERATORS),
                    "surveyed_on": today,
                },
            }
            for _ in range(min(BATCH, cameras - start))
        ]
        answer = requests.post(
            url, json={"cursor": 0, "limit": 1, "changes": changes}, headers=headers, timeout=120
        )
        answer.raise_for_status()


class _Counted:
    """Counts the bytes a response body took on the wire (before urllib3 unzips it)."""

    def __init__(self):
        self.bytes = 0

    def hook(self, response, *args, **kwargs):
        self.bytes += int(response.headers.get("Content-Length") or 0)


def pull_all(base: str, demo: dict, limit: int) -> tuple[int, int, float, int]:
    """(requests, wire bytes, seconds, observations) of one whole pull from cursor 0."""
    url = f"{base}/api/v1/groups/{demo['group_id']}/sync"
    headers = {"Authorization": f"Bearer {demo['walker_token']}", "Accept-Encoding": "gzip"}
    counted, session = _Counted(), requests.Session()
    session.hooks["response"].append(counted.hook)
    cursor, calls, held, more = 0, 0, 0, True
    started = time.perf_counter()
    while more:
        answer = session.post(
            url, json={"cursor": cursor, "limit": limit, "changes": []}, headers=headers
        )
        answer.raise_for_status()
        page = answer.json()
        calls += 1
        held += len(page["observations"])
        cursor, more = page["cursor"], page["more"]
    return calls, counted.bytes, time.perf_counter() - started, held


def main(cameras: int, runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        proc, base, demo = start_server(Path(tmp))
        try:
            fill(base, demo, cameras)
            results = {limit: [] for limit in PAGES}
            for _ in range(runs):
                for limit in PAGES:  # alternated, so both meet the same load
                    results[limit].append(pull_all(base, demo, limit))
        finally:
            proc.terminate()
            proc.wait()
    print(f"a whole pull of {cameras} cameras (+25 of the demo), {runs} run(s) per page size")
    for limit, found in results.items():
        calls, wire, _, held = found[-1]
        seconds = [s for _, _, s, _ in found]
        floor = calls * RTT_S + wire / DOWN_BPS
        print(f"  pages of {limit:>4}: {calls} requests, {wire / 1024:.0f} KiB gzipped, "
              f"{held} cameras; local {statistics.median(seconds):.2f} s (runs "
              f"{', '.join(f'{s:.2f}' for s in seconds)}); 3G floor {floor:.1f} s")  # fmt: skip


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 20_000,
        int(sys.argv[2]) if len(sys.argv) > 2 else 3,
    )
