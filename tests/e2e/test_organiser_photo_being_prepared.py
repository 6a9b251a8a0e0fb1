"""Karim opens a camera whose photo the server has stored but not yet prepared: the card says
the photo is being prepared, and shows it by itself once the photo worker has made its copies.
Once shown, the thumbnail and the large copy let go of their object URLs: a review or a summary
holding every photo's bytes until the screen goes is what a phone runs out of memory with."""

import pytest

from .conftest import running_camwalk, start_worker
from .organiser import (
    jpeg,
    log_in,
    log_with_photo,
    open_in_review,
    open_tab,
    organiser_context,
    upload_photo,
)
from .phone import photos_let_go

pytestmark = pytest.mark.browser

SPOT = {"lat": 43.29391, "lon": 5.38361, "accuracy_m": 6}


def test_a_photo_shows_as_being_prepared_until_the_worker_made_its_copies(
    tmp_path, tile_server, browser, screenshot
):
    with running_camwalk(tmp_path, tile_server["url"], worker=False) as server:
        base, demo = server["url"], server["demo"]
        sha = upload_photo(base, demo["walker_token"], jpeg(7))
        fields = {"position": SPOT, "kind": "camera", "operator": "Test préparation"}
        obs_id = log_with_photo(base, demo, demo["walker_token"], fields, sha)

        ctx = organiser_context(browser)
        page = ctx.new_page()
        try:
            log_in(page, base, demo)
            open_tab(page, "review")
            open_in_review(page, obs_id)
            box = page.locator(".rev-card .org-photo-box").first
            box.locator("figcaption", has_text="en préparation").wait_for(timeout=10_000)
            screenshot(page, "org-photo-being-prepared")

            server["workers"].append(start_worker(server["env"], server["log"]))
            page.wait_for_function(
                "(document.querySelector('.rev-card .org-photo-box img') || {}).naturalWidth > 0",
                timeout=30_000,
            )
            assert box.locator("figcaption").count() == 0
            assert photos_let_go(page, ".rev-card .org-photo-box img") == ["let go"]
            box.click()
            page.wait_for_selector(".org-lightbox img")
            assert photos_let_go(page, ".org-lightbox img") == ["let go"]
        finally:
            ctx.close()
