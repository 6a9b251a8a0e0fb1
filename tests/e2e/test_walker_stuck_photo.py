"""A file that is not a photo never gets stuck on a phone (issue 16).

Picked as a photo, it is refused at once, in French. And a photo the server refuses anyway
(here: bytes swapped in the phone's store, as an older app version could have queued them) is
set aside with its reason: every other change still reaches the server, the walker sees why and
drops it, and she can log out afterwards."""

import json
import uuid
from pathlib import Path

import pytest

from .organiser import PHONE, api, log_in, open_tab, organiser_context
from .phone import (
    FAB,
    MARKERS,
    join_and_pick_walk,
    log_camera,
    open_first_camera,
    server_observations,
    sync_and_wait,
)

pytestmark = pytest.mark.browser

PHOTOS = ["exifr/IMG_20180725_163423-tiny.jpg", "exif-samples/jpg/Kodak_CX7530.jpg"]
SPOTS = [(43.29640, 5.37240), (43.29690, 5.37300)]
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n"

# Swaps the bytes of one queued photo for a PDF, as a phone with an older app version could
# hold them: the photo row and its attach_photo change get the PDF's SHA-256. Returns the
# id of the camera it belongs to.
SPOIL_ONE_PHOTO = """async (pdf) => {
  const db = await new Promise((ok, ko) => {
    const r = indexedDB.open('camwalk');
    r.onsuccess = () => ok(r.result);
    r.onerror = () => ko(r.error);
  });
  const all = (store) => new Promise((ok) => {
    const r = db.transaction(store).objectStore(store).getAll();
    r.onsuccess = () => ok(r.result);
  });
  const photo = (await all('photos'))[0];
  const bytes = Uint8Array.from(pdf);
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  const sha = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  const change = (await all('outbox')).find(
    (c) => c.op === 'attach_photo' && c.observation_id === photo.observation_id);
  const tx = db.transaction(['photos', 'outbox'], 'readwrite');
  const blob = new Blob([bytes]);
  tx.objectStore('photos').put({ ...photo, sha256: sha, blob, size: bytes.length });
  tx.objectStore('outbox').put({ ...change, photo: { ...change.photo, sha256: sha } });
  await new Promise((ok) => (tx.oncomplete = ok));
  db.close();
  return photo.observation_id;
}"""


def test_a_file_that_is_not_a_photo_is_refused_when_picked(camwalk_server, new_phone, screenshot):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    context = new_phone(*SPOTS[0])
    page = context.new_page()
    join_and_pick_walk(page, base, demo["invite_code"], f"pipit-{uuid.uuid4().hex[:6]}")
    page.click(FAB)
    page.wait_for_selector("form.log-form")
    page.set_input_files(
        "#photo-close_up", files=[{"name": "camera.jpg", "mimeType": "image/jpeg", "buffer": PDF}]
    )
    refused = page.wait_for_selector(".photo-refused:not([hidden])")
    assert "n’est pas une photo" in refused.inner_text()
    assert page.locator(".thumbs img").count() == 0
    screenshot(page, "20-not-a-photo-refused")


