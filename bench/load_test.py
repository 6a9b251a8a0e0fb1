"""Issue 9's scale test: many walkers syncing against `camwalk serve` (gunicorn) on loopback.

    .venv/bin/python bench/load_test.py [--walkers 200] [--groups 1] [--observations 60]
        [--photos 2] [--walk-seconds 180] [--window SECONDS] [--photo-size phone|small]
        [--no-worker] [--engines spatialite,postgis] [--json FILE] [--log-dir DIR]
    CAMWALK_TEST_POSTGRES_URL=postgresql://... is needed for postgis (a dedicated database is
    created on that cluster and dropped afterwards).

Each walker logs `--observations` cameras with `--photos` small JPEGs each over a 2-hour walk
compressed into `--walk-seconds`, and syncs in bursts at random moments: at each burst it
uploads the photos of the observations made since the last one (PUT /api/v1/photos/<sha256>)
then sends one sync with their creates and attach_photo changes. Prints throughput, latency
percentiles, the error rate and the CPU and memory of the gunicorn processes (from /proc).
Every failed request (or sync result that is not "applied") is kept: method, path, status or
exception, the error code and the start of the body, grouped by status and code at the end;
`--json FILE` also writes the figures and those failures, `--log-dir DIR` keeps the server logs.
Bounded: a burst not started by twice the walk time is counted as not done, and the server is
stopped at the end whatever happened.

The real rate of a day of action is a 2-hour walk (`--walk-seconds 7200`); `--window 600` runs
its first ten minutes only, at that rate, so a real-rate figure takes minutes, not hours. A
10x burst is the same walk compressed ten times (`--walk-seconds 720 --window 60`).
Photos are phone-sized by default (a real 1600-px JPEG, as the PWA sends, made unique per
upload by a comment segment, so the client spends no CPU encoding), and `camwalk worker` runs
beside the server to prepare them: its CPU is counted apart, and after the walk the time it
takes to finish the photos still owed is reported.

Real rate for 1,000 walkers, then the 10x burst:
    .venv/bin/python bench/load_test.py --walkers 1000 --walk-seconds 7200 --window 600
    .venv/bin/python bench/load_test.py --walkers 1000 --walk-seconds 720 --window 60
"""

import argparse
import collections
import datetime as dt
import functools
import hashlib
import http.client
import io
import itertools
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import sqlalchemy as sa
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ROOT = Path(__file__).resolve().parent.parent
BURSTS_PER_WALKER = 4  # a walker finds signal a few times in two hours
CLIENT_THREADS = 48  # phones talking at once, at most
BODY_CHARS = 300  # of a failed response's body, kept to explain the failure
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


PHONE_SOURCE = ROOT.parent / "shared/data/photos/mapillary_tools/images/DSC00001.JPG"
PHONE_LONG_SIDE = 1600  # what the PWA sends (pwa/src/photos: resized before upload)


def jpeg(rng: random.Random) -> bytes:
    """A small noisy JPEG (noise compresses badly: about 30-40 KB), unique per call."""
    image = Image.frombytes("RGB", (192, 144), rng.randbytes(192 * 144 * 3))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


@functools.cache
def _phone_base() -> bytes:
    """One phone-sized street photo: the real one if the shared photos are here, else noise."""
    if PHONE_SOURCE.exists():
        image = Image.open(PHONE_SOURCE).convert("RGB")
    else:
        rng = random.Random(3)
        image = Image.frombytes("RGB", (400, 300), rng.randbytes(400 * 300 * 3))
    scale = PHONE_LONG_SIDE / max(image.size)
    image = image.resize((round(image.width * scale), round(image.height * scale)))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def phone_jpeg(rng: random.Random) -> bytes:
    """The phone-sized photo with a unique comment segment after its start marker: other
    bytes (another SHA-256, another upload) and still a valid JPEG, for no encoding work."""
    base = _phone_base()
    note = rng.randbytes(16).hex().encode()
    segment = b"\xff\xfe" + (len(note) + 2).to_bytes(2, "big") + note
    return base[:2] + segment + base[2:]


