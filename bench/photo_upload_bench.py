"""Photo upload: the receipt's time, and the photo worker's time to prepare, per photo kind.

Run: .venv/bin/python bench/photo_upload_bench.py [rounds]   (default: 3)

Figures only, no asserts. Each shared photo is uploaded through the real endpoint into a
throwaway SpatiaLite app with its real (SQLite) photo queue, so hashing, sniffing the header,
the fsynced write of the bytes, the commit and queueing the job all count; the row is deleted
between rounds and the median of the rounds printed with the photo's size and megapixels.
CPU seconds (process_time) beside wall seconds show how much of an upload waits on fsync.
`prepare s` is the worker's job for the same photo (decode, EXIF, both copies, the commit),
run once in this process: the work that no longer delays the receipt.
"""

import hashlib
import statistics
import sys
import tempfile
import time
from pathlib import Path

from flask_migrate import upgrade

from server import create_app
from server.auth.models import Role
from server.auth.service import create_member, issue_token
from server.extensions import db
from server.groups.models import Group
from server.photos import preparation
from server.photos.models import Photo
from server.photos.queue import photo_queue

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "photos"
SAMPLES = [
    "exifr/png/png_with_exif_and_gps.png",
    "exif-samples/jpg/gps/DSCN0010.jpg",
    "exifr/001.tif",
    "exif-samples/jpg/hdr/iphone_hdr_YES.jpg",
    "exifr/IMG_20180725_163423.jpg",
    "exifr/heic-iphone7.heic",
]


def make_app(folder: str):
    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{folder}/bench.db",
            "INSTANCE_PATH": folder,
            "SECRET_KEY": "bench",
        }
    )
    with app.app_context():
        upgrade()
        group = Group(name="bench", slug="bench")
        db.session.add(group)
        member = create_member(group, "bench", Role.WALKER)
        db.session.flush()
        token = issue_token(member, "bench")
        db.session.commit()
    return app, {"Authorization": f"Bearer {token}"}


def one_upload(app, client, headers, data: bytes) -> tuple[float, float]:
    digest = hashlib.sha256(data).hexdigest()
    wall, cpu = time.perf_counter(), time.process_time()
    response = client.put(f"/api/v1/photos/{digest}", data=data, headers=headers)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    assert response.status_code == 201, response.json
    with app.app_context():
        db.session.query(Photo).delete()
        db.session.commit()
        photo_queue().flush()  # the job is measured apart (prepare_once)
    return wall, cpu


def main(rounds: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        app, headers = make_app(folder)
        client = app.test_client()
        print(f"{'photo':45} {'MB':>6} {'MP':>6} {'wall s':>7} {'cpu s':>7} {'prepare s':>9}")
        every = []
        for relative in SAMPLES:
            data = (SHARED / relative).read_bytes()
            times = [one_upload(app, client, headers, data) for _ in range(rounds)]
            every += [t[0] for t in times]
            megapixels, prepare_s = prepare_once(app, client, headers, data)
            wall = statistics.median(t[0] for t in times)
            cpu = statistics.median(t[1] for t in times)
            print(
                f"{relative:45} {len(data) / 1e6:6.2f} {megapixels:6.1f} {wall:7.3f} {cpu:7.3f}"
                f" {prepare_s:9.3f}"
            )
        # The walker's wait for "safe on the server", over every upload of every photo.
        p95 = statistics.quantiles(every, n=20)[18] if len(every) > 1 else every[0]
        p50 = statistics.median(every)
        print(f"receipt over {len(every)} uploads: p50 {p50:.3f} s, p95 {p95:.3f} s")


def prepare_once(app, client, headers, data: bytes) -> tuple[float, float]:
    """Upload, then run the worker's job in this process: (megapixels, job seconds)."""
    digest = hashlib.sha256(data).hexdigest()
    client.put(f"/api/v1/photos/{digest}", data=data, headers=headers)
    with app.app_context():
        photo_queue().flush()
        photo = db.session.query(Photo).filter_by(sha256=digest).one()
        started = time.perf_counter()
        assert preparation.prepare(photo.id) == "prepared"
        seconds = time.perf_counter() - started
        db.session.refresh(photo)
        megapixels = photo.width * photo.height / 1e6
        db.session.delete(photo)
        db.session.commit()
    return megapixels, seconds


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
