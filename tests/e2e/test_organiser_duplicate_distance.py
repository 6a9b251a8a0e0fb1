"""Karim opens the card of a camera whose possible duplicate he approved already: out of the
queue, that record was unknown to the card, which said "Doublon possible à ? m". The server
says how far apart the pair stands, and the card says it as the compare screen does."""

import random

import pytest

from .conftest import METRE_DEG
from .organiser import LAPTOP, PHONE, api, log_in, open_in_review, organiser_context, walker_logs

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_a_duplicate_out_of_the_queue_says_how_far_it_is(camwalk_server, browser, viewport):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    rng = random.Random()
    # A spot of its own, north-east of where the other browser tests log.
    lat, lon = 43.3150 + rng.random() * 0.004, round(5.4100 + rng.random() * 0.006, 6)
    at = lambda north_m: {"lat": round(lat + north_m * METRE_DEG, 7), "lon": lon}  # noqa: E731
    approved = walker_logs(base, demo, position=at(0), operator="Approuvée")
    shown = walker_logs(base, demo, position=at(2.6), operator="À valider")
    api(
        base,
        demo["organiser_token"],
        "POST",
        f"/observations/{approved}/review",
        json={"status": "approved"},
    )
    context = organiser_context(browser)
    page = context.new_page()
    log_in(page, base, demo)
    open_in_review(page, shown)
    page.set_viewport_size(viewport)

    hint = page.locator(f".rev-hints .hint-dup[data-other='{approved}']")
    text = hint.inner_text()
    assert "Doublon possible à 3 m" in text, text
    assert "? m" not in text
    hint.locator("button").click()
    distance = page.inner_text(".merge-distance")
    assert distance == "à 3 m l’une de l’autre", distance
    context.close()
