"""No photo is written to a photo store that is away, and asking for a copy from one says so.

An upload to a store whose volume was not mounted went to the root disk under the empty
mount point, was answered 201 (the phone then frees its copy), and vanished from view once
the volume was mounted again. A store is now known by a marker file it holds; a store without
it is away, and every write is refused with 503 `photo_store_unavailable` (the phone keeps the
photo and retries), with nothing stored or half-written.
"""

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

from server.extensions import db
from server.photos.cli import photos_group
from server.photos.models import Photo
from server.photos.storage import MARKER
from tests.server.photos.test_worker import files_of, photo_row, put, sha
from tests.server.photos.test_worker_store_outage import photo_folder_unreadable


@contextmanager
def unmounted(app, *, mount_point_left: bool = True):
    """The volume gone: its mount point left empty (or removed) while the block runs. What
    is written meanwhile stays where the volume is not, and is gone once it is back."""
    root = Path(app.config["PHOTO_DIR"])
    volume = root.with_name(root.name + "-volume")
    shutil.move(root, volume)
    if mount_point_left:
        root.mkdir()
    try:
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)
        shutil.move(volume, root)


def files_under(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*")) if root.exists() else []


def refused(answer) -> bool:
    """503 photo_store_unavailable, with a Retry-After as every 503 (docs/contract.md)."""
    code = (answer.status_code, answer.json.get("code"))
    return code == (503, "photo_store_unavailable") and answer.headers.get("Retry-After") == "60"


@pytest.fixture
def first_photo(client, group, make_photo):
    """A photo already received and prepared (at once, with no queue): the store is in use,
    and holds its marker."""
    data = make_photo("jpeg", size=(40, 30))
    assert put(client, group, data).status_code == 201
    assert photo_row(sha(data)).state == "prepared"
    return data


@pytest.mark.parametrize("mount_point_left", [True, False], ids=["empty", "removed"])
def test_an_upload_to_an_unmounted_store_is_refused_and_nothing_is_written(
    app, client, group, first_photo, make_photo, mount_point_left
):
    data = make_photo("png", size=(30, 20))

    with unmounted(app, mount_point_left=mount_point_left) as root:
        answer = put(client, group, data)
        written = files_under(root)

    assert refused(answer), answer.json
    assert written == []
    assert db.session.query(Photo).filter_by(sha256=sha(data)).count() == 0
    assert put(client, group, data).status_code == 201  # the volume back: the retry lands
    assert files_of(app, sha(data)) == ["display.jpg", "thumb.jpg"]


def test_lost_bytes_sent_again_to_an_unmounted_store_are_refused_and_the_row_is_unchanged(
    app, client, group, first_photo
):
    digest = sha(first_photo)
    for path in Path(app.config["PHOTO_DIR"]).rglob("*.jpg"):
        path.unlink()  # the copies really lost, no original kept: the bytes are owed again
    before = photo_row(digest)
    state, created_at = before.state, before.created_at

    with unmounted(app) as root:
        answer = put(client, group, first_photo)
        written = files_under(root)

    assert refused(answer), answer.json
    assert written == []
    after = photo_row(digest)
    assert (after.state, after.created_at) == (state, created_at)


def test_a_copy_asked_for_from_an_unreadable_store_is_503(
    app, client, group, first_photo, monkeypatch
):
    with photo_folder_unreadable(app, monkeypatch):
        answer = client.get(f"/api/v1/photos/{sha(first_photo)}/thumb", headers=group.headers())

    assert refused(answer), answer.json


@pytest.mark.parametrize("size", ["thumb", "display"])
def test_a_copy_asked_for_from_an_unmounted_store_is_503_and_none_is_made_there(
    app, client, group, first_photo, size
):
    with unmounted(app) as root:
        answer = client.get(f"/api/v1/photos/{sha(first_photo)}/{size}", headers=group.headers())
        written = files_under(root)

    assert refused(answer), answer.json
    assert written == []


def test_a_fresh_install_takes_its_first_photo_and_marks_its_store(app, client, group, make_photo):
    root = Path(app.config["PHOTO_DIR"])
    assert not root.exists()

    assert put(client, group, make_photo("jpeg", size=(40, 30))).status_code == 201

    assert (root / MARKER).is_file()


def test_a_new_volume_holding_a_file_of_its_own_is_a_fresh_store_while_no_photo_is_known(
    app, client, group, make_photo
):
    root = Path(app.config["PHOTO_DIR"])
    (root / "lost+found").mkdir(parents=True)

    assert put(client, group, make_photo("jpeg", size=(40, 30))).status_code == 201
    assert (root / MARKER).is_file()


def test_a_store_without_its_marker_is_away_once_photos_are_known_though_it_is_not_empty(
    app, client, group, first_photo, make_photo
):
    data = make_photo("png", size=(30, 20))

    with unmounted(app) as root:
        (root / "lost+found").mkdir()  # the root disk's own folder under the mount point
        answer = put(client, group, data)
        written = files_under(root)

    assert refused(answer), answer.json
    assert written == ["lost+found"]


def test_a_store_used_before_the_marker_existed_is_known_by_a_photo_file_and_marked(
    app, client, group, first_photo, make_photo
):
    root = Path(app.config["PHOTO_DIR"])
    (root / MARKER).unlink()  # a store filled by a camwalk that wrote no marker

    assert put(client, group, make_photo("png", size=(30, 20))).status_code == 201
    assert (root / MARKER).is_file()


def test_gc_keeps_the_marker_and_lists_nothing_in_a_store_away(app, group, first_photo):
    runner = app.test_cli_runner()
    (Path(app.config["PHOTO_DIR"]) / "stray").write_bytes(b"x")
    os.utime(Path(app.config["PHOTO_DIR"]) / "stray", (0, 0))

    listed = runner.invoke(photos_group, ["gc", "--min-age-minutes", "0", "--yes"])
    with unmounted(app) as root:
        (root / "stray").write_bytes(b"the root disk's own")
        away = runner.invoke(photos_group, ["gc", "--min-age-minutes", "0", "--yes"])
        left = files_under(root)

    assert listed.exit_code == 0, listed.output
    assert "stray" in listed.output and MARKER not in listed.output
    assert (Path(app.config["PHOTO_DIR"]) / MARKER).is_file()
    assert away.exit_code == 1 and "photo folder" in away.output
    assert left == ["stray"]
