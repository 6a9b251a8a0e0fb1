"""A photo file the worker cannot read while the photo folder is there (a bad sector, a file
it may not read).

Every error of a read was taken for the folder's: the attempt was given back and the job
tried again, for ever, though the folder was there and only this file could not be read.
Such an attempt now counts; once the most attempts are spent the photo is `failed`,
`photo_file_missing`, which tells the phone to send its bytes again.
"""

import errno
import os
import pathlib

from tests.server.photos.conftest import run_queued_jobs
from tests.server.photos.test_worker import photo_row, put, sha
from tests.server.photos.test_worker_store_outage import run_retries


def test_a_file_that_cannot_be_read_in_a_folder_that_is_there_is_given_up_after_the_most_attempts(
    app, client, group, queued, make_photo, monkeypatch
):
    """EIO, as a bad sector answers; a file it may not read (EACCES) in a folder it lists
    takes the same way in `preparation`: any OSError of the read, with the store there."""
    data = make_photo("jpeg", size=(40, 30))
    put(client, group, data)
    real_read = pathlib.Path.read_bytes

    def read_bytes(path):
        if path.name == "original":  # this file alone: the folder lists, its marker reads
            raise OSError(errno.EIO, os.strerror(errno.EIO), str(path))
        return real_read(path)

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    assert run_queued_jobs(queued) == 1
    assert photo_row(sha(data)).prepare_attempts == 1  # counted, not given back
    tries = 1 + run_retries(queued) + run_retries(queued)
    monkeypatch.undo()

    row = photo_row(sha(data))
    assert tries == int(app.config["PHOTO_PREPARE_MAX_ATTEMPTS"])
    assert (row.state, row.failure_code) == ("failed", "photo_file_missing")
    assert queued.scheduled_count() == 0  # nothing left to try again
    receipt = client.get(f"/api/v1/photos/{sha(data)}", headers=group.headers()).json
    assert receipt["failure"]["code"] == "photo_file_missing"
    assert put(client, group, data).status_code == 200  # the phone's bytes, taken again
    run_queued_jobs(queued)
    assert photo_row(sha(data)).state == "prepared"
