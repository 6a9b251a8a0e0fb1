"""Karim opens a photo of two passers-by to publish it: the server has already boxed both
faces. He removes one box (the face is his colleague's, who agreed to be shown), nudges the
other, publishes, and the public copy is blurred where the kept box was and nowhere else."""

import io

import pytest
import requests
from PIL import Image

from tests.blur_photos import edge_energy, inner, two_faces

from .organiser import (
    api,
    log_in,
    log_with_photo,
    open_tab,
    organiser_context,
    upload_photo,
    wait_until_prepared,
)

pytestmark = pytest.mark.browser

SPOT = {"lat": 43.29391, "lon": 5.38362, "accuracy_m": 6}


def test_the_organiser_removes_one_proposed_box_and_the_public_copy_is_blurred_in_the_other(
    camwalk_server, browser, screenshot
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    organiser = demo["organiser_token"]
    data = two_faces()
    sha = upload_photo(base, demo["walker_token"], data)
    fields = {"position": SPOT, "kind": "camera", "operator": "Test visages", "mount": "wall"}
    obs_id = log_with_photo(base, demo, demo["walker_token"], fields, sha)
    api(base, organiser, "POST", f"/observations/{obs_id}/review", json={"status": "approved"})
    was_public = api(base, organiser, "GET", f"/groups/{demo['group_id']}/settings")["public_map"]
    api(
        base, organiser, "PATCH", f"/groups/{demo['group_id']}/settings", json={"public_map": True}
    )
    wait_until_prepared(base, organiser, sha)
    left, right = sorted(
        api(base, organiser, "GET", f"/photos/{sha}/publication")["proposed_blur"]
    )

    ctx = organiser_context(browser)
    page = ctx.new_page()
    try:
        log_in(page, base, demo)
        open_tab(page, "public")
        page.locator(f".pp-photo[data-sha='{sha}'] .pp-check").click()
        page.wait_for_function(
            "(document.querySelector('.pp-edit .blur-img') || {}).naturalWidth > 0"
        )
        boxes = page.locator(".pp-edit .blur-box.is-proposed")
        assert boxes.count() == 2
        assert "2" in page.locator(".pp-found").inner_text()
        screenshot(page, "org-proposed-boxes")
        # The server numbers its boxes left to right: the second is the right-hand face.
        page.locator(".pp-edit .blur-box").nth(1).click()
        assert page.locator(".pp-edit .blur-box").count() == 1
        # She nudges the kept box right by 2 % of the photo's width: it is hers now.
        photo = page.locator(".pp-edit .blur-img").bounding_box()
        kept = page.locator(".pp-edit .blur-box").first.bounding_box()
        x, y = kept["x"] + kept["width"] / 2, kept["y"] + kept["height"] / 2
        page.mouse.move(x, y)
        page.mouse.down()
        page.mouse.move(x + 0.02 * photo["width"], y, steps=5)
        page.mouse.up()
        assert page.locator(".pp-edit .blur-box").count() == 1
        assert page.locator(".pp-edit .blur-box.is-proposed").count() == 0
        moved = [left[0] + 0.02, *left[1:]]
        page.click("#pp-publish")
        page.wait_for_function("(document.querySelector('.pp-public-img') || {}).naturalWidth > 0")

        state = api(base, organiser, "GET", f"/photos/{sha}/publication")
        assert state["public"] is True and state["decided"] is True
        assert state["blur"] == [pytest.approx(moved, abs=3e-3)]
        public = requests.get(state["public_url"], timeout=10)
        assert public.status_code == 200
        shown = Image.open(io.BytesIO(public.content))
        original = Image.open(io.BytesIO(data)).resize(shown.size)
        assert edge_energy(shown, inner(moved)) < 0.35 * edge_energy(original, inner(moved))
        assert edge_energy(shown, inner(right)) > 0.8 * edge_energy(original, inner(right))
    finally:
        ctx.close()
        # The demo group is shared by the browser tests: its public map is left as found.
        api(base, organiser, "PUT", f"/photos/{sha}/publication", json={"public": False})
        api(
            base,
            organiser,
            "PATCH",
            f"/groups/{demo['group_id']}/settings",
            json={"public_map": was_public},
        )
