"""Nadia's photo reached the server, whose disk then lost its file before the photo worker made
its copies (the receipt: failed, photo_file_missing). A week on, her phone would have freed the
full-size bytes and kept a small copy of a photo the server can never show. It reads the receipt
first, and sends the same bytes again: the server prepares them, and the phone keeps them whole
for another week."""

import time
import uuid

import pytest
import requests
import sqlalchemy as sa

from .conftest import server_on_each_engine
from .phone import join_and_pick_walk, log_camera, sync_and_wait
from .test_walker_photo_room import STORED_PHOTOS, UPLOADED_DAYS_AGO

# This journey runs on SpatiaLite, then on PostGIS.
camwalk_server = server_on_each_engine

pytestmark = pytest.mark.browser

PHOTO = "exifr/IMG_20180725_163423-tiny.jpg"
SPOT = (43.29605, 5.37795)


def _receipt(base: str, token: str, sha256: str) -> dict:
    return requests.get(
        f"{base}/api/v1/photos/{sha256}",
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    ).json()


def _wait_for_state(base, token, sha256, wanted: str, seconds: float = 60) -> dict:
    """The photo worker's work, as its receipt says it once done."""
    deadline = time.monotonic() + seconds
    receipt = _receipt(base, token, sha256)
    while receipt["state"] != wanted and time.monotonic() < deadline:
        time.sleep(0.2)
        receipt = _receipt(base, token, sha256)
    return receipt


def _lose_file_before_copies(env: dict, sha256: str) -> None:
    """What the worker records when it finds no file to prepare (server/photos/preparation.py)."""
    engine = sa.create_engine(env["CAMWALK_DATABASE_URL"])
    with engine.begin() as conn:
        conn.execute(
            sa.text(
                "UPDATE photo SET state = 'failed', failure_code = 'photo_file_missing'"
                " WHERE sha256 = :sha256"
            ),
            {"sha256": sha256},
        )
    engine.dispose()


def test_a_photo_whose_file_the_server_lost_goes_up_again_instead_of_being_freed(
    camwalk_server, new_phone, photos
):
    base, demo, env = camwalk_server["url"], camwalk_server["demo"], camwalk_server["env"]
    token = demo["organiser_token"]
    context = new_phone(*SPOT, accuracy=5)
    page = context.new_page()
    join_and_pick_walk(page, base, demo["invite_code"], f"nadia-{uuid.uuid4().hex[:6]}")
    log_camera(page, context, lat=SPOT[0], lon=SPOT[1], accuracy=5, photo=photos / PHOTO)
    sync_and_wait(page)
    (sent,) = page.evaluate(STORED_PHOTOS)
    assert sent["uploaded"]
    assert _wait_for_state(base, token, sent["sha256"], "prepared")["state"] == "prepared"

    _lose_file_before_copies(env, sent["sha256"])
    assert _receipt(base, token, sent["sha256"])["failure"]["code"] == "photo_file_missing"
    page.evaluate(UPLOADED_DAYS_AGO, 8)
    sync_and_wait(page)

    (after,) = page.evaluate(STORED_PHOTOS)
    assert after["freed"] is None, "the phone freed a photo the server had lost"
    assert after["size"] == sent["size"]
    assert after["uploaded"]
    # Taken again, and prepared from the bytes the phone sent.
    assert _wait_for_state(base, token, sent["sha256"], "prepared")["state"] == "prepared"
