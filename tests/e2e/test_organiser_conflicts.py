"""Karim settles a conflict between two walkers; the walker's phone gets it on its next sync."""

import uuid
from datetime import date

import pytest

from .conftest import server_on_each_engine
from .organiser import api, log_in, open_tab, organiser_context, shoot_both
from .phone import MARKERS, join_and_pick_walk, markers_js, sync_and_wait

# This journey runs on SpatiaLite, then on PostGIS.
camwalk_server = server_on_each_engine

pytestmark = pytest.mark.browser

SPOT = (43.2948, 5.3790)
READ_RECORD = """id => new Promise((resolve, reject) => {
  const open = indexedDB.open('camwalk');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const get = open.result.transaction('observations').objectStore('observations').get(id);
    get.onsuccess = () => { resolve(get.result); open.result.close(); };
  };
})"""


def _change(obs_id, op, **extra):
    return {
        "change_id": str(uuid.uuid4()),
        "observation_id": obs_id,
        "op": op,
        "made_at": f"{date.today().isoformat()}T11:00:00+01:00",
        **extra,
    }


def _send(base, demo, token, change):
    body = api(
        base,
        token,
        "POST",
        f"/groups/{demo['group_id']}/sync",
        json={"cursor": 0, "limit": 1, "changes": [change]},
    )
    return body["results"][0]


def test_a_settled_conflict_reaches_the_walkers_phone_on_its_next_sync(
    camwalk_server, browser, new_phone, screenshot
):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    walker = f"goeland-{uuid.uuid4().hex[:6]}"
    phone = new_phone(*SPOT)
    page = phone.new_page()
    join_and_pick_walk(page, base, demo["invite_code"], walker)
    token = page.evaluate("window.camwalk.session.token")

    # The walker's camera, then two walkers set its operator from the same version.
    obs_id = str(uuid.uuid4())
    fields = {
        "position": {"lat": SPOT[0], "lon": SPOT[1], "accuracy_m": 5},
        "kind": "camera",
        "surveyed_on": date.today().isoformat(),
        "presence": "present",
    }
    create = _change(obs_id, "create", walk_id=demo["walk_id"], fields=fields)
    assert _send(base, demo, token, create)["status"] == "applied"
    mine = _change(
        obs_id,
        "update",
        base_version=1,
        fields={"operator": {"old": None, "new": "Police municipale"}},
    )
    theirs = _change(
        obs_id, "update", base_version=1, fields={"operator": {"old": None, "new": "Mairie"}}
    )
    assert _send(base, demo, token, mine)["status"] == "applied"
    assert _send(base, demo, demo["walker_token"], theirs)["status"] == "conflict"
    sync_and_wait(page)
    page.wait_for_selector(f"{MARKERS}.state-conflict", state="attached")
    # The phone holds the whole group, where earlier tests on this server may have left
    # conflicts of their own: this one's settling takes one marker out of the count.
    in_conflict = page.evaluate(markers_js("conflict"))

    context = organiser_context(browser)
    org = context.new_page()
    log_in(org, base, demo)
    open_tab(org, "conflicts")
    card = org.locator(f".conf-card[data-observation='{obs_id}']")
    card.wait_for()
    text = card.inner_text()
    assert "Police municipale" in text and "Mairie" in text
    assert walker in text and demo["walker_pseudonym"] in text
    # Which camera: what it is and who logged it, not its id alone. What people typed is set
    # apart (U+2068 ... U+2069): a direction override ending an operator reversed the rest.
    about = card.locator(".conf-camera").inner_text()
    assert about.startswith("Caméra")
    assert f"relevée par \u2068{walker}\u2069" in about
    shoot_both(org, screenshot, "conflicts")
    card.locator(".conf-side:has-text('Police municipale') .conf-pick").click()
    card.wait_for(state="detached")
    assert api(base, demo["organiser_token"], "GET", f"/groups/{demo['group_id']}/conflicts") == [
        c
        for c in api(base, demo["organiser_token"], "GET", f"/groups/{demo['group_id']}/conflicts")
        if c["observation_id"] != obs_id
    ]
    context.close()

    # The walker's next sync pulls the settled camera: no conflict badge, the chosen value.
    sync_and_wait(page)
    page.wait_for_function(f"{markers_js('conflict')} === {in_conflict - 1}")
    record = page.evaluate(READ_RECORD, obs_id)
    assert record["server"]["operator"] == "Police municipale"
    assert record["server"]["conflicts"] == []
