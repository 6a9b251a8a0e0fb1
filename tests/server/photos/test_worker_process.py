"""`camwalk worker` as its own process: killed with SIGKILL in the middle of a job, it loses
nothing; started again, it redoes the job and the copies appear."""

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from server.extensions import db
from server.photos.models import Photo
from server.photos.service import ORIGINAL, file_key
from server.photos.storage import photo_store

CAMWALK = Path(sys.executable).with_name("camwalk")


def start_worker(app, log: Path, **settings: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "CAMWALK_DATABASE_URL": app.config["DATABASE_URL"],
        "CAMWALK_INSTANCE_PATH": app.instance_path,
        "CAMWALK_PHOTO_DIR": app.config["PHOTO_DIR"],
        "CAMWALK_SECRET_KEY": app.config["SECRET_KEY"],
        "CAMWALK_PHOTO_QUEUE_IMMEDIATE": "0",
        **settings,
    }
    with log.open("ab") as out:
        return subprocess.Popen([str(CAMWALK), "worker"], env=env, stdout=out, stderr=out)


def stop_worker(worker: subprocess.Popen) -> None:
    """Asks the worker to stop (SIGTERM), and kills it if it has not within 30 s."""
    worker.terminate()
    try:
        worker.wait(timeout=30)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()


def wait_until(condition, log: Path, seconds: float = 60.0):
    deadline = time.monotonic() + seconds
    while not (found := condition()):
        assert time.monotonic() < deadline, log.read_text()
        time.sleep(0.05)
    return found


def row(photo_id: int) -> tuple[str, int]:
    db.session.rollback()  # a fresh look at what the worker committed
    return db.session.execute(
        sa.select(Photo.state, Photo.prepare_attempts).where(Photo.id == photo_id)
    ).one()


def test_a_worker_killed_mid_job_loses_nothing_and_its_job_is_redone_on_restart(
    app, client, group, queued, make_photo, tmp_path
):
    data = make_photo("jpeg", size=(64, 48))
    digest = hashlib.sha256(data).hexdigest()
    assert client.put(f"/api/v1/photos/{digest}", data=data, headers=group.headers()).status_code
    photo = db.session.query(Photo).filter_by(sha256=digest).one()
    photo_id, store = photo.id, photo_store()
    original = Path(app.config["PHOTO_DIR"], *file_key(photo, ORIGINAL).split("/"))
    display = file_key(photo, "display.jpg")
    # The job blocks reading the bytes once it has claimed the photo: a named pipe stands in
    # for the file, and nobody writes to it. The worker is then surely mid-job when killed.
    original.unlink()
    os.mkfifo(original)
    log = tmp_path / "worker.log"

    worker = start_worker(app, log)
    try:
        wait_until(lambda: row(photo_id) == ("received", 1), log)
        # huey handed the job out and forgot it: only the worker's row says it is owed.
        assert [task for task in queued.pending() if task.name == "prepare_photo"] == []
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        worker.kill()
        worker.wait(timeout=10)
    assert row(photo_id) == ("received", 1)
    assert not store.exists(display)

    original.unlink()
    original.write_bytes(data)  # the bytes, as the upload had stored them
    worker = start_worker(app, log)
    try:
        wait_until(lambda: row(photo_id)[0] != "received", log)
    finally:
        stop_worker(worker)

    assert row(photo_id) == ("prepared", 2)
    assert store.exists(display)
    thumb = client.get(f"/api/v1/photos/{digest}/thumb", headers=group.headers())
    assert thumb.status_code == 200


def niceness_of_threads(pid: int) -> set[int]:
    """The nice value of each thread of a process (field 19 of /proc/<pid>/task/<tid>/stat)."""
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
        found.add(int(fields[16]))
    return found


@pytest.mark.parametrize(("setting", "lower_by"), [(None, 10), ("3", 3), ("0", 0)])
def test_the_worker_runs_at_a_lower_cpu_priority_than_the_server(
    app, group, queued, tmp_path, setting, lower_by
):
    log = tmp_path / "worker.log"
    settings = {} if setting is None else {"CAMWALK_WORKER_NICE": setting}
    worker = start_worker(app, log, **settings)
    try:
        # Its consumer's threads are running once it says how many photos it queued again.
        wait_until(lambda: "queued again" in log.read_text(), log)
        time.sleep(0.5)
        assert niceness_of_threads(worker.pid) == {os.nice(0) + lower_by}
    finally:
        worker.kill()
        worker.wait(timeout=10)
