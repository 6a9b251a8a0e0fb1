"""The commune signage file of a large commune: the report (JSON), the PDF and the CSV.

N approved cameras with no sign (every one listed in the table, the PDF's worst case) are
pushed through the sync API of an in-process app on a fresh SQLite file, as phones send
them, and approved in bulk (a row's approved copy set to its values: the review itself is
not what this measures). The PDF's photo lookups are timed apart ("photos": one made-up
photo per listed camera, none found, so the PDF itself draws none). Each step is timed in
wall and CPU seconds; CPU is the figure to compare, the box is shared and its load moves
the wall clock.

    PYTHONPATH=. .venv/bin/python bench/signage_bench.py [N ...]   (default 1000 3000 6000)

Figures, never asserted. On the shared 2-core box (load 5-13), CPU seconds, 5 December 2026:

    cameras            3,000   6,000   12,000
    report   before     0.38    0.61     2.04   the map asked min/max of every point, per point
             after      0.30    0.48     1.14
    photos   before     0.81    2.16       -    each lookup scanned every table row
             after      0.29    0.53     1.20
    pdf                 4.44    8.77    17.42   linear: about 1.5 ms a listed row (fpdf2's table)

The probe's wall times (3,000: 13.7 s, 12,000: 97 s) were 3 to 10 times these CPU times on
this box: the rest is the load. The PDF itself grows in proportion to its rows; what grew
with the square of the cameras was the report's map and the PDF's photo lookups.
"""

import datetime as dt
import io
import logging
import sys
import tempfile
import time
import uuid
from pathlib import Path

from flask_migrate import upgrade

from server import create_app
from server.auth.models import Role
from server.auth.service import create_member, issue_token
from server.extensions import db
from server.groups.models import Group, Walk
from server.observations.convert import field_values
from server.observations.models import Observation
from server.reports import signage, signage_files

BATCH = 250  # changes per push, as the PWA sends them


def _timed(what: str, run):
    wall, cpu = time.perf_counter(), time.process_time()
    result = run()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"  {what:<8} {wall:7.2f} s wall {cpu:7.2f} s cpu")
    return result


def _fill(client, group: Group, walk: Walk, token: str, count: int) -> None:
    for first in range(0, count, BATCH):
        changes = [
            {
                "change_id": str(uuid.uuid4()),
                "observation_id": str(uuid.uuid4()),
                "op": "create",
                "walk_id": walk.id,
                "made_at": "2026-11-21T10:30:00+01:00",
                "fields": {
                    "position": {"lat": 43.29 + (n // 100) * 1e-4, "lon": 5.37 + (n % 100) * 1e-4},
                    "kind": "camera",
                    "surveyed_on": "2026-11-21",
                    "sign": "none",
                    "filmed_by": "public_authority",
                    "aimed_at_road": "yes",
                },
            }
            for n in range(first, min(first + BATCH, count))
        ]
        answer = client.post(
            f"/api/v1/groups/{group.id}/sync",
            json={"cursor": 0, "limit": 1, "changes": changes},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert answer.status_code == 200, answer.json
    for row in db.session.scalars(db.select(Observation)):
        row.approved, row.review_status = field_values(row), "approved"
    db.session.commit()


def _photo_lookups(walk: Walk, content: dict) -> None:
    photo = signage.pdf_photo_reader(walk, content)
    for line in content["rows"]:
        for sha in line["photos"]:
            photo(sha)


def run(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(
            {
                "DATABASE_URL": f"sqlite:///{Path(tmp) / 'bench.db'}",
                "INSTANCE_PATH": tmp,
                "PHOTO_DIR": str(Path(tmp) / "photos"),
                "SECRET_KEY": "bench",
            }
        )
        with app.app_context():
            logging.getLogger("alembic").setLevel(logging.WARNING)
            upgrade()
            group = Group(name="Bench", slug=f"bench-{uuid.uuid4().hex[:6]}")
            db.session.add(group)
            walker = create_member(group, "mouette", Role.WALKER)
            db.session.flush()
            walk = Walk(group_id=group.id, name="Grande Ville")
            db.session.add(walk)
            token = issue_token(walker, "bench")
            db.session.commit()
            _fill(app.test_client(), group, walk, token, count)
            print(f"{count} approved cameras")
            content = _timed("report", lambda: signage.report(walk))
            _timed(
                "pdf",
                lambda: signage_files.write_pdf(content, "fr", lambda _: None, dt.date.today()),
            )
            _timed("csv", lambda: signage_files.write_csv(content, io.StringIO()))
            # The PDF asks for each listed camera's published photos; one made-up photo per
            # row times the lookups alone (none is found, so nothing is drawn).
            for line in content["rows"]:
                line["photos"] = [f"{line['number']:064x}"]
            _timed("photos", lambda: _photo_lookups(walk, content))
            db.session.remove()
            db.engine.dispose()


if __name__ == "__main__":
    for n in [int(a) for a in sys.argv[1:]] or [1000, 3000, 6000]:
        run(n)
