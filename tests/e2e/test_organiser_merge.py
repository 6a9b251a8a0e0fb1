"""Karim merges two records of one camera side by side; the walker's phone follows on its sync."""

import re
import uuid

import pytest

from .conftest import server_on_each_engine
from .organiser import (
    jpeg,
    local_record,
    log_in,
    log_with_photo,
    open_in_review,
    organiser_context,
    shoot_both,
    upload_photo,
)
from .phone import MARKERS, join_and_pick_walk, server_observations, sync_and_wait

# This journey runs on SpatiaLite, then on PostGIS.
camwalk_server = server_on_each_engine

pytestmark = pytest.mark.browser

# A corner of the demo walk with no other camera within 50 m: this pair is its only duplicate.
SPOT = (43.29250, 5.38600)
MINE = {  # logged by the walker whose phone the test holds
    "position": {"lat": SPOT[0], "lon": SPOT[1], "accuracy_m": 5},
    "kind": "camera",
    "surveillance": "public",
    "camera_type": "dome",
    "mount": "pole",
    "operator": "Police municipale",
    "direction": [90],
}
THEIRS = {  # the same camera, logged 3 m away by the demo walker
    "position": {"lat": SPOT[0] + 0.00002, "lon": SPOT[1] + 0.00002, "accuracy_m": 8},
    "kind": "camera",
    "surveillance": "public",
    "camera_type": "fixed",
    "mount": "wall",
    "operator": "Mairie de Marseille",
    "direction": [110],
    "height_m": 4,
}
# Karim keeps the demo walker's record and, field by field, whose value it ends with.
SURVIVOR = "theirs"
CHOICES = {"camera_type": "theirs", "mount": "mine", "operator": "theirs", "direction": "mine"}
# ... and the position of the better GPS fix (5 m against 8 m), which is not the survivor's.
POSITION_FROM = "mine"


def _live_on_walk(base, demo, walk_id) -> int:
    """How many cameras of the walk the map should show: placed, not deleted, not merged."""
    held = server_observations(base, demo["group_id"], demo["walker_token"])
    return sum(
        1
        for o in held
        if o["walk_id"] == walk_id
        and o.get("position")
        and not o["deleted"]
        and not o["merged_into"]
    )


def _wait_for_markers(page, count: int) -> None:
    """The map redraws after a sync from its own store: wait until it shows `count` cameras."""
    page.wait_for_function(f"document.querySelectorAll('{MARKERS}').length === {count}")


def _merge_in_the_browser(page, mine_id):
    """Opens the walker's record beside its duplicate, picks the survivor and the values."""
    open_in_review(page, mine_id)
    hints = page.locator(".rev-hints .hint-dup")
    assert hints.count() == 1
    hints.locator("button").click()
    page.wait_for_selector(".merge .merge-table")
    # Each record says its review status: neither is published, so no survivor unpublishes it.
    statuses = page.locator(".merge-col .merge-review .review-pending").all_inner_texts()
    assert statuses == ["À valider", "À valider"]
    assert page.locator(".merge-unpublishes").count() == 0
    # The record under review is the left column, its duplicate the right one.
    column = {"mine": 0, "theirs": 1}
    page.locator("input[name=merge-keep]").nth(column[SURVIVOR]).click()
    page.wait_for_selector(f".merge-col:nth-child({column[SURVIVOR] + 1}).is-kept")
    # A blank is no choice: the server fills the survivor's blanks from the other record.
    assert page.locator("input[name=pick-height_m]").count() == 0
    height = page.locator("tr.differs", has=page.locator("th", has_text="Hauteur"))
    assert height.locator("td.is-picked").inner_text() == str(THEIRS["height_m"])
    # Fields she does not touch follow the survivor she chose.
    for field in ("position", *CHOICES):
        page.wait_for_selector(
            f"tr.differs td:nth-child({column[SURVIVOR] + 2}).is-picked input[name=pick-{field}]"
        )
    for field, side in {**CHOICES, "position": POSITION_FROM}.items():
        page.locator(f"input[name=pick-{field}]").nth(column[side]).click()
        page.wait_for_selector(
            f"tr.differs td:nth-child({column[side] + 2}).is-picked input[name=pick-{field}]"
        )


