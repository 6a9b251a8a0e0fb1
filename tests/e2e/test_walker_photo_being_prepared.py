"""Léa opens a camera another walker logged a moment ago: its photo reached the server, but
the photo worker has not made its copies yet. The sheet says the photo is being prepared, and
shows it by itself once the worker has made them; her edit form then shows it too. Neither
keeps the photo's object URL once the image is shown."""

import uuid

import pytest

from .conftest import running_camwalk, start_worker
from .organiser import jpeg, log_with_photo, upload_photo
from .phone import join_and_pick_walk, photos_let_go, sync_and_wait

pytestmark = pytest.mark.browser

# In the demo walk's area, some 400 m from its cameras: the camera logged here is the only
# one the log form offers to open.
SPOT = (43.29850, 5.38600)
PHOTO_SHOWN = "el => el.naturalWidth > 0"


def test_a_walker_sees_a_photo_being_prepared_then_the_photo(
    tmp_path, tile_server, new_phone, screenshot
):
    with running_camwalk(tmp_path, tile_server["url"], worker=False) as server:
        base, demo = server["url"], server["demo"]
        sha = upload_photo(base, demo["walker_token"], jpeg(11))
        position = {"lat": SPOT[0], "lon": SPOT[1], "accuracy_m": 5}
        fields = {"position": position, "kind": "camera", "operator": "Test préparation"}
        log_with_photo(base, demo, demo["walker_token"], fields, sha)

        page = new_phone(*SPOT).new_page()
        join_and_pick_walk(page, base, demo["invite_code"], f"lea-{uuid.uuid4().hex[:6]}")
        sync_and_wait(page)  # the camera and its photo's address come down
        page.click("button.fab")
        page.click(".nearby button:has-text('Voir ce relevé')")
        item = page.locator(".obs-sheet li.remote")
        item.locator(".photo-note", has_text="En préparation").wait_for(timeout=10_000)
        assert item.locator("img").evaluate(PHOTO_SHOWN) is False
        screenshot(page, "walker-photo-being-prepared")

        server["workers"].append(start_worker(server["env"], server["log"]))
        page.wait_for_function(
            "(document.querySelector('.obs-sheet li.remote img') || {}).naturalWidth > 0",
            timeout=30_000,
        )
        assert item.locator(".photo-note").is_hidden()
        assert photos_let_go(page, ".obs-sheet li.remote img") == ["let go"]

        page.click(".obs-sheet button:has-text('Modifier')")
        page.wait_for_selector("form.log-form .thumbs li.existing img")
        assert photos_let_go(page, "form.log-form .thumbs li.existing img") == ["let go"]
