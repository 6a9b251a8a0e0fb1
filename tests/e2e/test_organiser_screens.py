"""The walk summary, the public campaign map, and what walkers never see."""

import uuid

import pytest
import requests

from .organiser import PHONE, api, log_in, open_tab, organiser_context, shoot_both, walker_logs
from .phone import join_and_pick_walk

pytestmark = pytest.mark.browser


def zoom_titles(page, map_selector):
    zoom = page.locator(f"{map_selector} .leaflet-control-zoom a")
    return zoom.evaluate_all("els => els.map(e => e.title)")


def test_the_walk_summary_shows_counts_charts_map_and_the_checklist(
    camwalk_server, browser, screenshot
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    expected = api(base, demo["organiser_token"], "GET", f"/walks/{demo['walk_id']}/summary")
    context = organiser_context(browser)
    page = context.new_page()
    log_in(page, base, demo)
    open_tab(page, "summary")
    page.wait_for_selector(".bar-chart")
    stats = page.inner_text(".stats")
    assert str(expected["totals"]["new"]) in stats
    assert str(expected["totals"]["in_osm"]) in stats
    assert page.locator(".chart-card").count() == 4
    top_operator = max(expected["by_operator"], key=expected["by_operator"].get)
    # Cameras logged with no operator (by other tests on this server) are "unknown" there.
    assert {"unknown": "non renseigné"}.get(top_operator, top_operator) in page.inner_text(
        ".charts"
    )
    cones = page.locator(".sum-map path.cone").count()
    assert cones == sum(len(c["direction"] or []) for c in expected["cameras"])
    # Pairs flagged as one device and not merged count twice: the summary says so.
    pairs = expected["totals"]["open_duplicate_pairs"]
    assert page.locator(".sum-duplicates").count() == (1 if pairs else 0)
    page.wait_for_selector(".checklist .chk-list")
    # Leaflet's titles are English: the organiser reads hers.
    assert zoom_titles(page, ".sum-map") == ["Zoomer", "Dézoomer"]
    shoot_both(page, screenshot, "summary")
    context.close()


def test_the_public_map_shows_approved_cameras_without_pseudonyms(
    camwalk_server, browser, new_phone, screenshot
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    # A guard on the map: shown, but not counted among the cameras.
    guard = walker_logs(base, demo, kind="guard", camera_type=None, surveillance=None)
    api(
        base,
        demo["organiser_token"],
        "POST",
        f"/observations/{guard}/review",
        json={"status": "approved", "version": 1},
    )
    context = organiser_context(browser)
    page = context.new_page()
    log_in(page, base, demo)
    open_tab(page, "public")
    if page.get_attribute("#pub-toggle", "aria-pressed") == "true":
        page.click("#pub-toggle")
        page.wait_for_selector("#pub-toggle[aria-pressed=false]")
    page.click("#pub-toggle")
    page.wait_for_selector("#pub-url")
    link = page.input_value("#pub-url")
    assert link == f"{base}/public/{demo['group_slug']}"
    shoot_both(page, screenshot, "public-settings")
    context.close()

    approved = api(
        base,
        demo["organiser_token"],
        "GET",
        f"/groups/{demo['group_id']}/review",
        params={"status": "approved"},
    )
    # Cameras a walker edited after approval wait for review and stay published as approved.
    pending = api(
        base,
        demo["organiser_token"],
        "GET",
        f"/groups/{demo['group_id']}/review",
        params={"status": "pending"},
    )
    published = len(approved) + sum(item["changed_since_approval"] is not None for item in pending)
    visitor = new_phone()
    public = visitor.new_page()
    public.goto(link)
    public.wait_for_selector(".pub-map .leaflet-marker-icon")
    assert public.locator(".leaflet-marker-icon").count() == published
    assert zoom_titles(public, ".pub-map") == ["Zoomer", "Dézoomer"]
    # Guards and gunshot detectors are on the map, but not counted as cameras.
    collection = requests.get(f"{base}/api/v1/public/{demo['group_slug']}/cameras.geojson").json()
    kinds = [f["properties"]["kind"] for f in collection["features"]]
    filming = sum(kind in ("camera", "ALPR") for kind in kinds)
    assert len(kinds) == published and filming < published
    headline = public.inner_text(".pub-count").replace("\u202f", "")
    assert headline.startswith(f"{filming} caméras validées et {published - filming} autre")
    # Pairs of published points that may be one device are said, never silently merged.
    pairs = collection["open_duplicate_pairs"]
    assert ("relevé deux fois" in headline) is (pairs > 0), headline
    public.locator(".leaflet-marker-icon").first.click()
    public.wait_for_selector(".pub-popup")
    text = public.inner_text("body")
    for member in api(base, demo["organiser_token"], "GET", f"/groups/{demo['group_id']}/members"):
        assert member["pseudonym"] not in text
    screenshot(public, "org-public-map-390")


def test_a_walker_never_sees_or_downloads_the_organiser_screens(camwalk_server, new_phone):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    phone = new_phone()
    page = phone.new_page()
    fetched = []
    page.on("request", lambda r: fetched.append(r.url))
    join_and_pick_walk(page, base, demo["invite_code"], f"sterne-{uuid.uuid4().hex[:6]}")
    page.evaluate("window.camwalk.go('walks')")
    page.wait_for_selector("button.walk")
    assert page.locator("button.org-open").count() == 0
    # Even asked directly, the app sends a walker back to the walks.
    page.evaluate("window.camwalk.go('organise')")
    page.wait_for_selector("button.walk")
    assert page.locator(".org-tabs").count() == 0
    assert not [u for u in fetched if "/assets/org-" in u or "/assets/organise-" in u]
    assert page.viewport_size == PHONE


def test_on_a_phone_the_open_tab_is_scrolled_into_sight(camwalk_server, browser):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    ctx = organiser_context(browser, PHONE)
    page = ctx.new_page()
    log_in(page, base, demo)
    page.evaluate("document.querySelector('.org-tab[data-tab=people]').click()")
    page.wait_for_selector(".org-tab.is-current[data-tab=people]")
    box = page.locator(".org-tab.is-current").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    ctx.close()


def test_a_tab_left_while_it_loads_neither_draws_over_the_next_nor_keeps_its_keys(
    camwalk_server, browser
):
    """Karim opens the organiser space (the review queue loads, slowly on a bad line) and
    clicks Summary before it came. The queue that arrives late must not replace the summary,
    and its keyboard shortcuts must be gone with it: "a" would approve a camera unseen."""
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    context = organiser_context(browser)
    page = context.new_page()
    held = []
    page.route("**/api/v1/groups/*/review?*", lambda route: held.append(route))
    decisions = []
    page.on("request", lambda r: r.method == "POST" and "/review" in r.url and decisions.append(r))

    log_in(page, base, demo)
    for _ in range(200):  # the queue's request is on its way once the tabs show
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "the review queue was never asked for"
    open_tab(page, "summary")
    with page.expect_response("**/api/v1/groups/*/review?*"):
        held[0].continue_()
    page.wait_for_timeout(500)  # lets the late answer be drawn, if it were; not an assertion

    assert page.locator(".org-body[data-ready=summary] .stats").count() == 1
    assert page.locator(".rev-card").count() == 0
    page.keyboard.press("a")
    page.wait_for_timeout(300)
    assert decisions == []
    context.close()
