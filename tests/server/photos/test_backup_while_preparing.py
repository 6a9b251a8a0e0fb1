"""A backup taken while the worker prepares photos holds every original its database needs.

The worker prepares a photo between the backup's database snapshot and its copy of the
photo files: the snapshot says `received`, so the copy must hold the original (the probe's
backups lacked it 4 times in 6, and after a restore the photo failed for good)."""

import hashlib
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

from server import backup as backup_module
from server.cli import cli
from server.extensions import db
from server.photos.models import Photo
from server.photos.service import ORIGINAL, file_key
from tests.server.photos.conftest import run_queued_jobs
from tests.server.photos.test_worker_process import start_worker, stop_worker, wait_until


def upload(client, group, make_photo, shade: int) -> str:
    data = make_photo("jpeg", size=(64, 48 + shade))
    digest = hashlib.sha256(data).hexdigest()
    response = client.put(f"/api/v1/photos/{digest}", data=data, headers=group.headers())
    assert response.status_code == 201, response.json
    return digest


def state_of(digest: str) -> str:
    db.session.rollback()  # a fresh look at what the worker committed
    return db.session.scalar(sa.select(Photo.state).where(Photo.sha256 == digest))


def originals_in(folder: Path, photos) -> dict[str, bool]:
    return {p.sha256: (folder / file_key(p, ORIGINAL)).exists() for p in photos}


@pytest.fixture
def worker_between_snapshot_and_copy(monkeypatch):
    """Make the backup call `work()` after its database snapshot, before it copies photos."""

    def install(work):
        copy = backup_module._copy_photos
        calls = []

        def copy_after_work(source, destination):
            if not calls:
                calls.append(work())
            return copy(source, destination)

        monkeypatch.setattr(backup_module, "_copy_photos", copy_after_work)

    return install


def backup_rows(folder: Path) -> dict[str, str]:
    with sqlite3.connect(folder / "camwalk.db") as conn:
        return dict(conn.execute("SELECT sha256, state FROM photo"))


def test_a_photo_prepared_during_the_backup_keeps_its_original_in_the_backup_then_goes(
    app, client, group, queued, make_photo, tmp_path, worker_between_snapshot_and_copy
):
    digest = upload(client, group, make_photo, 0)
    worker_between_snapshot_and_copy(lambda: run_queued_jobs(queued))
    photo_dir = Path(app.config["PHOTO_DIR"])
    photo = db.session.scalar(sa.select(Photo))
    original = photo_dir / file_key(photo, ORIGINAL)

    result = app.test_cli_runner().invoke(cli, ["backup", str(tmp_path / "backup")])

    assert result.exit_code == 0, result.output
    assert state_of(digest) == "prepared"
    assert (tmp_path / "backup" / "photos" / file_key(photo, ORIGINAL)).exists()
    assert not original.exists()  # the group keeps no originals: gone once the backup is done

    # Restored, the photo is still owed its copies, and the worker makes them.
    result = app.test_cli_runner().invoke(cli, ["restore", str(tmp_path / "backup"), "--yes"])
    assert result.exit_code == 0, result.output
    assert state_of(digest) == "received"
    run_queued_jobs(queued)
    assert state_of(digest) == "prepared"


def test_a_backup_with_a_real_worker_preparing_holds_every_original_its_rows_need(
    app, client, group, queued, make_photo, tmp_path, worker_between_snapshot_and_copy
):
    digests = [upload(client, group, make_photo, shade) for shade in range(3)]
    photos = list(db.session.scalars(sa.select(Photo)))
    log = tmp_path / "worker.log"
    workers = []

    def worker_prepares_everything():
        # Started once the snapshot is taken: every photo is prepared during the backup.
        workers.append(start_worker(app, log))
        wait_until(lambda: all(state_of(d) == "prepared" for d in digests), log)

    worker_between_snapshot_and_copy(worker_prepares_everything)
    try:
        result = app.test_cli_runner().invoke(cli, ["backup", str(tmp_path / "backup")])
    finally:
        for worker in workers:
            stop_worker(worker)

    assert result.exit_code == 0, result.output
    if (tmp_path / "backup" / "camwalk.db").exists():
        assert set(backup_rows(tmp_path / "backup").values()) == {"received"}
    assert originals_in(tmp_path / "backup" / "photos", photos) == dict.fromkeys(digests, True)
    # Once the backup is done, the originals the group does not keep are gone.
    assert originals_in(Path(app.config["PHOTO_DIR"]), photos) == dict.fromkeys(digests, False)
