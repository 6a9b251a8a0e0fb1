"""A new release waits for the walker: no silent reload can eat a half-filled form. At large
text its banner still leaves her the map."""

import shutil
import uuid

import pytest

from .conftest import PWA_DIST, running_camwalk
from .phone import FAB, TEXT_200, join_and_pick_walk

pytestmark = pytest.mark.browser

SMALL_PHONE = {"width": 320, "height": 568}
BANNER = ".update-banner"


@pytest.fixture(scope="module")
def releasing(tmp_path_factory, tile_server):
    """A server whose PWA files a test may change: (server, the folder of the PWA's files)."""
    folder = tmp_path_factory.mktemp("update-prompt")
    dist = folder / "dist"
    shutil.copytree(PWA_DIST, dist)
    with running_camwalk(folder, tile_server["url"], pwa_dir=dist) as server:
        yield server, dist


def _offered(page, dist) -> None:
    """The next release (another service worker script on the server) is offered to `page`."""
    sw = dist / "sw.js"
    sw.write_text(sw.read_text() + f"\n// next release {uuid.uuid4().hex}\n")
    page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
    page.wait_for_selector(BANNER)


def _walker_offered_an_update(releasing, new_phone):
    """A walker on the map, offered the next release; `window.stillTheSamePage` tells a reload."""
    server, dist = releasing
    page = new_phone().new_page()
    join_and_pick_walk(
        page, server["url"], server["demo"]["invite_code"], f"sterne-{uuid.uuid4().hex[:6]}"
    )
    page.evaluate("window.stillTheSamePage = true")
    _offered(page, dist)
    return page


def test_a_new_version_is_offered_and_applied_only_when_the_walker_accepts(
    releasing, new_phone, screenshot
):
    page = _walker_offered_an_update(releasing, new_phone)
    screenshot(page, "08-update-offered")
    assert page.evaluate("window.stillTheSamePage") is True
    assert page.locator(f"{BANNER} .update-later").inner_text() == "Plus tard"

    page.click(f"{BANNER} button.btn-primary")
    page.wait_for_function("window.stillTheSamePage === undefined")  # reloaded
    page.wait_for_selector("button.fab")
    assert page.locator(BANNER).count() == 0


def test_update_waits_for_the_camera_she_is_logging(releasing, new_phone, photos):
    # A newcomer tapped "Mettre à jour" with a camera half logged: the reload threw away
    # its shape, mount and photo without a word.
    page = _walker_offered_an_update(releasing, new_phone)
    page.click(FAB)
    page.wait_for_selector("form.log-form")
    page.click("label[for=camera_type-fixed]")
    page.set_input_files("#photo-close_up", str(photos / "exifr/IMG_20180725_163423-tiny.jpg"))
    page.wait_for_selector(".thumbs img")

    page.click(f"{BANNER} button.btn-primary")
    page.wait_for_selector(".toast:has-text('Enregistrez ou abandonnez d’abord la caméra')")
    assert page.evaluate("window.stillTheSamePage") is True
    assert page.is_checked("#camera_type-fixed")
    assert page.locator(".thumbs img").count() == 1

    page.click("form.log-form button:has-text('Annuler')")
    page.wait_for_selector("form.log-form", state="detached")
    page.click(f"{BANNER} button.btn-primary")
    page.wait_for_function("window.stillTheSamePage === undefined")  # reloaded
    page.wait_for_selector(FAB)


def test_at_large_text_the_banner_is_one_row_that_leaves_the_map_its_room(
    releasing, new_phone, screenshot
):
    server, dist = releasing
    context = new_phone()
    context.add_init_script(TEXT_200)
    page = context.new_page()
    page.set_viewport_size(SMALL_PHONE)
    join_and_pick_walk(
        page, server["url"], server["demo"]["invite_code"], f"sterne-{uuid.uuid4().hex[:6]}"
    )

    _offered(page, dist)
    screenshot(page, "08-update-offered-200")

    banner = page.locator(BANNER).bounding_box()
    update = page.locator(f"{BANNER} .btn-primary").bounding_box()
    later = page.get_by_role("button", name="Plus tard").bounding_box()
    # Its words stacked over two buttons of 88 px took 326 px of these 568.
    assert banner["height"] <= 100, banner
    # Side by side: the cross's middle within the height of "Update".
    assert update["y"] <= later["y"] + later["height"] / 2 <= update["y"] + update["height"]
    assert min(update["height"], later["height"], later["width"]) >= 44
    assert update["x"] >= 0 and later["x"] + later["width"] <= SMALL_PHONE["width"]
    # A screen reader still hears what the banner is about.
    assert "Nouvelle version prête" in page.get_by_role("alert").inner_text()
    map_box = page.locator(".leaflet-container").bounding_box()
    assert map_box["height"] >= SMALL_PHONE["height"] / 3, map_box

    page.get_by_role("button", name="Plus tard").click()
    assert page.locator(BANNER).count() == 0
