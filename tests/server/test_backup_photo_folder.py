"""`camwalk backup` and `camwalk restore` with the photo folder away (a volume unmounted).

A backup copied whatever lay under the empty mount point (nothing, or the root disk's own
files) and said it had succeeded: the organiser learnt that it held no photos the day she
restored it. A restore wrote the photos onto the root disk, where they vanished from view
once the volume was mounted again. Both now refuse before they touch anything.
"""

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from server.backup import BackupError, restore
from server.cli import cli
from server.extensions import db
from server.photos.models import Photo
from server.photos.storage import MARKER, photo_store
from tests.server.photos.test_photo_store_away import files_under, unmounted

REFUSAL = "the photo folder is not there"


def invoke(app, *args, **kwargs):
    return app.test_cli_runner().invoke(cli, list(args), **kwargs)


def add_photo(group_id: int, name: str) -> Photo:
    """A prepared photo: its display copy written to the store (which marks it), then its row,
    as the server does."""
    sha = name * 64
    photo_store().put(f"g{group_id}/{sha[:2]}/{sha}/display.jpg", b"\xff\xd8 a copy")
    photo = Photo(group_id=group_id, sha256=sha, media_type="image/jpeg", size_bytes=9)
    db.session.add(photo)
    db.session.commit()
    return photo


def photos_in_database() -> int:
    return db.session.scalar(select(func.count()).select_from(Photo))


@pytest.fixture
def group_id(group) -> int:
    return group.group.id  # read once: a backup ends the session its objects belong to


@pytest.fixture
def held(app, group_id):
    """A photo the store holds: its folder is in use, and marked."""
    photo = add_photo(group_id, "a")
    assert (Path(app.config["PHOTO_DIR"]) / MARKER).is_file()
    return photo


def test_a_backup_with_the_photo_folder_away_is_refused_and_writes_nothing(app, held, tmp_path):
    with unmounted(app) as mount_point:
        result = invoke(app, "backup", str(tmp_path / "backup"))
        left_on_mount_point = files_under(mount_point)

    assert result.exit_code != 0
    assert REFUSAL in result.output
    assert str(Path(app.config["PHOTO_DIR"])) in result.output  # where it is looked for
    assert not (tmp_path / "backup").exists()
    assert left_on_mount_point == []  # not even a marker: the folder is not the store
    assert invoke(app, "backup", str(tmp_path / "backup")).exit_code == 0  # the volume back


def test_a_restore_with_the_photo_folder_away_is_refused_before_asking_and_changes_nothing(
    app, group_id, held, tmp_path
):
    assert invoke(app, "backup", str(tmp_path / "backup")).exit_code == 0
    add_photo(group_id, "b")  # since the backup: a restore would take it away

    with unmounted(app) as mount_point:
        result = invoke(app, "restore", str(tmp_path / "backup"), input="y\n")
        written = files_under(mount_point)

    assert result.exit_code != 0
    assert REFUSAL in result.output
    assert "Go on?" not in result.output
    assert written == []
    db.session.remove()
    assert photos_in_database() == 2


def test_a_restore_whose_photo_folder_went_while_she_answered_changes_nothing(
    app, group_id, held, tmp_path
):
    assert invoke(app, "backup", str(tmp_path / "backup")).exit_code == 0
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    add_photo(group_id, "b")

    with unmounted(app) as mount_point:
        with pytest.raises(BackupError, match=REFUSAL):
            restore(db.engine, photo_store(), tmp_path / "backup", manifest, lambda: None)
        written = files_under(mount_point)

    assert written == []
    db.session.remove()
    assert photos_in_database() == 2


def test_a_fresh_install_with_no_photo_folder_yet_backs_up(app, tmp_path):
    assert not Path(app.config["PHOTO_DIR"]).exists()

    result = invoke(app, "backup", str(tmp_path / "backup"))

    assert result.exit_code == 0, result.output
    assert "and 0 photo files" in result.output
