"""A restore queues at once the photos its database says are still owed their copies."""

import hashlib

import sqlalchemy as sa

from server.cli import cli
from server.extensions import db
from server.photos.models import Photo


def test_photos_still_received_in_the_backup_are_queued_at_once_after_a_restore(
    app, client, group, queued, make_photo, tmp_path
):
    data = make_photo("jpeg", size=(64, 48))
    digest = hashlib.sha256(data).hexdigest()
    client.put(f"/api/v1/photos/{digest}", data=data, headers=group.headers())
    runner = app.test_cli_runner()
    assert runner.invoke(cli, ["backup", str(tmp_path / "backup")]).exit_code == 0
    # The job went with the queue: SQLite's is a file of its own, not in the backup.
    queued.flush()
    uploaded_at = db.session.scalar(sa.select(Photo.queued_at))
    db.session.remove()

    result = runner.invoke(cli, ["restore", str(tmp_path / "backup"), "--yes"])

    assert result.exit_code == 0, result.output
    assert "1 photos still owed their copies are queued" in result.output
    # On PostgreSQL the queue's tables come back with the database, the old job too: a
    # second run of a job costs a run, never a photo.
    assert "prepare_photo" in {task.name for task in queued.pending()}
    db.session.remove()
    state, queued_at = db.session.execute(sa.select(Photo.state, Photo.queued_at)).one()
    assert state == "received" and queued_at > uploaded_at  # its lease starts now
