"""An organiser on a phone with its largest text (200 %), at the meeting point: no tab of the
organiser space is laid out wider than the phone. Before, five were at 360 px (up to 441 px):
grids whose column grew to their widest field, and a label's "organisateur·rices", a word
longer than its line; at 320 px the review card's field names also left their values none.
Nor does a button or field stick out of its card: at 320 px the account tab's "Se déconnecter"
did (and past the phone's edge), its padding and the card's having doubled with the text."""

import pytest

from .organiser import log_in, open_tab, organiser_context
from .phone import SIDEWAYS, TEXT_200

pytestmark = pytest.mark.browser

TABS = [
    "review", "conflicts", "summary", "exports", "signage", "public", "walks", "people", "account",
]  # fmt: skip

# The buttons and fields standing past their card's edge (its border), each as "class: text".
OUT_OF_CARD = """() => [...document.querySelectorAll('.org-card')].flatMap((card) => {
  const edge = card.getBoundingClientRect();
  return [...card.querySelectorAll('.btn, input, select, textarea')]
    .filter((el) => el.offsetParent !== null)
    .filter((el) => {
      const box = el.getBoundingClientRect();
      return box.left < edge.left - 0.5 || box.right > edge.right + 0.5;
    })
    .map((el) => `${el.className}: ${(el.textContent || el.name).trim().slice(0, 30)}`);
})"""


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
        sideways, sticking_out = {}, {}
        for tab in TABS:
            open_tab(page, tab)
            sideways[tab] = page.evaluate(SIDEWAYS, phone["width"])
            sticking_out[tab] = page.evaluate(OUT_OF_CARD)
    finally:
        context.close()

    assert {tab: found for tab, found in sideways.items() if found} == {}, sideways
    assert {tab: found for tab, found in sticking_out.items() if found} == {}, sticking_out
