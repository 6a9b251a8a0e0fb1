"""The photo worker's jobs, run in the test's process: the receipt comes before the copies,
the job makes them, the photo's state moves, and a lost job is queued again."""

import hashlib
from datetime import datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from server.extensions import db
from server.photos import preparation
from server.photos.models import Photo
from server.types import utcnow
from tests.builders import MANY_IDS
from tests.server.photos.conftest import run_queued_jobs

GPS_JPEG = "exif-samples/jpg/hdr/iphone_hdr_YES.jpg"


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def files_of(app, digest: str) -> list[str]:
    folder = Path(app.config["PHOTO_DIR"])
    return sorted(p.name for p in folder.rglob("*") if p.is_file() and digest in str(p))


def put(client, group, data: bytes):
    return client.put(f"/api/v1/photos/{sha(data)}", data=data, headers=group.headers())


def photo_row(digest: str) -> Photo:
    db.session.expire_all()
    return db.session.query(Photo).filter_by(sha256=digest).one()


def test_the_receipt_answers_once_the_bytes_are_stored_before_any_copy_exists(
    app, client, group, queued, shared_photos
):
    data = (shared_photos / GPS_JPEG).read_bytes()

    response = put(client, group, data)

    assert response.status_code == 201
    assert response.json["state"] == "received"
    assert response.json["failure"] is None
    assert response.json["exif"]["lat"] is None  # read by the worker, not yet
    assert files_of(app, sha(data)) == ["original"]
    assert (Path(app.config["PHOTO_DIR"]).rglob("original").__next__()).read_bytes() == data
    assert queued.pending_count() == 1


@pytest.mark.parametrize("size", ["display", "thumb"])
def test_a_copy_asked_for_before_it_exists_is_409_photo_being_prepared(
    client, group, queued, make_photo, size
):
    data = make_photo("jpeg", size=(40, 30))
    put(client, group, data)

    response = client.get(f"/api/v1/photos/{sha(data)}/{size}", headers=group.headers())

    assert response.status_code == 409
    assert response.json["code"] == "photo_being_prepared"


def test_the_worker_reads_the_exif_makes_the_copies_and_the_photo_becomes_prepared(
    app, client, group, queued, shared_photos
):
    data = (shared_photos / GPS_JPEG).read_bytes()
    put(client, group, data)

    assert run_queued_jobs(queued) == 1

    receipt = client.get(f"/api/v1/photos/{sha(data)}", headers=group.headers()).json
    assert receipt["state"] == "prepared"
    assert receipt["exif"]["lat"] == pytest.approx(40.4469722, abs=1e-6)
    assert (receipt["width"], receipt["height"]) == (3264, 2448)
    # The group keeps no originals: once the copies exist, the uploaded bytes go.
    assert files_of(app, sha(data)) == ["display.jpg", "thumb.jpg"]
    thumb = client.get(f"/api/v1/photos/{sha(data)}/thumb", headers=group.headers())
    assert thumb.status_code == 200


def test_a_group_that_keeps_originals_keeps_the_bytes_after_the_worker(
    app, client, group, queued, make_photo
):
    group.group.keep_originals = True
    db.session.commit()
    data = make_photo("png", size=(30, 20))
    put(client, group, data)

    run_queued_jobs(queued)

    assert files_of(app, sha(data)) == ["display.jpg", "original", "thumb.jpg"]


def test_the_same_bytes_sent_again_while_queued_make_no_second_job(
    client, group, queued, make_photo
):
    data = make_photo("png", size=(30, 20))
    put(client, group, data)

    again = put(client, group, data)

    assert again.status_code == 200
    assert again.json["state"] == "received"
    assert queued.pending_count() == 1


def test_a_job_taken_by_a_worker_that_died_is_queued_again_once_its_lease_ran_out(
    app, client, group, queued, make_photo, monkeypatch
):
    data = make_photo("jpeg", size=(40, 30))
    put(client, group, data)
    assert queued.dequeue() is not None  # a worker took it, then died: huey forgets it
    assert preparation.queue_owed() == 0  # its lease still runs

    monkeypatch.setitem(app.config, "PHOTO_PREPARE_LEASE_S", 0)
    assert preparation.queue_owed() == 1
    run_queued_jobs(queued)

    assert photo_row(sha(data)).state == "prepared"


