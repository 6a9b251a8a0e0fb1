"""Export N approved observations from the database to .osc: speed, memory, and pyosmium beside it.

    .venv/bin/python bench/osm_server_export_bench.py [--cameras K] [N ...]
                                                     (default 10000 30000 100000)
    CAMWALK_BENCH_POSTGRES_URL=postgresql://user:pw@host:port/db  also runs it on PostGIS
    (a database per size is created next to that one and dropped after; the role must be
    allowed to create databases, as the one of scripts/test-postgis.sh is).

Each size gets a fresh database holding one group whose walk has N approved observations
spread over Marseille (about 3 × 3 km) and N/10 cached OSM cameras (or K, whatever N: what
shows whether memory follows the observations or the cameras): one observation in N/cameras
stands 1.6 m from one (modifies), one in a hundred of those is linked to its camera and
reported gone (deletes), the rest are creates; they carry signage fields too, which the
osmChange leaves out.

For each size, every figure comes from its own child process, whose peak RSS is its own
(VmHWM, started again just before the call: bench/peak_memory.py):
- `export_osc`: the call the `camwalk export osc` command makes, timed by the wall clock and in
  CPU seconds, with the growth of RSS during the call (peak after minus current before) and
  the full passes of the cycle collector in it (each walks the whole app: 0.06-0.09 s);
- the Python heap peak of the same call under tracemalloc (a separate run: tracing slows Python);
- the whole command, `camwalk export osc --group ID -o FILE`, start-up included (wall clock);
- pyosmium (libosmium, C++) writing the same nodes, read beforehand from camwalk's file into
  memory, so only its writing is timed. It files creates as modifies (no version), so it is a
  speed reference, not a format reference.
- a floor: the least any Python export of these rows does, timed the same way. One loop reads
  the approved copies in place order from the same database (one query, the driver alone),
  decodes each copy and writes it as a created node with its six tags. It matches nothing
  against OSM, plans nothing, checks nothing and splits nothing into parts. What it costs is
  what CPython spends on 100,000 rows before camwalk's rules add anything: how far under
  pyosmium a Python export could go at all.
The ratio printed is camwalk's export_osc wall time over pyosmium's. Figures are printed,
never asserted: a shared 2-core machine makes them vary by 10-20 % from run to run.
"""

import datetime as dt
import gc
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import tracemalloc
import uuid
from pathlib import Path

import sqlalchemy as sa

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from peak_memory import restart_peak_rss, status_kib  # noqa: E402  (bench/, as a script)

OPERATORS = ["Police municipale de Marseille", "RTM", "Mairie & Cie", "Monoprix"]


def app_for(url: str, folder: str):
    from server import create_app

    return create_app({"DATABASE_URL": url, "INSTANCE_PATH": folder, "SECRET_KEY": "bench"})


