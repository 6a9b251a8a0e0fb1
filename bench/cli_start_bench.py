"""Start-up of `camwalk` commands (figures printed, no asserts).

Run: .venv/bin/python bench/cli_start_bench.py [--runs N]   (default 7 runs)
     CAMWALK_BENCH_POSTGRES_URL=postgresql://user:pw@host:port/db  also runs the export cases
     on PostGIS (a database is created next to that one and dropped after; the role must be
     allowed to create databases, as the one of scripts/test-postgis.sh is).

Each run is one fresh process, as a user meets it, started the way the `camwalk` script starts
(`from server.cli import main`), so interpreter start-up and imports count. Medians of wall
time, with the load average printed beside them: the box is shared and wall time follows it.

Commands that need no app: issue 19 asks for under 300 ms. That is `exif`, `--help`, and the
help page of each of the project's own commands (`camwalk export osc --help`), which loads
their modules but none of the database layer (server/cli.py). For reference the bench also times
the full command group's help page (what `camwalk --help` ran before it was drawn from
server/cli.py's index).

A command that needs the app: `camwalk export osc --group ID -o FILE` on a migrated database
holding one empty group, on SpatiaLite (and PostGIS). "first query" is when the command sends
its first SQL statement (the connection, and SpatiaLite's loading, made before it): the
start-up issue 19 asks to bring under 0.5 s, so that the start-up leaves most of the 5 s an
export of 100,000 observations may take to the export. "whole" is the command to its exit.
"""

import argparse
import compileall
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# A phone-like photo with a GPS position, so the reader does its whole work.
PHOTO = (
    REPO.parent / "shared" / "data" / "photos" / "exif-samples" / "jpg" / "gps" / "DSCN0010.jpg"
)
CAMWALK = "import sys; from server.cli import main; sys.exit(main())"
FULL_GROUP_HELP = "from server.commands import cli; cli.main(['--help'], prog_name='camwalk')"
# `camwalk`, which says on standard error when (Unix time) the first SQL statement goes out.
# The listener is set as SQLAlchemy's engine module finishes loading, when the program loads
# it: importing SQLAlchemy beforehand would take it out of the program's start-up, which loads
# it with the cycle collector paused (server/cli.py, loading()).
FIRST_QUERY_MARK = "camwalk-bench-first-query"
CAMWALK_TIMING_FIRST_QUERY = f"""
import importlib.util, sys, time

def said(*_args):
    print("{FIRST_QUERY_MARK}", time.time(), file=sys.stderr, flush=True)

class ListenOnceLoaded:
    def find_spec(self, name, path=None, target=None):
        if name != "sqlalchemy.engine":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        load = spec.loader.exec_module

        def exec_module(module):
            load(module)
            from sqlalchemy import event

            event.listen(module.Engine, "before_cursor_execute", said, once=True)

        spec.loader.exec_module = exec_module
        return spec

sys.meta_path.insert(0, ListenOnceLoaded())
from server.cli import main
sys.exit(main())
"""


def median_wall_s(code: str, args: list[str], runs: int, env: dict | None = None) -> float:
    return statistics.median(timed_runs(code, args, runs, env)[0])


def timed_runs(code: str, args: list[str], runs: int, env: dict | None = None):
    """Wall seconds of each run to its exit, to its first SQL statement if it says, and its
    CPU seconds (user + system), which a busy machine changes less than wall time."""
    env = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    wholes, firsts, cpus = [], [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started_at, started = time.time(), time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", code, *args],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        wholes.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        for line in done.stderr.splitlines():
            if line.startswith(FIRST_QUERY_MARK):
                firsts.append(float(line.split()[1]) - started_at)
    return wholes, firsts, cpus


def empty_group(url: str, folder: str) -> int:
    """Migrate the database at `url` and store one group with nothing in it; its id."""
    import logging

    from flask_migrate import upgrade

    from server import create_app
    from server.extensions import db
    from server.groups.models import Group

    app = create_app({"DATABASE_URL": url, "INSTANCE_PATH": folder, "SECRET_KEY": "bench"})
    with app.app_context():
        logging.disable(logging.WARNING)  # alembic's INFO lines, one per migration
        upgrade()
        logging.disable(logging.NOTSET)
        group = Group(name="bench", slug=f"bench-{uuid.uuid4().hex[:6]}")
        db.session.add(group)
        db.session.commit()
        group_id = group.id
        db.engine.dispose()
    return group_id


def export_start(engine: str, url: str, folder: str, runs: int) -> None:
    group_id = empty_group(url, folder)
    env = {
        "CAMWALK_DATABASE_URL": url,
        "CAMWALK_INSTANCE_PATH": folder,
        "CAMWALK_SECRET_KEY": "bench",
    }
    args = ["export", "osc", "--group", str(group_id), "-o", os.path.join(folder, "empty.osc")]
    load = os.getloadavg()[0]
    wholes, firsts, cpus = timed_runs(CAMWALK_TIMING_FIRST_QUERY, args, runs, env)
    label = f"camwalk export osc, empty group ({engine})"
    print(
        f"  {label:44} {statistics.median(firsts) * 1000:7.0f} ms to the first query, "
        f"{statistics.median(wholes) * 1000:5.0f} ms whole "
        f"({statistics.median(cpus) * 1000:4.0f} ms CPU)   load {load:.2f}"
    )


def export_start_postgis(base: str, runs: int) -> None:
    from scratch_postgis import scratch_database

    name = f"camwalk_start_bench_{os.getpid()}"
    with scratch_database(base, name) as url, tempfile.TemporaryDirectory() as folder:
        export_start("PostGIS", url, folder, runs)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    # As an installed camwalk runs, from bytecode written on its first run, also where
    # PYTHONDONTWRITEBYTECODE would otherwise have every run compile the sources again.
    for package in ("server", "sync"):
        compileall.compile_dir(REPO / package, quiet=1)
    photo = str(PHOTO)
    cases = [
        ("camwalk --help", CAMWALK, ["--help"]),
        ("camwalk export osc --help", CAMWALK, ["export", "osc", "--help"]),
        ("camwalk photos gc --help", CAMWALK, ["photos", "gc", "--help"]),
        ("camwalk worker --help", CAMWALK, ["worker", "--help"]),
        (f"camwalk exif {Path(photo).name}", CAMWALK, ["exif", photo]),
        ("python -c 'pass' (interpreter alone)", "pass", []),
        ("full group --help (before)", FULL_GROUP_HELP, []),
    ]
    print(f"median wall time of {runs} runs, one process each")
    for label, code, args in cases:
        load = os.getloadavg()[0]
        print(f"  {label:44} {median_wall_s(code, args, runs) * 1000:7.0f} ms   load {load:.2f}")
    with tempfile.TemporaryDirectory() as folder:
        export_start("SpatiaLite", f"sqlite:///{folder}/bench.db", folder, runs)
    postgres = os.environ.get("CAMWALK_BENCH_POSTGRES_URL")
    if postgres:
        export_start_postgis(postgres, runs)
    else:
        print("  (PostGIS skipped: set CAMWALK_BENCH_POSTGRES_URL to run it too)")


if __name__ == "__main__":
    main()