def test_a_merge_keeps_the_chosen_values_and_both_photos_and_reaches_the_phone(
    camwalk_server, browser, new_phone, screenshot
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    phone = new_phone(*SPOT)
    walker_page = phone.new_page()
    join_and_pick_walk(walker_page, base, demo["invite_code"], f"mouette-{uuid.uuid4().hex[:6]}")
    token = walker_page.evaluate("window.camwalk.session.token")

    seed = uuid.uuid4().int % 10_000
    photo = {
        "mine": upload_photo(base, token, jpeg(seed)),
        "theirs": upload_photo(base, demo["walker_token"], jpeg(seed + 1)),
    }
    fields = {"mine": MINE, "theirs": THEIRS}
    ids = {
        "mine": log_with_photo(base, demo, token, MINE, photo["mine"]),
        "theirs": log_with_photo(base, demo, demo["walker_token"], THEIRS, photo["theirs"]),
    }
    sync_and_wait(walker_page)
    for side in ("mine", "theirs"):
        record = local_record(walker_page, ids[side])
        assert record and record["merged_into"] is None
    walk_id = local_record(walker_page, ids["mine"])["walk_id"]
    shown_before = _live_on_walk(base, demo, walk_id)
    _wait_for_markers(walker_page, shown_before)

    context = organiser_context(browser)
    page = context.new_page()
    log_in(page, base, demo)
    _merge_in_the_browser(page, ids["mine"])
    # In whole metres, as the card's hint says it: "à 3 m", never "à 2,83 m".
    distance = page.locator(".merge p", has_text="l’une de l’autre").inner_text()
    assert re.fullmatch(r"à \d+ m l’une de l’autre", distance), distance
    shoot_both(page, screenshot, "merge")
    page.click("#merge-do")
    page.wait_for_selector(".merge", state="detached")
    page.wait_for_selector(f".hist[data-id='{ids[SURVIVOR]}']")
    # The card is the survivor as merged (the mount she took from the other record), and
    # approving it is approving what she chose: her own merge does not stop the decision.
    page.wait_for_selector(".rev-fields:has-text('Poteau')")
    page.keyboard.press("a")
    page.wait_for_selector(f".hist[data-id='{ids[SURVIVOR]}']", state="detached")
    context.close()

    gone_side = "mine" if SURVIVOR == "theirs" else "theirs"
    expected = dict(fields[SURVIVOR])
    expected.update({f: fields[side][f] for f, side in CHOICES.items()})
    expected["position"] = fields[POSITION_FROM]["position"]
    expected_photos = {photo["mine"], photo["theirs"]}

    held = {o["id"]: o for o in server_observations(base, demo["group_id"], demo["walker_token"])}
    survivor, gone = held[ids[SURVIVOR]], held[ids[gone_side]]
    assert gone["merged_into"] == survivor["id"]
    assert survivor["merged_into"] is None
    position = expected.pop("position")
    assert {f: survivor[f] for f in expected} == expected
    assert survivor["position"]["lat"] == pytest.approx(position["lat"], abs=1e-7)
    assert survivor["position"]["lon"] == pytest.approx(position["lon"], abs=1e-7)
    assert {p["sha256"] for p in survivor["photos"]} == expected_photos
    assert survivor["duplicate_hints"] == []
    assert survivor["review_status"] == "approved"

    # The walker's next sync: one camera fewer on the map, the survivor with the chosen values.
    assert _live_on_walk(base, demo, walk_id) == shown_before - 1
    sync_and_wait(walker_page)
    _wait_for_markers(walker_page, shown_before - 1)
    assert local_record(walker_page, ids[gone_side])["merged_into"] == ids[SURVIVOR]
    kept = local_record(walker_page, ids[SURVIVOR])
    assert kept["merged_into"] is None
    assert {f: kept["fields"][f] for f in CHOICES} == {f: expected[f] for f in CHOICES}
    assert {p["sha256"] for p in kept["photos"]} == expected_photos
