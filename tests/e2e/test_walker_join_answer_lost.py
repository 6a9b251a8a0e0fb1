"""The answer to Join is lost on a weak link after the server made the member: tapping Join
again brings the walker in as that member, with a many-use invite and with a one-use one.
Before, the retry said "pseudonym taken" or "invite used up" and she was locked out."""

import uuid

import pytest

from .organiser import api

pytestmark = pytest.mark.browser


def _drop_first_answer(page) -> dict:
    """The first join goes to the server; its answer never reaches the page."""
    seen = {"joins": 0}

    def handle(route):
        seen["joins"] += 1
        if seen["joins"] == 1:
            route.fetch()  # the server makes the member…
            route.abort("connectionreset")  # …and the answer is lost on the way
        else:
            route.continue_()

    page.route("**/api/v1/join", handle)
    return seen


def _members_named(base, demo, pseudonym) -> list[dict]:
    members = api(base, demo["organiser_token"], "GET", f"/groups/{demo['group_id']}/members")
    return [m for m in members if m["pseudonym"] == pseudonym]


@pytest.mark.parametrize("max_uses", [None, 1], ids=["many-use", "one-use"])
def test_join_again_after_its_answer_was_lost_brings_her_in(
    camwalk_server, new_phone, screenshot, max_uses
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    code = demo["invite_code"]
    if max_uses:
        path = f"/groups/{demo['group_id']}/invites"
        code = api(base, demo["organiser_token"], "POST", path, json={"max_uses": 1})["code"]
    pseudonym = f"sterne-{uuid.uuid4().hex[:6]}"
    phone = new_phone().new_page()
    phone.goto(f"{base}/join/{code}")
    seen = _drop_first_answer(phone)

    phone.fill("#pseudonym", pseudonym)
    phone.click("button[type=submit]")
    phone.wait_for_function("document.querySelector('form p.error').textContent !== ''")
    assert len(_members_named(base, demo, pseudonym)) == 1  # the first try did join
    phone.click("button[type=submit]")

    phone.wait_for_selector("button.walk")
    screenshot(phone, f"join-answer-lost-{max_uses or 'many'}")
    assert seen["joins"] == 2
    assert len(_members_named(base, demo, pseudonym)) == 1
    me = phone.evaluate(
        """() => new Promise((resolve) => {
          const open = indexedDB.open('camwalk');
          open.onsuccess = () => {
            const get = open.result.transaction('meta').objectStore('meta').get('session');
            get.onsuccess = () => { resolve(get.result.member); open.result.close(); };
          };
        })"""
    )
    assert me["pseudonym"] == pseudonym
    assert me["id"] == _members_named(base, demo, pseudonym)[0]["id"]
