"""What a walker does with the app, as Playwright steps, and what the server then holds."""

import pytest
import requests
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

FAB = "button.fab"
MARKERS = ".leaflet-marker-pane .obs-dot"  # camera markers (the legend has dots too)


def larger_text(percent: int) -> str:
    """An init script doing to a page what a phone's text size setting does (the probe set it
    so): a bigger root font."""
    return (
        "addEventListener('DOMContentLoaded', () => {"
        " const s = document.createElement('style');"
        f" s.textContent = 'html{{font-size:{percent}% !important}}';"
        " document.head.append(s); })"
    )


TEXT_200 = larger_text(200)  # the largest
# What scrolls sideways on a phone `phoneWidth` px wide: the page, if laid out wider, and any
# sheet or page that scrolls. A phone's browser lays a wider page out at its own width and zooms
# it out (the window's width follows), so the page is measured against the phone's.
SIDEWAYS = """(phoneWidth) => {
  const page = document.documentElement.scrollWidth;
  return (page > phoneWidth ? [`the page, ${page} px`] : []).concat(
    [...document.querySelectorAll('.sheet, .page')]
      .filter((el) => el.scrollWidth > el.clientWidth + 1)
      .map((el) => el.className || el.tagName));
}"""


def markers_js(*states: str) -> str:
    """JS expression: how many camera markers are in one of these states."""
    sel = ", ".join(f"{MARKERS}.state-{s}" for s in states)
    return f"document.querySelectorAll('{sel}').length"


# A camera on the server whose photo has not gone up is "photoPending": still waiting.
NOTHING_WAITING = f"{markers_js('pending', 'photoPending', 'sending')} === 0"
HERE_SHEET = ".here-sheet"  # the list a tap on a spot holding several cameras opens
OSM_MARKERS = ".leaflet-marker-pane .osm-dot"  # OSM cameras on the walk map
# True once the walk map drew the server's answer about the walk's OSM cameras.
OSM_REFRESHED = "performance.getEntriesByName('camwalk:osm-refreshed').length > 0"
# True once the app finished a sync and none runs: its device holds what the server had then.
SYNCED = (
    "window.camwalk && window.camwalk.scheduler.state().summary !== null"
    " && !window.camwalk.scheduler.state().running"
)


def join(page, base: str, invite_code: str, pseudonym: str, shot=None) -> None:
    """Joins the group by its invite link, up to the list of its walks."""
    page.goto(f"{base}/join/{invite_code}")
    page.fill("#pseudonym", pseudonym)
    if shot:
        shot(page, "01-join")
    page.click("button[type=submit]")
    page.wait_for_selector("button.walk")
    page.wait_for_selector(".storage [data-persisted]")
    if shot:
        shot(page, "02-walks")


def join_and_pick_walk(page, base: str, invite_code: str, pseudonym: str, shot=None) -> None:
    join(page, base, invite_code, pseudonym, shot)
    page.click("button.walk")
    page.wait_for_selector(FAB)
    # The service worker claims the page on its first visit: offline works from now on.
    page.wait_for_function(
        "navigator.serviceWorker && navigator.serviceWorker.controller !== null"
    )


def wait_for_fix(page, accuracy: int) -> None:
    page.wait_for_selector(f".gps-chip:has-text('{accuracy} m')")


def log_camera(
    page, context, *, lat, lon, accuracy, photo, camera_type="dome", mount="pole", shot=None
):
    context.set_geolocation({"latitude": lat, "longitude": lon, "accuracy": accuracy})
    wait_for_fix(page, accuracy)
    page.click(FAB)
    page.wait_for_selector("form.log-form")
    another = page.locator(".nearby button:has-text('autre')")
    if another.count():
        another.click()
    page.click(f"label[for=camera_type-{camera_type}]")
    page.click(f"label[for=mount-{mount}]")
    page.set_input_files("#photo-close_up", str(photo))
    page.wait_for_selector(".thumbs img")
    if shot:
        shot(page, "04-log-form")
    page.click("button.btn-save")
    page.wait_for_selector(".sheet", state="hidden")


def open_first_camera(page, state: str | None = None) -> None:
    """Taps a camera marker and waits for its sheet."""
    tap_marker(page, f"{MARKERS}{'.state-' + state if state else ''}", ".obs-sheet")


def tap_marker(page, marker: str, shown: str) -> None:
    """Taps the first marker matching `marker` (through the DOM: markers can overlap at street
    zoom) and waits for `shown`. The marker is found and clicked in one step: found in one
    call and clicked in the next, it could be redrawn in between, and the click went to an
    element no longer on the page (the map redrew every marker at each step of a sync then).
    The tap is watched: a failure tells where the click went and every change of the sheet
    and of the screen after it.

    A marker sharing its spot of the map with other cameras opens the list of them first
    ("2 caméras ici", ui/map/here.js); the tapped one heads the list and is picked, unless
    `shown` is that list."""
    page.wait_for_selector(marker, state="attached")
    page.evaluate(_WATCHED_TAP, marker)
    try:
        if shown != HERE_SHEET:
            page.wait_for_selector(f"{shown}, {HERE_SHEET}")
            if not page.locator(shown).first.is_visible():
                page.locator(f"{HERE_SHEET} .here-pick").first.click()
        page.wait_for_selector(shown)
    except PlaywrightTimeoutError:
        state = page.evaluate(
            "(marker) => ({markers: document.querySelectorAll(marker).length,"
            " sheets: [...document.querySelectorAll('.sheet')]"
            ".map((sheet) => sheet.outerHTML.slice(0, 300)),"
            " dragging: document.body.classList.contains('leaflet-dragging'),"
            " watched: window.__camwalkTap})",
            marker,
        )
        pytest.fail(f"tapping {marker} did not show {shown}: {state}")
    finally:
        page.evaluate("() => window.__camwalkTapStop && window.__camwalkTapStop()")


