"""A new release waits for the walker: no silent reload can eat a half-filled form."""

import shutil
import uuid

import pytest

from .conftest import PWA_DIST, running_camwalk
from .phone import join_and_pick_walk

pytestmark = pytest.mark.browser


def test_a_new_version_is_offered_and_applied_only_when_the_walker_accepts(
    tmp_path, tile_server, new_phone, screenshot
):
    dist = tmp_path / "dist"
    shutil.copytree(PWA_DIST, dist)
    with running_camwalk(tmp_path, tile_server["url"], pwa_dir=dist) as server:
        context = new_phone()
        page = context.new_page()
        join_and_pick_walk(
            page, server["url"], server["demo"]["invite_code"], f"sterne-{uuid.uuid4().hex[:6]}"
        )
        page.evaluate("window.stillTheSamePage = true")

        # The next release: a different service worker script on the server.
        sw = dist / "sw.js"
        sw.write_text(sw.read_text() + "\n// next release\n")
        page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
        page.wait_for_selector(".update-banner")
        screenshot(page, "08-update-offered")
        assert page.evaluate("window.stillTheSamePage") is True

        page.click(".update-banner button.btn-primary")
        page.wait_for_function("window.stillTheSamePage === undefined")  # reloaded
        page.wait_for_selector("button.fab")
        assert page.locator(".update-banner").count() == 0
