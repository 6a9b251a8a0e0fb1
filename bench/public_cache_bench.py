"""A burst of visitors on a published map of N cameras, straight to camwalk and through the nginx
of compose.yaml (deploy/nginx-locations.conf, which keeps the public documents a few seconds).

    .venv/bin/python bench/public_cache_bench.py [--visitors V] [--seconds S] [N ...]
                                                   (default 20 visitors, 20 s, 20000 cameras)

For each size: one SpatiaLite database holding one published campaign of N approved cameras
(bench/public_cameras_bench.py's), `camwalk serve` (gunicorn, as in production) on it, and
Debian's nginx in front of it with the shipped locations (tests/e2e/proxy.py). V visitors, each
a thread of this process, ask `cameras.geojson` one after the other for S seconds, gzipped, each
request a new visitor (no ETag): first straight to camwalk, then through nginx. Printed for
each: the documents served a second, the wall time of a request (median, 95th percentile),
and the CPU seconds camwalk's processes (gunicorn's master and workers) used during the burst,
read from /proc. The visitors and nginx run on the same 2 cores as the server: figures, not
assertions.
"""

import argparse
import contextlib
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[1]
for folder in (REPO, REPO / "bench"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from public_cameras_bench import fill  # noqa: E402  (bench/, as a script)

from tests.e2e.conftest import _free_port, start_camwalk, stop  # noqa: E402
from tests.e2e.proxy import running_nginx  # noqa: E402

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(root: int) -> float:
    """User and system CPU of process `root` and its children (gunicorn's workers)."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            pid, parent = int(stat.parent.name), int(fields[1])
            if root in (pid, parent):
                total += (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    return total


def burst(url: str, visitors: int, seconds: float, server_pid: int) -> dict:
    """`visitors` threads asking `url` for `seconds`; what they got and what it cost."""
    times: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    end = time.monotonic() + seconds

    def visitor() -> None:
        with requests.Session() as session:
            while time.monotonic() < end:
                start = time.perf_counter()
                # Read as sent, not unzipped: the visitors' own CPU is not what is measured.
                answer = session.get(url, headers={"Accept-Encoding": "gzip"}, stream=True)
                answer.raw.read()
                took = time.perf_counter() - start
                with lock:
                    times.append(took)
                    statuses[answer.status_code] = statuses.get(answer.status_code, 0) + 1

    cpu = cpu_seconds(server_pid)
    wall = time.perf_counter()
    threads = [threading.Thread(target=visitor) for _ in range(visitors)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - wall
    cpu = cpu_seconds(server_pid) - cpu
    times.sort()
    return {
        "per_second": len(times) / wall,
        "p50": statistics.median(times),
        "p95": times[int(0.95 * (len(times) - 1))],
        "server_cpu": cpu,
        "statuses": statuses,
    }


def run(count: int, visitors: int, seconds: float) -> None:
    folder = tempfile.mkdtemp(prefix="camwalk-public-cache-")
    url = f"sqlite:///{folder}/camwalk.db"
    slug = fill(url, folder, count)
    env = {
        **os.environ,
        "CAMWALK_DATABASE_URL": url,
        "CAMWALK_INSTANCE_PATH": folder,
        "CAMWALK_SECRET_KEY": "bench",
        # Every visitor here comes from one address: the limit is not what is measured.
        "CAMWALK_PUBLIC_RATE_LIMIT": "1000000 per minute",
    }
    port = _free_port()
    path = f"/api/v1/public/{slug}/cameras.geojson"
    with open(Path(folder) / "server.log", "w") as log:
        server = start_camwalk(env, port, log, command="serve", seconds=60)
        try:
            direct = f"http://127.0.0.1:{port}"
            requests.get(direct + path, timeout=60)  # stores the photos' public names once
            results = {"straight to camwalk": burst(direct + path, visitors, seconds, server.pid)}
            with running_nginx([f"127.0.0.1:{port}"]) as proxy:
                results["through nginx"] = burst(
                    proxy["url"] + path, visitors, seconds, server.pid
                )
        finally:
            stop(server)
    print(f"{count:,} cameras, {visitors} visitors for {seconds:g} s:")
    for name, result in results.items():
        print(
            f"  {name:<20} {result['per_second']:7.1f} documents/s;"
            f" request p50 {result['p50'] * 1000:6.0f} ms, p95 {result['p95'] * 1000:6.0f} ms;"
            f" camwalk CPU {result['server_cpu']:5.1f} s; statuses {result['statuses']}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[20000])
    parser.add_argument("--visitors", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()
    for count in args.sizes:
        run(count, args.visitors, args.seconds)


if __name__ == "__main__":
    main()
