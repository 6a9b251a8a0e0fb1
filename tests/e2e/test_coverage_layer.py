"""The coverage layer: a walker shows and hides what the cameras see on her walk's map, and a
visitor does the same on a campaign map that publishes its views (issue 17)."""

import uuid

import pytest
import requests

from .phone import join_and_pick_walk

pytestmark = pytest.mark.browser

VIEWS = ".leaflet-overlay-pane path.coverage"


def small_walk_map(bbox):
    """Streets on a 60 m grid over the walk's box, and a building in every other block."""
    west, south, east, north = bbox
    step_lon, step_lat = 0.00075, 0.00054  # about 60 m at Marseille's latitude
    features = []

    def feature(layer, kind, coordinates, name=None):
        geometry = {"type": kind, "coordinates": coordinates}
        return {
            "type": "Feature",
            "geometry": geometry,
            "properties": {"layer": layer, "name": name},
        }

    # Streets cross at shared vertices, as OSM ways meet at shared nodes.
    lons = [west + i * step_lon for i in range(int((east - west) / step_lon) + 1)]
    lats = [south + j * step_lat for j in range(int((north - south) / step_lat) + 1)]
    for lon in lons:
        features.append(feature("street", "LineString", [[lon, lat] for lat in lats], "Rue N-S"))
    for lat in lats:
        features.append(feature("street", "LineString", [[lon, lat] for lon in lons], "Rue E-O"))
    lon, row = west + step_lon * 0.3, 0
    while lon + step_lon * 0.4 < east:
        lat = south + step_lat * (0.3 + row % 2)
        while lat + step_lat * 0.4 < north:
            ring = [
                [lon, lat],
                [lon + step_lon * 0.4, lat],
                [lon + step_lon * 0.4, lat + step_lat * 0.4],
                [lon, lat + step_lat * 0.4],
                [lon, lat],
            ]
            features.append(feature("building", "Polygon", [ring]))
            lat += 2 * step_lat
        lon += step_lon
        row += 1
    return features


@pytest.fixture(scope="module")
def mapped_demo(camwalk_server):
    """The demo walk gets a walk map, written into the running server's database."""
    from server import create_app
    from server.basemap.models import WalkBasemap
    from server.basemap.service import store_basemap
    from server.extensions import db
    from server.groups.models import Walk

    base, demo, env = camwalk_server["url"], camwalk_server["demo"], camwalk_server["env"]
    organiser = {"Authorization": f"Bearer {demo['organiser_token']}"}
    walk = requests.get(f"{base}/api/v1/walks/{demo['walk_id']}", headers=organiser, timeout=10)
    bbox = walk.json()["bbox"]
    app = create_app({"DATABASE_URL": env["CAMWALK_DATABASE_URL"], "SECRET_KEY": "e2e-map"})
    with app.app_context():
        store_basemap(db.session.get(Walk, demo["walk_id"]), small_walk_map(bbox), bbox, "api")
        db.session.commit()
        db.engine.dispose()
    yield camwalk_server
    # The server is shared by every browser test: the tests after these expect the demo walk
    # as `camwalk demo` made it, with no walk map (the "no map here" note shows offline).
    with app.app_context():
        db.session.delete(db.session.get(WalkBasemap, demo["walk_id"]))
        db.session.commit()
        db.engine.dispose()


def test_a_walker_shows_and_hides_what_the_cameras_see(mapped_demo, new_phone):
    base, demo = mapped_demo["url"], mapped_demo["demo"]
    page = new_phone().new_page()
    join_and_pick_walk(page, base, demo["invite_code"], f"pouillot-{uuid.uuid4().hex[:6]}")
    toggle = page.locator("button.coverage-toggle:not(.route-toggle)")
    assert page.locator(VIEWS).count() == 0

    toggle.click()
    page.wait_for_selector(VIEWS, state="attached")
    assert toggle.get_attribute("aria-pressed") == "true"
    # Off screen at street level, Leaflet keeps empty paths: zoom out to see them drawn.
    for _ in range(3):
        page.click(".leaflet-control-zoom-out")
        page.wait_for_timeout(300)
    drawn = page.eval_on_selector_all(
        VIEWS, "els => els.filter(e => e.getAttribute('d') !== 'M0 0').length"
    )
    assert drawn > 0
    ranges = page.eval_on_selector_all(VIEWS, "els => new Set(els.map(e => e.classList[1])).size")
    assert ranges == 3  # identification, recognition and observation, each drawn

    toggle.click()
    assert page.locator(VIEWS).count() == 0
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.click()  # shown again from what came the first time
    page.wait_for_selector(VIEWS, state="attached")


# Whether the phone keeps the walk's views (sync/coverage.js), read from its IndexedDB.
HELD_JS = """(id) => new Promise((resolve) => {
  const open = indexedDB.open('camwalk');
  open.onerror = () => resolve(false);
  open.onsuccess = () => {
    const read = open.result.transaction('meta').objectStore('meta').get('coverage:' + id);
    read.onsuccess = () => { open.result.close(); resolve(Boolean(read.result)); };
    read.onerror = () => resolve(false);
  };
})"""


