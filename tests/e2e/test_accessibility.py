"""The walker's screens pass axe-core's WCAG 2.1 A/AA rules (labels, contrast, roles)."""

import json
import uuid

import pytest

from .conftest import REPO, missing_tool
from .phone import open_first_camera

pytestmark = pytest.mark.browser

AXE = REPO / "pwa" / "node_modules" / "axe-core" / "axe.min.js"
RULES = "{runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}"


def _violations(page) -> list:
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        f"axe.run(document, {RULES}).then(r => r.violations.map(v => "
        "({id: v.id, impact: v.impact, where: v.nodes.map(n => n.target.join(' '))})))"
    )
    return found


def test_join_walks_map_log_form_and_camera_sheet_have_no_wcag_violations(
    camwalk_server, new_phone
):
    if not AXE.exists():
        missing_tool(f"axe-core is not installed ({AXE}; cd pwa && npm ci)")
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    page = new_phone().new_page()
    seen = {}
    page.goto(f"{base}/join/{demo['invite_code']}")
    page.wait_for_selector("#pseudonym")
    seen["join"] = _violations(page)
    page.fill("#pseudonym", f"axe-{uuid.uuid4().hex[:6]}")
    page.click("button[type=submit]")
    page.wait_for_selector(".storage [data-persisted]")
    seen["walks"] = _violations(page)
    page.click("button.walk")
    page.wait_for_selector(".leaflet-marker-pane .obs-dot", state="attached")
    seen["map"] = _violations(page)
    page.click("button.fab")
    page.wait_for_selector("form.log-form")
    seen["log form"] = _violations(page)
    page.click("form.log-form button:has-text('Annuler')")
    open_first_camera(page)
    seen["camera sheet"] = _violations(page)
    assert {k: v for k, v in seen.items() if v} == {}, json.dumps(seen, indent=1)
