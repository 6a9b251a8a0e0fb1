"""Karim checks which OpenStreetMap camera a survey will change: two mapped cameras stand 3 m
apart and the walker's log is between them, 1.45 m from one and 1.70 m from the other. The card
names the node the export would modify, with its tags and a link; he picks the other one, and
the export's dry run modifies that one."""

from urllib.parse import parse_qs, urlsplit

import pytest

from .conftest import METRE_DEG
from .organiser import (
    log_in,
    open_in_review,
    open_tab,
    organiser_context,
    osm_import,
    shoot_both,
    walker_logs,
)

pytestmark = pytest.mark.browser

# Far from where the other browser tests log, so that no other survey competes for them.
LAT, LON = 43.30105, 5.39013
NEAR, FAR = 9_100_000_001, 9_100_000_002


def import_neighbours(server, tmp_path) -> None:
    """Two mapped cameras in the server's OSM cache, as `camwalk osm import` of a file."""
    cameras = (
        (NEAR, 3, LAT, {"operator": "RTM", "camera:type": "dome"}),
        (FAR, 5, LAT + 3.15 * METRE_DEG, {"operator": "Ville de Marseille"}),
    )
    nodes = "".join(
        f'<node id="{node_id}" version="{version}" lat="{lat:.7f}" lon="{LON}">'
        '<tag k="man_made" v="surveillance"/>'
        + "".join(f'<tag k="{k}" v="{v}"/>' for k, v in tags.items())
        + "</node>"
        for node_id, version, lat, tags in cameras
    )
    path = tmp_path / "neighbours.osm"
    path.write_text(f'<osm version="0.6">{nodes}</osm>', encoding="utf-8")
    osm_import(server, path)


