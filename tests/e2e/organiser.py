"""Steps an organiser takes in the browser, and the API calls tests use to set the scene."""

import hashlib
import io
import random
import subprocess
import time
import uuid
from datetime import date

import requests
from PIL import Image

from .conftest import CAMWALK

LAPTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def api(base: str, token: str, method: str, path: str, **kwargs):
    r = requests.request(
        method,
        f"{base}/api/v1{path}",
        headers={"Authorization": f"Bearer {token}"},
        timeout=20,
        **kwargs,
    )
    r.raise_for_status()
    return r.json() if r.content and "json" in r.headers.get("Content-Type", "") else r


def fr_count(n: int, one: str, other: str | None = None) -> str:
    """A count as the organiser screens word it in French: 0 and 1 take the singular."""
    return f"{n} {one if n < 2 else other or one + 's'}"


def osm_import(server, path, *options: str) -> None:
    """OSM nodes of a file into the server's OSM cache, as `camwalk osm import` puts them."""
    done = subprocess.run(
        [CAMWALK, "osm", "import", *options, str(path)],
        env=server["env"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def organiser_context(browser, viewport=LAPTOP):
    ctx = browser.new_context(
        viewport=viewport,
        device_scale_factor=1,
        locale="fr-FR",
        bypass_csp=True,
        accept_downloads=True,
    )
    ctx.set_default_timeout(15_000)
    return ctx


def log_in(page, base: str, demo: dict) -> None:
    """Logs in through the welcome screen's Log in button and opens the organiser space."""
    page.goto(f"{base}/")
    page.click("button.welcome-login")
    page.fill("#group", demo["group_slug"])
    page.fill("#login-pseudonym", demo["organiser_pseudonym"])
    page.fill("#password", demo["organiser_password"])
    page.click("button[type=submit]")
    page.wait_for_selector("button.org-open")
    page.click("button.org-open")
    page.wait_for_selector(".org-tabs")


def open_tab(page, name: str) -> None:
    """Opens an organiser tab (the open one is drawn anew, with fresh data) and waits until
    the new drawing is done: the screen on show before the click is marked, so that a test
    never reads it while the new one still loads."""
    page.evaluate("document.querySelectorAll('.org-body').forEach((b) => (b.dataset.left = ''))")
    page.click(f".org-tab[data-tab={name}]")
    page.wait_for_selector(f".org-body[data-ready={name}]:not([data-left])")


def shoot_both(page, screenshot, name: str) -> None:
    """Saves the current screen at laptop and phone size (the layout reflows, no reload)."""
    page.set_viewport_size(LAPTOP)
    page.wait_for_timeout(300)  # lets Leaflet redraw at the new size; not an assertion
    screenshot(page, f"org-{name}-1280")
    page.set_viewport_size(PHONE)
    page.wait_for_timeout(300)
    screenshot(page, f"org-{name}-390", full_page=True)
    page.set_viewport_size(LAPTOP)


def walker_logs(base, demo, **fields):
    """A walker's phone sends one new camera through the sync endpoint; returns its id."""
    obs_id = str(uuid.uuid4())
    change = {
        "change_id": str(uuid.uuid4()),
        "observation_id": obs_id,
        "op": "create",
        "walk_id": demo["walk_id"],
        "made_at": f"{date.today().isoformat()}T10:00:00+01:00",
        "fields": {
            "position": {"lat": 43.2951, "lon": 5.3802, "accuracy_m": 7},
            "kind": "camera",
            "surveillance": "public",
            "camera_type": "dome",
            "mount": "pole",
            "surveyed_on": date.today().isoformat(),
            "presence": "present",
            **fields,
        },
    }
    walker_sends(base, demo, change)
    return obs_id


def walker_edits(base, demo, obs_id, version, **values):
    """A walker's phone sends an edit of one camera seen at `version`: field=(old, new)."""
    walker_sends(base, demo, edit_change(obs_id, version, **values))


def edit_change(obs_id, version, **values) -> dict:
    """An update of one camera seen at `version`, as a phone builds it: field=(old, new)."""
    return {
        "change_id": str(uuid.uuid4()),
        "observation_id": obs_id,
        "op": "update",
        "base_version": version,
        "made_at": f"{date.today().isoformat()}T11:00:00+01:00",
        "fields": {name: {"old": old, "new": new} for name, (old, new) in values.items()},
    }


def walker_sends(base, demo, change) -> None:
    """The demo walker's phone sends one change through the sync endpoint; it is applied."""
    result = send_change(base, demo, demo["walker_token"], change)
    assert result["status"] == "applied", result


def send_change(base, demo, token, change) -> dict:
    """One change through the sync endpoint with `token`; its result."""
    body = api(
        base,
        token,
        "POST",
        f"/groups/{demo['group_id']}/sync",
        json={"cursor": 0, "limit": 1, "changes": [change]},
    )
    return body["results"][0]


def next_walk(base: str, demo: dict, name: str) -> tuple[dict, dict]:
    """The demo group's only walk, and a new one named `name`, today, on the same area (made
    by its organiser): (the demo's walk, the new walk)."""
    organiser = {"Authorization": f"Bearer {demo['organiser_token']}"}
    walks = requests.get(
        f"{base}/api/v1/groups/{demo['group_id']}/walks", headers=organiser, timeout=10
    )
    walks.raise_for_status()
    (first,) = walks.json()
    made = requests.post(
        f"{base}/api/v1/groups/{demo['group_id']}/walks",
        json={"name": name, "date": date.today().isoformat(), "area": first["area"]},
        headers=organiser,
        timeout=10,
    )
    assert made.status_code == 201, made.text
    return first, made.json()


def walkers_log_many(base, demo, count, *, seed=7, operator=None) -> None:
    """`count` new cameras in the demo walk at random spots around Noailles (the same for the
    same seed), pushed 250 at a time as phones send them. `operator`: a format string whose
    {n} is the camera's number, to tell their rows apart; None leaves it out."""
    rng = random.Random(seed)
    today = date.today().isoformat()
    for first in range(0, count, 250):
        changes = []
        for n in range(first, min(first + 250, count)):
            fields = {
                "surveyed_on": today,
                "presence": "present",
                "kind": "camera",
                "position": {
                    "lat": 43.290 + rng.random() * 0.01,
                    "lon": 5.370 + rng.random() * 0.01,
                    "accuracy_m": 5,
                },
            }
            if operator is not None:
                fields["operator"] = operator.format(n=n)
            changes.append({
                "change_id": str(uuid.uuid4()),
                "observation_id": str(uuid.uuid4()),
                "op": "create",
                "walk_id": demo["walk_id"],
                "made_at": f"{today}T10:30:00+01:00",
                "fields": fields,
            })  # fmt: skip
        answer = requests.post(
            f"{base}/api/v1/groups/{demo['group_id']}/sync",
            json={"cursor": 0, "limit": 1, "changes": changes},
            headers={"Authorization": f"Bearer {demo['walker_token']}"},
            timeout=60,  # a push of 250 into a group of tens of thousands, on a busy box
        )
        answer.raise_for_status()
        statuses = {result["status"] for result in answer.json()["results"]}
        assert statuses == {"applied"}, statuses


def jpeg(seed: int) -> bytes:
    """A small JPEG of two colours drawn from the seed: another seed gives other bytes, so
    another photo. The colours come from a hash of the seed: taken from the seed by products
    modulo 256, they came round every 256 seeds, and a test's random seed then met, now and
    then, a photo another test had stored in the shared demo group under other settings."""
    digest = hashlib.sha256(str(seed).encode()).digest()
    image = Image.new("RGB", (48, 32), tuple(digest[:3]))
    image.paste(tuple(digest[3:6]), (0, 0, 16, 16))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG")
    return buffer.getvalue()


def upload_photo(base: str, token: str, data: bytes) -> str:
    """Sends a photo's bytes the way the PWA does, addressed by content; returns the SHA-256."""
    digest = hashlib.sha256(data).hexdigest()
    r = requests.put(
        f"{base}/api/v1/photos/{digest}",
        data=data,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "image/jpeg"},
        timeout=20,
    )
    r.raise_for_status()
    return digest


def log_with_photo(base, demo, token, fields, photo_sha):
    """A walker's device sends a new camera and its photo in one sync; returns the camera's id."""
    obs_id = str(uuid.uuid4())
    made_at = f"{date.today().isoformat()}T10:30:00+01:00"
    changes = [
        {
            "change_id": str(uuid.uuid4()),
            "observation_id": obs_id,
            "op": "create",
            "walk_id": demo["walk_id"],
            "made_at": made_at,
            "fields": {"surveyed_on": date.today().isoformat(), "presence": "present", **fields},
        },
        {
            "change_id": str(uuid.uuid4()),
            "observation_id": obs_id,
            "op": "attach_photo",
            "made_at": made_at,
            "photo": {"sha256": photo_sha, "role": "close_up"},
        },
    ]
    body = api(
        base,
        token,
        "POST",
        f"/groups/{demo['group_id']}/sync",
        json={"cursor": 0, "limit": 1, "changes": changes},
    )
    assert [r["status"] for r in body["results"]] == ["applied", "applied"], body["results"]
    return obs_id


def open_in_review(page, obs_id: str) -> None:
    """Clicks queue rows, newest first, until the card of one observation shows."""
    page.wait_for_selector(".rev-card h2")
    rows = page.locator(".rev-row")
    for i in reversed(range(rows.count())):
        rows.nth(i).click()
        # The card is drawn after the click returns: on a loaded machine, asking at once
        # read the card of the row before.
        page.wait_for_function(
            "i => document.querySelectorAll('.rev-row')[i]?.classList.contains('is-current')"
            " && document.querySelector('.rev-card .hist') !== null",
            arg=i,
        )
        if page.locator(f".hist[data-id='{obs_id}']").count():
            return
    raise AssertionError(f"{obs_id} is not in the review queue")


READ_RECORD = """id => new Promise((resolve, reject) => {
  const open = indexedDB.open('camwalk');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const get = open.result.transaction('observations').objectStore('observations').get(id);
    get.onsuccess = () => { resolve(get.result || null); open.result.close(); };
  };
})"""


def local_record(page, obs_id: str) -> dict | None:
    """The observation as this browser stored it (IndexedDB), or None if it has none."""
    return page.evaluate(READ_RECORD, obs_id)


def wait_until_prepared(base: str, token: str, sha: str, wait_s: float = 90) -> None:
    """Waits for the photo worker to make the photo's copies (and look for faces and plates,
    a second or more on a busy machine), as an organiser would wait for the card to show it."""
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        r = requests.get(
            f"{base}/api/v1/photos/{sha}", headers={"Authorization": f"Bearer {token}"}, timeout=10
        )
        if r.status_code == 200 and r.json().get("state") != "received":
            assert r.json()["state"] == "prepared", r.json()
            return
        time.sleep(0.5)
    raise AssertionError(f"photo {sha} was not prepared within {wait_s} s")