def fill(url: str, folder: str, count: int, cameras: int | None = None) -> int:
    """Migrate the database at `url` and store the survey in it; returns the group id."""
    import logging

    from flask_migrate import upgrade

    from server import geo
    from server.extensions import db
    from server.groups.models import Group, Walk
    from server.observations.models import Observation
    from server.osm.models import OsmNode
    from server.types import utcnow
    from sync.order import approved_place

    rng = random.Random(count)
    app = app_for(url, folder)
    with app.app_context():
        logging.disable(logging.WARNING)  # alembic's INFO lines, one per migration
        upgrade()
        group = Group(name="bench", slug=f"bench-{uuid.uuid4().hex[:6]}")
        db.session.add(group)
        db.session.flush()
        # Its OSM cameras were loaded over the whole survey: new cameras are planned there
        # (sync/osm/loaded.py), as after "Load OSM cameras".
        walk = Walk(
            group_id=group.id,
            name="Marseille",
            osm_fetched_bbox=[5.35, 43.27, 5.41, 43.32],
            osm_fetched_at=utcnow(),
        )
        db.session.add(walk)
        db.session.flush()
        observations, nodes = [], []
        step = max(1, count // cameras) if cameras else 10  # observations per camera
        for index in range(count):
            lon, lat = 5.36 + rng.random() * 0.04, 43.28 + rng.random() * 0.03
            direction = [rng.randrange(360)]
            gone = index % 100 == 1 and (index - 1) % step == 0
            node_id = 1_000_000 + index - 1 if gone else None
            if index % step == 0:
                nodes.append(
                    {"osm_id": 1_000_000 + index, "version": 1, "on_way": False,
                     "vertex_known": True, "relations": [],
                     "geom": geo.point_element(lon + 0.00002, lat),
                     "tags": {"man_made": "surveillance"}}
                )  # fmt: skip
            fields = {
                "kind": "camera", "camera_type": "dome", "direction": direction,
                "operator": rng.choice(OPERATORS), "surveyed_on": "2024-05-04",
                "presence": "gone" if gone else "present", "osm_node_id": node_id,
                "sign": "visible", "sign_cnil": "yes", "filmed_by": "city",
            }  # fmt: skip
            observations.append(
                {
                    **fields, "uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                    "group_id": group.id, "walk_id": walk.id,
                    "geom": geo.point_element(lon, lat),
                    "surveyed_on": dt.date(2024, 5, 4), "review_status": "approved",
                    # The copy an approval keeps (normally written by the sync engine): what
                    # the export reads.
                    "approved": {
                        **fields,
                        "position": {"lat": round(lat, 7), "lon": round(lon, 7),
                                     "accuracy_m": None},
                    },
                }
            )  # fmt: skip
            # The key the ORM's write of `approved` keeps (server/observations/models.py);
            # a bulk insert has to set it itself.
            observations[-1]["approved_place"] = approved_place(observations[-1]["approved"])
            if len(observations) == 5000:
                db.session.execute(sa.insert(Observation), observations)
                observations = []
        for rows, model in ((observations, Observation), (nodes, OsmNode)):
            if rows:
                db.session.execute(sa.insert(model), rows)
        db.session.commit()
        group_id = group.id
        db.engine.dispose()
    return group_id


def child(url: str, folder: str, group_id: int, what: str) -> None:
    """One measurement, printed as JSON for the parent."""
    import logging

    logging.disable(logging.WARNING)
    if what == "pyosmium":
        print(json.dumps(run_pyosmium(folder)))
        return
    if what == "floor":
        print(json.dumps(run_floor(url, folder, group_id)))
        return
    from server.exports.osc import Scope, export_osc
    from server.extensions import db
    from server.groups.models import Group
    from server.osm.cli import part_paths

    app = app_for(url, folder)
    with app.app_context():
        scope = Scope.of_group(db.session.get(Group, group_id))
        open_part = part_paths(Path(folder) / "export.osc")
        restart_peak_rss()
        rss_before = status_kib("VmRSS")
        if what == "trace":
            tracemalloc.start()
        full_passes = gc.get_stats()[2]["collections"]
        wall, cpu = time.perf_counter(), time.process_time()
        result = export_osc(scope, open_part)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        full_passes = gc.get_stats()[2]["collections"] - full_passes
        heap = tracemalloc.get_traced_memory()[1] if what == "trace" else None
        rss_after = status_kib("VmHWM")
        db.engine.dispose()
    print(
        json.dumps(
            {
                "wall": wall, "cpu": cpu, "heap": heap, "counts": result.counts,
                "full_passes": full_passes,
                "parts": result.parts, "rss_kib": rss_after,
                "rss_growth_kib": max(0, rss_after - rss_before),
            }
        )
    )  # fmt: skip


def osc_files(folder: str) -> list[Path]:
    return sorted(Path(folder).glob("export*.osc"))


def run_pyosmium(folder: str) -> dict:
    """pyosmium writing the nodes of camwalk's files, read into memory first (not timed)."""
    import osmium  # a bench/test-only dependency (setup.cfg `test` extra)

    nodes = []
    for path in osc_files(folder):
        for node in osmium.FileProcessor(str(path), osmium.osm.NODE):
            where = node.location  # a delete has none; copied: the buffer is reused
            location = osmium.osm.Location(where.lon, where.lat) if where.valid() else None
            nodes.append(
                osmium.osm.mutable.Node(
                    id=node.id, version=node.version, visible=node.visible,
                    location=location or osmium.osm.Location(),
                    tags={tag.k: tag.v for tag in node.tags},
                )
            )  # fmt: skip
    path = os.path.join(folder, "pyosmium.osc")
    wall, cpu = time.perf_counter(), time.process_time()
    writer = osmium.SimpleWriter(path)
    for node in nodes:
        writer.add_node(node)
    writer.close()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {"wall": wall, "cpu": cpu, "nodes": len(nodes)}


def run_floor(url: str, folder: str, group_id: int) -> dict:
    """The least a Python export does (see the module's docstring): read, decode, write."""
    from xml.sax.saxutils import quoteattr

    import orjson

    engine = sa.create_engine(url)
    wall, cpu = time.perf_counter(), time.process_time()
    with engine.connect() as connection, open(os.path.join(folder, "floor.osc"), "w") as out:
        rows = connection.execute(
            sa.text(
                "SELECT approved FROM observation WHERE group_id = :group"
                " AND approved IS NOT NULL ORDER BY approved_place"
            ),
            {"group": group_id},
        )
        write, nodes = out.write, 0
        write('<?xml version="1.0" encoding="utf-8"?>\n<osmChange version="0.6">\n  <create>\n')
        for (copy,) in rows:
            copy = orjson.loads(copy) if isinstance(copy, str | bytes) else copy
            nodes += 1
            place = copy["position"]
            write(f'    <node id="-{nodes}" lat="{place["lat"]:.7f}" lon="{place["lon"]:.7f}">\n')
            tags = {
                "man_made": "surveillance", "surveillance:type": "camera",
                "camera:type": copy.get("camera_type"), "operator": copy.get("operator"),
                "camera:direction": ";".join(map(str, copy.get("direction") or ())) or None,
                "check_date": copy.get("surveyed_on"),
            }  # fmt: skip
            for key, value in tags.items():
                if value is not None:
                    write(f'      <tag k="{key}" v={quoteattr(str(value))}/>\n')
            write("    </node>\n")
        write("  </create>\n</osmChange>\n")
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    engine.dispose()
    return {"wall": wall, "cpu": cpu, "nodes": nodes}


def measure(url: str, folder: str, group_id: int, what: str) -> dict:
    command = [sys.executable, __file__, "--child", url, folder, str(group_id), what]
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=REPO)
    return json.loads(done.stdout.strip().splitlines()[-1])