def test_the_card_names_the_osm_node_and_the_organiser_picks_the_other(
    camwalk_server, browser, screenshot, tmp_path
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    import_neighbours(camwalk_server, tmp_path)
    position = {"lat": round(LAT + 1.45 * METRE_DEG, 7), "lon": LON, "accuracy_m": 4}
    obs_id = walker_logs(base, demo, position=position, operator="Police municipale")
    context = organiser_context(browser)
    page = context.new_page()
    log_in(page, base, demo)
    open_in_review(page, obs_id)

    section = page.locator(".rev-osm")
    section.wait_for()
    assert section.get_attribute("data-action") == "modify"
    assert f"n° {NEAR}" in page.inner_text(".rev-osm-action")
    # Metres as every organiser screen gives them (formatMetres): whole, never "1.45 m".
    assert page.inner_text(".rev-osm-action").endswith(", à 1 m.")
    labels = page.locator(".rev-osm-choice li[data-node] button").all_inner_texts()
    assert labels[:2] == [f"Nœud n° {NEAR} · 1 m", f"Nœud n° {FAR} · 2 m"], labels
    assert f"n° {FAR}" in page.inner_text(".rev-osm-ambiguous")
    tags = page.locator(".rev-osm-tags code").all_inner_texts()
    assert "operator=RTM" in tags and "camera:type=dome" in tags
    link = page.locator(".rev-osm-node a")
    assert link.get_attribute("href") == f"https://www.openstreetmap.org/node/{NEAR}"
    assert link.get_attribute("rel") == "noopener noreferrer"
    # Both on the card's map, the one the export will change marked.
    assert page.locator(".rev-map .osm-dot").count() == 2
    chosen_dot = f".rev-map [title='OSM {NEAR}'] .osm-dot.is-chosen"
    assert page.locator(chosen_dot).count() == 1
    section.scroll_into_view_if_needed()
    shoot_both(page, screenshot, "review-osm-node")

    # The queue is asked again after the choice (the export's plan can change other cards).
    # Held here, as a walk of 60,000 cameras holds it for some 15 s: the screen says it is
    # updating, and neither the keyboard nor the buttons decide on the card meanwhile.
    held, decisions = [], []
    page.route("**/api/v1/groups/*/review?*", lambda route: held.append(route))
    page.on(
        "request",
        lambda r: r.method == "POST" and r.url.endswith("/review") and decisions.append(r),
    )
    page.click(f".rev-osm-choice li[data-node='{FAR}'] button")
    page.wait_for_selector(".rev-refreshing")
    # The choice is saved first, and the queue asked again once it is: on a busy machine that
    # comes a while after the screen says it is updating.
    for _ in range(300):
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "the review queue was not asked again"
    for key in "ajr":
        page.keyboard.press(key)
    assert page.evaluate(
        "() => ['button[data-action=approve]', '.rev-row'].every("
        "(s) => document.querySelector(s).closest('[inert]'))"
    )
    page.wait_for_timeout(300)  # lets a decision's request leave, if one were made
    assert decisions == []
    held[0].continue_()
    page.unroute("**/api/v1/groups/*/review?*")
    page.wait_for_selector(f".rev-osm-node[data-node='{FAR}']")
    assert page.locator(".rev-refreshing").count() == 0
    assert page.locator("[inert]").count() == 0
    assert page.locator(f".hist[data-id='{obs_id}']").count() == 1
    assert page.locator(".rev-osm-ambiguous").count() == 0
    assert page.locator(f".rev-map [title='OSM {FAR}'] .osm-dot.is-chosen").count() == 1
    assert "operator=Ville de Marseille" in page.locator(".rev-osm-tags code").all_inner_texts()
    chosen = page.locator(f".rev-osm-choice li[data-node='{FAR}'] button")
    assert chosen.get_attribute("aria-pressed") == "true"
    page.click("button[data-action=approve]")
    page.wait_for_selector(f".hist[data-id='{obs_id}']", state="detached")

    open_tab(page, "exports")
    page.click("#up-prepare")
    page.wait_for_selector(".up-plan")
    page.locator(".up-change").first.wait_for()
    modified = page.locator(".up-modify").evaluate_all("els => els.map(e => e.dataset.node)")
    assert str(FAR) in modified and str(NEAR) not in modified
    context.close()


# Another spot, for a camera two surveys stand near.
SHARED_LAT, SHARED_LON = 43.30305, 5.39013
SHARED = 9_100_000_003


def test_a_choice_on_one_card_updates_the_card_that_shared_its_node(
    camwalk_server, browser, tmp_path
):
    """The nearer survey changes the camera, the other would map a new one. Karim says the
    nearer is a new camera: the screen asks for the cards the choice concerns, not the whole
    queue, and the other card, in its place, now changes the camera."""
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    path = tmp_path / "shared.osm"
    path.write_text(
        f'<osm version="0.6"><node id="{SHARED}" version="2" lat="{SHARED_LAT}" '
        f'lon="{SHARED_LON}"><tag k="man_made" v="surveillance"/>'
        '<tag k="camera:type" v="dome"/></node></osm>',
        encoding="utf-8",
    )
    osm_import(camwalk_server, path)
    nearer, other = (
        walker_logs(
            base,
            demo,
            position={"lat": round(SHARED_LAT + m * METRE_DEG, 7), "lon": SHARED_LON},
        )
        for m in (1.0, -2.0)
    )
    page = organiser_context(browser).new_page()
    log_in(page, base, demo)
    open_in_review(page, other)
    assert page.locator(f".rev-osm-node[data-node='{SHARED}']").count() == 0
    # Offered, as another survey's node.
    assert page.locator(f".rev-osm-choice li[data-node='{SHARED}'] .muted").count() == 1
    open_in_review(page, nearer)
    page.wait_for_selector(f".rev-osm-node[data-node='{SHARED}']")
    rows = page.locator(".rev-row").evaluate_all("els => els.map(e => e.dataset.id)")

    asked = []
    page.on("request", lambda r: "/review?" in r.url and asked.append(r.url))
    page.click(".rev-osm-choice li[data-node='new'] button")
    page.wait_for_selector(".rev-osm-choice li[data-node='new'] button[aria-pressed=true]")
    page.wait_for_selector(".rev-refreshing", state="detached")

    (url,) = asked
    ids = parse_qs(urlsplit(url).query)["ids"][0].split(",")
    assert ids[0] == nearer and other in ids
    assert page.locator(".rev-row").evaluate_all("els => els.map(e => e.dataset.id)") == rows
    open_in_review(page, other)
    assert page.locator(".rev-osm").get_attribute("data-action") == "modify"
    assert page.locator(f".rev-osm-node[data-node='{SHARED}']").count() == 1
    page.context.close()
