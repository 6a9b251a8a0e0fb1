"""The organiser's space on a phone in French (390 x 844): what once got in her way."""

import re
import subprocess
import uuid

import pytest

from .conftest import CAMWALK
from .organiser import (
    PHONE,
    api,
    jpeg,
    log_in,
    log_with_photo,
    open_tab,
    organiser_context,
    upload_photo,
    walker_logs,
)

pytestmark = pytest.mark.browser

# "3 déc. 2026": the day, the month in short French words, the year.
FRENCH_DAY = re.compile(
    r"\b\d{1,2} (janv|févr|mars|avr|mai|juin|juil|août|sept|oct|nov|déc)\.? \d{4}"
)

# Lists what sticks out past the right edge of the page, with its width, or [] when nothing does.
WIDER_THAN_PAGE = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.querySelectorAll('.org-body *')) {
    const r = el.getBoundingClientRect();
    if (r.width && r.right > width + 1) out.push(`${el.tagName}.${el.className}`);
  }
  return {scroll: document.documentElement.scrollWidth, width, out: out.slice(0, 8)};
}"""


def show_in_review(page, obs_id: str) -> None:
    """Steps through the queue with the "next" key (a phone hides the list) to one camera."""
    page.wait_for_selector(".rev-card h2")
    for _ in range(200):
        if page.locator(f".hist[data-id='{obs_id}']").count():
            return
        page.keyboard.press("j")
    raise AssertionError(f"{obs_id} is not in the review queue")


@pytest.fixture
def phone_organiser(camwalk_server, browser):
    """An organiser signed in on a phone-sized browser, in French."""
    context = organiser_context(browser, PHONE)
    page = context.new_page()
    log_in(page, camwalk_server["url"], camwalk_server["demo"])
    yield page
    context.close()


def test_the_map_credit_never_covers_the_reject_button(camwalk_server, phone_organiser):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    # A photo above the map puts the map low enough to pass under the sticky action bar.
    photo = upload_photo(base, demo["walker_token"], jpeg(16))
    fields = {"position": {"lat": 43.2952, "lon": 5.3801, "accuracy_m": 5}, "kind": "camera"}
    obs_id = log_with_photo(base, demo, demo["walker_token"], fields, photo)
    page = phone_organiser
    open_tab(page, "review")
    show_in_review(page, obs_id)
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_selector(".rev-map .leaflet-control-attribution")
    # Scroll step by step until the credit passes under the sticky bar's reject button, then
    # ask the page what a tap at the middle of the overlap would touch (all in one go, so
    # nothing moves between measuring and asking).
    hit = page.evaluate(
        """() => {
          const reject = document.querySelector('[data-action=reject]');
          const credit = document.querySelector('.rev-map .leaflet-control-attribution');
          for (let y = 0; y <= document.documentElement.scrollHeight; y += 4) {
            window.scrollTo({ top: y, behavior: 'instant' });
            const b = reject.getBoundingClientRect(), c = credit.getBoundingClientRect();
            const left = Math.max(b.left, c.left), right = Math.min(b.right, c.right);
            const top = Math.max(b.top, c.top), bottom = Math.min(b.bottom, c.bottom);
            if (right - left > 8 && bottom - top > 8) {  // well inside, not a sliver at an edge
              const el = document.elementFromPoint((left + right) / 2, (top + bottom) / 2);
              const button = el && el.closest('button');
              return button ? button.dataset.action : el.outerHTML.slice(0, 120);
            }
          }
          return 'the credit never passed under the reject button';
        }"""
    )
    assert hit == "reject"


@pytest.mark.parametrize("width", [390, 360])
def test_the_members_tab_fits_the_phone_once_members_and_invites_are_listed(
    phone_organiser, width
):
    page = phone_organiser
    page.set_viewport_size({"width": width, "height": PHONE["height"]})
    open_tab(page, "people")
    page.wait_for_selector(".mem-table")
    page.click("#inv-create")
    page.wait_for_selector(".inv-url")
    assert page.evaluate(WIDER_THAN_PAGE) == {"scroll": width, "width": width, "out": []}
    cut_off = page.evaluate(
        """(width) => [...document.querySelectorAll('#inv-create, .inv-revoke, .mem-table button')]
          .filter((b) => b.getClientRects().length)  // drawn, not folded away
          .filter((b) => b.getBoundingClientRect().left < 0
                         || b.getBoundingClientRect().right > width)
          .map((b) => b.textContent)""",
        width,
    )
    assert page.locator(".mem-table button").count() and page.locator(".inv-revoke").count()
    assert cut_off == []
    page.locator(".mem-table button.mem-ask").first.click()  # the question and its two buttons
    assert page.evaluate(WIDER_THAN_PAGE) == {"scroll": width, "width": width, "out": []}


def test_the_join_page_says_what_went_wrong_in_french_not_a_code(camwalk_server, new_phone):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    page = new_phone().new_page()
    page.goto(f"{base}/join/no-such-invite-code")
    page.fill("#pseudonym", "goéland")
    page.click("button[type=submit]")
    page.wait_for_selector(".error:not(:empty)")
    said = page.inner_text(".error")
    assert "invitation n’est pas valable" in said and "invite_invalid" not in said

    page.goto(f"{base}/join/{demo['invite_code']}")
    page.fill("#pseudonym", "   ")
    page.click("button[type=submit]")
    page.wait_for_selector(".error:not(:empty)")
    said = page.inner_text(".error")
    assert "pseudonyme" in said and "invalid_input" not in said


def test_numbers_and_dates_are_written_the_french_way(camwalk_server, phone_organiser):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    walk = api(base, demo["organiser_token"], "GET", f"/walks/{demo['walk_id']}")
    page = phone_organiser
    open_tab(page, "summary")
    page.wait_for_selector(".sum-split p")
    density = page.inner_text(".sum-split p")
    assert re.fullmatch(r"[\d,]+ caméras / km² sur [\d,]+ km²", density), density
    assert not re.search(r"\d\.\d", page.inner_text(".summary"))
    # The walk picker names the day as every other screen does ("3 déc. 2026").
    picked = page.locator("#org-walk option:checked").inner_text()
    assert FRENCH_DAY.search(picked) and walk["date"] not in picked, picked
    open_tab(page, "people")
    page.wait_for_selector(".mem-table")
    assert FRENCH_DAY.search(page.inner_text(".mem-table tbody"))


def test_the_walker_sees_the_walk_day_in_the_same_style(camwalk_server, new_phone):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    page = new_phone().new_page()
    page.goto(f"{base}/join/{demo['invite_code']}")
    page.fill("#pseudonym", f"sterne-{uuid.uuid4().hex[:6]}")
    page.click("button[type=submit]")
    page.wait_for_selector("button.walk .walk-date")
    assert FRENCH_DAY.search(page.locator(".walk-date").first.inner_text())


def test_the_summary_tiles_count_every_camera_and_the_bar_has_a_key(
    camwalk_server, phone_organiser
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    refused = walker_logs(base, demo, operator="Refusée")
    api(
        base,
        demo["organiser_token"],
        "POST",
        f"/observations/{refused}/review",
        json={"status": "rejected"},
    )
    totals = api(base, demo["organiser_token"], "GET", f"/walks/{demo['walk_id']}/summary")[
        "totals"
    ]
    page = phone_organiser
    open_tab(page, "summary")
    page.wait_for_selector(".stats")
    tiles = {
        name: int(page.inner_text(f".sum-review .sum-part-{name} strong").replace("\u202f", ""))
        for name in ("ok", "pending", "rejected")
    }
    assert tiles == {
        "ok": totals["approved"],
        "pending": totals["pending"],
        "rejected": totals["rejected"],
    }
    assert sum(tiles.values()) == totals["cameras"] and tiles["rejected"] >= 1
    key = page.inner_text(".split-legend")
    assert (
        f"{totals['new']} nouvelles pour OSM" in key and f"{totals['in_osm']} déjà dans OSM" in key
    )
    swatches = page.locator(".split-legend .swatch")
    bar = page.locator(".split-bar rect")
    colour = "el => getComputedStyle(el).backgroundColor"
    fill = "el => getComputedStyle(el).fill"
    assert [swatches.nth(i).evaluate(colour) for i in range(2)] == [
        bar.nth(i).evaluate(fill) for i in range(2)
    ]


ORGANISER_TABS = (
    "review",
    "conflicts",
    "summary",
    "exports",
    "public",
    "walks",
    "people",
    "account",
)


def test_every_organiser_tab_and_its_walk_survive_a_reload(camwalk_server, phone_organiser):
    demo = camwalk_server["demo"]
    page = phone_organiser
    for tab in ORGANISER_TABS:
        open_tab(page, tab)
        assert page.evaluate("location.hash") == f"#/organise/{tab}/{demo['walk_id']}"
        page.reload()
        page.wait_for_selector(f".org-tab.is-current[data-tab={tab}]")
        assert page.input_value("#org-walk") == str(demo["walk_id"]), tab


def test_back_returns_to_the_previous_tab_and_a_shared_link_opens_its_tab(
    camwalk_server, phone_organiser
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    page = phone_organiser
    open_tab(page, "summary")
    open_tab(page, "people")
    page.go_back()
    page.wait_for_selector(".org-tab.is-current[data-tab=summary]")
    page.go_back()
    page.wait_for_selector(".org-tab.is-current[data-tab=review]")
    page.click("button.org-back")  # out of the space: a reload stays out
    page.wait_for_selector("button.org-open")
    page.reload()
    page.wait_for_selector("button.org-open")
    assert page.locator(".org-tabs").count() == 0

    other = page.context.new_page()  # a co-organiser's link, on a signed-in browser
    other.goto(f"{base}/#/organise/exports/{demo['walk_id']}")
    other.wait_for_selector(".org-tab.is-current[data-tab=exports]")


ALL_TABS_IN_SIGHT = """() => [...document.querySelectorAll('.org-tab')]
  .filter(tab => { const r = tab.getBoundingClientRect();
                   return r.left < 0 || r.right > document.documentElement.clientWidth; })
  .map(tab => tab.dataset.tab)"""


def test_a_first_organiser_reads_the_group_and_her_role_and_meets_no_empty_picker(
    camwalk_server, browser
):
    base = camwalk_server["url"]
    name = f"Technopolice Nantes {uuid.uuid4().hex[:4]}"
    printed = subprocess.run(
        [CAMWALK, "group", "create", name, "--base-url", base],
        env=camwalk_server["env"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    link = re.search(r"(http\S+/join/\S+)", printed).group(1)
    context = organiser_context(browser, PHONE)
    page = context.new_page()
    page.goto(link)
    page.wait_for_selector(f"h1:has-text('{name}')")
    assert "organisat" in page.inner_text("h1")
    assert "organisateur·rice du groupe" in page.inner_text("form")
    page.fill("#pseudonym", "nadia")
    page.click("button[type=submit]")
    page.wait_for_selector("ul.walks li")
    assert "Demandez à l’organisation" not in page.inner_text("main")
    assert "espace organisation" in page.inner_text("ul.walks")

    page.click("button.org-open")
    page.wait_for_selector(".org-tab.is-current[data-tab=walks]")
    assert page.locator("#org-walk").count() == 0  # no walk yet, no empty selector
    assert page.evaluate(ALL_TABS_IN_SIGHT) == []
    context.close()


def test_on_a_phone_every_tab_is_in_sight_whichever_is_open(phone_organiser):
    page = phone_organiser
    assert page.evaluate(ALL_TABS_IN_SIGHT) == []
    open_tab(page, "people")
    assert page.evaluate(ALL_TABS_IN_SIGHT) == []


def test_a_new_invite_link_is_not_covered_by_its_confirmation(phone_organiser):
    page = phone_organiser
    open_tab(page, "people")
    page.wait_for_selector(".mem-table")
    before = page.locator("article.inv").count()
    page.click("#inv-create")
    page.wait_for_function(f"document.querySelectorAll('article.inv').length > {before}")
    card = page.locator("article.inv:has(.inv-made)")
    assert "Invitation créée" in card.inner_text()
    box = card.locator(".inv-url").bounding_box()
    on_top = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).className",
        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
    )
    assert on_top == "inv-url"
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]


def test_the_public_map_says_what_its_colours_mean(camwalk_server, phone_organiser, new_phone):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    alpr = walker_logs(base, demo, kind="ALPR", operator="Lecture de plaques")
    api(
        base,
        demo["organiser_token"],
        "POST",
        f"/observations/{alpr}/review",
        json={"status": "approved"},
    )
    page = phone_organiser
    open_tab(page, "public")
    page.wait_for_selector("#pub-toggle")
    # Photos are published from this very tab: its summary must not say "never a photo".
    what = page.inner_text(".pub-settings")
    assert "Jamais de pseudonyme ni de note" in what and "de photo" not in what
    if page.get_attribute("#pub-toggle", "aria-pressed") == "false":
        page.click("#pub-toggle")
        page.wait_for_selector("#pub-url")
    visitor = new_phone().new_page()
    fetched = []
    visitor.on("request", lambda r: fetched.append(r.url))
    visitor.goto(page.input_value("#pub-url"))
    visitor.wait_for_selector(".pub-legend li")
    # The public page has its own words and shares map helpers: no organiser code comes along.
    assert [u for u in fetched if "/assets/org-organise" in u or "/assets/org-people" in u] == []
    colour = "el => getComputedStyle(el).backgroundColor"
    key = {
        visitor.locator(".pub-legend li").nth(i).inner_text(): visitor.locator(
            ".pub-legend li .pub-dot"
        )
        .nth(i)
        .evaluate(colour)
        for i in range(visitor.locator(".pub-legend li").count())
    }
    markers = visitor.locator(".leaflet-marker-icon .pub-dot")
    drawn = {markers.nth(i).evaluate(colour) for i in range(markers.count())}
    assert {"Caméra", "Lecture de plaques"} <= set(key)
    assert drawn == set(key.values())  # every colour on the map has its words
