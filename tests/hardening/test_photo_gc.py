"""`camwalk photos gc`: orphan files are listed, then deleted with --yes; files with a row stay."""

from pathlib import Path

import pytest
import sqlalchemy as sa

from server.extensions import db
from server.photos.cli import photos_group
from server.photos.models import Photo
from server.photos.publication import public_key
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


def test_gc_deletes_public_copies_no_row_publishes_and_keeps_the_one_served(
    app, group, hardening_api, hardening_changes, photo_dir
):
    """What a crash between a publication's commit and the old copy's removal leaves: a copy
    for boxes since changed, or for a photo private again (server/photos/publication.py)."""
    api = hardening_api(group)
    shown, private = (api.upload(hardening_changes.jpeg(seed)) for seed in (81, 82))
    with app.app_context():
        rows = db.session.scalars(sa.select(Photo).where(Photo.sha256.in_([shown, private])))
        photos = {photo.sha256: photo for photo in rows}
        photos[shown].public, photos[shown].blur = True, [[0.1, 0.1, 0.2, 0.2]]
        served = public_key(photos[shown], photos[shown].blur)
        stale = {public_key(photos[shown], []), public_key(photos[private], [])}
        db.session.commit()
    for key in (served, *stale):
        (photo_dir / key).write_bytes(b"a public copy")

    listed = run_gc(app)
    assert {line.split("\t")[0] for line in listed.splitlines() if "\t" in line} == stale
    assert listed.count("public copy no row publishes") == 2
    assert "deleted 2 orphan files" in run_gc(app, "--yes")
    assert (photo_dir / served).exists()
    assert not any((photo_dir / key).exists() for key in stale)