def prepare(url: str, instance: Path, walkers: int, groups: int = 1):
    """Migrate, then make the groups, a walk in each and one walker (token) per simulated
    phone, dealt round the groups; returns (group id, walk id, token) per walker."""
    from flask_migrate import upgrade

    from server import create_app
    from server.auth.models import Role
    from server.auth.service import create_member, issue_token
    from server.extensions import db
    from server.groups.models import Group, Walk

    app = create_app({"DATABASE_URL": url, "INSTANCE_PATH": str(instance)})
    with app.app_context():
        upgrade()
        made = []
        for _ in range(groups):
            group = Group(name="Load test", slug=f"load-{uuid.uuid4().hex[:8]}")
            db.session.add(group)
            db.session.flush()
            walk = Walk(group_id=group.id, name="Two hours")
            db.session.add(walk)
            made.append((group, walk))
        tokens = [
            issue_token(create_member(made[i % groups][0], f"walker-{i}", Role.WALKER), "load")
            for i in range(walkers)
        ]
        db.session.commit()
        found = [(made[i % groups][0].id, made[i % groups][1].id, t) for i, t in enumerate(tokens)]
        db.engine.dispose()
    return found


class Server:
    """`camwalk serve` (and `camwalk worker`) as subprocesses, and the CPU/memory of each."""

    def __init__(self, url: str, instance: Path, worker: bool):
        self.port = free_port()
        self.env = {
            **os.environ,
            "CAMWALK_DATABASE_URL": url,
            "CAMWALK_INSTANCE_PATH": str(instance),
            "CAMWALK_RATELIMIT_ENABLED": "false",
        }
        if not worker:  # uploads prepare their photos themselves, as before the worker
            self.env["CAMWALK_PHOTO_QUEUE_IMMEDIATE"] = "true"
        self.processes = {
            "server": self._start(["serve", "--port", str(self.port)], instance / "server.log")
        }
        if worker:
            self.processes["worker"] = self._start(["worker"], instance / "worker.log")
        # (monotonic time, {role: (cpu seconds, resident bytes)})
        self.samples: list[tuple[float, dict]] = []
        self._stop = threading.Event()

    def _start(self, args: list[str], log: Path) -> subprocess.Popen:
        return subprocess.Popen(
            [str(Path(sys.executable).parent / "camwalk"), *args],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=open(log, "w"),  # the child keeps it; closed when it exits
            start_new_session=True,
        )

    def wait_ready(self, limit_s=60):
        deadline = time.monotonic() + limit_s
        while time.monotonic() < deadline:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", "/api/v1/health")
                if conn.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("camwalk serve did not answer")

    def _pids(self, process: subprocess.Popen) -> list[int]:
        pids = [process.pid]
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(stat[1]) == process.pid:
                    pids.append(int(entry.name))
        return pids

    def _usage(self, process: subprocess.Popen) -> tuple[float, int]:
        """CPU seconds so far (user + system) and resident bytes, over one role's processes."""
        cpu, rss = 0.0, 0
        for pid in self._pids(process):
            try:
                stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            cpu += (int(stat[11]) + int(stat[12])) / CLOCK_TICKS
            rss += int(stat[21]) * PAGE_BYTES
        return cpu, rss

    def take_sample(self):
        usage = {role: self._usage(p) for role, p in self.processes.items()}
        self.samples.append((time.monotonic(), usage))

    def sample(self):
        while not self._stop.wait(1.0):
            self.take_sample()

    def start_sampling(self):
        self.take_sample()
        threading.Thread(target=self.sample, daemon=True).start()

    def stop(self):
        self._stop.set()
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(40)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


