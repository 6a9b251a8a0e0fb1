"""A phone shared by two members: the first one's unsent and refused cameras wait on it for her
(she was signed out, then somebody joined on it under another pseudonym). The member signed in
now sees them as another member's, not yet sent, and nothing on her camera sheet or on the log
form's nearby banner would drop or change that work: no Drop, no Edit, no "No longer there", no
Delete."""

import uuid

import pytest

from .phone import FAB, MARKERS, SYNCED, join_and_pick_walk, log_camera, sync_and_wait, tap_marker
from .test_walker_sign_in_link import _sign_phone_out
from .test_walker_stuck_photo import PDF, SPOIL_ONE_PHOTO

pytestmark = pytest.mark.browser

PHOTO = "exifr/IMG_20180725_163423-tiny.jpg"
SPOT = (43.29705, 5.37525)
HELD = f"{MARKERS}.state-held"


def test_another_members_refused_and_unsent_cameras_are_hers_on_the_sheet(
    camwalk_server, new_phone, photos, screenshot
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    pseudonym = f"macareux-{uuid.uuid4().hex[:6]}"
    context = new_phone(*SPOT)
    phone = context.new_page()
    join_and_pick_walk(phone, base, demo["invite_code"], pseudonym)
    # Her first camera reaches the server, its photo refused for good; her second waits unsent.
    context.set_offline(True)
    log_camera(phone, context, lat=SPOT[0], lon=SPOT[1], accuracy=6, photo=photos / PHOTO)
    phone.evaluate(SPOIL_ONE_PHOTO, list(PDF))
    context.set_offline(False)
    sync_and_wait(phone)
    context.set_offline(True)
    log_camera(
        phone,
        context,
        lat=SPOT[0] + 0.0006,
        lon=SPOT[1],
        accuracy=6,
        photo=photos / PHOTO,
        camera_type="panning",
    )
    _sign_phone_out(base, demo, pseudonym)
    context.set_offline(False)
    phone.wait_for_selector(".signin-hint")

    join_and_pick_walk(phone, base, demo["invite_code"], f"{pseudonym}-bis")
    phone.wait_for_function(SYNCED)
    # Hers, not yet sent: neither refused for the member signed in now nor hers to send.
    phone.wait_for_function(f"document.querySelectorAll('{HELD}').length === 2")
    assert phone.get_attribute("button.sync-chip", "title") == "Tout est sur le serveur"
    assert phone.locator(".sync-aside").is_hidden()

    # Her refused camera is a dome, her unsent one a mobile camera (their markers' names).
    for shape, refusal in (("dôme", True), ("mobile", False)):
        tap_marker(
            phone, f".leaflet-marker-icon[title*='{shape}'] .obs-dot.state-held", ".obs-sheet"
        )
        sheet = phone.locator(".obs-sheet")
        assert pseudonym in sheet.locator(".held-note").inner_text()
        assert sheet.locator("h2 .badge").inner_text() == "d’un autre membre, pas encore envoyée"
        # Why the server refused her photo is shown; what to do about it is hers to decide.
        assert (sheet.locator(".aside-note").count() > 0) == refusal
        assert sheet.locator(".aside-drop").count() == 0
        assert sheet.locator("button:has-text('Modifier')").count() == 0
        assert sheet.locator(".obs-gone").count() == 0
        assert sheet.locator("button:has-text('Supprimer')").count() == 0
        screenshot(phone, f"shared-phone-held-{shape}")
        phone.click(".obs-sheet button:has-text('Fermer')")
        phone.wait_for_selector(".obs-sheet", state="detached")

    # Logging a camera where her unsent one stands: the banner offers to open hers, not to
    # mark it gone under another name.
    context.set_geolocation({"latitude": SPOT[0] + 0.0006, "longitude": SPOT[1], "accuracy": 5})
    phone.wait_for_selector(".gps-chip:has-text('5 m')")
    phone.click(FAB)
    banner = phone.locator("form.log-form .nearby")
    banner.filter(has_text="Le groupe a déjà relevé").wait_for()
    assert banner.locator("button:has-text('Voir ce relevé')").count() == 1
    assert banner.locator("button:has-text('Disparue')").count() == 0
    phone.click("form.log-form .actions button:has-text('Annuler')")

    # Her work is still all on the phone: two cameras, their photos and their changes.
    left = phone.evaluate(
        """async () => {
          const db = await new Promise((ok) => {
            const r = indexedDB.open('camwalk');
            r.onsuccess = () => ok(r.result);
          });
          const count = (store) => new Promise((ok) => {
            const r = db.transaction(store).objectStore(store).count();
            r.onsuccess = () => ok(r.result);
          });
          const counts = [await count('outbox'), await count('photos')];
          db.close();
          return counts;
        }"""
    )
    assert left == [3, 2]


SESSION_TOKEN = """async () => {
  const db = await new Promise((ok) => {
    const r = indexedDB.open('camwalk');
    r.onsuccess = () => ok(r.result);
  });
  const session = await new Promise((ok) => {
    const r = db.transaction('meta').objectStore('meta').get('session');
    r.onsuccess = () => ok(r.result);
  });
  db.close();
  return session ? session.token : null;
}"""


def test_a_sync_refused_after_she_logged_out_leaves_the_next_member_signed_in(
    camwalk_server, new_phone
):
    # Her sync was on the wire when she logged out and the next member joined on the phone;
    # its answer, a 401 for her revoked token, ended his session and showed him the log-in.
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    pseudonym = f"sterne-{uuid.uuid4().hex[:6]}"
    phone = new_phone(*SPOT).new_page()
    join_and_pick_walk(phone, base, demo["invite_code"], pseudonym)
    phone.wait_for_function(SYNCED)
    held = []
    # Her next sync waits on the wire; the next member's go through.
    phone.route(
        "**/groups/*/sync", lambda route: route.continue_() if held else held.append(route)
    )
    phone.click("button.sync-chip")
    while not held:
        phone.wait_for_timeout(50)

    phone.click("button[aria-label='Menu']")
    phone.click(".menu-sheet button.logout")
    phone.click(".menu-sheet button.logout-confirm")
    phone.fill("#invite", demo["invite_code"])
    phone.click("form.card button[type=submit]")
    phone.fill("#pseudonym", f"{pseudonym}-bis")
    phone.click("button[type=submit]")
    phone.wait_for_selector("button.walk")
    his = phone.evaluate(SESSION_TOKEN)
    assert his

    held[0].continue_()  # with her token, revoked by her log-out: a 401
    phone.wait_for_timeout(1000)  # the answer and what the page makes of it; not an assertion
    assert phone.evaluate(SESSION_TOKEN) == his
    assert phone.locator("button.walk").first.is_visible()
