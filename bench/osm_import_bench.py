"""Caching OSM cameras from a file (`camwalk osm import`): nodes/second on both engines.

    .venv/bin/python bench/osm_import_bench.py [N ...]        (default 2000 20000)
    CAMWALK_BENCH_POSTGRES_URL=postgresql://user:pw@host:port/db  also runs it on PostGIS
    (a scratch database is created next to that one and dropped after: bench/scratch_postgis.py).

For each size, an OSM XML file of N camera nodes spread over Marseille is imported three times
into a fresh database, as an organiser caching a region's cameras and refreshing them later
does: first all new, then the same file again (all unchanged), then with one node in ten at
a newer version, moved and retagged. Each import is timed by the wall clock and in CPU seconds
of this process (reading the file, then storing), the call `camwalk osm import` makes.
Figures are printed, never asserted: a shared 2-core box makes them vary from run to run.
"""

import os
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def write_osm(path: Path, count: int, changed_every: int | None = None) -> None:
    """N camera nodes; with `changed_every`, one in that many at version 2, moved, retagged."""
    rng = random.Random(19)
    with path.open("w") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6" generator="bench">\n'
        )
        for osm_id in range(1, count + 1):
            lat, lon = 43.27 + rng.random() * 0.04, 5.35 + rng.random() * 0.05
            changed = changed_every is not None and osm_id % changed_every == 0
            if changed:
                lat += 0.00002
            operator = "Ville de Marseille" if not changed else "Métropole Aix-Marseille"
            out.write(
                f' <node id="{osm_id}" version="{2 if changed else 1}" lat="{lat:.7f}"'
                f' lon="{lon:.7f}"><tag k="man_made" v="surveillance"/>'
                f'<tag k="surveillance:type" v="camera"/><tag k="operator" v="{operator}"/>'
                "</node>\n"
            )
        out.write("</osm>\n")


def run(url: str, folder: str, sizes: list[int], engine: str) -> None:
    import logging

    from flask_migrate import upgrade

    from server import create_app
    from server.extensions import db
    from server.osm.importer import import_file
    from server.osm.models import OsmNode

    logging.disable(logging.WARNING)
    for count in sizes:
        app = create_app({"DATABASE_URL": url, "INSTANCE_PATH": folder, "SECRET_KEY": "bench"})
        with app.app_context():
            upgrade()
            db.session.query(OsmNode).delete()
            db.session.commit()
            same, changed = Path(folder, "same.osm"), Path(folder, "changed.osm")
            write_osm(same, count)
            write_osm(changed, count, changed_every=10)
            for label, path in (("new", same), ("unchanged", same), ("1 in 10 newer", changed)):
                wall, cpu = time.perf_counter(), time.process_time()
                result = import_file(path)
                wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
                print(
                    f"{engine}: {count:>6} nodes, {label:<13}: {wall:6.2f} s wall, "
                    f"{cpu:6.2f} s CPU, {count / wall:>8,.0f} nodes/s  (added {result.added}, "
                    f"updated {result.updated}, unchanged {result.unchanged})",
                    flush=True,
                )
            db.session.remove()
            db.engine.dispose()


def main() -> None:
    sizes = [int(arg) for arg in sys.argv[1:]] or [2000, 20000]
    print(f"load average {os.getloadavg()[0]:.1f}")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from scratch_postgis import each_engine

    for engine, url, folder in each_engine("camwalk_import_bench"):
        run(url, folder, sizes, engine)


if __name__ == "__main__":
    main()
