"""The public map's cameras (`GET /api/v1/public/<slug>/cameras.geojson`) for a campaign of N
cameras: what each visitor costs the server, and what she downloads.

    .venv/bin/python bench/public_cameras_bench.py [N ...]      (default 1600 20000 60000)
    CAMWALK_BENCH_POSTGRES_URL=postgresql://user:pw@host:port/db  also runs it on PostGIS

Each size gets a fresh database: one published campaign of N approved cameras spread over
eight French cities, one in five with a photo published beside it, and one in fifty reported
gone (not shown). The requests go through the app in this process (Flask's test client: no
network), so CPU seconds are the server's alone. For each size:
- the first request (it stores the photos' public names once), then the median and the
  spread of five more, wall clock and CPU;
- the document's size, as JSON and gzipped (what a browser that takes gzip downloads);
- a visitor coming back with the ETag she holds (a 304, no body): its median wall clock.
Figures are printed, never asserted: a shared 2-core machine makes them vary from run to run.
"""

import datetime as dt
import hashlib
import logging
import random
import statistics
import sys
import time
import uuid
from pathlib import Path

import sqlalchemy as sa

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

CITIES = [  # (lat, lon) of eight city centres
    (43.2965, 5.3698), (45.7640, 4.8357), (48.8566, 2.3522), (43.7102, 7.2620),
    (43.6047, 1.4442), (50.6292, 3.0573), (47.2184, -1.5536), (44.8378, -0.5792),
]  # fmt: skip
OPERATORS = ["Police municipale", "RTM", "SNCF", "Monoprix", None]
TYPES = ["dome", "fixed", "panning", None]


def fill(url: str, folder: str, count: int) -> str:
    """Migrate the database at `url` and store the campaign in it; returns its slug."""
    from flask_migrate import upgrade

    from server import create_app, geo
    from server.extensions import db
    from server.groups.models import Group, Walk
    from server.observations.models import Observation
    from server.photos.models import ObservationPhoto, Photo
    from sync.order import approved_place

    rng = random.Random(count)
    app = create_app({"DATABASE_URL": url, "INSTANCE_PATH": folder, "SECRET_KEY": "bench"})
    with app.app_context():
        logging.disable(logging.WARNING)  # alembic's INFO lines, one per migration
        upgrade()
        slug = f"bench-{uuid.uuid4().hex[:6]}"
        group = Group(name="Campagne nationale", slug=slug, public_map=True)
        db.session.add(group)
        db.session.flush()
        walk = Walk(group_id=group.id, name="Journée nationale")
        db.session.add(walk)
        db.session.flush()
        rows = []
        for index in range(count):
            lat, lon = rng.choice(CITIES)
            lat, lon = lat + rng.uniform(-0.05, 0.05), lon + rng.uniform(-0.07, 0.07)
            fields = {
                "kind": "camera" if index % 10 else rng.choice(["ALPR", "guard"]),
                "camera_type": rng.choice(TYPES), "mount": "pole",
                "direction": [rng.randrange(360)] if index % 3 else [],
                "operator": rng.choice(OPERATORS), "surveyed_on": "2026-11-21",
                "presence": "gone" if index % 50 == 7 else "present",
                "sign": "seen", "sign_cnil": "no", "filmed_by": "public_authority",
            }  # fmt: skip
            approved = {
                **fields,
                "position": {"lat": round(lat, 7), "lon": round(lon, 7), "accuracy_m": 6.0},
            }
            rows.append(
                {
                    **fields, "surveyed_on": dt.date(2026, 11, 21),
                    "uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                    "group_id": group.id, "walk_id": walk.id, "geom": geo.point_element(lon, lat),
                    "review_status": "approved", "approved": approved,
                    "approved_place": approved_place(approved),
                }
            )  # fmt: skip
            if len(rows) == 5000:
                db.session.execute(sa.insert(Observation), rows)
                rows = []
        if rows:
            db.session.execute(sa.insert(Observation), rows)
        ids = db.session.scalars(
            sa.select(Observation.id).where(Observation.group_id == group.id)
        ).all()
        with_photo = ids[::5]
        photos = [
            {
                "group_id": group.id,
                "media_type": "image/jpeg",
                "size_bytes": 1,
                "sha256": hashlib.sha256(f"{slug} {index}".encode()).hexdigest(),
                "public": True,
                "blur": [],
            }
            for index in range(len(with_photo))
        ]
        db.session.execute(sa.insert(Photo), photos)
        photo_ids = db.session.scalars(
            sa.select(Photo.id).where(Photo.group_id == group.id).order_by(Photo.id)
        ).all()
        links = [
            {
                "photo_id": photo_id,
                "observation_id": observation_id,
                "role": "close_up",
                "published": True,
            }
            for photo_id, observation_id in zip(photo_ids, with_photo, strict=True)
        ]
        db.session.execute(sa.insert(ObservationPhoto), links)
        db.session.commit()
        db.engine.dispose()
    return slug


def measure(url: str, folder: str, slug: str) -> dict:
    from server import create_app

    app = create_app({"DATABASE_URL": url, "INSTANCE_PATH": folder, "SECRET_KEY": "bench"})
    app.config["RATELIMIT_ENABLED"] = False
    client = app.test_client()
    path = f"/api/v1/public/{slug}/cameras.geojson"

    def timed(headers=None):
        wall, cpu = time.perf_counter(), time.process_time()
        answer = client.get(path, headers=headers or {})
        return answer, time.perf_counter() - wall, time.process_time() - cpu

    first, first_s, _ = timed()
    assert first.status_code == 200, first.status_code
    runs = [timed() for _ in range(5)]
    zipped, _, _ = timed({"Accept-Encoding": "gzip"})
    tag = zipped.headers.get("ETag")
    again = [timed({"Accept-Encoding": "gzip", "If-None-Match": tag}) for _ in range(5)]
    return {
        "features": len(first.json["features"]),
        "first_s": first_s,
        "wall": [wall for _, wall, _ in runs],
        "cpu": [cpu for _, _, cpu in runs],
        "json_kib": len(first.data) / 1024,
        "gzip_kib": len(zipped.data) / 1024 if zipped.headers.get("Content-Encoding") else None,
        "again_status": again[0][0].status_code,
        "again_s": statistics.median(wall for _, wall, _ in again),
    }


def main(sizes: list[int]) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from scratch_postgis import each_engine

    logging.disable(logging.WARNING)
    print("engine      cameras  shown  first   median wall (range)      median CPU  "
          "JSON      gzip     304")  # fmt: skip
    for size in sizes:
        for engine, url, folder in each_engine(f"camwalk_public_bench_{size}"):
            found = measure(url, folder, fill(url, folder, size))
            wall, cpu = found["wall"], found["cpu"]
            gzipped = f"{found['gzip_kib']:7.0f} KiB" if found["gzip_kib"] else "   (none)"
            print(
                f"{engine:<11} {size:>7}  {found['features']:>5}  {found['first_s']:5.2f} s  "
                f"{statistics.median(wall):5.3f} s ({min(wall):.3f}-{max(wall):.3f})  "
                f"{statistics.median(cpu):5.3f} s  {found['json_kib']:6.0f} KiB {gzipped}  "
                f"{found['again_status']} {found['again_s'] * 1000:5.0f} ms",
                flush=True,
            )


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [1600, 20000, 60000])
