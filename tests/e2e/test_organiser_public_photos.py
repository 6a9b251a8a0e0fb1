"""Karim publishes a camera's photo on the public map with a face boxed out: the public copy is
blurred where he drew, carries no location or other metadata, and disappears when he withdraws
it."""

import io

import pytest
import requests
from PIL import Image, ImageOps

from tests.blur_photos import edge_energy

from .organiser import (
    api,
    log_in,
    log_with_photo,
    open_tab,
    organiser_context,
    upload_photo,
    wait_until_prepared,
)
from .phone import photos_let_go

pytestmark = pytest.mark.browser

PHOTO = "exifr/IMG_20180725_163423-tiny.jpg"  # a phone photo with GPS in its EXIF
SPOT = {"lat": 43.29380, "lon": 5.38350, "accuracy_m": 6}
BOX = (0.25, 0.25, 0.75, 0.75)  # where the organiser drags, as fractions of the photo


def _public_cameras(base, slug):
    r = requests.get(f"{base}/api/v1/public/{slug}/cameras.geojson", timeout=10)
    r.raise_for_status()
    return r.json()["features"]


def test_a_photo_goes_public_blurred_where_the_organiser_boxed_and_without_metadata(
    camwalk_server, browser, photos, screenshot
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    organiser = demo["organiser_token"]
    sha = upload_photo(base, demo["walker_token"], (photos / PHOTO).read_bytes())
    fields = {"position": SPOT, "kind": "camera", "operator": "Test floutage", "mount": "wall"}
    obs_id = log_with_photo(base, demo, demo["walker_token"], fields, sha)
    wait_until_prepared(base, organiser, sha)
    api(base, organiser, "POST", f"/observations/{obs_id}/review", json={"status": "approved"})
    settings = api(base, organiser, "GET", f"/groups/{demo['group_id']}/settings")
    was_public = settings["public_map"]
    api(
        base, organiser, "PATCH", f"/groups/{demo['group_id']}/settings", json={"public_map": True}
    )

    ctx = organiser_context(browser)
    page = ctx.new_page()
    try:
        log_in(page, base, demo)
        open_tab(page, "public")
        card = page.locator(f".pp-photo[data-sha='{sha}']")
        assert "privée" in card.inner_text()
        card.locator(".pp-check").click()
        surface = page.locator(".pp-edit .blur-img")
        surface.wait_for()
        # Shown, the photo lets its Blob go: checking a walk's photos one by one holds none.
        assert photos_let_go(page, ".pp-edit .blur-img") == ["let go"]
        box = surface.bounding_box()
        page.mouse.move(box["x"] + BOX[0] * box["width"], box["y"] + BOX[1] * box["height"])
        page.mouse.down()
        page.mouse.move(
            box["x"] + BOX[2] * box["width"], box["y"] + BOX[3] * box["height"], steps=5
        )
        page.mouse.up()
        assert page.locator(".pp-edit .blur-box").count() == 1
        page.click("#pp-publish")
        page.wait_for_function("(document.querySelector('.pp-public-img') || {}).naturalWidth > 0")
        screenshot(page, "org-public-photo")
        assert "publique" in page.locator(f".pp-photo[data-sha='{sha}']").inner_text()

        mine = [f for f in _public_cameras(base, demo["group_slug"]) if f["properties"]["photos"]]
        urls = [u for f in mine for u in f["properties"]["photos"]]
        assert len(urls) == 1 and sha not in urls[0]  # the original's hash stays private
        public = requests.get(
            urls[0] if urls[0].startswith("http") else base + urls[0], timeout=10
        )
        assert public.status_code == 200
        shown = Image.open(io.BytesIO(public.content))
        assert dict(shown.getexif()) == {}
        assert b"Exif" not in public.content[:4096]
        # The same picture upright and at the public copy's size, to compare like with like.
        original = ImageOps.exif_transpose(Image.open(photos / PHOTO)).resize(shown.size)
        # Inside the box the street's edges are gone; outside they are as sharp as before.
        inside = (BOX[0] + 0.05, BOX[1] + 0.05, BOX[2] - 0.05, BOX[3] - 0.05)
        assert edge_energy(shown, inside) < 0.25 * edge_energy(original, inside)
        outside = (0.0, 0.0, 1.0, 0.2)
        assert edge_energy(shown, outside) > 0.5 * edge_energy(original, outside)

        page.click("#pp-withdraw")
        page.locator(f".pp-photo[data-sha='{sha}']:has-text('privée')").wait_for()
        gone = requests.get(urls[0] if urls[0].startswith("http") else base + urls[0], timeout=10)
        assert gone.status_code == 404
    finally:
        ctx.close()
        api(
            base,
            organiser,
            "PATCH",
            f"/groups/{demo['group_id']}/settings",
            json={"public_map": was_public},
        )