def whole_command(url: str, folder: str, group_id: int) -> float:
    """Wall seconds of `camwalk export osc`, the process's start-up included."""
    environment = os.environ | {
        "CAMWALK_DATABASE_URL": url, "CAMWALK_INSTANCE_PATH": folder,
        "CAMWALK_SECRET_KEY": "bench", "PYTHONPATH": str(REPO),
    }  # fmt: skip
    output = os.path.join(folder, "command.osc")
    command = [sys.executable, "-c", "from server.cli import main; main()", "export", "osc",
               "--group", str(group_id), "-o", output]  # fmt: skip
    started = time.perf_counter()
    subprocess.run(command, env=environment, check=True, capture_output=True, cwd=REPO)
    return time.perf_counter() - started


def report(engine: str, url: str, folder: str, count: int, cameras: int | None) -> None:
    started = time.perf_counter()
    group_id = fill(url, folder, count, cameras)
    filled = time.perf_counter() - started
    run = measure(url, folder, group_id, "time")
    heap = measure(url, folder, group_id, "trace")["heap"]
    command = whole_command(url, folder, group_id)
    osmium = measure(url, folder, group_id, "pyosmium")
    floor = measure(url, folder, group_id, "floor")
    size = sum(path.stat().st_size for path in osc_files(folder))
    counts = run["counts"]
    print(
        f"{engine:10} {count:>7,} observations, {cameras or count // 10:,} cameras "
        f"(filled in {filled:4.0f} s): "
        f"created {counts['created']:,}, modified {counts['modified']:,}, "
        f"deleted {counts['deleted']:,}, skipped {counts['skipped']:,}; "
        f"{run['parts']} file(s), {size / 2**20:.1f} MiB\n"
        f"  export_osc     {run['wall']:6.2f} s wall ({run['cpu']:6.2f} s CPU), "
        f"{count / run['wall']:8,.0f} obs/s; peak RSS {run['rss_kib'] / 1024:6.1f} MiB, "
        f"{run['rss_growth_kib'] / 1024:5.1f} MiB over the RSS before the call; "
        f"Python heap peak {heap / 2**20:5.1f} MiB ({heap / count:5.0f} B/observation); "
        # A full pass walks every object of the app (about 0.08 s): whether the one the
        # export's paused collector owes falls inside the call or just after it is chance.
        f"full cycle-collector passes in the call: {run['full_passes']}\n"
        f"  whole command  {command:6.2f} s wall, {count / command:8,.0f} obs/s\n"
        f"  pyosmium       {osmium['wall']:6.2f} s wall ({osmium['cpu']:6.2f} s CPU), "
        f"{osmium['nodes'] / osmium['wall']:8,.0f} nodes/s, {osmium['nodes']:,} nodes\n"
        f"  camwalk / pyosmium: {run['wall'] / osmium['wall']:5.1f}x wall, "
        f"{run['cpu'] / osmium['cpu']:5.1f}x CPU (export_osc); "
        f"{command / osmium['wall']:5.1f}x wall (whole command)\n"
        f"  floor (Python) {floor['wall']:6.2f} s wall ({floor['cpu']:6.2f} s CPU), "
        f"{floor['nodes']:,} nodes: {floor['wall'] / osmium['wall']:5.1f}x pyosmium's wall",
        flush=True,
    )


def run_spatialite(count: int, cameras: int | None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        report("SpatiaLite", f"sqlite:///{folder}/bench.db", folder, count, cameras)


def run_postgis(base: str, count: int, cameras: int | None) -> None:
    from scratch_postgis import scratch_database

    name = f"camwalk_export_bench_{os.getpid()}_{count}"
    with scratch_database(base, name) as url, tempfile.TemporaryDirectory() as folder:
        report("PostGIS", url, folder, count, cameras)


def main(arguments: list[str]) -> None:
    if arguments[:1] == ["--child"]:
        url, folder, group_id, what = arguments[1:5]
        child(url, folder, int(group_id), what)
        return
    cameras = None
    if arguments[:1] == ["--cameras"]:
        cameras, arguments = int(arguments[1]), arguments[2:]
    sizes = [int(argument) for argument in arguments] or [10_000, 30_000, 100_000]
    postgres = os.environ.get("CAMWALK_BENCH_POSTGRES_URL")
    for count in sizes:
        run_spatialite(count, cameras)
        if postgres:
            run_postgis(postgres, count, cameras)
    if not postgres:
        print("(PostGIS skipped: set CAMWALK_BENCH_POSTGRES_URL to run it too)")


if __name__ == "__main__":
    main(sys.argv[1:])
