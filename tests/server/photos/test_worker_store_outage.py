"""The photo worker while the photo folder is away (a volume unmounted, a folder unreadable).

The worker marked a photo it had received `failed` (`photo_file_missing`) when the folder
was unmounted, and `preparation_gave_up` after a few tries when it was unreadable, though
its bytes were safe and came back with the folder. A store away is now tried again later,
by huey's retries, without counting against the photo; a photo whose file is really gone,
or whose bytes are not an image, still fails.
"""

import errno
import os
import pathlib
import shutil
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from server.photos import preparation
from tests.server.photos.conftest import run_queued_jobs
from tests.server.photos.test_worker import files_of, photo_row, put, sha


@contextmanager
def photo_folder_unmounted(app, monkeypatch):
    """The volume gone: its mount point left empty while the block runs, then back."""
    root = Path(app.config["PHOTO_DIR"])
    away = root.with_name(root.name + "-unmounted")
    shutil.move(root, away)
    root.mkdir()
    try:
        yield
    finally:
        shutil.rmtree(root)
        shutil.move(away, root)


@contextmanager
def photo_folder_unreadable(app, monkeypatch):
    """The folder there but unreadable to the worker (mode 000). Root reads through a mode
    000 folder, so as root the refusal the kernel gives anyone else (EACCES) is raised on
    reading or listing anything in it."""
    root = Path(app.config["PHOTO_DIR"])
    mode = root.stat().st_mode
    root.chmod(0)
    if os.geteuid() == 0:

        def refused(path):
            if Path(path).is_relative_to(root):
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))

        real_read, real_scandir = pathlib.Path.read_bytes, os.scandir
        monkeypatch.setattr(pathlib.Path, "read_bytes", lambda p: refused(p) or real_read(p))
        monkeypatch.setattr(os, "scandir", lambda p=".": refused(p) or real_scandir(p))
    try:
        yield
    finally:
        monkeypatch.undo()
        root.chmod(mode)


OUTAGES = [photo_folder_unmounted, photo_folder_unreadable]


def run_retries(queue) -> int:
    """Run the jobs huey scheduled to try again, as if their time had come."""
    due = queue.read_schedule(datetime.now(UTC).replace(tzinfo=None) + timedelta(days=1))
    for task in due:
        task.eta = None  # its time has come: huey would otherwise put it back on the schedule
        queue.execute(task)
    return len(due)


@pytest.mark.parametrize("outage", OUTAGES, ids=lambda o: o.__name__)
def test_a_photo_received_while_the_folder_is_away_is_prepared_once_it_is_back(
    app, client, group, queued, make_photo, monkeypatch, outage
):
    data = make_photo("jpeg", size=(40, 30))
    put(client, group, data)

    with outage(app, monkeypatch):
        assert run_queued_jobs(queued) == 1
        assert queued.scheduled_count() == 1  # huey tries again later
        assert run_retries(queued) == 1
        assert queued.scheduled_count() == 1  # and again, as long as the folder is away
        during = photo_row(sha(data))

    assert (during.state, during.failure_code) == ("received", None)
    assert during.prepare_attempts == 0  # an outage is not the photo's fault
    assert run_retries(queued) == 1
    row = photo_row(sha(data))
    assert (row.state, row.failure_code) == ("prepared", None)
    assert files_of(app, sha(data)) == ["display.jpg", "thumb.jpg"]
    thumb = client.get(f"/api/v1/photos/{sha(data)}/thumb", headers=group.headers())
    assert thumb.status_code == 200


def test_huey_waits_longer_before_each_try_while_the_folder_stays_away(
    app, client, group, queued, make_photo, monkeypatch
):
    data = make_photo("jpeg", size=(40, 30))
    put(client, group, data)
    delays = []

    with photo_folder_unmounted(app, monkeypatch):
        run_queued_jobs(queued)
        for _ in range(2):
            (task,) = queued.scheduled()
            delays.append(task.retry_delay)
            run_retries(queued)

    assert delays[1] > delays[0]
    assert photo_row(sha(data)).state == "received"


def test_a_photo_swept_again_during_a_long_outage_never_gives_up(
    app, client, group, queued, make_photo, monkeypatch
):
    """Past huey's retries, the sweep queues the photo again once its lease ran out; an
    outage longer than the most attempts still leaves it owed, not failed."""
    data = make_photo("jpeg", size=(40, 30))
    put(client, group, data)
    monkeypatch.setitem(app.config, "PHOTO_PREPARE_LEASE_S", 0)
    monkeypatch.setitem(app.config, "PHOTO_PREPARE_MAX_ATTEMPTS", 1)
    tries = 2  # past the most attempts, had the outage counted

    with photo_folder_unmounted(app, monkeypatch):
        for _ in range(tries):
            queued.flush()  # huey's own retries left aside: the sweep alone
            assert preparation.queue_owed() == 1
            run_queued_jobs(queued)
        during = photo_row(sha(data))

    assert (during.state, during.prepare_attempts) == ("received", 0)
    queued.flush()
    assert preparation.queue_owed() == 1
    run_queued_jobs(queued)
    assert photo_row(sha(data)).state == "prepared"


def test_a_photo_whose_file_alone_is_gone_from_a_folder_that_is_there_still_fails(
    app, client, group, queued, make_photo
):
    kept = make_photo("jpeg", size=(40, 30))
    lost = make_photo("jpeg", size=(41, 30))
    put(client, group, kept)
    put(client, group, lost)
    for path in Path(app.config["PHOTO_DIR"]).rglob("original"):
        if sha(lost) in str(path):
            path.unlink()

    run_queued_jobs(queued)

    row = photo_row(sha(lost))
    assert (row.state, row.failure_code) == ("failed", "photo_file_missing")
    assert photo_row(sha(kept)).state == "prepared"
    assert queued.scheduled_count() == 0


def test_bytes_that_are_not_an_image_still_fail_at_once(app, client, group, queued, make_photo):
    data = make_photo("jpeg", size=(40, 30))
    put(client, group, data)
    (original,) = [p for p in Path(app.config["PHOTO_DIR"]).rglob("original")]
    original.write_bytes(b"\xff\xd8\xff\xe0 not a picture at all " * 20)

    run_queued_jobs(queued)

    row = photo_row(sha(data))
    assert row.state == "failed"
    assert row.failure_code in {"unreadable_photo", "unsupported_photo_type"}
    assert queued.scheduled_count() == 0
