"""The photo worker's queue: huey, on SQLite for the embedded default, on PostgreSQL otherwise.

Why huey: since 3.1 it has first-class storage on both of camwalk's engines, SQLite (a file,
standard library only) and PostgreSQL (psycopg 3, which camwalk already uses: LISTEN/NOTIFY
wakes a worker without polling, ``SELECT ... FOR UPDATE SKIP LOCKED`` lets several workers
share one database). procrastinate is PostgreSQL only; dramatiq and rq need Redis, one more
service for a volunteer to run. huey's one weakness here is that it forgets a job once a
worker takes it (no acknowledgement: its documentation says a worker killed mid-task loses
the task). camwalk does not rely on the queue for that: the photo row is the ledger
(``state = received`` until the copies exist), the queue only says "look at photo 12 now",
and the worker queues again, at start and every minute, every photo still owed whose lease
ran out (server/photos/preparation.py). A job may therefore run twice; it is idempotent.

The queue is made per app on first use (not at import, not in the factory), so commands that
never touch photos never open it and each gunicorn process opens its own after the fork. huey
itself is imported then too: it imports psycopg, which costs `camwalk exif` or `--help` a
large part of their start-up for nothing.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import sqlalchemy as sa
from flask import Flask, current_app

if TYPE_CHECKING:
    from huey import Huey

log = logging.getLogger(__name__)

QUEUE_NAME = "camwalk-photos"
# huey's tables in a PostgreSQL database: server/schema_check.py leaves them out of the
# comparison with the models, as they belong to huey.
TABLE_PREFIX = "photo_queue"
# Transient failures (a locked database, a full disk, the photo folder away) are tried again
# by huey itself, 30 s then 60 s later (each delay twice the one before: a folder away for
# longer than a blip is not hammered); the sweep is the backstop for anything huey loses or
# gives up on, once the photo's lease has run out.
RETRIES = 2
RETRY_DELAY_S = 30
RETRY_BACKOFF = 2
# Jobs of higher priority are taken first: copies, which organisers and the public wait for,
# before the blur proposals, which only an organiser about to publish needs (and which the
# first open of a photo makes if its job has not run yet).
PREPARE_PRIORITY = 10
PROPOSE_PRIORITY = 0
_EXTENSION = "camwalk_photo_queue"


def photo_queue() -> Huey:
    """The app's queue, with its tasks registered."""
    app = current_app._get_current_object()
    queue = app.extensions.get(_EXTENSION)
    if queue is None:
        queue = app.extensions[_EXTENSION] = _make_queue(app)
    return queue


def prepare_later(photo_id: int) -> None:
    """Ask a worker to prepare the photo (in immediate mode: prepare it now)."""
    photo_queue()  # registers the tasks on first use
    current_app.extensions[_EXTENSION + "_prepare"](photo_id)


def propose_later(photo_id: int) -> None:
    """Ask a worker to look for faces and plates on a prepared photo, once every photo
    waiting for its copies has them (in immediate mode: now)."""
    photo_queue()
    current_app.extensions[_EXTENSION + "_propose"](photo_id)


def _make_queue(app: Flask) -> Huey:
    from huey import PostgresHuey, SqliteHuey

    url = app.config["PHOTO_QUEUE_URL"]
    options = {
        "name": QUEUE_NAME,
        "results": False,  # nobody waits for a job's return value: the row says what happened
        "immediate": bool(app.config["PHOTO_QUEUE_IMMEDIATE"]),
    }
    if url.startswith("postgresql"):
        queue = PostgresHuey(dsn=libpq_url(url), table_prefix=TABLE_PREFIX, **options)
    elif url.startswith("sqlite:///"):
        queue = SqliteHuey(filename=url.removeprefix("sqlite:///"), **options)
    else:
        raise ValueError(f"PHOTO_QUEUE_URL must be sqlite:///FILE or postgresql://..., not {url}")
    _register_tasks(app, queue)
    return queue


def libpq_url(url: str) -> str:
    """A SQLAlchemy PostgreSQL URL (``postgresql+psycopg://``...) as psycopg itself takes it."""
    return sa.engine.make_url(url).set(drivername="postgresql").render_as_string(False)


def _register_tasks(app: Flask, queue: Huey) -> None:
    from huey import crontab

    # Imported here: preparation imports this module.
    from server.photos import preparation, publication

    # Each job runs in an app context of its own: in the worker no request made one, and in
    # immediate mode the upload's session must not see the job's half-done work.
    @queue.task(
        name="prepare_photo",
        retries=RETRIES,
        retry_delay=RETRY_DELAY_S,
        retry_backoff=RETRY_BACKOFF,
        priority=PREPARE_PRIORITY,
    )
    def prepare_photo(photo_id: int) -> None:
        with app.app_context():
            preparation.prepare(photo_id)

    @queue.task(name="propose_blur", priority=PROPOSE_PRIORITY)
    def propose_blur(photo_id: int) -> None:
        with app.app_context():
            publication.propose(photo_id)

    @queue.periodic_task(crontab(minute="*"), name="queue_owed_photos")
    def queue_owed_photos() -> None:
        with app.app_context():
            preparation.queue_owed()

    app.extensions[_EXTENSION + "_prepare"] = prepare_photo
    app.extensions[_EXTENSION + "_propose"] = propose_blur
