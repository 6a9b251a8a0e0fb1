"""The organiser's walk summary of one large walk: the server's time to build it.

    .venv/bin/python bench/walk_summary_bench.py [N] [runs]       (default 20000 3)

A fresh SpatiaLite database gets the data of bench/osm_server_export_bench.py (one walk of N
approved observations over Marseille, N/10 cached OSM cameras, some linked or reported gone),
then `walk_summary` (what GET /walks/<id>/summary answers) is built `runs` times in process,
after one run to warm up. Printed: the wall time of each run, and the cameras and "already in
OSM" it counts. Nothing is asserted.
"""

import logging
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH), str(BENCH.parent)]

from osm_server_export_bench import app_for, fill  # noqa: E402


def main(count: int, runs: int) -> None:
    from server.extensions import db
    from server.groups.models import Walk
    from server.reports.service import walk_summary

    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/bench.db"
        group_id = fill(url, folder, count)
        logging.disable(logging.WARNING)
        with app_for(url, folder).app_context():
            walk = db.session.scalars(sa.select(Walk).where(Walk.group_id == group_id)).one()
            seconds = []
            for _ in range(runs + 1):
                started = time.perf_counter()
                summary = walk_summary(walk)
                seconds.append(time.perf_counter() - started)
                db.session.rollback()
            db.engine.dispose()
    totals = summary["totals"]
    print(f"walk summary of {count} observations: {totals['cameras']} cameras counted, "
          f"{totals['in_osm']} already in OSM")  # fmt: skip
    print(
        "  seconds " + ", ".join(f"{s:.2f}" for s in seconds[1:]) + f" (warm-up {seconds[0]:.2f})"
    )


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 20_000,
        int(sys.argv[2]) if len(sys.argv) > 2 else 3,
    )
