"""Sync over a link that drops, and two walkers editing the same camera."""

import uuid
from datetime import UTC, datetime

import pytest
import requests

from .conftest import server_on_each_engine
from .phone import (
    MARKERS,
    NOTHING_WAITING,
    her_camera,
    join_and_pick_walk,
    log_camera,
    server_observations,
    sync_and_wait,
    tap_marker,
)

# This journey runs on SpatiaLite, then on PostGIS.
camwalk_server = server_on_each_engine

pytestmark = pytest.mark.browser

PHOTO = "exifr/IMG_20180725_163423-tiny.jpg"
OTHER_PHOTO = "exif-samples/jpg/Kodak_CX7530.jpg"


def _mine(camwalk_server, pseudonym):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    obs = server_observations(base, demo["group_id"], demo["organiser_token"])
    return [o for o in obs if o.get("created_by") == pseudonym]


def test_a_sync_cut_after_the_server_applied_it_completes_without_duplicates(
    camwalk_server, new_phone, photos
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    pseudonym = f"goeland-{uuid.uuid4().hex[:6]}"
    spots = [(43.29450, 5.38550), (43.29480, 5.38580)]
    context = new_phone(*spots[0])
    page = context.new_page()
    join_and_pick_walk(page, base, demo["invite_code"], pseudonym)
    context.set_offline(True)
    for i, (lat, lon) in enumerate(spots):
        photo = photos / (PHOTO, OTHER_PHOTO)[i]
        log_camera(page, context, lat=lat, lon=lon, accuracy=5 + i, photo=photo)

    cuts = []

    def cut_first_sync(route):
        if not cuts and route.request.method == "POST":
            route.fetch()  # the server receives and applies the batch...
            cuts.append(route.request.url)
            route.abort("connectionreset")  # ...and the answer never arrives
        else:
            route.continue_()

    context.route("**/api/v1/groups/*/sync", cut_first_sync)
    context.set_offline(False)
    page.wait_for_function(
        NOTHING_WAITING,
        timeout=30_000,
    )
    assert len(cuts) == 1
    mine = _mine(camwalk_server, pseudonym)
    assert len(mine) == 2
    assert [len(o["photos"]) for o in mine] == [1, 1]


def _open_group_camera_here(page):
    """The walker taps "+" where a camera is already logged and opens that record."""
    page.click("button.fab")
    page.click(".nearby button:has-text('Voir ce relevé')")
    page.wait_for_selector(".obs-sheet")


def _set_operator(page, operator):
    page.click(".obs-sheet button:has-text('Modifier')")
    page.click("details.more summary")
    page.fill("#operator", operator)
    page.click("button.btn-save")
    page.wait_for_selector(".sheet", state="hidden")


def test_two_walkers_setting_the_same_operator_see_the_conflict_with_both_values(
    camwalk_server, new_phone, photos, screenshot
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    spot = (43.29520, 5.38620)
    first, second = f"mouette-{uuid.uuid4().hex[:6]}", f"cormoran-{uuid.uuid4().hex[:6]}"

    ctx_a = new_phone(*spot)
    page_a = ctx_a.new_page()
    join_and_pick_walk(page_a, base, demo["invite_code"], first)
    log_camera(page_a, ctx_a, lat=spot[0], lon=spot[1], accuracy=4, photo=photos / PHOTO)
    sync_and_wait(page_a)

    ctx_b = new_phone(*spot, accuracy=5)
    page_b = ctx_b.new_page()
    join_and_pick_walk(page_b, base, demo["invite_code"], second)
    page_b.wait_for_selector(".gps-chip:has-text('5 m')")
    sync_and_wait(page_b)

    # A edits while offline; B edits the same field and syncs first.
    ctx_a.set_offline(True)
    _open_group_camera_here(page_a)
    _set_operator(page_a, "Police municipale")
    _open_group_camera_here(page_b)
    # B sees the photo A took, fetched from the server as a thumbnail.
    page_b.wait_for_selector(".obs-sheet li.remote img[src^='blob:']")
    _set_operator(page_b, "Mairie de Marseille")
    sync_and_wait(page_b)

    ctx_a.set_offline(False)
    page_a.wait_for_selector(f"{MARKERS}.state-conflict", state="attached", timeout=30_000)
    _open_group_camera_here(page_a)
    conflict = page_a.locator(".obs-sheet .conflict")
    conflict.wait_for()
    # Only the field both walkers set: an untouched pin is no edit.
    fields = conflict.locator("tr[data-field]").evaluate_all(
        "rows => rows.map(r => r.dataset.field)"
    )
    assert fields == ["operator"]
    text = conflict.inner_text()
    assert "Police municipale" in text
    assert "Mairie de Marseille" in text
    # Which one the server holds until an organiser decides is marked, whoever's it is (the
    # later edit, or on a tie within the second the greater change id). The column said "Sur
    # le serveur" over the other side's value even when the server held hers.
    held = {
        o["operator"]
        for o in server_observations(base, demo["group_id"], demo["organiser_token"])
        if o["created_by"] == first
    }
    assert held in ({"Police municipale"}, {"Mairie de Marseille"})
    row = conflict.locator("tr[data-field=operator]")
    cells = {
        value: row.locator(f"td.{side}").inner_text()
        for side, value in (("mine", "Police municipale"), ("theirs", "Mairie de Marseille"))
    }
    assert cells == {
        value: f"{value} (en place pour l’instant)" if value in held else value for value in cells
    }
    assert "L’autre valeur" in text and "Sur le serveur" not in text
    screenshot(page_a, "07-conflict")


def test_two_walkers_logging_the_same_corner_camera_both_see_a_possible_duplicate(
    camwalk_server, new_phone, photos, screenshot
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    corner = (43.29560, 5.38660)
    phones = []
    for i, name in enumerate(("mouette", "goeland")):
        context = new_phone(*corner, accuracy=4 + i)
        page = context.new_page()
        join_and_pick_walk(page, base, demo["invite_code"], f"{name}-{uuid.uuid4().hex[:6]}")
        # Same corner, same dome; the second walker says "it is another one" to the banner.
        log_camera(
            page, context, lat=corner[0], lon=corner[1], accuracy=6 + i, photo=photos / PHOTO
        )
        sync_and_wait(page)
        phones.append(page)

    first = phones[0]
    sync_and_wait(first)  # pulls the hint the second camera put on the first
    first.wait_for_selector(f"{MARKERS}.dup", state="attached")
    # The second ring, in the warning colour, is what the walker sees: drawn, not only a class.
    # As the browser gives it: the palette's --warn (pwa/src/styles/app.css), #854d0e.
    warn = "rgb(133, 77, 14)"
    shadow = "el => getComputedStyle(el).boxShadow"
    assert warn in first.eval_on_selector(f"{MARKERS}.dup", shadow)
    assert warn not in first.eval_on_selector(".legend .obs-dot", shadow)
    # Both on one spot of the map: a tap lists them, and either says it may be a duplicate.
    for page in phones:
        tap_marker(page, f"{MARKERS}.dup", ".here-sheet")
        page.click(".here-pick")
        page.wait_for_selector(".obs-sheet [data-duplicates]")
    screenshot(first, "12-possible-duplicate")


def test_a_link_that_drops_during_the_photos_still_gets_the_cameras_to_the_server(
    camwalk_server, new_phone, photos, screenshot
):
    """Back in signal for a moment after a morning offline: the link carries the cameras and
    drops while the photos go. The cameras are on the server; the photos follow later."""
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    pseudonym = f"sterne-{uuid.uuid4().hex[:6]}"
    spots = [(43.29600, 5.38700), (43.29630, 5.38730), (43.29660, 5.38760)]
    context = new_phone(*spots[0])
    page = context.new_page()
    join_and_pick_walk(page, base, demo["invite_code"], pseudonym)
    context.set_offline(True)
    for i, (lat, lon) in enumerate(spots):
        photo = photos / (PHOTO, OTHER_PHOTO)[i % 2]
        log_camera(page, context, lat=lat, lon=lon, accuracy=5 + i, photo=photo)

    cut = []

    def drop_photos(route):
        cut.append(route.request.url)
        route.abort("connectionreset")

    context.route("**/api/v1/photos/*", drop_photos)
    context.set_offline(False)
    page.click("button.sync-chip")
    page.wait_for_function(
        "window.camwalk.scheduler.state().error !== null"
        " && !window.camwalk.scheduler.state().running",
        timeout=30_000,
    )
    assert cut
    mine = _mine(camwalk_server, pseudonym)
    assert len(mine) == 3
    assert [len(o["photos"]) for o in mine] == [0, 0, 0]
    # Their photos are not there yet: the map does not call them sent, nor their cameras unsent.
    assert page.evaluate(f"document.querySelectorAll('{MARKERS}.state-photoPending').length") == 3
    screenshot(page, "13-cameras-sent-photos-waiting")

    context.unroute("**/api/v1/photos/*")
    page.click("button.sync-chip")
    page.wait_for_function(NOTHING_WAITING, timeout=30_000)
    assert [len(o["photos"]) for o in _mine(camwalk_server, pseudonym)] == [1, 1, 1]


def test_an_organiser_edit_while_she_is_offline_shows_only_the_field_in_conflict(
    camwalk_server, new_phone, photos, screenshot
):
    """Offline, she sets the operator and the mount; meanwhile an organiser sets the operator.
    Her mount merged cleanly: the conflict she reads names the operator alone."""
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    spot = (43.29700, 5.38800)
    pseudonym = f"fou-{uuid.uuid4().hex[:6]}"
    context = new_phone(*spot, accuracy=4)
    page = context.new_page()
    join_and_pick_walk(page, base, demo["invite_code"], pseudonym)
    log_camera(page, context, lat=spot[0], lon=spot[1], accuracy=4, photo=photos / PHOTO)
    sync_and_wait(page)
    camera = her_camera(base, demo, pseudonym)

    context.set_offline(True)
    _open_group_camera_here(page)
    page.click(".obs-sheet button:has-text('Modifier')")
    page.click("details.more summary")
    page.fill("#operator", "Police municipale")
    page.click("label[for=mount-wall]")
    page.click("button.btn-save")
    page.wait_for_selector(".sheet", state="hidden")

    organiser_edit = {
        "change_id": str(uuid.uuid4()),
        "observation_id": camera["id"],
        "op": "update",
        "base_version": camera["version"],
        "made_at": datetime.now(UTC).isoformat(),
        "fields": {"operator": {"old": None, "new": "Métropole"}},
    }
    requests.post(
        f"{base}/api/v1/groups/{demo['group_id']}/sync",
        json={"cursor": 0, "limit": 1, "changes": [organiser_edit]},
        headers={"Authorization": f"Bearer {demo['organiser_token']}"},
        timeout=10,
    ).raise_for_status()

    context.set_offline(False)
    # Her edit answered (another test's camera may show a conflict already).
    page.wait_for_function(NOTHING_WAITING, timeout=30_000)
    assert her_camera(base, demo, pseudonym)["mount"] == "wall"
    _open_group_camera_here(page)
    conflict = page.locator(".obs-sheet .conflict")
    conflict.wait_for()
    fields = conflict.locator("tr[data-field]").evaluate_all(
        "rows => rows.map(r => r.dataset.field)"
    )
    assert fields == ["operator"]
    assert "Métropole" in conflict.inner_text()
    screenshot(page, "14-organiser-edit-conflict")
    # Settled, so that no other journey on this server meets a conflict it did not make.
    for key in her_camera(base, demo, pseudonym)["conflicts"]:
        requests.post(
            f"{base}/api/v1/conflicts/{key}/resolve",
            json={"side": 0},
            headers={"Authorization": f"Bearer {demo['organiser_token']}"},
            timeout=10,
        ).raise_for_status()
