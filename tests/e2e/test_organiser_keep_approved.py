"""Karim refuses a walker's later edit of an approved camera without withdrawing the camera:
"keep the approved version" undoes the edit and keeps the approval; "reject" says plainly that
it withdraws the camera from the public map and the OSM export."""

import uuid

import pytest

from .organiser import api, log_in, organiser_context, walker_edits, walker_logs
from .test_organiser_field_ready import show_in_review

pytestmark = pytest.mark.browser


def card_of(base, demo, obs_id):
    for status in ("pending", "approved", "rejected"):
        for item in api(
            base,
            demo["organiser_token"],
            "GET",
            f"/groups/{demo['group_id']}/review",
            params={"status": status},
        ):
            if item["id"] == obs_id:
                return item
    return None


@pytest.fixture
def edited_since_approval(camwalk_server, browser):
    """The Mairie's camera, approved; then a walker changed its operator and mount. Karim's
    page, on its card."""
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    mairie = f"Mairie {uuid.uuid4().hex[:6]}"
    obs_id = walker_logs(base, demo, operator=mairie, mount="wall")
    api(
        base,
        demo["organiser_token"],
        "POST",
        f"/observations/{obs_id}/review",
        json={"status": "approved", "version": 1},
    )
    walker_edits(
        base, demo, obs_id, 2, operator=(mairie, "Société Générale"), mount=("wall", "pole")
    )
    context = organiser_context(browser)
    page = context.new_page()
    log_in(page, base, demo)
    show_in_review(page, obs_id)
    yield base, demo, page, obs_id, mairie
    context.close()


def test_keeping_the_approved_version_undoes_the_edit_and_keeps_the_camera_approved(
    edited_since_approval, screenshot
):
    base, demo, page, obs_id, mairie = edited_since_approval
    assert "G" in page.inner_text(".rev-keys")
    assert "retire la caméra de la carte publique" in page.inner_text(".rev-since")

    page.keyboard.press("r")
    warning = page.locator(".rev-reject-withdraws")
    assert "carte publique" in warning.inner_text() and "export OSM" in warning.inner_text()
    assert page.locator(".rev-actions [data-action=keep]").is_visible()
    screenshot(page, "org-review-reject-withdraws-1280")
    page.keyboard.press("Escape")

    page.keyboard.press("g")
    page.wait_for_selector(f".hist[data-id='{obs_id}']", state="detached")
    page.wait_for_selector(".toast:has-text('Version validée gardée')")
    card = card_of(base, demo, obs_id)
    assert (card["review_status"], card["operator"], card["mount"]) == ("approved", mairie, "wall")
    assert card["changed_since_approval"] == {}
    history = api(base, demo["organiser_token"], "GET", f"/observations/{obs_id}/history")
    ops = [entry["op"] for entry in history]
    assert ops[-2:] == ["update", "keep_approved"]  # the walker's edit is kept in the history


def test_a_stale_card_keeps_nothing_and_decides_nothing(edited_since_approval):
    base, demo, page, obs_id, _ = edited_since_approval
    walker_edits(base, demo, obs_id, 3, zone=(None, "traffic"))

    page.click(".rev-actions [data-action=keep]")
    page.wait_for_selector(".toast:has-text('a changé depuis que vous l’avez ouverte')")
    card = card_of(base, demo, obs_id)
    assert (card["review_status"], card["operator"], card["zone"]) == (
        "pending",
        "Société Générale",
        "traffic",
    )
