"""`camwalk photos gc`: orphan files are listed, then deleted with --yes; files with a row stay."""

from pathlib import Path

import pytest

from server.photos.cli import photos_group
from server.photos.storage import MARKER


@pytest.fixture
def photo_dir(app) -> Path:
    return Path(app.config["PHOTO_DIR"])


def _files(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def crash_leftovers(app, group, hardening_api, hardening_changes, photo_dir):
    """One real upload, plus what crashes leave: files of an uncommitted upload, a .tmp write."""
    sha = hardening_api(group).upload(hardening_changes.jpeg(77))
    kept = _files(photo_dir)
    ghost = "f" * 64
    orphan = photo_dir / f"g{group.id}" / "ff" / ghost / "display.jpg"
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(b"bytes with no row")
    partial = photo_dir / f"g{group.id}" / sha[:2] / sha / ".tmp-abc.part"
    partial.write_bytes(b"half a photo")
    # The same bytes in another group's folder are that group's, with no row there: orphan.
    foreign = photo_dir / f"g{group.id + 1000}" / sha[:2] / sha / "thumb.jpg"
    foreign.parent.mkdir(parents=True)
    foreign.write_bytes(b"x")
    return kept, {orphan, partial, foreign}


def run_gc(app, *args):
    result = app.test_cli_runner().invoke(photos_group, ["gc", "--min-age-minutes", "0", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_gc_without_yes_lists_orphans_and_deletes_nothing(app, crash_leftovers, photo_dir):
    kept, orphans = crash_leftovers
    output = run_gc(app)
    for orphan in orphans:
        assert str(orphan.relative_to(photo_dir)) in output
    assert "3 orphan files" in output
    assert _files(photo_dir) == kept | {str(o.relative_to(photo_dir)) for o in orphans}


def test_gc_with_yes_deletes_orphans_and_keeps_every_file_that_has_a_row(
    app, client, group, crash_leftovers, photo_dir
):
    kept, _orphans = crash_leftovers
    assert "deleted 3 orphan files" in run_gc(app, "--yes")
    assert _files(photo_dir) == kept
    sha = next(f for f in kept if f != MARKER).split("/")[2]
    thumb = client.get(f"/api/v1/photos/{sha}/thumb", headers=group.headers())
    assert thumb.status_code == 200
    assert not (photo_dir / f"g{group.id + 1000}").exists()  # emptied folders go too


def test_gc_leaves_young_files_alone_as_their_upload_may_be_about_to_commit(
    app, crash_leftovers, photo_dir
):
    kept, orphans = crash_leftovers
    result = app.test_cli_runner().invoke(photos_group, ["gc", "--yes"])
    assert "deleted 0 orphan files" in result.output
    assert len(_files(photo_dir)) == len(kept) + len(orphans)


def test_gc_with_no_photo_folder_finds_nothing(app, photo_dir):
    assert not photo_dir.exists()
    assert "0 orphan files" in run_gc(app)
