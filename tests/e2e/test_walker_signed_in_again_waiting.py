"""Signed in again with her organiser's sign-in link, a walker lands on the walk list while her
work goes. Before, that list showed another member's waiting work and nothing of her own: with
her camera on the server and its photo still to go, the phone looked empty of work. What the
server has not acknowledged is said to be waiting, until it has."""

import uuid

import pytest

from .conftest import server_on_each_engine
from .organiser import api
from .phone import join_and_pick_walk, log_camera, server_observations
from .test_walker_sign_in_link import _sign_phone_out

# This journey runs on SpatiaLite, then on PostGIS.
camwalk_server = server_on_each_engine

pytestmark = pytest.mark.browser

PHOTO = "exifr/IMG_20180725_163423-tiny.jpg"
SPOT = (43.29655, 5.37510)
WAITING = ".own-work"


def _mine(base, demo, pseudonym):
    observations = server_observations(base, demo["group_id"], demo["organiser_token"])
    return [o for o in observations if o.get("created_by") == pseudonym]


def test_her_photo_still_to_go_shows_on_the_walk_list_after_a_sign_in_link(
    camwalk_server, new_phone, photos, screenshot
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    pseudonym = f"martinet-{uuid.uuid4().hex[:6]}"
    context = new_phone(*SPOT)
    phone = context.new_page()
    join_and_pick_walk(phone, base, demo["invite_code"], pseudonym)
    context.set_offline(True)
    log_camera(phone, context, lat=SPOT[0], lon=SPOT[1], accuracy=6, photo=photos / PHOTO)
    member_id = _sign_phone_out(base, demo, pseudonym)
    context.set_offline(False)
    phone.wait_for_selector(".signin-hint")

    # Her sign-in link, opened on a link that carries her camera and drops under its photo.
    link = api(
        base,
        demo["organiser_token"],
        "POST",
        f"/groups/{demo['group_id']}/members/{member_id}/sign-in-link",
    )
    context.route("**/api/v1/photos/*", lambda route: route.abort("connectionreset"))
    phone.goto(link["url"])
    phone.wait_for_selector("button.walk")
    for _ in range(60):
        if _mine(base, demo, pseudonym):
            break
        phone.wait_for_timeout(500)
    assert [o["photos"] for o in _mine(base, demo, pseudonym)] == [[]]
    # Not "once the sync is over": a run tries the photo four times, and a second run may
    # follow at once (the page's open and its sign-in both ask for one), which took more than
    # 15 s on a busy machine. What she reads is what counts.
    phone.wait_for_selector(f"{WAITING}:has-text('1 photo')", timeout=60_000)
    screenshot(phone, "signed-in-again-photo-waiting")

    # The link works again: the photo goes, and the list says nothing waits.
    context.unroute("**/api/v1/photos/*")
    context.set_offline(True)
    context.set_offline(False)
    for _ in range(60):
        if _mine(base, demo, pseudonym)[0]["photos"]:
            break
        phone.wait_for_timeout(500)
    assert len(_mine(base, demo, pseudonym)[0]["photos"]) == 1
    phone.wait_for_selector(WAITING, state="hidden")
