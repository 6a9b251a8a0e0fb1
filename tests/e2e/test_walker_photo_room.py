"""A long campaign fills a phone with photos: once the server has held a photo and shown it on
its camera for a week (a restore from an earlier backup would need it back), the phone keeps only
a small copy of it. Here Lina logs a camera with a photo and syncs, a week goes by: the stored
photo shrinks, and offline her sheet still shows it."""

import time
import uuid

import pytest
import requests

from .phone import FAB, join_and_pick_walk, log_camera, sync_and_wait, wait_for_fix

pytestmark = pytest.mark.browser

PHOTO = "exifr/IMG_20180725_163423.jpg"
SPOT = (43.29735, 5.37655)

# The phone's stored photos: the size of each one's blob, whether it was freed, uploaded.
STORED_PHOTOS = """async () => {
  const db = await new Promise((ok, ko) => {
    const r = indexedDB.open('camwalk');
    r.onsuccess = () => ok(r.result);
    r.onerror = () => ko(r.error);
  });
  const photos = await new Promise((ok) => {
    const r = db.transaction('photos').objectStore('photos').getAll();
    r.onsuccess = () => ok(r.result);
  });
  db.close();
  return photos.map((p) => ({
    size: p.blob.size, freed: p.freed || null, uploaded: p.uploaded, sha256: p.sha256,
  }));
}"""

# The phone's photos as if the server took them `days` ago.
UPLOADED_DAYS_AGO = """async (days) => {
  const db = await new Promise((ok, ko) => {
    const r = indexedDB.open('camwalk');
    r.onsuccess = () => ok(r.result);
    r.onerror = () => ko(r.error);
  });
  const tx = db.transaction('photos', 'readwrite');
  const store = tx.objectStore('photos');
  const at = new Date(Date.now() - days * 24 * 3600 * 1000).toISOString();
  store.getAll().onsuccess = (e) => {
    for (const p of e.target.result) store.put({ ...p, uploaded_at: at });
  };
  await new Promise((ok) => (tx.oncomplete = ok));
  db.close();
}"""


def _wait_until_prepared(base: str, token: str, sha256: str, seconds: float = 60) -> None:
    """Waits for the photo worker to make the photo's copies: a week on, it long has, and the
    phone frees only a photo whose receipt says so."""
    deadline = time.monotonic() + seconds
    while True:
        receipt = requests.get(
            f"{base}/api/v1/photos/{sha256}",
            headers={"Authorization": f"Bearer {token}"},
            timeout=10,
        ).json()
        if receipt["state"] != "received" or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert receipt["state"] == "prepared", receipt


def test_a_photo_on_the_server_keeps_a_small_copy_that_still_shows_offline(
    camwalk_server, new_phone, photos, screenshot
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    context = new_phone(*SPOT, accuracy=5)
    page = context.new_page()
    pseudonym = f"lina-{uuid.uuid4().hex[:6]}"
    join_and_pick_walk(page, base, demo["invite_code"], pseudonym)

    context.set_offline(True)
    log_camera(page, context, lat=SPOT[0], lon=SPOT[1], accuracy=5, photo=photos / PHOTO)
    (before,) = page.evaluate(STORED_PHOTOS)
    # Not on the server yet: kept whole.
    assert before["freed"] is None and not before["uploaded"]

    context.set_offline(False)
    sync_and_wait(page)
    (sent,) = page.evaluate(STORED_PHOTOS)
    # On the server, but a restore from this morning's backup would need it back.
    assert sent["uploaded"] and sent["freed"] is None and sent["size"] == before["size"]

    _wait_until_prepared(base, demo["organiser_token"], sent["sha256"])
    page.evaluate(UPLOADED_DAYS_AGO, 8)
    sync_and_wait(page)
    # Freed within the run, before the chip stops turning.
    (after,) = page.evaluate(STORED_PHOTOS)
    assert after["uploaded"]
    assert after["freed"], "the photo on the server kept its full-size bytes on the phone"
    assert after["freed"]["bytes"] == before["size"]
    assert after["size"] < before["size"] / 3

    context.set_offline(True)
    page.reload()
    # Her camera, the one logged where she stands (markers of others' can look alike).
    wait_for_fix(page, 5)
    page.click(FAB)
    page.locator(".nearby button:has-text('Voir ce relevé')").first.click()
    page.wait_for_selector(".obs-sheet")
    assert pseudonym in page.inner_text(".obs-sheet")
    page.wait_for_function(
        "[...document.querySelectorAll('.obs-sheet .thumbs img')]"
        ".some((img) => img.naturalWidth > 0)"
    )
    # Her photo, from the phone: the server's thumbnail cannot come offline.
    assert page.locator(".obs-sheet .thumbs li:not(.remote) img").count() == 1
    screenshot(page, "photo-room-small-copy-offline")
