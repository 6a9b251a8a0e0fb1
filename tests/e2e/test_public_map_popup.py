"""A visitor on a phone opens a camera with photos and every signage answer on the public map:
the popup's top and its close button stay below the page's header, whatever the photos' late
arrival (they load lazily), and a popup taller than the map (a phone turned sideways) scrolls
inside it rather than running off its edge."""

import uuid
from datetime import date

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from .organiser import api, jpeg, log_with_photo, upload_photo, wait_until_prepared

pytestmark = pytest.mark.browser

# Every signage answer the survey holds, each a line of the popup once published.
SIGNAGE = {
    "sign": "seen",
    "sign_pictogram": "yes",
    "sign_responsible": "yes",
    "sign_purpose": "no",
    "sign_retention": "no",
    "sign_rights_contact": "yes",
    "sign_cnil": "no",
    "filmed_by": "transport_operator",
    "aimed_at_road": "yes",
}
OPERATOR = "Régie des transports (popup haute)"
# North of every camera the demo and the other tests log: its marker is the map's topmost,
# drawn at the top edge, where a tall popup has the least room above it.
SPOT = {"lat": 43.3350, "lon": 5.3755, "accuracy_m": 5}

POPUP_IN_VIEW = """() => {
  const popup = document.querySelector('.leaflet-popup');
  const close = document.querySelector('.leaflet-popup-close-button');
  const head = document.querySelector('.pub-head').getBoundingClientRect();
  if (!popup || !close) return false;
  const imgs = [...popup.querySelectorAll('img')];
  if (!imgs.length || !imgs.every((img) => img.complete && img.naturalWidth > 0)) return false;
  const box = popup.getBoundingClientRect();
  const map = document.querySelector('.pub-map').getBoundingClientRect();
  // Its top and close button below the header, and its end inside the map, not cut off.
  return box.top >= head.bottom && close.getBoundingClientRect().top >= head.bottom
    && box.top >= map.top && box.bottom <= map.bottom;
}"""


# What POPUP_IN_VIEW reads, for a failure to tell which of its conditions did not hold.
POPUP_STATE = """() => {
  const box = (sel) => document.querySelector(sel)?.getBoundingClientRect().toJSON() ?? null;
  const popup = document.querySelector('.leaflet-popup');
  return {
    popups: document.querySelectorAll('.leaflet-popup').length,
    popup: box('.leaflet-popup'),
    close: box('.leaflet-popup-close-button'),
    head: box('.pub-head'),
    map: box('.pub-map'),
    images: [...(popup?.querySelectorAll('img') ?? [])].map(
      (img) => ({ complete: img.complete, width: img.naturalWidth, src: img.src.slice(-24) })),
    text: popup?.innerText.slice(0, 120) ?? null,
  };
}"""


@pytest.fixture
def tall_camera(camwalk_server):
    """A camera with two published photos and its signage answers on the public map."""
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    organiser = demo["organiser_token"]
    shas = [upload_photo(base, demo["walker_token"], jpeg(seed)) for seed in (4501, 4502)]
    fields = {
        "position": SPOT,
        "kind": "camera",
        "camera_type": "dome",
        "mount": "pole",
        "operator": OPERATOR,
        "direction": [180],
        **SIGNAGE,
    }
    obs_id = log_with_photo(base, demo, demo["walker_token"], fields, shas[0])
    api(
        base,
        demo["walker_token"],
        "POST",
        f"/groups/{demo['group_id']}/sync",
        json={
            "cursor": 0,
            "limit": 1,
            "changes": [
                {
                    "change_id": str(uuid.uuid4()),
                    "observation_id": obs_id,
                    "op": "attach_photo",
                    "made_at": f"{date.today().isoformat()}T10:31:00+01:00",
                    "photo": {"sha256": shas[1], "role": "context"},
                }
            ],
        },
    )
    for sha in shas:
        wait_until_prepared(base, organiser, sha)
    api(base, organiser, "POST", f"/observations/{obs_id}/review", json={"status": "approved"})
    for sha in shas:
        api(base, organiser, "PUT", f"/photos/{sha}/publication", json={"public": True})
    settings_url = f"/groups/{demo['group_id']}/settings"
    was = api(base, organiser, "GET", settings_url)
    api(
        base,
        organiser,
        "PATCH",
        settings_url,
        json={"public_map": True, "public_fields": list(SIGNAGE)},
    )
    yield camwalk_server
    api(base, organiser, "POST", f"/observations/{obs_id}/review", json={"status": "rejected"})
    api(
        base,
        organiser,
        "PATCH",
        settings_url,
        json={"public_map": was["public_map"], "public_fields": was["public_fields"]},
    )


def _open_topmost_popup(page) -> None:
    markers = page.locator(".pub-map .leaflet-marker-icon")
    tops = markers.evaluate_all("els => els.map((e) => e.getBoundingClientRect().top)")
    markers.nth(tops.index(min(tops))).click()
    page.wait_for_selector(f".leaflet-popup:has-text('{OPERATOR}')")


def _wait_in_view(page) -> None:
    """Until the popup is whole below the header (POPUP_IN_VIEW); a failure says what it saw
    (it failed twice in full runs, never alone)."""
    try:
        page.wait_for_function(POPUP_IN_VIEW, timeout=15_000)
    except PlaywrightTimeoutError:
        pytest.fail(f"the popup is not whole below the header: {page.evaluate(POPUP_STATE)}")


def _close_popup(page) -> None:
    """Its close button, clicked on the button itself: a click at the button's place could
    land on the map when a photo's late arrival pans the map again under the pointer (seen on a
    busy box), and a tap on the map opens the nearest camera's popup, this one again."""
    page.locator(".leaflet-popup-close-button").dispatch_event("click")
    page.wait_for_selector(".leaflet-popup", state="detached")


def test_a_tall_popup_on_a_phone_keeps_its_top_below_the_header(tall_camera, new_phone):
    base, demo = tall_camera["url"], tall_camera["demo"]
    page = new_phone().new_page()
    page.goto(f"{base}/public/{demo['group_slug']}")
    page.wait_for_selector(".pub-map .leaflet-marker-pane .pub-dot")

    _open_topmost_popup(page)
    _wait_in_view(page)

    _close_popup(page)

    # Opened sideways, the map is shorter than the popup: it scrolls inside, its top in view.
    page.set_viewport_size({"width": 844, "height": 390})
    page.reload()
    page.wait_for_selector(".pub-map .leaflet-marker-pane .pub-dot")
    _open_topmost_popup(page)
    _wait_in_view(page)
    assert page.locator(".leaflet-popup-scrolled").count() == 1  # Leaflet's maxHeight
    _close_popup(page)