# Clicks the marker's icon and records, in window.__camwalkTap, milliseconds after the tap:
# the click as the document and then the window saw it (reaching the window: nothing stopped
# it on the way), the sheet's shows, hides and contents, and a map screen leaving the page.
_WATCHED_TAP = """(marker) => {
  const el = document.querySelector(marker);
  const start = performance.now();
  const log = [];
  const at = (what) => log.push(`${Math.round(performance.now() - start)} ms ${what}`);
  const sheet = document.querySelector('.sheet');
  const screen = document.querySelector('.map-screen');
  const seen = (where) => (e) => at(`click at ${where} on ${e.target.className}`);
  const onDocument = seen('document');
  const onWindow = seen('window');
  document.addEventListener('click', onDocument, true);
  window.addEventListener('click', onWindow);
  const watcher = new MutationObserver((changes) => {
    for (const change of changes) {
      if (change.target === sheet && change.type === 'attributes')
        at(`sheet ${sheet.hidden ? 'hidden' : 'shown'}`);
      else if (change.target === sheet)
        at(`sheet holds ${sheet.firstElementChild?.className ?? 'nothing'}`);
      else if ([...change.removedNodes].includes(screen)) at('map screen left the page');
    }
  });
  const sheetChanges = {attributes: true, attributeFilter: ['hidden'], childList: true};
  if (sheet) watcher.observe(sheet, sheetChanges);
  if (screen?.parentNode) watcher.observe(screen.parentNode, {childList: true});
  window.__camwalkTap = log;
  window.__camwalkTapStop = () => {
    watcher.disconnect();
    document.removeEventListener('click', onDocument, true);
    window.removeEventListener('click', onWindow);
  };
  at(`tap on ${el.className} (${document.querySelectorAll('.leaflet-marker-icon').length} icons)`);
  el.parentElement.dispatchEvent(new MouseEvent('click', {bubbles: true}));
}"""


def photos_let_go(page, images: str) -> list[str]:
    """Waits until every <img> matching `images` shows its photo; returns, for each, whether
    its object URL was let go once shown ('let go') or still pins its Blob ('kept')."""
    page.wait_for_function(
        f"[...document.querySelectorAll({images!r})].every((img) => img.naturalWidth > 0)"
    )
    return page.eval_on_selector_all(
        images,
        "imgs => Promise.all(imgs.map((img) =>"
        " fetch(img.src).then(() => 'kept', () => 'let go')))",
    )


def sync_and_wait(page) -> None:
    # The run, not the chip's look: a run after one that got no answer shows as offline, not
    # as running, until the server answers (pwa/src/sync/scheduler.js waitingForNetwork).
    page.click("button.sync-chip")
    page.wait_for_function(f"!window.camwalk.scheduler.state().running && {NOTHING_WAITING}")


def server_observations(base: str, group_id: int, token: str) -> list[dict]:
    """Every observation of the group as the server holds it, read through the sync pull."""
    cursor, found = 0, {}
    for _ in range(100):
        r = requests.post(
            f"{base}/api/v1/groups/{group_id}/sync",
            json={"cursor": cursor, "limit": 1000, "changes": []},
            headers={"Authorization": f"Bearer {token}"},
            timeout=10,
        )
        r.raise_for_status()
        body = r.json()
        for obs in body["observations"]:
            found[obs["id"]] = obs
        cursor = body["cursor"]
        if not body["more"]:
            break
    return list(found.values())


def her_camera(base: str, demo: dict, pseudonym: str) -> dict:
    """The one camera `pseudonym` logged, as the server holds it."""
    (mine,) = [
        o
        for o in server_observations(base, demo["group_id"], demo["organiser_token"])
        if o.get("created_by") == pseudonym
    ]
    return mine


def reopen_with_osm_answer_held(page, cameras: int, timeout: float | None = None):
    """Reloads the walk's map with the server's answer about its OSM cameras held back; waits
    until the phone's copy (`cameras` markers) is drawn and the answer asked for. Returns a
    function that lets the answer through."""
    held = []
    page.route("**/osm-nodes*", lambda route: held.append(route))
    page.reload()
    page.wait_for_function(
        f"document.querySelectorAll('{OSM_MARKERS}').length === {cameras}", timeout=timeout
    )
    for _ in range(200):  # the request reaches the route handler while the page is waited on
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "the map asked the server for no OSM cameras"

    def let_through() -> None:
        for route in held:
            route.continue_()
        page.unroute("**/osm-nodes*")

    return let_through
