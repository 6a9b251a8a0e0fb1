"""A photo folder away for a while (a volume mounted late, a restore half done) against one
whose files are really gone.

Its receipt and its copies asked for marked every prepared photo looked at meanwhile
`failed` (`photo_file_missing`) in its row: once the files were back, the copies still
answered 409 and publication was refused, for good.
"""

import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.server.photos.conftest import run_queued_jobs
from tests.server.photos.test_publication import Campaign
from tests.server.photos.test_worker import files_of, photo_row, put, sha


@contextmanager
def photo_folder_away(app):
    """The whole photo folder gone while the block runs, then back as it was."""
    root = Path(app.config["PHOTO_DIR"])
    away = root.with_name(root.name + "-away")
    shutil.move(root, away)
    try:
        yield
    finally:
        shutil.rmtree(root, ignore_errors=True)  # anything written meanwhile is not the volume's
        shutil.move(away, root)


def receipt(client, group, digest: str) -> dict:
    answer = client.get(f"/api/v1/photos/{digest}", headers=group.headers())
    assert answer.status_code == 200, answer.json
    return answer.json


def copy(client, group, digest: str, size: str):
    return client.get(f"/api/v1/photos/{digest}/{size}", headers=group.headers())


@pytest.fixture
def prepared_photo(client, group, queued, make_photo):
    """A prepared photo of an approved camera, with no original kept; its bytes."""
    data = make_photo("jpeg", size=(40, 30))
    put(client, group, data)
    run_queued_jobs(queued)
    Campaign(client, group).observe(sha(data), review="approved")
    assert photo_row(sha(data)).state == "prepared"
    return data


def test_a_photo_folder_away_for_a_while_says_the_files_are_missing_and_serves_them_once_back(
    app, client, group, prepared_photo
):
    digest = sha(prepared_photo)

    with photo_folder_away(app):
        missing = receipt(client, group, digest)
        copies = [copy(client, group, digest, size) for size in ("thumb", "display", "thumb")]
        published = Campaign(client, group).publish(digest)

    assert (missing["state"], missing["failure"]["code"]) == ("failed", "photo_file_missing")
    assert "upload the same photo again" in missing["failure"]["message"]
    # A copy, and the public one, are made from files the store holds: a store away says so.
    for answer in [*copies, published]:
        assert (answer.status_code, answer.json["code"]) == (503, "photo_store_unavailable")
    back = receipt(client, group, digest)
    assert (back["state"], back["failure"]) == ("prepared", None)
    assert copy(client, group, digest, "thumb").status_code == 200
    assert copy(client, group, digest, "display").status_code == 200
    assert Campaign(client, group).publish(digest).status_code == 200
    assert photo_row(digest).state == "prepared"


def test_a_photo_whose_copies_are_really_gone_is_prepared_again_from_its_bytes_sent_again(
    app, client, group, queued, prepared_photo
):
    digest = sha(prepared_photo)
    for path in Path(app.config["PHOTO_DIR"]).rglob("*.jpg"):
        if digest in str(path):
            path.unlink()
    assert receipt(client, group, digest)["failure"]["code"] == "photo_file_missing"
    assert copy(client, group, digest, "thumb").status_code == 409
    assert receipt(client, group, digest)["failure"]["code"] == "photo_file_missing"

    again = put(client, group, prepared_photo)

    assert again.status_code == 200
    assert (again.json["state"], again.json["failure"]) == ("received", None)
    assert run_queued_jobs(queued) == 1
    assert (receipt(client, group, digest)["state"], photo_row(digest).state) == (
        "prepared",
        "prepared",
    )
    assert copy(client, group, digest, "thumb").status_code == 200
    assert files_of(app, digest) == ["display.jpg", "thumb.jpg"]
