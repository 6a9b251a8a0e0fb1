"""A new campaign from nothing: `camwalk group create` prints a link, the first organiser opens
it, lands on the walks tab (there is nothing to review yet), creates a walk and invites a
walker, who joins and finds that walk."""

import re
import subprocess
import uuid

import pytest

from .conftest import CAMWALK, server_on_each_engine
from .organiser import LAPTOP, api, open_tab, organiser_context

# This journey runs on SpatiaLite, then on PostGIS.
camwalk_server = server_on_each_engine

pytestmark = pytest.mark.browser


def test_a_group_made_on_the_command_line_is_run_from_the_browser(
    camwalk_server, browser, new_phone, screenshot
):
    base = camwalk_server["url"]
    name = f"Technopolice Lyon {uuid.uuid4().hex[:4]}"
    printed = subprocess.run(
        [CAMWALK, "group", "create", name, "--base-url", base],
        env=camwalk_server["env"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    link = re.search(r"(http\S+/join/\S+)", printed).group(1)

    ctx = organiser_context(browser, LAPTOP)
    page = ctx.new_page()
    page.goto(link)
    page.fill("#pseudonym", "nadia")
    with page.expect_response("**/api/v1/join") as joined:
        page.click("button[type=submit]")
    token = joined.value.json()["token"]
    me = api(base, token, "GET", "/me")
    assert (me["member"]["role"], me["group"]["name"]) == ("organiser", name)
    page.click("button.org-open")
    page.wait_for_selector(".org-tab.is-current[data-tab=walks]")
    assert page.locator(".walk-card").count() == 0

    page.fill("#walk-name", "Presqu'île")
    page.fill("#walk-date", "2026-12-05")
    page.click("#walk-create")
    page.wait_for_selector(".walk-card:has-text('Presqu')")
    # No area and no camera yet: nowhere to look in OSM, said in the organiser's language.
    page.click(".walk-card:has-text('Presqu') .walk-osm-fetch")
    page.locator(".toast-error:has-text('dessinez sa zone')").wait_for()

    open_tab(page, "people")
    assert page.locator("tr:has(td:text-is('nadia'))").inner_text().count("organisat") == 1
    page.click("#inv-create")
    page.locator("article.inv input.inv-url").wait_for()
    invite_url = page.locator("article.inv input.inv-url").first.input_value()
    screenshot(page, "org-first-invite")

    phone = new_phone().new_page()
    phone.goto(invite_url)
    phone.fill("#pseudonym", "pie-bavarde")
    phone.click("button[type=submit]")
    phone.wait_for_selector("button.walk")
    assert phone.locator("button.walk").all_inner_texts() == ["Presqu'île\n5 déc. 2026"]
    members = api(base, token, "GET", f"/groups/{me['group']['id']}/members")
    assert sorted((m["pseudonym"], m["role"]) for m in members) == [
        ("nadia", "organiser"),
        ("pie-bavarde", "walker"),
    ]
    ctx.close()