def test_a_twin_job_finds_the_photo_prepared_and_does_nothing(
    app, client, group, queued, make_photo
):
    data = make_photo("jpeg", size=(40, 30))
    put(client, group, data)
    photo_id = photo_row(sha(data)).id
    run_queued_jobs(queued)

    assert preparation.prepare(photo_id) is None
    row = photo_row(sha(data))
    assert (row.state, row.prepare_attempts) == ("prepared", 1)


def test_a_photo_whose_jobs_keep_dying_fails_after_the_most_attempts(
    app, client, group, queued, make_photo
):
    data = make_photo("jpeg", size=(40, 30))
    put(client, group, data)
    row = photo_row(sha(data))
    row.prepare_attempts = app.config["PHOTO_PREPARE_MAX_ATTEMPTS"]
    db.session.commit()

    run_queued_jobs(queued)

    receipt = client.get(f"/api/v1/photos/{sha(data)}", headers=group.headers()).json
    assert receipt["state"] == "failed"
    assert receipt["failure"]["code"] == "preparation_gave_up"
    assert files_of(app, sha(data)) == []


def test_a_job_whose_copies_cannot_be_written_leaves_the_photo_received_for_a_retry(
    app, client, group, queued, make_photo, monkeypatch
):
    from server.photos import storage

    data = make_photo("jpeg", size=(40, 30))
    put(client, group, data)
    real_put = storage.LocalPhotoStore.put

    def disk_full(self, key, body):
        raise OSError("disk full")

    monkeypatch.setattr(storage.LocalPhotoStore, "put", disk_full)
    queued.execute(queued.dequeue())
    assert photo_row(sha(data)).state == "received"
    assert queued.scheduled_count() == 1  # huey tries again later

    monkeypatch.setattr(storage.LocalPhotoStore, "put", real_put)
    assert preparation.prepare(photo_row(sha(data)).id) == "prepared"


def test_a_photo_import_skips_a_photo_still_being_prepared(client, group, queued, make_photo):
    data = make_photo("jpeg", size=(40, 30))
    put(client, group, data)

    response = client.post(
        f"/api/v1/walks/{group.walk.id}/photo-import",
        json={"photos": [sha(data)]},
        headers=group.headers(),
    )

    assert response.status_code == 201
    assert response.json["skipped"][0]["reason"] == "being_prepared"


def test_organisers_see_a_photo_being_prepared_in_the_review_queue_until_the_worker_ran(
    client, group, queued, make_photo
):
    from tests.server.photos.test_publication import Campaign

    campaign = Campaign(client, group)
    digest = campaign.upload(make_photo("jpeg", size=(40, 30)))
    obs = campaign.observe(digest, review=None)

    def photo_in_queue():
        queue = client.get(
            f"/api/v1/groups/{group.id}/review?status=pending", headers=group.headers("organiser")
        ).json
        return queue[0]["photos"][0]

    assert photo_in_queue()["state"] == "received"
    assert campaign.publish(digest).json["code"] == "photo_being_prepared"
    run_queued_jobs(queued)
    assert photo_in_queue()["state"] == "prepared"
    campaign.review(obs, "approved")  # only an approved camera's photo is published
    assert campaign.publish(digest).status_code == 200


def test_a_queue_out_of_reach_still_gives_the_receipt_and_the_sweep_queues_it_later(
    app, client, group, queued, make_photo, monkeypatch
):
    from server.photos import service

    def queue_down(photo_id):
        raise OSError("queue file on a full disk")

    data = make_photo("jpeg", size=(40, 30))
    monkeypatch.setattr(service, "prepare_later", queue_down)
    response = put(client, group, data)
    monkeypatch.undo()

    assert response.status_code == 201
    assert response.json["state"] == "received"
    assert queued.pending_count() == 0
    monkeypatch.setitem(app.config, "PHOTO_PREPARE_LEASE_S", 0)
    assert preparation.queue_owed() == 1
    run_queued_jobs(queued)
    assert photo_row(sha(data)).state == "prepared"


