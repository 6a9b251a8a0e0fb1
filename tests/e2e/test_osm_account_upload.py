"""Sam connects the group's OpenStreetMap account from the app and uploads the walk: one
changeset with the campaign's hashtag, the new nodes' ids stored so next month's export
modifies them, then disconnects. OSM here is the fake in tests/fake_osm_api."""

import pytest

from tests.fake_osm_api.server import FakeOsm, serve

from .conftest import running_camwalk
from .organiser import api, fr_count, log_in, open_tab, organiser_context

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def fake_osm():
    with serve(FakeOsm(user={"id": 77, "display_name": "sam_maps"})) as running:
        yield running


@pytest.fixture(scope="module")
def server_with_osm(tmp_path_factory, tile_server, fake_osm):
    settings = {
        "CAMWALK_OSM_API_URL": fake_osm.url,
        "CAMWALK_OSM_CLIENT_ID": "camwalk-e2e",
        "CAMWALK_OSM_REDIRECT_URI": "{base}/api/v1/osm/callback",
    }
    with running_camwalk(
        tmp_path_factory.mktemp("osm"), tile_server["url"], env_extra=settings
    ) as s:
        yield s


def test_an_organiser_connects_osm_uploads_the_walk_and_disconnects(
    server_with_osm, fake_osm, browser, screenshot
):
    base, demo = server_with_osm["url"], server_with_osm["demo"]
    ctx = organiser_context(browser)
    page = ctx.new_page()
    log_in(page, base, demo)
    open_tab(page, "exports")
    page.locator(".up-account:has-text('Aucun compte')").wait_for()

    page.click("#up-connect")  # off to (fake) OSM, which consents at once, and back
    page.wait_for_selector(".up-back.ok")
    assert "osm_account" not in page.url  # a reload must not announce it again
    page.locator(".up-account:has-text('sam_maps')").wait_for()

    # The demo's own OSM cameras are made up and never reach OSM (test_demo_sandbox.py): real
    # ones stand at the same spots in the (fake) OSM, and camwalk fetches them for the walk.
    cached = api(base, demo["organiser_token"], "GET", f"/walks/{demo['walk_id']}/osm-nodes")
    for number, node in enumerate(cached["nodes"], start=1):
        fake_osm.state.add_node(900 + number, node["lat"], node["lon"], node["tags"], 2)
    fetched = api(
        base,
        demo["organiser_token"],
        "POST",
        f"/walks/{demo['walk_id']}/osm-fetch",
        json={"source": "api"},
    )
    assert fetched["added"] == len(cached["nodes"])
    # And a camera a mapper marked out of use, 4 m from one of the walk's new cameras: the
    # plan names it to check, and so must what the page shows once it is sent.
    planned = api(
        base,
        demo["organiser_token"],
        "POST",
        f"/walks/{demo['walk_id']}/osm-upload",
        json={"dry_run": True},
    )
    beside = next(change for change in planned["changes"] if change["action"] == "create")
    idle = {"disused:man_made": "surveillance", "surveillance:type": "camera"}
    fake_osm.state.add_node(899, beside["lat"] + 4 / 111_195, beside["lon"], idle, 3)
    api(
        base,
        demo["organiser_token"],
        "POST",
        f"/walks/{demo['walk_id']}/osm-fetch",
        json={"source": "api"},
    )
    before = dict(fake_osm.state.nodes)

    page.click("#up-prepare")
    page.wait_for_selector(".up-plan")
    creates = page.locator(".up-change.up-create").count()
    modifies = page.locator(".up-change.up-modify").evaluate_all(
        "els => els.map(e => Number(e.dataset.node))"
    )
    assert creates > 0 and len(modifies) > 1
    planned_check = page.inner_text(".up-plan .up-out-of-use li")
    assert "nœud OSM 899" in planned_check and "sera un nouveau nœud OSM" in planned_check
    planned_camera = page.get_attribute(".up-plan .up-out-of-use li", "data-observation")
    # The same check marks that camera's own change in the list.
    mark = f".up-change[data-observation='{planned_camera}'] .up-mark-disused_nearby"
    assert page.inner_text(mark) == "près d’une caméra hors service"
    # A mapper deleted one of those cameras since camwalk fetched them: OSM refuses that
    # modify (410), and the page says so once the rest is sent.
    gone = modifies.pop()
    fake_osm.state.nodes[gone].visible = False
    page.click("#up-send")
    page.wait_for_selector(".up-out .up-sent")
    screenshot(page, "org-osm-uploaded")
    sent = page.inner_text(".up-sent")
    assert f"{fr_count(creates, 'création')} · {fr_count(len(modifies), 'modification')}" in sent
    # What it sent that is still to check, as the plan named it, said of what was done.
    assert "1 nouvelle caméra près d’une caméra hors service" in page.inner_text(".up-to-check")
    (sent_check,) = page.locator(".up-sent .up-out-of-use li").all_inner_texts()
    assert "nœud OSM 899" in sent_check and "est maintenant un nouveau nœud OSM" in sent_check
    assert page.get_attribute(".up-sent .up-out-of-use li", "data-observation") == planned_camera
    # Only the summary is announced: the lists under it are read when she goes to them, not
    # all at once by a screen reader as the page changes.
    (announced,) = page.locator(".up-sent [role=status]").all()
    assert page.locator(".up-sent[role=status]").count() == 0
    assert "création" in announced.inner_text()
    assert announced.locator(".up-out-of-use, .up-failed").count() == 0
    (refused,) = page.locator(".up-failed li").all_inner_texts()
    assert refused.startswith(f"410: The node with the id {gone} has already been deleted")

    (changeset,) = fake_osm.state.changesets.values()
    assert changeset["open"] is False
    assert "#technopolice" in changeset["tags"]["hashtags"]
    assert changeset["tags"]["created_by"].startswith("camwalk")
    new_nodes = set(fake_osm.state.nodes) - set(before)
    assert len(new_nodes) == creates
    assert all(fake_osm.state.nodes[n].tags["man_made"] == "surveillance" for n in new_nodes)
    for node_id in modifies:
        assert fake_osm.state.nodes[node_id].version == before[node_id].version + 1
    assert set(modifies) <= set(before)  # real nodes only, never a demo camera's id

    # camwalk kept the new ids: preparing again creates nothing a second time.
    again = api(
        base,
        demo["organiser_token"],
        "POST",
        f"/walks/{demo['walk_id']}/osm-upload",
        json={"dry_run": True},
    )
    assert again["counts"]["created"] == 0

    page.click("#up-disconnect")
    page.locator(".up-account:has-text('Aucun compte')").wait_for()
    assert [r["token"] for r in fake_osm.state.revoked] == [fake_osm.state.token]
    account = api(base, demo["organiser_token"], "GET", f"/groups/{demo['group_id']}/osm-account")
    assert account["connected"] is False
    ctx.close()