def test_a_walker_who_never_showed_the_views_online_sees_them_offline(mapped_demo, new_phone):
    base, demo = mapped_demo["url"], mapped_demo["demo"]
    context = new_phone()
    page = context.new_page()
    page.goto(f"{base}/join/{demo['invite_code']}")
    page.fill("#pseudonym", f"verdier-{uuid.uuid4().hex[:6]}")
    page.click("button[type=submit]")
    page.wait_for_selector("button.walk")
    page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller")
    # The walk list fetched the views with the walk map: no toggle was ever pressed online.
    for _ in range(100):
        if page.evaluate(HELD_JS, demo["walk_id"]):
            break
        page.wait_for_timeout(200)
    assert page.evaluate(HELD_JS, demo["walk_id"])

    context.set_offline(True)
    page.reload()
    page.click("button.walk")
    toggle = page.locator("button.coverage-toggle:not(.route-toggle)")
    toggle.click()
    page.wait_for_selector(VIEWS, state="attached")
    assert toggle.get_attribute("aria-pressed") == "true"
    api = page.evaluate("fetch('/api/v1/config').then(r => r.status, () => 'no answer')")
    assert api == "no answer"  # really offline


def test_the_public_map_offers_the_views_only_once_they_are_published(mapped_demo, browser):
    """The organiser chooses it in the app's public map tab: the views show on the published
    map of a walk that has a walk map, and go when he takes them back. Unpublished, the page
    does not ask for them: their 404 was an error in every visitor's console."""
    from .organiser import log_in, open_tab, organiser_context

    base, demo = mapped_demo["url"], mapped_demo["demo"]
    organiser = {"Authorization": f"Bearer {demo['organiser_token']}"}
    url = f"{base}/api/v1/groups/{demo['group_id']}/settings"
    was = requests.get(url, headers=organiser, timeout=10).json()
    assert requests.patch(url, json={"public_map": True}, headers=organiser, timeout=10).ok
    context = browser.new_context()
    org_context = organiser_context(browser)
    try:
        page = context.new_page()
        errors, asked = [], []
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.on("request", lambda request: "coverage.geojson" in request.url and asked.append(1))
        page.goto(f"{base}/public/{demo['group_slug']}")
        page.wait_for_selector(".pub-map .leaflet-marker-pane .pub-dot")
        page.wait_for_load_state("networkidle")
        assert page.locator("button.coverage-toggle").count() == 0
        assert (errors, asked) == ([], [])

        org = org_context.new_page()
        log_in(org, base, demo)
        open_tab(org, "public")
        org.click("#pub-views-toggle[aria-pressed='false']")
        org.wait_for_selector("#pub-views-toggle[aria-pressed='true']")
        page.reload()
        page.click("button.coverage-toggle")
        page.wait_for_selector(VIEWS)
        page.click("button.coverage-toggle")
        assert page.locator(VIEWS).count() == 0

        org.click("#pub-views-toggle[aria-pressed='true']")
        org.wait_for_selector("#pub-views-toggle[aria-pressed='false']")
        errors.clear()
        page.reload()
        page.wait_for_selector(".pub-map .leaflet-marker-pane .pub-dot")
        page.wait_for_load_state("networkidle")
        assert page.locator("button.coverage-toggle").count() == 0
        assert errors == []
    finally:
        # The server is shared by the browser tests after this one: it leaves the group's
        # public map and views as it found them, even when it fails half-way.
        org_context.close()
        context.close()
        settings = {key: was[key] for key in ("public_map", "coverage_public")}
        assert requests.patch(url, json=settings, headers=organiser, timeout=10).ok


def test_a_walker_asks_for_the_route_less_seen_between_two_taps(mapped_demo, new_phone):
    base, demo = mapped_demo["url"], mapped_demo["demo"]
    page = new_phone().new_page()
    join_and_pick_walk(page, base, demo["invite_code"], f"bruant-{uuid.uuid4().hex[:6]}")
    for _ in range(2):
        page.click(".leaflet-control-zoom-out")
        page.wait_for_timeout(300)

    page.click("button.route-toggle")
    box = page.locator(".leaflet-container").bounding_box()
    for fx, fy in ((0.25, 0.3), (0.75, 0.7)):
        page.mouse.click(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy)
        page.wait_for_timeout(200)

    page.wait_for_selector("path.route-less-seen", state="attached")
    page.wait_for_selector("path.route-shortest", state="attached")
    assert "m" in page.inner_text(".toast:last-child")


def test_the_walk_summary_shows_and_prints_the_coverage_figures(mapped_demo, browser, screenshot):
    from .organiser import log_in, open_tab, organiser_context

    base, demo = mapped_demo["url"], mapped_demo["demo"]
    organiser = {"Authorization": f"Bearer {demo['organiser_token']}"}
    expected = requests.get(
        f"{base}/api/v1/walks/{demo['walk_id']}/coverage", headers=organiser, timeout=30
    ).json()["figures"]
    context = organiser_context(browser)
    page = context.new_page()
    log_in(page, base, demo)
    open_tab(page, "summary")
    card = page.wait_for_selector(".coverage-card dl")
    share = expected["streets"]["street"]["observation"]["share"] * 100
    assert f"{share:.1f}".replace(".", ",") in card.inner_text()  # French decimals
    page.click(".sum-map button.coverage-toggle")
    page.wait_for_selector(".sum-map path.coverage", state="attached")
    page.emulate_media(media="print")
    assert page.locator(".coverage-card").is_visible()
    assert not page.locator(".sum-map button.coverage-toggle").is_visible()
    screenshot(page, "summary-coverage-print", full_page=True)
    context.close()
