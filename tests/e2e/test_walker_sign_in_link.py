"""A walker's phone is signed out while a camera waits on it: the work stays on the phone and
never goes under another name; the organiser's sign-in link brings her back as herself and
the camera arrives as hers."""

import uuid

import pytest

from .organiser import api, log_in, open_tab, organiser_context
from .phone import join_and_pick_walk, log_camera, server_observations

pytestmark = pytest.mark.browser

PHOTO = "exifr/IMG_20180725_163423-tiny.jpg"
SPOT = (43.29610, 5.37420)

# How many changes wait in the phone's outbox (read straight from IndexedDB).
OUTBOX_COUNT = """() => new Promise((resolve, reject) => {
  const open = indexedDB.open('camwalk');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const count = open.result.transaction('outbox').objectStore('outbox').count();
    count.onsuccess = () => { resolve(count.result); open.result.close(); };
    count.onerror = () => reject(count.error);
  };
})"""


def _sign_phone_out(base, demo, pseudonym) -> int:
    """The organiser signs every device of the walker out (her phone was reported lost)."""
    token, group = demo["organiser_token"], demo["group_id"]
    members = api(base, token, "GET", f"/groups/{group}/members")
    member_id = next(m["id"] for m in members if m["pseudonym"] == pseudonym)
    for device in api(base, token, "GET", f"/groups/{group}/members/{member_id}/devices"):
        api(base, token, "DELETE", f"/groups/{group}/members/{member_id}/devices/{device['id']}")
    return member_id


def _created_by(base, demo) -> dict[str, int]:
    counts: dict[str, int] = {}
    for obs in server_observations(base, demo["group_id"], demo["organiser_token"]):
        counts[obs.get("created_by")] = counts.get(obs.get("created_by"), 0) + 1
    return counts


def test_a_signed_out_walkers_camera_waits_for_her_and_a_sign_in_link_sends_it_as_hers(
    camwalk_server, browser, new_phone, photos, screenshot
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    pseudonym = f"pingouin-{uuid.uuid4().hex[:6]}"
    context = new_phone(*SPOT)
    phone = context.new_page()
    page_errors = []
    phone.on("pageerror", lambda error: page_errors.append(str(error)))
    join_and_pick_walk(phone, base, demo["invite_code"], pseudonym)

    context.set_offline(True)
    log_camera(phone, context, lat=SPOT[0], lon=SPOT[1], accuracy=6, photo=photos / PHOTO)
    _sign_phone_out(base, demo, pseudonym)

    # Back online, the sync is refused: the login screen tells her what to ask for.
    context.set_offline(False)
    phone.wait_for_selector(".signin-hint:has-text('lien de connexion')")
    screenshot(phone, "signin-01-expired")
    assert phone.evaluate(OUTBOX_COUNT) == 2  # the camera and its photo
    assert pseudonym not in _created_by(base, demo)

    # She opens the invite again and joins under another name: her camera must not go with it.
    phone.goto(f"{base}/join/{demo['invite_code']}")
    phone.wait_for_selector(f".join-stranded:has-text('{pseudonym}')")
    phone.fill("#pseudonym", f"{pseudonym}-bis")
    phone.click("button[type=submit]")
    phone.wait_for_selector(f".others-card:has-text('{pseudonym}')")
    phone.wait_for_function(
        "window.camwalk && !window.camwalk.scheduler.state().running"
        " && window.camwalk.scheduler.state().summary !== null"
    )
    screenshot(phone, "signin-02-others-work")
    assert phone.evaluate(OUTBOX_COUNT) == 2
    made = _created_by(base, demo)
    assert pseudonym not in made and f"{pseudonym}-bis" not in made

    # The organiser makes her a sign-in link in the Members tab.
    org = organiser_context(browser)
    page = org.new_page()
    log_in(page, base, demo)
    open_tab(page, "people")
    row = page.locator(f"tr:has(td:text-is('{pseudonym}'))")
    row.locator("button.mem-link-make").click()
    url = page.locator("tr[data-link-of] input.mem-link-url").input_value()
    assert "/signin/" in url
    page.wait_for_function("document.querySelector('tr[data-link-of] img').naturalWidth > 100")
    screenshot(page, "signin-03-organiser-link")
    org.close()

    # She opens it on her phone: signed in as herself, her camera goes as hers.
    phone.goto(url)
    phone.wait_for_selector("button.walk")
    assert pseudonym in phone.inner_text("main")
    # The camera goes first, then its photo and the change attaching it (sync/engine.js): her
    # camera alone on the server is not yet all her work.
    for _ in range(60):
        mine = [
            o
            for o in server_observations(base, demo["group_id"], demo["organiser_token"])
            if o.get("created_by") == pseudonym
        ]
        if mine and mine[0]["photos"]:
            break
        phone.wait_for_timeout(500)
    assert len(mine) == 1
    assert len(mine[0]["photos"]) == 1
    assert f"{pseudonym}-bis" not in _created_by(base, demo)
    phone.wait_for_function(f"({OUTBOX_COUNT})().then((n) => n === 0)")
    # The link is spent: opening it again signs nobody in.
    again = phone.context.request.post(
        f"{base}/api/v1/sign-in", data={"code": url.rsplit("/", 1)[1]}
    )
    assert again.status == 410
    assert not [e for e in page_errors if "_leaflet_pos" in e], page_errors
