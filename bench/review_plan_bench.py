"""The review queue of a large walk: the server's answer, through Flask, in a process of its own.

    .venv/bin/python bench/review_plan_bench.py [--pending P] [N ...]
                                                (default P = 1000, N = 30000 100000)
    CAMWALK_BENCH_POSTGRES_URL=postgresql://user:pw@host:port/db  also runs it on PostGIS

Each size gets a fresh database filled as bench/osm_server_export_bench.py fills it (one walk,
N approved observations over Marseille, N/10 cached OSM cameras). P of them, spread over the
walk, are then put back under review as a walker's latest cameras are: pending, no approved
copy (P = N: a day of action's walk, nothing reviewed yet). A child process then asks
GET /api/v1/groups/<id>/review?status=pending&walk_id=<id> as an organiser, the review
screen's first request, through Flask's test client, reading the answer a chunk at a time as
gunicorn sends it: the rows, each card's OSM block (the whole walk planned with the cameras
under review taken as approved, server/observations/osm_review.py), the answer's dump and
JSON. It prints the wall and CPU time of three requests (their median, then each wall),
the answer's size, and the child's peak RSS over its RSS before the first request.

Figures are printed, never asserted.
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import sqlalchemy as sa
from osm_server_export_bench import app_for, fill
from peak_memory import restart_peak_rss, status_kib

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


def child(url: str, folder: str, group_id: int) -> None:
    import logging

    from server.auth.models import Role
    from server.auth.service import create_member, issue_token
    from server.extensions import db
    from server.groups.models import Group, Walk
    from server.observations.models import Observation

    logging.disable(logging.WARNING)
    app = app_for(url, folder)
    with app.app_context():
        organiser = create_member(db.session.get(Group, group_id), "organiser", Role.ORGANISER)
        token = issue_token(organiser, "bench")
        walk_id = db.session.scalar(sa.select(Walk.id).where(Walk.group_id == group_id))
        db.session.commit()
        db.session.remove()
    client = app.test_client()
    path = f"/api/v1/groups/{group_id}/review?status=pending&walk_id={walk_id}"
    restart_peak_rss()
    before = status_kib("VmRSS")
    runs = []
    for _ in range(RUNS):
        wall, cpu = time.perf_counter(), time.process_time()
        # Read as a proxy or gunicorn reads it, a chunk at a time: the answer is streamed.
        answer = client.get(path, headers={"Authorization": f"Bearer {token}"}, buffered=False)
        assert answer.status_code == 200, answer.status_code
        size = sum(len(chunk) for chunk in answer.response)
        answer.close()
        runs.append((time.perf_counter() - wall, time.process_time() - cpu))
        del answer
    peak = status_kib("VmHWM") - before
    with app.app_context():
        query = sa.select(sa.func.count()).where(Observation.review_status == "pending")
        cards = db.session.scalar(query)
    print(json.dumps({"runs": runs, "size": size, "cards": cards, "peak_kib": peak}))


def report(engine: str, url: str, folder: str, count: int, pending: int) -> None:
    group_id = fill(url, folder, count)
    put_under_review(url, folder, group_id, pending, count)
    command = [sys.executable, __file__, "--child", url, folder, str(group_id)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    found = json.loads(done.stdout.strip().splitlines()[-1])
    walls = [wall for wall, _ in found["runs"]]
    cpus = [cpu for _, cpu in found["runs"]]
    print(
        f"{engine:10} {count:>7,} observations, {found['cards']:,} under review: "
        f"{statistics.median(walls):5.2f} s wall, {statistics.median(cpus):5.2f} s CPU "
        f"(walls {', '.join(f'{wall:.2f}' for wall in walls)}); "
        f"{found['size'] / 2**20:5.1f} MiB; peak RSS +{found['peak_kib'] / 1024:5.0f} MiB",
        flush=True,
    )


def main(arguments: list[str]) -> None:
    if arguments[:1] == ["--child"]:
        url, folder, group_id = arguments[1:4]
        child(url, folder, int(group_id))
        return
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
