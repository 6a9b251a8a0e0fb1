"""A walk map's OSM cameras (`GET /walks/<id>/osm-nodes`): what the rule of who sees which
cached camera adds to the answer, on both engines.

    .venv/bin/python bench/osm_nodes_bench.py
    CAMWALK_BENCH_POSTGRES_URL=postgresql://user:pw@host:port/db  also runs it on PostGIS
    (a scratch database is created next to that one and dropped after: bench/scratch_postgis.py).

20,000 cached cameras over Marseille, half of them imported for everyone; the walk asked has a
drawn area holding about 2,200. Its group has 1 walk, or 200 whose loaded boxes lie around it
(a group walking the same streets week after week), and the walk itself is loaded, or not
(its cameras are then tested against the others' boxes, server/osm/models.py
`OsmNode.shown_to`). Each case times `nodes_for_walk` against the same query without the rule
(every camera of the box the group may see, as the answer was before), calls alternated,
median of 40. Figures are printed, never asserted: a shared 2-core box makes them vary.
"""

import os
import random
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

AREA = [(5.37, 43.285), (5.38, 43.285), (5.38, 43.292), (5.37, 43.292), (5.37, 43.285)]
CALLS = 40


def run(url: str, folder: str, engine: str) -> None:
    import logging

    from flask_migrate import upgrade
    from sqlalchemy import select

    from server import create_app, geo
    from server.extensions import db
    from server.groups.models import Group, Walk
    from server.osm.models import OsmNode
    from server.osm.service import node_view, nodes_for_walk, walk_bbox

    logging.disable(logging.WARNING)
    app = create_app({"DATABASE_URL": url, "INSTANCE_PATH": folder, "SECRET_KEY": "bench"})
    with app.app_context():
        upgrade()
        rng = random.Random(7)
        for osm_id in range(1, 20_001):
            lat, lon = 43.27 + rng.random() * 0.04, 5.35 + rng.random() * 0.05
            node = OsmNode(osm_id=osm_id, version=1, geom=geo.point_element(lon, lat))
            node.tags, node.part_of_way, node.relations = {"man_made": "surveillance"}, False, []
            node.imported = osm_id % 2 == 0
            db.session.add(node)
        db.session.commit()

        def without_rule(walk):
            dialect = db.session.get_bind().dialect.name
            query = select(OsmNode).where(
                geo.within_bbox(dialect, OsmNode, *walk_bbox(walk)),
                OsmNode.seen_by(walk.group_id),
            )
            return [node_view(node) for node in db.session.scalars(query.order_by(OsmNode.osm_id))]

        for walks in (1, 200):
            group = Group(name=f"bench {walks}", slug=f"bench-{walks}")
            db.session.add(group)
            db.session.flush()
            walk = Walk(group_id=group.id, name="asked", area=geo.polygon_element(AREA))
            db.session.add(walk)
            for number in range(walks - 1):
                west, south = 5.35 + rng.random() * 0.04, 43.27 + rng.random() * 0.03
                box = [west, south, west + 0.008, south + 0.006]
                db.session.add(Walk(group_id=group.id, name=f"{number}", osm_fetched_bbox=box))
            db.session.flush()
            db.session.expire(walk, ["area"])  # read back as stored, as walk_bbox reads it
            for loaded in (True, False):
                walk.osm_fetched_bbox = list(walk_bbox(walk)) if loaded else None
                db.session.commit()
                calls = {"without the rule": without_rule, "nodes_for_walk": nodes_for_walk}
                times = {label: [] for label in calls}
                shown = {}
                for _ in range(CALLS):
                    for label, call in calls.items():
                        db.session.expire_all()
                        start = time.perf_counter()
                        shown[label] = len(call(walk))
                        times[label].append(time.perf_counter() - start)
                for label in calls:
                    print(
                        f"{engine}: {walks:>3} walks, asked walk loaded {loaded!s:<5} "
                        f"{label:<16}: median {statistics.median(times[label]) * 1000:6.1f} ms, "
                        f"{shown[label]} cameras",
                        flush=True,
                    )
        db.session.remove()
        db.engine.dispose()


def main() -> None:
    print(f"load average {os.getloadavg()[0]:.1f}")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from scratch_postgis import each_engine

    for engine, url, folder in each_engine("camwalk_osm_nodes_bench"):
        run(url, folder, engine)


if __name__ == "__main__":
    main()
