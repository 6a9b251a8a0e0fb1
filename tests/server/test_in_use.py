"""Whether a backup runs on an instance, as the photo worker and `camwalk backup` ask it."""

from server.in_use import BACKUP_LOCK_FILE, a_backup_runs, backup_running


def test_a_backup_runs_while_one_holds_the_backup_lock_and_not_after(tmp_path):
    instance = str(tmp_path)
    assert not a_backup_runs(instance)
    assert not (tmp_path / BACKUP_LOCK_FILE).exists()  # asking makes no file

    with backup_running(instance), backup_running(instance):  # backups may overlap
        assert a_backup_runs(instance)

    assert not a_backup_runs(instance)
