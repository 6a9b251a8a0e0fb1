"""The database epoch: a cursor is only answered by the database that gave it."""

import json
from types import SimpleNamespace

import pytest

from server.cli import cli
from server.epoch import check_cursor
from server.observations.errors import EpochChanged


def restore_backup_of_now(app, sync_api, tmp_path):
    """Take a backup now; return the function that restores it. The group's ids are kept
    as plain values: a restore ends the session its ORM rows belonged to."""
    group = sync_api.group
    sync_api.group = SimpleNamespace(
        id=group.id, walk=SimpleNamespace(id=group.walk.id), headers=group.headers
    )
    runner = app.test_cli_runner()
    result = runner.invoke(cli, ["backup", str(tmp_path / "backup")], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return lambda: runner.invoke(
        cli, ["restore", str(tmp_path / "backup"), "--yes"], catch_exceptions=False
    )


def test_every_answer_carries_the_epoch_and_it_stays_the_same(sync_api):
    first = sync_api.sync([sync_api.create()])
    second = sync_api.sync(cursor=first["cursor"])

    assert first["epoch"] and second["epoch"] == first["epoch"]


def test_a_phone_naming_the_epoch_syncs_as_usual(sync_api):
    epoch = sync_api.sync()["epoch"]

    response = sync_api.client.post(
        f"/api/v1/groups/{sync_api.group.id}/sync",
        json={"cursor": 0, "epoch": epoch, "changes": [sync_api.create()]},
        headers=sync_api.group.headers(),
    )

    assert response.status_code == 200, response.json
    assert response.json["results"][0]["status"] == "applied"


def test_after_a_restore_a_phone_of_the_old_epoch_is_refused_whole_and_nothing_is_applied(
    app, sync_api, tmp_path
):
    before = sync_api.sync([sync_api.create()])
    restore = restore_backup_of_now(app, sync_api, tmp_path)
    # After the backup: a camera acknowledged, so the phone no longer holds its create.
    lost = sync_api.create()
    after = sync_api.sync([lost], cursor=before["cursor"])
    assert after["results"][0]["status"] == "applied"
    assert restore().exit_code == 0

    edit = sync_api.update(lost["observation_id"], 1, operator=(None, "SNCF"))
    response = sync_api.client.post(
        f"/api/v1/groups/{sync_api.group.id}/sync",
        json={"cursor": after["cursor"], "epoch": after["epoch"], "changes": [edit]},
        headers=sync_api.group.headers(),
    )

    assert response.status_code == 409, response.json
    assert response.json["code"] == "epoch_changed"
    fresh = sync_api.sync()  # from 0, naming no epoch: the new one comes back
    assert fresh["epoch"] != after["epoch"]
    assert lost["observation_id"] not in {o["id"] for o in fresh["observations"]}
    replay = sync_api.sync([edit], cursor=fresh["cursor"])
    assert replay["results"][0]["replayed"] is False  # the refused batch was not kept


def test_a_cursor_past_the_groups_latest_seq_is_refused(sync_api):
    answer = sync_api.sync([sync_api.create()])

    response = sync_api.post(cursor=answer["cursor"] + 1)

    assert response.status_code == 409
    assert response.json["code"] == "epoch_changed"
    # What the server can tell, not more: another group's cursor gets the same answer, and
    # a client's developer told "the database was restored" looked for a restore.
    assert "or the cursor is another group's" in response.json["message"]


def test_a_camera_created_after_a_restore_reaches_a_phone_that_pulls_again(
    app, sync_api, tmp_path
):
    """The probe's lost camera: its seq is below the old cursors after the restore."""
    sync_api.sync([sync_api.create()])
    restore = restore_backup_of_now(app, sync_api, tmp_path)
    for _ in range(3):
        sync_api.sync([sync_api.create()])
    old = sync_api.sync()
    assert restore().exit_code == 0
    new_camera = sync_api.create()
    sync_api.sync([new_camera], who="organiser")

    refused = sync_api.client.post(
        f"/api/v1/groups/{sync_api.group.id}/sync",
        data=json.dumps({"cursor": old["cursor"], "epoch": old["epoch"]}),
        content_type="application/json",
        headers=sync_api.group.headers(),
    )
    again = sync_api.sync()

    assert refused.status_code == 409
    assert new_camera["observation_id"] in {o["id"] for o in again["observations"]}


def test_a_cursor_past_the_groups_latest_seq_is_refused_even_naming_the_epoch(sync_api):
    """A database put back without `camwalk restore` (a dump loaded by hand) keeps its
    epoch while its seqs go back: the cursor is checked all the same."""
    answer = sync_api.sync([sync_api.create()])

    response = sync_api.client.post(
        f"/api/v1/groups/{sync_api.group.id}/sync",
        json={"cursor": answer["cursor"] + 1, "epoch": answer["epoch"]},
        headers=sync_api.group.headers(),
    )

    assert response.status_code == 409
    assert response.json["code"] == "epoch_changed"


@pytest.mark.parametrize("names_epoch", [True, False])
def test_the_epoch_and_the_groups_latest_seq_are_read_in_one_statement(
    sync_api, statements, names_epoch
):
    answer = sync_api.sync([sync_api.create()])
    epoch = answer["epoch"] if names_epoch else None
    group_id = sync_api.group.id
    statements.clear()

    assert check_cursor(group_id, answer["cursor"], epoch) == answer["epoch"]
    assert len(statements) == 1
    with pytest.raises(EpochChanged):
        check_cursor(group_id, answer["cursor"] + 1, epoch)
    assert len(statements) == 2
