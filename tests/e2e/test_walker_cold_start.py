"""A walker reopening the app: the map comes first, the server's config after it.

Starting a request costs a cold page main-thread time it needs for the map
(bench/pwa_cold_start.py), so the config is refreshed once the first screen is drawn; it
must still be refreshed."""

import uuid

import pytest

from .phone import FAB, join_and_pick_walk

pytestmark = pytest.mark.browser

# Start times, in the page's clock, of the map-ready mark and of the config request.
TIMES_JS = """() => {
  const ready = performance.getEntriesByName('camwalk:map-ready')[0];
  const config = performance
    .getEntriesByType('resource')
    .find((r) => new URL(r.name).pathname === '/api/v1/config');
  return ready && config ? [ready.startTime, config.startTime] : null;
}"""


def test_the_map_is_ready_before_the_config_is_asked_for(camwalk_server, new_phone):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    page = new_phone().new_page()
    join_and_pick_walk(page, base, demo["invite_code"], f"pie-{uuid.uuid4().hex[:6]}")
    page.reload()
    page.wait_for_selector(FAB)
    ready, config = page.wait_for_function(TIMES_JS).json_value()
    assert config >= ready
