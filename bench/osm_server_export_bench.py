"""Export N approved observations from a SpatiaLite database to .osc: time and peak memory.

    .venv/bin/python bench/osm_server_export_bench.py [N ...]   (default 1000 10000 50000)

Each size gets a fresh database in a temporary folder with N approved observations spread over
Marseille and N/10 cached OSM cameras (a tenth of observations stand next to one, so the file
mixes creates and modifies). Figures are printed, never asserted.
"""

import datetime as dt
import random
import sys
import tempfile
import time
import tracemalloc
import uuid
from pathlib import Path

from flask_migrate import upgrade

from server import create_app, geo
from server.exports.osc import Scope, export_osc
from server.extensions import db
from server.groups.models import Group, Walk
from server.observations.models import Observation
from server.osm.models import OsmNode


def fill(count: int, rng: random.Random) -> Walk:
    group = Group(name="bench", slug=f"bench-{uuid.uuid4().hex[:6]}")
    db.session.add(group)
    db.session.flush()
    walk = Walk(group_id=group.id, name="Marseille")
    db.session.add(walk)
    db.session.flush()
    for index in range(count):
        lon, lat = 5.36 + rng.random() * 0.04, 43.28 + rng.random() * 0.03
        observation = Observation(
            uuid=str(uuid.uuid4()), group_id=group.id, walk_id=walk.id,
            geom=geo.point_element(lon, lat), kind="camera", camera_type="dome",
            operator="Police municipale de Marseille", direction=[rng.randrange(360)],
            surveyed_on=dt.date(2024, 5, 4), review_status="approved",
        )  # fmt: skip
        # The copy an approval keeps: what the export reads (normally written by the engine).
        observation.approved = {
            "position": {"lat": round(lat, 7), "lon": round(lon, 7), "accuracy_m": None},
            "kind": "camera", "camera_type": "dome", "direction": observation.direction,
            "operator": "Police municipale de Marseille", "surveyed_on": "2024-05-04",
            "presence": "present",
        }  # fmt: skip
        db.session.add(observation)
        if index % 10 == 0:
            db.session.add(
                OsmNode(
                    osm_id=1_000_000 + index, version=1,
                    geom=geo.point_element(lon + 0.00002, lat), tags={"man_made": "surveillance"},
                )
            )  # fmt: skip
        if index % 5000 == 4999:
            db.session.flush()
    db.session.commit()
    return walk


def run(count: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {"DATABASE_URL": f"sqlite:///{folder}/bench.db", "INSTANCE_PATH": folder,
             "SECRET_KEY": "bench"}
        )  # fmt: skip
        with app.app_context():
            upgrade()
            walk = fill(count, random.Random(count))
            scope = Scope.of_walk(walk)
            out = Path(folder) / "export.osc"

            def open_part(number):
                return (out if number == 0 else out.with_name(f"part-{number}.osc")).open("wb")

            tracemalloc.start()
            started = time.perf_counter()
            result = export_osc(scope, open_part)
            seconds = time.perf_counter() - started
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            size = sum(p.stat().st_size for p in Path(folder).glob("*.osc"))
            counts = result.counts
            print(
                f"{count:>7} observations: {seconds:6.2f} s, {count / seconds:8.0f} obs/s, "
                f"peak Python memory {peak / 1e6:6.1f} MB, {result.parts} file(s) "
                f"{size / 1e6:.1f} MB; created {counts['created']}, "
                f"modified {counts['modified']}, skipped {counts['skipped']}"
            )
            db.engine.dispose()


if __name__ == "__main__":
    for size in [int(arg) for arg in sys.argv[1:]] or [1000, 10000, 50000]:
        run(size)
