"""Originals stored while a group kept them: turning keep_originals off, then deleting them
through the API or with `camwalk photos gc`."""

import hashlib
from pathlib import Path

import pytest

from server.extensions import db
from server.photos import gc
from server.photos.cli import photos_group
from server.photos.models import Photo
from server.photos.storage import photo_store
from tests.builders import jpeg_bytes


def upload(client, group, data: bytes) -> str:
    digest = hashlib.sha256(data).hexdigest()
    response = client.put(f"/api/v1/photos/{digest}", data=data, headers=group.headers())
    assert response.status_code == 201, response.json
    return digest


def original(app, group, digest: str) -> Path:
    return Path(app.config["PHOTO_DIR"]) / f"g{group.id}" / digest[:2] / digest / "original"


def set_keep_originals(client, group, keep: bool) -> None:
    response = client.patch(
        f"/api/v1/groups/{group.id}/settings",
        json={"keep_originals": keep},
        headers=group.headers("organiser"),
    )
    assert response.status_code == 200, response.json


def originals_api(client, group, method: str = "get", who: str = "organiser"):
    call = getattr(client, method)
    return call(f"/api/v1/groups/{group.id}/originals", headers=group.headers(who))


@pytest.fixture
def kept(app, client, group):
    """Two photos uploaded while the group kept originals; the setting is then turned off."""
    set_keep_originals(client, group, True)
    digests = [upload(client, group, jpeg_bytes(shade)) for shade in (40, 200)]
    set_keep_originals(client, group, False)
    return digests


def test_turning_keep_originals_off_leaves_the_stored_originals_and_says_so(
    app, client, group, kept
):
    answer = originals_api(client, group).json

    assert answer["keep_originals"] is False
    assert answer["count"] == 2
    assert answer["size_bytes"] == sum(original(app, group, d).stat().st_size for d in kept)


def test_the_organiser_deletes_the_originals_and_the_served_copies_stay(app, client, group, kept):
    response = originals_api(client, group, "delete")

    assert response.status_code == 200
    assert response.json["count"] == 2
    assert not any(original(app, group, digest).exists() for digest in kept)
    assert not any(photo.original_kept for photo in db.session.query(Photo))
    assert originals_api(client, group).json["count"] == 0
    for digest in kept:
        thumb = client.get(f"/api/v1/photos/{digest}/thumb", headers=group.headers())
        assert thumb.status_code == 200


def test_originals_cannot_be_deleted_while_the_group_keeps_them(app, client, group, kept):
    set_keep_originals(client, group, True)

    response = originals_api(client, group, "delete")

    assert response.status_code == 409
    assert response.json["code"] == "originals_still_kept"
    assert all(original(app, group, digest).exists() for digest in kept)


@pytest.mark.parametrize(
    ("method", "who", "status"), [("get", "walker", 403), ("delete", "walker", 403)]
)
def test_walkers_cannot_see_or_delete_originals(app, client, group, kept, method, who, status):
    assert originals_api(client, group, method, who).status_code == status
    assert all(original(app, group, digest).exists() for digest in kept)


def test_another_groups_originals_are_404(app, client, group, make_group, kept):
    stranger = make_group("Belsunce")
    response = client.delete(
        f"/api/v1/groups/{group.id}/originals", headers=stranger.headers("organiser")
    )
    assert response.status_code == 404
    assert all(original(app, group, digest).exists() for digest in kept)


def run_gc(app, *args) -> str:
    result = app.test_cli_runner().invoke(photos_group, ["gc", "--min-age-minutes", "0", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_gc_lists_then_deletes_originals_the_setting_no_longer_allows(app, client, group, kept):
    listed = run_gc(app)
    assert listed.count("original the group no longer keeps") == 2
    assert all(original(app, group, digest).exists() for digest in kept)

    assert "deleted 2 orphan files" in run_gc(app, "--yes")

    assert not any(original(app, group, digest).exists() for digest in kept)
    assert not any(photo.original_kept for photo in db.session.query(Photo))
    thumb = client.get(f"/api/v1/photos/{kept[0]}/thumb", headers=group.headers())
    assert thumb.status_code == 200


def test_gc_keeps_the_originals_of_a_group_that_keeps_them(app, client, group, kept):
    set_keep_originals(client, group, True)

    assert "deleted 0 orphan files" in run_gc(app, "--yes")
    assert all(original(app, group, digest).exists() for digest in kept)


def test_gc_leaves_an_original_the_group_chose_to_keep_again_after_the_listing(
    app, client, group, kept
):
    root = Path(app.config["PHOTO_DIR"])
    listed = gc.find_orphans(root, min_age_s=0)
    set_keep_originals(client, group, True)

    assert gc.delete_orphans(root, listed) == 0
    assert all(original(app, group, digest).exists() for digest in kept)
    assert all(photo.original_kept for photo in db.session.query(Photo))


def test_an_original_whose_file_could_not_be_deleted_is_left_for_gc(
    app, client, group, kept, monkeypatch
):
    store = photo_store()

    def disk_error(key):
        raise OSError("read-only file system")

    monkeypatch.setattr(store, "delete", disk_error)
    assert originals_api(client, group, "delete").status_code == 200
    monkeypatch.undo()
    # The rows no longer claim the files, so nothing can serve or remake from them...
    assert not any(photo.original_kept for photo in db.session.query(Photo))
    assert all(original(app, group, digest).exists() for digest in kept)

    # ...and gc removes them.
    assert "deleted 2 orphan files" in run_gc(app, "--yes")
    assert not any(original(app, group, digest).exists() for digest in kept)