def receive_many_photos(group_id: int, count: int) -> None:
    """`count` photos received and never queued (sha256 0 to `count` - 1, in hex), made by
    the database in one statement: bound row by row, 70,000 took most of the test's time."""
    n = sa.select(sa.literal(0, sa.Integer).label("i")).cte("n", recursive=True)
    n = n.union_all(sa.select(n.c.i + 1).where(n.c.i < count - 1))
    if db.session.get_bind().dialect.name == "sqlite":
        digest = sa.func.printf("%064x", n.c.i)
    else:
        digest = sa.func.lpad(sa.func.to_hex(n.c.i), 64, "0")
    table = Photo.__table__
    rows = sa.select(
        sa.literal(group_id, sa.Integer),
        digest,
        sa.literal("image/jpeg"),
        sa.literal(1000, sa.Integer),
        sa.literal("received"),
        sa.literal(0, sa.Integer),
        sa.false(),
        sa.false(),
        sa.literal(utcnow(), table.c.created_at.type),
    )
    columns = ["group_id", "sha256", "media_type", "size_bytes", "state", "prepare_attempts",
               "original_kept", "public", "created_at"]  # fmt: skip
    db.session.execute(table.insert().from_select(columns, rows))
    db.session.commit()


def test_a_worker_back_after_a_long_outage_queues_every_photo_owed(app, group, monkeypatch):
    """A worker down for hours of a day of action owes a photo per upload. Restarting, it
    marked them all queued with one IN list of their ids, which PostgreSQL refused past
    65,535: the worker failed at every start and no photo got its copies."""
    receive_many_photos(group.group.id, MANY_IDS)
    queued = []
    monkeypatch.setattr(preparation, "prepare_later", queued.append)

    assert preparation.queue_owed(restarting=True) == MANY_IDS

    assert len(set(queued)) == MANY_IDS
    waiting = sa.select(sa.func.count()).where(Photo.queued_at.is_(None))
    assert db.session.scalar(waiting) == 0


def lose_files(app, digest: str, pattern: str) -> None:
    """The photo's files named `pattern` gone from the photo folder."""
    for path in Path(app.config["PHOTO_DIR"]).rglob(pattern):
        if digest in str(path):
            path.unlink()


def lose_the_original(app, digest: str) -> None:
    """What a disk swapped or a photo folder restored from an older copy does."""
    lose_files(app, digest, "original")


def test_a_photo_whose_file_the_server_lost_is_prepared_from_the_bytes_sent_again(
    app, client, group, queued, make_photo
):
    """Its receipt said `failed`, `photo_file_missing`, and the same bytes sent again were
    answered with that receipt and thrown away: the phone held the photo, the server never
    would."""
    data = make_photo("jpeg", size=(40, 30))
    put(client, group, data)
    lose_the_original(app, sha(data))
    run_queued_jobs(queued)
    lost = client.get(f"/api/v1/photos/{sha(data)}", headers=group.headers()).json
    assert (lost["state"], lost["failure"]["code"]) == ("failed", "photo_file_missing")
    assert "public" not in lost["failure"]["message"]  # not the publication's message

    again = put(client, group, data)

    assert again.status_code == 200
    assert (again.json["state"], again.json["failure"]) == ("received", None)
    received = [datetime.fromisoformat(r["received_at"]) for r in (lost, again.json)]
    assert received[1] > received[0]  # its bytes are safe from now, not from the first upload
    assert run_queued_jobs(queued) == 1
    assert photo_row(sha(data)).state == "prepared"
    thumb = client.get(f"/api/v1/photos/{sha(data)}/thumb", headers=group.headers())
    assert thumb.status_code == 200