def test_a_photo_the_server_refuses_is_set_aside_and_everything_else_flows(
    camwalk_server, new_phone, photos, screenshot
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    pseudonym = f"tarier-{uuid.uuid4().hex[:6]}"
    context = new_phone(*SPOTS[0])
    page = context.new_page()
    join_and_pick_walk(page, base, demo["invite_code"], pseudonym)

    context.set_offline(True)
    for i, (lat, lon) in enumerate(SPOTS):
        log_camera(page, context, lat=lat, lon=lon, accuracy=5 + i, photo=photos / PHOTOS[i])
    spoilt = page.evaluate(SPOIL_ONE_PHOTO, list(PDF))

    context.set_offline(False)
    sync_and_wait(page)
    # The run set the photo aside: it says so, not that everything went.
    toasts = page.inner_text("#toasts")
    assert "1 élément mis de côté" in toasts and "Synchronisé" not in toasts
    mine = {
        o["id"]: o
        for o in server_observations(base, demo["group_id"], demo["organiser_token"])
        if o.get("created_by") == pseudonym
    }
    # Both cameras went; only the refused photo stayed behind.
    assert len(mine) == 2
    assert [len(o["photos"]) for i, o in sorted(mine.items()) if i != spoilt] == [1]
    assert mine[spoilt]["photos"] == []

    page.wait_for_selector(f"{MARKERS}.state-rejected", state="attached")
    assert "refusé" in page.inner_text(".sync-aside")
    open_first_camera(page, "rejected")
    # The camera is on the server: only its photo was refused.
    assert page.inner_text(".obs-sheet h2 .badge") == "photo refusée par le serveur"
    note = page.inner_text(".obs-sheet .aside-note")
    # Why, in her words: no machine code in a French screen.
    assert "refuse cette photo" in note and "n’est pas une photo que le serveur" in note
    assert "unsupported_photo_type" not in note
    assert page.inner_text(".obs-sheet .thumbs .badge") == "refusée par le serveur"
    screenshot(page, "21-photo-set-aside")

    # Her edit form shows the photo, with a way to take it off; she drops it from the sheet.
    page.click(".obs-sheet button:has-text('Modifier')")
    page.wait_for_selector("form.log-form .thumbs li.existing button.remove")
    page.click("form.log-form .actions button:has-text('Annuler')")
    open_first_camera(page, "rejected")
    page.click(".obs-sheet .aside-drop")
    page.wait_for_function(f"document.querySelectorAll('{MARKERS}.state-rejected').length === 0")
    assert page.locator(".sync-aside").is_hidden()
    page.wait_for_function("document.querySelector('.sync-chip').innerText.includes('✓')")

    page.click("button[aria-label='Menu']")
    page.click("button:has-text('Se déconnecter')")
    # No password: she is told how she would come back, and confirms.
    page.click(".menu-sheet .logout-confirm")
    # Log-out now asks the server to revoke this device first: wait for the map to go.
    page.wait_for_selector(FAB, state="detached", timeout=5000)
    assert page.locator(FAB).count() == 0


# What nginx answers, by default, to a body over its 1 MB client_max_body_size: its own page,
# no camwalk code in it.
PROXY_413 = (
    "<html><head><title>413 Request Entity Too Large</title></head><body>"
    "<center><h1>413 Request Entity Too Large</h1></center><hr><center>nginx</center>"
    "</body></html>"
)


def test_a_photo_a_relay_refuses_as_too_large_is_worded_in_her_language(
    camwalk_server, new_phone, photos, screenshot
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    context = new_phone(*SPOTS[1])
    page = context.new_page()
    join_and_pick_walk(page, base, demo["invite_code"], f"serin-{uuid.uuid4().hex[:6]}")
    context.set_offline(True)
    lat, lon = SPOTS[1]
    log_camera(page, context, lat=lat + 0.0006, lon=lon, accuracy=5, photo=photos / PHOTOS[1])

    def relay(route):
        if route.request.method != "PUT":
            return route.continue_()
        route.fulfill(status=413, content_type="text/html", body=PROXY_413)

    context.route("**/api/v1/photos/*", relay)
    context.set_offline(False)
    page.wait_for_selector(f"{MARKERS}.state-rejected", state="attached", timeout=30_000)
    open_first_camera(page, "rejected")
    note = page.inner_text(".obs-sheet .aside-note")
    assert "refuse cette photo" in note and "Trop lourd pour le serveur" in note
    assert "http_413" not in note
    screenshot(page, "22-photo-refused-by-a-relay")


def test_unsent_work_saved_to_a_file_is_imported_by_an_organiser(
    camwalk_server, browser, new_phone, photos, screenshot, tmp_path
):
    """No signal all day: her work leaves the phone as a file, and the server takes it as hers."""
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    pseudonym = f"bruant-{uuid.uuid4().hex[:6]}"
    context = new_phone(*SPOTS[0])
    page = context.new_page()
    join_and_pick_walk(page, base, demo["invite_code"], pseudonym)
    context.set_offline(True)
    for i, (lat, lon) in enumerate(SPOTS):
        log_camera(page, context, lat=lat + 0.0003, lon=lon, accuracy=5, photo=photos / PHOTOS[i])

    page.click("button[aria-label='Menu']")
    # "Log out anyway (the file is saved)" waits for the file.
    assert page.locator(".menu-sheet .logout-anyway").is_hidden()
    page.click("button:has-text('Se déconnecter')")
    # The warning is written once the phone has counted its unsent work (asynchronously).
    page.wait_for_selector(".menu-sheet .warn[role=alert]:has-text('fichier')")
    assert page.locator(".menu-sheet .logout-anyway").is_hidden()
    with page.expect_download() as download:
        page.click(".menu-sheet .save-work")
    page.locator(".menu-sheet .logout-anyway").wait_for()
    body = json.loads(Path(download.value.path()).read_text())
    assert download.value.suggested_filename.startswith(f"camwalk-{pseudonym}-")
    assert len(body["features"]) == 2
    screenshot(page, "22-work-saved-to-file")

    saved = Path(download.value.path())
    organiser = organiser_context(browser, PHONE)
    desk = organiser.new_page()
    log_in(desk, base, demo)
    open_tab(desk, "people")
    desk.set_input_files("#wf-file", saved)
    outcome = desk.wait_for_selector(".wf-outcome").inner_text()
    assert f"Fichier de {pseudonym} importé." in outcome
    # Two creates and their two photos (four changes) went in; none was there before.
    assert "Changements enregistrés\u00a0: 4" in outcome
    assert "Déjà reçus, non comptés deux fois\u00a0: 0" in outcome
    assert "Photos reçues\u00a0: 2" in outcome
    assert "Laissés de côté\u00a0: 0" in outcome
    screenshot(desk, "23-walker-file-imported-390", full_page=True)

    # The same file again (or after her phone synced): nothing counts twice.
    desk.set_input_files("#wf-file", saved)
    desk.wait_for_function(
        "document.querySelector('.wf-replayed')"
        " && document.querySelector('.wf-replayed').textContent.endsWith(': 4')"
    )
    assert "Changements enregistrés\u00a0: 0" in desk.inner_text(".wf-outcome")

    # A copy she edited to name the organiser, with an approved camera: nothing proves it, the
    # organiser is told so; imported anyway, the approval is refused as any walker's would be.
    forged_body = json.loads(json.dumps(body))
    work = forged_body["camwalk_walker_file"]
    work["member_id"] = api(base, demo["organiser_token"], "GET", "/me")["member"]["id"]
    create = next(c for c in work["changes"] if c["op"] == "create")
    marker = f"Forged {uuid.uuid4().hex[:6]}"
    work["changes"] = [
        {
            **create,
            "change_id": str(uuid.uuid4()),
            "observation_id": str(uuid.uuid4()),
            "fields": {**create["fields"], "review_status": "approved", "operator": marker},
        }
    ]
    forged = tmp_path / "forged.geojson"
    forged.write_text(json.dumps(forged_body))
    desk.set_input_files("#wf-file", forged)
    warning = desk.wait_for_selector(".wf-unproven[role=alert]").inner_text()
    assert "Rien ne prouve que ce fichier vient du téléphone" in warning
    desk.click(".wf-unproven .wf-anyway")
    desk.wait_for_selector(".wf-outcome .wf-unproven-done")
    assert "Laissés de côté\u00a0: 1" in desk.inner_text(".wf-outcome")
    assert "Seule l’organisation peut changer ce champ." in desk.inner_text(".wf-left")
    assert not [
        o
        for o in server_observations(base, demo["group_id"], demo["organiser_token"])
        if o.get("operator") == marker
    ]

    # A file saved in another group is refused whole, in the organiser's words.
    elsewhere = tmp_path / "elsewhere.geojson"
    body["camwalk_walker_file"]["group_id"] = demo["group_id"] + 1000
    elsewhere.write_text(json.dumps(body))
    desk.set_input_files("#wf-file", elsewhere)
    refusal = desk.wait_for_selector(".wf-result [role=alert]").inner_text()
    assert refusal == "Ce fichier a été enregistré pour un autre groupe."
    organiser.close()

    mine = [
        o
        for o in server_observations(base, demo["group_id"], demo["organiser_token"])
        if o.get("created_by") == pseudonym
    ]
    assert len(mine) == 2 and all(len(o["photos"]) == 1 for o in mine)

    # The file is saved: she may now log out, her phone's copy stays until it syncs.
    page.click(".menu-sheet .logout-anyway")
    page.wait_for_selector(FAB, state="detached")