class Walker:
    def __init__(self, index: int, where: tuple[int, int, str], args, rng: random.Random):
        self.group_id, self.walk_id, token = where
        self.headers = {"Authorization": f"Bearer {token}"}
        self.cursor = 0
        self.rng = random.Random(rng.random())
        self.base = (43.29 + index * 0.0005, 5.37)  # each walker has their own streets
        counts = [args.observations // BURSTS_PER_WALKER] * BURSTS_PER_WALKER
        counts[-1] += args.observations - sum(counts)
        moments = sorted(self.rng.uniform(0, args.walk_seconds) for _ in counts)
        # A window samples the start of a long walk at its real rate: later bursts are left.
        self.bursts = [
            (moment, count)
            for moment, count in zip(moments, counts, strict=True)
            if moment < args.window
        ]
        self.photos = args.photos
        self.make_photo = phone_jpeg if args.photo_size == "phone" else jpeg


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.started = time.monotonic()
        self.sync_ms, self.photo_ms = [], []
        self.changes = self.photos = self.errors = self.requests = 0
        self.late = 0
        self.client_cpu_s = 0.0
        self.failures: list[dict] = []

    def add(self, kind: str, ms: float, ok: bool, count: int = 0, failure: dict | None = None):
        with self.lock:
            self.requests += 1
            if not ok:
                self.errors += 1
                at = round(time.monotonic() - self.started, 1)
                self.failures.append({"at_s": at, "ms": round(ms), **(failure or {})})
                return
            (self.sync_ms if kind == "sync" else self.photo_ms).append(ms)
            if kind == "sync":
                self.changes += count
            else:
                self.photos += 1


class Answer:
    """One request's outcome: the status (0 when no response came) and why, when it failed."""

    def __init__(self, method, path, status=0, data=b"", ms=0.0, exception=None):
        self.method, self.path, self.status, self.data, self.ms = method, path, status, data, ms
        self.exception = exception

    def failure(self, code: str | None = None, body: bytes | None = None) -> dict:
        """What to keep of a failure: `code` is the API's machine code, read from the body."""
        text = (self.data if body is None else body).decode("utf-8", "replace")
        if code is None and self.exception is None:
            code = _error_code(self.data)
        return {
            "method": self.method,
            "path": self.path,
            "status": self.status if self.exception is None else self.exception,
            "code": code,
            "body": text[:BODY_CHARS],
        }


def _error_code(data: bytes) -> str | None:
    try:
        answer = json.loads(data)
    except ValueError:
        return None
    return answer.get("code") if isinstance(answer, dict) else None


def _request(port, method, path, body, headers, timeout=120) -> tuple[int, bytes, float]:
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        return response.status, data, (time.perf_counter() - started) * 1000
    finally:
        conn.close()


def burst(port: int, walker: Walker, count: int, stats: Stats) -> None:
    """Upload the photos of `count` new observations, then sync their creates and attaches."""
    changes = []
    now = dt.datetime.now(dt.UTC).isoformat()
    for _ in range(count):
        observation = str(uuid.uuid4())
        lat = walker.base[0] + walker.rng.uniform(0, 0.004)
        lon = walker.base[1] + walker.rng.uniform(0, 0.004)
        changes.append(
            {
                "change_id": str(uuid.uuid4()),
                "observation_id": observation,
                "op": "create",
                "walk_id": walker.walk_id,
                "made_at": now,
                "fields": {
                    "position": {"lat": round(lat, 7), "lon": round(lon, 7), "accuracy_m": 5},
                    "kind": "camera",
                    "mount": "pole",
                    "surveyed_on": now[:10],
                },
            }
        )
        for index in range(walker.photos):
            data = walker.make_photo(walker.rng)
            digest = hashlib.sha256(data).hexdigest()
            headers = {**walker.headers, "Content-Type": "image/jpeg"}
            answer = _safe(port, "PUT", f"/api/v1/photos/{digest}", data, headers)
            ok = answer.status in (200, 201)
            stats.add("photo", answer.ms, ok, failure=None if ok else answer.failure())
            role = "close_up" if index == 0 else "context"
            changes.append(
                {
                    "change_id": str(uuid.uuid4()),
                    "observation_id": observation,
                    "op": "attach_photo",
                    "made_at": now,
                    "photo": {"sha256": digest, "role": role},
                }
            )
    body = json.dumps({"cursor": walker.cursor, "limit": 1000, "changes": changes})
    headers = {**walker.headers, "Content-Type": "application/json"}
    answer = _safe(port, "POST", f"/api/v1/groups/{walker.group_id}/sync", body, headers)
    failure = _sync_failure(answer)
    stats.add("sync", answer.ms, failure is None, len(changes), failure)
    if answer.status == 200:
        walker.cursor = json.loads(answer.data)["cursor"]


def _sync_failure(answer: Answer) -> dict | None:
    """None if every change was applied; else the failure (a 200 can hold rejected changes)."""
    if answer.status != 200:
        return answer.failure()
    refused = [r for r in json.loads(answer.data)["results"] if r["status"] != "applied"]
    if not refused:
        return None
    first = refused[0]
    code = f"{first['status']}:{(first.get('error') or {}).get('code')}"
    return answer.failure(code, json.dumps(refused).encode())


def _safe(port, method, path, body, headers) -> Answer:
    """Send one request; a client-side failure (timeout, reset) is an answer with status 0."""
    started = time.perf_counter()
    try:
        status, data, ms = _request(port, method, path, body, headers)
    except OSError as error:
        ms = (time.perf_counter() - started) * 1000
        return Answer(method, path, ms=ms, exception=type(error).__name__)
    return Answer(method, path, status, data, ms)


def run_walk(port, walkers, args) -> tuple[Stats, float]:
    """Start every burst at its moment (threads wait for a free slot); stop by 2x the walk."""
    stats = Stats()
    jobs = sorted((moment, i, count) for i, w in enumerate(walkers) for moment, count in w.bursts)
    started = stats.started = time.monotonic()
    deadline = started + 2 * args.window
    with ThreadPoolExecutor(CLIENT_THREADS) as pool:
        futures = []
        for moment, index, count in jobs:
            time.sleep(max(0.0, started + moment - time.monotonic()))
            futures.append(pool.submit(_bounded, deadline, port, walkers[index], count, stats))
        for future in futures:
            future.result()
    return stats, time.monotonic() - started


def _bounded(deadline, port, walker, count, stats):
    if time.monotonic() > deadline:
        with stats.lock:
            stats.late += 1
        return
    burst(port, walker, count, stats)


def percentiles(values: list[float]) -> str:
    if len(values) < 2:
        return "n/a"
    q = statistics.quantiles(values, n=100, method="inclusive")
    return f"p50 {q[49]:.0f} ms, p95 {q[94]:.0f} ms, p99 {q[98]:.0f} ms, max {max(values):.0f} ms"


def error_groups(failures: list[dict]) -> list[dict]:
    """Failures grouped by status and code, most frequent first, with one example each."""
    groups = collections.Counter((str(f["status"]), f["code"]) for f in failures)
    examples = {}
    for failure in failures:
        examples.setdefault((str(failure["status"]), failure["code"]), failure)
    return [
        {"status": status, "code": code, "count": count, "example": examples[(status, code)]}
        for (status, code), count in groups.most_common()
    ]


def print_errors(stats: Stats) -> None:
    for group in error_groups(stats.failures):
        example = group["example"]
        print(f"  {group['count']} x {group['status']} {group['code']}")
        print(
            f"      e.g. {example['method']} {example['path']} at {example['at_s']} s, "
            f"{example['ms']} ms: {example['body']!r}"
        )


def usage(samples: list[tuple[float, dict]], role: str) -> dict:
    """One role's CPU seconds over the run, its busiest second and its peak memory."""
    (t0, first), (t1, last) = samples[0], samples[-1]
    cpu = last[role][0] - first[role][0]
    busiest = max(
        (
            (b[role][0] - a[role][0]) / (tb - ta)
            for (ta, a), (tb, b) in itertools.pairwise(samples)
        ),
        default=0.0,
    )
    return {
        "cpu_s": round(cpu, 1),
        "cpu_average_pct": round(cpu / (t1 - t0) * 100),
        "cpu_busiest_pct": round(busiest * 100),
        "peak_rss_mib": round(max(s[role][1] for _, s in samples) / 2**20),
    }


def wait_for_photos(url: str, limit_s: float) -> tuple[float, int]:
    """Seconds waited until no photo was still owed its copies, and how many still were at
    the end (0 unless the limit came first)."""
    engine = sa.create_engine(url)
    started = time.monotonic()
    try:
        while True:
            with engine.connect() as conn:
                owed = conn.execute(
                    sa.text("SELECT count(*) FROM photo WHERE state = 'received'")
                ).scalar_one()
            waited = time.monotonic() - started
            if not owed or waited > limit_s:
                return waited, owed
            time.sleep(1)
    finally:
        engine.dispose()


def report(name: str, stats: Stats, elapsed: float, server: Server, args, drain) -> dict:
    roles = {role: usage(server.samples, role) for role in server.processes}
    groups = f" in {args.groups} groups" if args.groups > 1 else " in one group"
    print(
        f"{name}: {args.walkers} walkers{groups} x {args.observations} observations "
        f"x {args.photos} photos"
    )
    window = "" if args.window >= args.walk_seconds else f", its first {args.window} s run"
    print(f"  elapsed {elapsed:.0f} s (walk compressed into {args.walk_seconds} s{window})")
    print(
        f"  throughput {stats.changes / elapsed:.0f} changes/s, {stats.photos / elapsed:.1f} "
        f"photos/s ({stats.changes} changes, {stats.photos} photos)"
    )
    print(f"  sync requests: {percentiles(stats.sync_ms)}")
    print(f"  photo uploads: {percentiles(stats.photo_ms)}")
    share = 100 * stats.errors / max(1, stats.requests)
    print(
        f"  errors {stats.errors}/{stats.requests} ({share:.3f} %), "
        f"bursts not started in time {stats.late}"
    )
    for role, used in roles.items():
        print(
            f"  {role} CPU {used['cpu_s']} s, {used['cpu_average_pct']} % of one core on "
            f"average, {used['cpu_busiest_pct']} % at the busiest second; "
            f"peak RSS {used['peak_rss_mib']} MiB"
        )
    client = stats.client_cpu_s
    print(
        f"  load generator (this process) CPU {client:.1f} s, "
        f"{100 * client / max(elapsed, 1e-9):.0f} % of one core on average"
    )
    server_cpu = roles["server"]["cpu_s"]
    per_thousand = 1000 * server_cpu / max(1, stats.changes)
    print(
        f"  server CPU per 1,000 changes (their photos' receipts included): {per_thousand:.1f} s"
    )
    if "worker" in roles:
        per_photo = roles["worker"]["cpu_s"] / max(1, stats.photos)
        print(f"  worker CPU per photo prepared: {per_photo * 1000:.0f} ms")
        waited, owed = drain
        if owed:
            print(f"  {owed} photos still owed their copies {waited:.0f} s after the walk")
        else:
            print(f"  worker caught up with the photos owed {waited:.0f} s after the walk")
    print_errors(stats)
    load = os.getloadavg()
    print(f"  machine load average at the end: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    return {
        "engine": name,
        "walkers": args.walkers,
        "groups": args.groups,
        "observations": args.observations,
        "photos_per_observation": args.photos,
        "walk_seconds": args.walk_seconds,
        "elapsed_s": round(elapsed, 1),
        "changes": stats.changes,
        "photos": stats.photos,
        "requests": stats.requests,
        "errors": stats.errors,
        "late_bursts": stats.late,
        "sync_ms": _quantiles(stats.sync_ms),
        "photo_ms": _quantiles(stats.photo_ms),
        "window_seconds": args.window,
        "photo_size": args.photo_size,
        "usage": roles,
        "load_generator_cpu_s": round(stats.client_cpu_s, 1),
        "worker_after_walk": None if drain is None else {"s": round(drain[0]), "owed": drain[1]},
        "load_average_end": [round(x, 2) for x in load],
        "error_groups": error_groups(stats.failures),
        "failures": stats.failures,
    }


def _quantiles(values: list[float]) -> dict | None:
    if len(values) < 2:
        return None
    q = statistics.quantiles(values, n=100, method="inclusive")
    return {
        "p50": round(q[49]),
        "p95": round(q[94]),
        "p99": round(q[98]),
        "max": round(max(values)),
    }


def run_engine(name: str, url: str, args) -> dict:
    rng = random.Random(9)
    with tempfile.TemporaryDirectory() as tmp:
        instance = Path(tmp)
        places = prepare(url, instance, args.walkers, args.groups)
        walkers = [Walker(i, where, args, rng) for i, where in enumerate(places)]
        server = Server(url, instance, worker=args.worker)
        try:
            server.wait_ready()
            server.start_sampling()
            client_cpu = time.process_time()
            stats, elapsed = run_walk(server.port, walkers, args)
            stats.client_cpu_s = time.process_time() - client_cpu
            drain = wait_for_photos(url, limit_s=max(120, args.window)) if args.worker else None
            time.sleep(1.1)  # one more usage sample after the last request
            return report(name, stats, elapsed, server, args, drain)
        finally:
            server.stop()
            if args.log_dir:
                args.log_dir.mkdir(parents=True, exist_ok=True)
                for role in server.processes:
                    shutil.copy(instance / f"{role}.log", args.log_dir / f"{name}-{role}.log")


def with_postgres_database(args) -> dict | None:
    base = os.environ.get("CAMWALK_TEST_POSTGRES_URL")
    if not base:
        print("postgis: skipped (set CAMWALK_TEST_POSTGRES_URL)")
        return None
    from scratch_postgis import scratch_database

    with scratch_database(base, f"camwalk_load_{os.getpid()}") as url:
        return run_engine("postgis", url, args)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--walkers", type=int, default=200)
    parser.add_argument("--observations", type=int, default=60)
    parser.add_argument("--photos", type=int, default=2)
    parser.add_argument(
        "--groups",
        type=int,
        default=1,
        help="deal the walkers round this many groups (a national day: many local groups)",
    )
    parser.add_argument("--walk-seconds", type=int, default=180)
    parser.add_argument(
        "--window", type=int, help="run only the walk's first SECONDS (default: all of it)"
    )
    parser.add_argument("--photo-size", choices=("phone", "small"), default="phone")
    parser.add_argument(
        "--no-worker", dest="worker", action="store_false", help="uploads prepare their photos"
    )
    parser.add_argument("--engines", default="spatialite,postgis")
    parser.add_argument("--json", type=Path, help="also write the figures and failures here")
    parser.add_argument("--log-dir", type=Path, help="keep each engine's server log here")
    args = parser.parse_args()
    args.window = min(args.window or args.walk_seconds, args.walk_seconds)
    engines = args.engines.split(",")
    results = []
    if "spatialite" in engines:
        with tempfile.TemporaryDirectory() as tmp:
            results.append(run_engine("spatialite", f"sqlite:///{tmp}/load.db", args))
    if "postgis" in engines:
        results.append(with_postgres_database(args))
    if args.json:
        args.json.write_text(json.dumps([r for r in results if r], indent=2) + "\n")


if __name__ == "__main__":
    main()
