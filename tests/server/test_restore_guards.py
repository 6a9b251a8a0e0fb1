"""`camwalk restore` refuses what would go wrong: not a backup, a server or worker running."""

import json
from pathlib import Path

from sqlalchemy import func, select

from server.cli import cli
from server.extensions import db
from server.in_use import hold_while_running
from server.observations.models import Observation
from tests.server.photos.test_worker_process import start_worker, stop_worker, wait_until


def invoke(app, *args, **kwargs):
    return app.test_cli_runner().invoke(cli, list(args), **kwargs)


def observations() -> int:
    db.session.remove()
    return db.session.scalar(select(func.count()).select_from(Observation))


def test_a_folder_that_is_not_a_backup_is_refused_before_asking_anything(app, tmp_path):
    result = invoke(app, "restore", str(tmp_path), input="y\n")

    assert result.exit_code != 0
    assert "no readable camwalk backup" in result.output
    assert "Go on?" not in result.output


def test_restore_refuses_while_a_photo_worker_runs_on_the_instance(app, tmp_path):
    assert invoke(app, "backup", str(tmp_path / "backup")).exit_code == 0
    invoke(app, "demo", "--json")
    before = observations()
    log = tmp_path / "worker.log"
    worker = start_worker(app, log)
    try:
        wait_until(lambda: "queued again" in log.read_text(), log)

        result = invoke(app, "restore", str(tmp_path / "backup"), "--yes")

        assert result.exit_code != 0, result.output
        assert "photo worker is running" in result.output
        assert observations() == before
    finally:
        stop_worker(worker)

    result = invoke(app, "restore", str(tmp_path / "backup"), "--yes")
    assert result.exit_code == 0, result.output
    assert observations() == 0


def test_a_server_started_during_a_restore_refuses_to_serve(app, tmp_path, monkeypatch):
    """The other way round: the restore holds the instance, a server must not start on it."""
    from server import in_use

    lock = in_use.hold_exclusively(app.instance_path)
    try:
        try:
            hold_while_running(app.instance_path)
        except in_use.InstanceBusy as error:
            assert "a restore is replacing" in str(error)
        else:
            raise AssertionError("a server started during a restore")
    finally:
        lock.close()


def test_restore_asks_once_it_knows_the_folder_is_a_backup(app, tmp_path):
    assert invoke(app, "backup", str(tmp_path / "backup")).exit_code == 0
    manifest = json.loads(Path(tmp_path / "backup" / "manifest.json").read_text())

    result = invoke(app, "restore", str(tmp_path / "backup"), input="n\n")

    assert result.exit_code != 0
    assert f"backup of {manifest['created_at']}? Go on?" in result.output


def test_restore_checks_the_backup_once(app, tmp_path, monkeypatch):
    """The command checks before asking; `restore()` used to check the same folder again."""
    from server import backup

    assert invoke(app, "backup", str(tmp_path / "backup")).exit_code == 0
    checks = []
    check = backup.check_backup
    monkeypatch.setattr(backup, "check_backup", lambda *args: checks.append(args) or check(*args))

    result = invoke(app, "restore", str(tmp_path / "backup"), "--yes")

    assert result.exit_code == 0, result.output
    assert len(checks) == 1
