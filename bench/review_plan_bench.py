"""The review queue of a large walk that is mostly approved: the server's answer, timed in process.

    .venv/bin/python bench/review_plan_bench.py [--pending P] [N ...]
                                                (default P = 1000, N = 30000 100000)
    CAMWALK_BENCH_POSTGRES_URL=postgresql://user:pw@host:port/db  also runs it on PostGIS

Each size gets a fresh database filled as bench/osm_server_export_bench.py fills it (one walk,
N approved observations over Marseille, N/10 cached OSM cameras). P of them, spread over the
walk, are then put back under review as a walker's latest cameras are: pending, no approved
copy. The bench times `organise.review_queue` for the walk, what GET
/api/v1/groups/<id>/review?status=pending&walk_id=<id> answers (the review screen's first
request): each card's OSM block plans the whole walk with the cameras under review taken as
approved (server/observations/osm_review.py). Median of three runs, wall clock.

Figures are printed, never asserted.
"""

import os
import statistics
import sys
import tempfile
import time

import sqlalchemy as sa
from osm_server_export_bench import app_for, fill

RUNS = 3


def put_under_review(url: str, folder: str, group_id: int, pending: int, count: int) -> None:
    from server.extensions import db
    from server.observations.models import Observation

    with app_for(url, folder).app_context():
        every = max(1, count // pending)
        db.session.execute(
            sa.update(Observation)
            .where(Observation.group_id == group_id, Observation.id % every == 0)
            .values(review_status="pending", approved=None, approved_place=None)
        )
        db.session.commit()
        db.engine.dispose()


def time_queue(url: str, folder: str, group_id: int) -> tuple[list[float], int]:
    import logging

    from server.extensions import db
    from server.groups.models import Walk
    from server.observations.organise import review_queue

    logging.disable(logging.WARNING)
    with app_for(url, folder).app_context():
        walk_id = db.session.scalar(sa.select(Walk.id).where(Walk.group_id == group_id))
        runs = []
        for _ in range(RUNS):
            started = time.perf_counter()
            items = review_queue(group_id, "pending", walk_id)
            runs.append(time.perf_counter() - started)
            db.session.remove()
        db.engine.dispose()
    return runs, len(items)


def report(engine: str, url: str, folder: str, count: int, pending: int) -> None:
    group_id = fill(url, folder, count)
    put_under_review(url, folder, group_id, pending, count)
    runs, cards = time_queue(url, folder, group_id)
    print(
        f"{engine:10} {count:>7,} observations, {cards:,} under review: review queue "
        f"{statistics.median(runs):5.2f} s (runs {', '.join(f'{run:.2f}' for run in runs)})",
        flush=True,
    )


def main(arguments: list[str]) -> None:
    pending = 1000
    if arguments[:1] == ["--pending"]:
        pending, arguments = int(arguments[1]), arguments[2:]
    sizes = [int(argument) for argument in arguments] or [30_000, 100_000]
    postgres = os.environ.get("CAMWALK_BENCH_POSTGRES_URL")
    for count in sizes:
        with tempfile.TemporaryDirectory() as folder:
            report("SpatiaLite", f"sqlite:///{folder}/bench.db", folder, count, pending)
        if postgres:
            from scratch_postgis import scratch_database

            name = f"camwalk_review_bench_{os.getpid()}_{count}"
            with scratch_database(postgres, name) as url, tempfile.TemporaryDirectory() as folder:
                report("PostGIS", url, folder, count, pending)
    if not postgres:
        print("(PostGIS skipped: set CAMWALK_BENCH_POSTGRES_URL to run it too)")


if __name__ == "__main__":
    main(sys.argv[1:])
