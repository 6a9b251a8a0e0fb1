"""Whether a camwalk server or photo worker is using an instance, for `camwalk restore`.

A restore replaces the database and photos under anything still running: a server would
keep answering (and writing) from what is being replaced, a worker would prepare photos
from files being swapped. Each server process (`serve`'s gunicorn workers, `run`) and each
worker holds a shared lock (flock) on a file of the instance folder while it runs; a restore
holds the exclusive one, so it finds them, and a server or worker started during a restore
refuses to. The kernel drops a lock with its process, so a crash leaves nothing to clean.
A server or worker on another machine (sharing a PostgreSQL database) holds no lock here and
is not detected: counting the database's other sessions was tried, and it counts the
restoring process's own (the photo queue's connection), so it cannot tell. pg_restore then
fails after LOCK_TIMEOUT_MS if they hold locks (server/backup.py); the README says to stop them.
"""

import fcntl
import os
from pathlib import Path

LOCK_FILE = "camwalk.running"

_held: list = []  # the open lock files of this process, kept open while it runs


class InstanceBusy(RuntimeError):
    """The instance is in use by what this process wants exclusively (or the other way)."""


def _open(instance_path: str, name: str = LOCK_FILE):
    Path(instance_path).mkdir(parents=True, exist_ok=True)
    # Left open on purpose: the lock lasts as long as the file is open.
    return open(os.path.join(instance_path, name), "a+")


def hold_while_running(instance_path: str) -> None:
    """Mark this process as using the instance until it ends."""
    busy = (
        f"a restore is replacing the database and photos of {instance_path}; "
        "start again once it is done"
    )
    _held.append(_locked(instance_path, fcntl.LOCK_SH, busy))


def hold_exclusively(instance_path: str):
    """The open lock file, locked for this process alone: release it with `.close()`.
    Raises InstanceBusy while a server or worker runs on the instance."""
    busy = (
        f"a camwalk server or photo worker is running on {instance_path}: stop them "
        "(`camwalk serve`, `camwalk worker`, `make run`) before restoring"
    )
    return _locked(instance_path, fcntl.LOCK_EX, busy)


def _locked(instance_path: str, mode: int, busy: str, name: str = LOCK_FILE):
    file = _open(instance_path, name)
    try:
        fcntl.flock(file, mode | fcntl.LOCK_NB)
    except BlockingIOError as error:
        file.close()
        raise InstanceBusy(busy) from error
    return file


# --- backups and the worker's originals --------------------------------------------------
#
# A backup snapshots the database, then copies the photo files. The worker deletes a photo's
# original once the row says `prepared`: between the two, a backup held rows `received` whose
# original it never found (the probe: 4 runs of 6), and after a restore those photos failed
# for good (`photo_file_missing`). So while a backup runs the worker keeps originals; the
# backup deletes those the groups do not keep once no backup runs any more. The worker
# commits `prepared` before it looks: a photo whose original it deleted was prepared before
# the backup began, so the backup's snapshot has it prepared and needs no original.

BACKUP_LOCK_FILE = "camwalk.backup"


class backup_running:
    """Held (a shared lock: backups may overlap) for the whole of a backup."""

    def __init__(self, instance_path: str):
        self.instance_path = instance_path

    def __enter__(self):
        self.file = _open(self.instance_path, BACKUP_LOCK_FILE)
        fcntl.flock(self.file, fcntl.LOCK_SH)
        return self

    def __exit__(self, *exc):
        self.file.close()


def a_backup_runs(instance_path: str) -> bool:
    if not os.path.exists(os.path.join(instance_path, BACKUP_LOCK_FILE)):
        return False  # no backup has run here yet: do not make its lock file
    try:
        _locked(instance_path, fcntl.LOCK_EX, "a backup runs", BACKUP_LOCK_FILE).close()
    except InstanceBusy:
        return True
    return False