def test_a_photo_still_owed_its_copies_takes_again_the_file_it_lost(
    app, client, group, queued, make_photo
):
    data = make_photo("jpeg", size=(40, 30))
    put(client, group, data)
    lose_the_original(app, sha(data))

    again = put(client, group, data)
    run_queued_jobs(queued)

    assert again.json["state"] == "received"
    assert photo_row(sha(data)).state == "prepared"


def test_bytes_sent_again_of_a_photo_that_cannot_be_decoded_change_nothing(
    app, client, group, queued, make_photo
):
    data = make_photo("jpeg", size=(40, 30))
    put(client, group, data)
    row = photo_row(sha(data))
    row.prepare_attempts = app.config["PHOTO_PREPARE_MAX_ATTEMPTS"]
    db.session.commit()
    run_queued_jobs(queued)

    again = put(client, group, data)

    assert again.status_code == 200
    assert again.json["failure"]["code"] == "preparation_gave_up"
    assert queued.pending_count() == 0


def lose_the_copies(app, digest: str) -> None:
    """A photo folder put back from a copy older than the photo's preparation."""
    lose_files(app, digest, "*.jpg")


def test_a_prepared_photo_that_lost_its_copies_says_so_and_is_mended_by_its_bytes_again(
    app, client, group, queued, make_photo
):
    """With no original kept, its copies asked for answered 404, its receipt still said
    `prepared`, and the same bytes sent again were thrown away: nothing could bring it back."""
    data = make_photo("jpeg", size=(40, 30))
    put(client, group, data)
    run_queued_jobs(queued)
    assert files_of(app, sha(data)) == ["display.jpg", "thumb.jpg"]  # no original kept
    lose_the_copies(app, sha(data))

    thumb = client.get(f"/api/v1/photos/{sha(data)}/thumb", headers=group.headers())
    assert (thumb.status_code, thumb.json["code"]) == (409, "photo_preparation_failed")
    lost = client.get(f"/api/v1/photos/{sha(data)}", headers=group.headers()).json
    assert (lost["state"], lost["failure"]["code"]) == ("failed", "photo_file_missing")

    again = put(client, group, data)

    assert again.status_code == 200
    assert (again.json["state"], again.json["failure"]) == ("received", None)
    assert run_queued_jobs(queued) == 1
    thumb = client.get(f"/api/v1/photos/{sha(data)}/thumb", headers=group.headers())
    assert thumb.status_code == 200


def test_the_receipt_of_a_photo_that_lost_its_copies_says_so_before_anyone_asks_for_them(
    app, client, group, queued, make_photo
):
    data = make_photo("jpeg", size=(40, 30))
    put(client, group, data)
    run_queued_jobs(queued)
    lose_the_copies(app, sha(data))

    receipt = client.get(f"/api/v1/photos/{sha(data)}", headers=group.headers()).json

    assert (receipt["state"], receipt["failure"]["code"]) == ("failed", "photo_file_missing")
    assert "upload the same photo again" in receipt["failure"]["message"]


def test_the_same_bytes_sent_again_mend_a_photo_whose_copies_were_lost_unasked(
    app, client, group, queued, make_photo
):
    data = make_photo("jpeg", size=(40, 30))
    put(client, group, data)
    run_queued_jobs(queued)
    lose_the_copies(app, sha(data))

    again = put(client, group, data)
    run_queued_jobs(queued)

    assert again.json["state"] == "received"
    assert photo_row(sha(data)).state == "prepared"
    assert files_of(app, sha(data)) == ["display.jpg", "thumb.jpg"]


def test_a_lost_thumbnail_is_made_again_from_the_display_copy(
    app, client, group, queued, make_photo
):
    data = make_photo("jpeg", size=(40, 30))
    put(client, group, data)
    run_queued_jobs(queued)
    for path in Path(app.config["PHOTO_DIR"]).rglob("thumb.jpg"):
        path.unlink()

    thumb = client.get(f"/api/v1/photos/{sha(data)}/thumb", headers=group.headers())

    assert thumb.status_code == 200
    assert photo_row(sha(data)).state == "prepared"
