"""osmChange export: camwalk's streaming writer against pyosmium (figures printed, no asserts).

Run: .venv/bin/python bench/osm_export_bench.py [counts...]   (default: 100000 1000000)

Each figure comes from a fresh child process, so peak RSS (its own VmHWM, bench/peak_memory.py)
belongs to one writer only; a second child per camwalk run measures the Python heap peak with
tracemalloc (kept out of the timed run because tracing slows Python down). The same seeded
cameras, 9 tags each, 10 % of them modifies, are generated lazily in both writers, and a
"generate only" run gives the cost of making them, so the writers' own cost can be read net of
it. pyosmium is C++ (libosmium) and files creates as modifies (no version), so it is a speed
reference, not a format reference. Times are CPU seconds of the child (process_time), steadier
than wall time on a shared machine.
"""

import json
import os
import random
import subprocess
import sys
import tempfile
import time
import tracemalloc

from peak_memory import status_kib

from sync.osm.osmchange import write_osmchange, write_parts
from sync.osm.records import Create, Modify

OPERATORS = ["Police municipale de Marseille", "RTM", "SNCF", "Mairie & Cie", "Monoprix"]
MOUNTS = ["wall", "pole", "ceiling", "street_lamp"]


def cameras(count: int, seed: int = 6):
    """(node id or None, version, lat, lon, tags) for `count` cameras, made one at a time."""
    rng = random.Random(seed)
    for number in range(count):
        tags = {
            "man_made": "surveillance",
            "surveillance:type": "camera",
            "surveillance": "public",
            "camera:type": rng.choice(["fixed", "dome", "panning"]),
            "camera:mount": rng.choice(MOUNTS),
            "camera:direction": str(rng.randrange(360)),
            "operator": rng.choice(OPERATORS),
            "check_date": "2026-11-21",
        }
        lat, lon = 43.2 + rng.random() * 0.2, 5.3 + rng.random() * 0.2
        node_id = 1_000_000 + number if number % 10 == 0 else None
        yield node_id, 3, lat, lon, tags


def actions(count: int):
    for node_id, version, lat, lon, tags in cameras(count):
        if node_id is None:
            yield Create(lat, lon, tags)
        else:
            yield Modify(node_id, version, lat, lon, {**tags, "fixme": "mapper's own tag"})


def run_camwalk(count: int, path: str) -> None:
    with open(path, "wb") as out:
        write_osmchange(out, actions(count))


def run_camwalk_parts(count: int, path: str) -> None:
    def open_part(number: int):
        return open(f"{path}.{number}", "wb")  # write_parts closes it with a `with` block

    write_parts(actions(count), open_part)


def run_pyosmium(count: int, path: str) -> None:
    import osmium  # only the benchmark needs it (setup.cfg `test` extra)

    writer = osmium.SimpleWriter(path)
    placeholder = 0
    for node_id, version, lat, lon, tags in cameras(count):
        if node_id is None:
            placeholder -= 1
            node = osmium.osm.mutable.Node(id=placeholder, location=(lon, lat), tags=tags)
        else:
            tags = {**tags, "fixme": "mapper's own tag"}
            node = osmium.osm.mutable.Node(
                id=node_id, version=version, location=(lon, lat), tags=tags
            )
        writer.add_node(node)
    writer.close()


def run_generate_only(count: int, path: str) -> None:
    for _ in actions(count):
        pass


RUNS = {
    "camwalk": run_camwalk,
    "camwalk-parts": run_camwalk_parts,
    "pyosmium": run_pyosmium,
    "generate": run_generate_only,
}


def child(tool: str, count: int, trace: bool) -> None:
    """One measurement, printed as JSON for the parent."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "export.osc")
        if trace:
            tracemalloc.start()
        started = time.process_time()
        RUNS[tool](count, path)
        seconds = time.process_time() - started
        heap_peak = tracemalloc.get_traced_memory()[1] if trace else None
        size = sum(os.path.getsize(os.path.join(folder, name)) for name in os.listdir(folder))
    rss_kib = status_kib("VmHWM")  # this process's own, not ru_maxrss (kept across exec)
    print(json.dumps({"seconds": seconds, "rss_kib": rss_kib, "heap": heap_peak, "bytes": size}))


def measure(tool: str, count: int, trace: bool = False) -> dict:
    command = [sys.executable, __file__, "--child", tool, str(count)] + (
        ["--trace"] if trace else []
    )
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def report(count: int) -> None:
    print(f"\n{count:,} nodes (90 % creates, 10 % modifies, 8-9 tags each)")
    base = measure("generate", count)
    print(
        f"  generating the input alone: {base['seconds']:7.2f} s, peak RSS {mib(base['rss_kib'])}"
    )
    figures = {}
    for tool in ("camwalk", "camwalk-parts", "pyosmium"):
        figures[tool] = run = measure(tool, count)
        net = run["seconds"] - base["seconds"]
        line = f"  {tool:14} {run['seconds']:7.2f} s (net of input {net:6.2f} s)"
        line += f", {count / run['seconds']:9,.0f} nodes/s, peak RSS {mib(run['rss_kib'])}"
        print(line + f", {run['bytes'] / 2**20:6.1f} MiB written")
    for tool in ("camwalk", "camwalk-parts"):
        heap = measure(tool, count, trace=True)["heap"]
        print(f"  {tool:14} Python heap peak (tracemalloc): {heap / 2**10:8.0f} KiB")
    ratio = figures["camwalk"]["seconds"] / figures["pyosmium"]["seconds"]
    net_ratio = (figures["camwalk"]["seconds"] - base["seconds"]) / max(
        figures["pyosmium"]["seconds"] - base["seconds"], 1e-9
    )
    print(f"  camwalk / pyosmium time: {ratio:.2f}x overall, {net_ratio:.2f}x net of input")


def mib(kib: int) -> str:
    return f"{kib / 1024:6.1f} MiB"


def main(arguments: list[str]) -> None:
    if arguments[:1] == ["--child"]:
        child(arguments[1], int(arguments[2]), "--trace" in arguments)
        return
    for count in [int(argument) for argument in arguments] or [100_000, 1_000_000]:
        report(count)


if __name__ == "__main__":
    main(sys.argv[1:])
