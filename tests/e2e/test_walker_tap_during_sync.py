"""A sync redraws the walker's cameras at each step (every photo sent). Each marker must stay
the element it was, changing only its dot. The map used to rebuild every marker instead: a
phone test now and then clicked a marker the redraw had just taken off the page, and nothing
opened; a walker tapping a camera while her phone syncs meets the same redraws."""

import uuid

import pytest

from .phone import (
    NOTHING_WAITING,
    join_and_pick_walk,
    log_camera,
    markers_js,
    tap_marker,
)

pytestmark = pytest.mark.browser

SPOT = (43.29712, 5.37466)
PHOTO = "exifr/IMG_20180725_163423-tiny.jpg"

MARK = """() => {
  const icon = (state) =>
    document.querySelector(`.leaflet-marker-pane .obs-dot.state-${state}`).parentElement;
  icon('safe').dataset.probe = 'on the server';
  icon('pending').dataset.probe = 'hers';
}"""
PROBED = """() => Object.fromEntries([...document.querySelectorAll('[data-probe]')].map(
  (icon) => [icon.dataset.probe, [icon.isConnected, icon.querySelector('.obs-dot').className]]))"""


def test_a_sync_keeps_each_marker_and_only_changes_its_dot(camwalk_server, new_phone, photos):
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    context = new_phone(*SPOT)
    page = context.new_page()
    join_and_pick_walk(page, base, demo["invite_code"], f"pie-{uuid.uuid4().hex[:6]}")
    context.set_offline(True)
    log_camera(page, context, lat=SPOT[0], lon=SPOT[1], accuracy=5, photo=photos / PHOTO)
    page.wait_for_function(f"{markers_js('pending')} === 1")
    page.evaluate(MARK)

    context.set_offline(False)  # the 'online' event starts the sync by itself
    page.wait_for_function(NOTHING_WAITING, timeout=30_000)

    # Both still on the page, with the dot of a camera on the server (other tests share the
    # demo group: a camera may meanwhile be flagged a possible duplicate as well).
    probed = page.evaluate(PROBED)
    assert probed.keys() == {"on the server", "hers"}
    for connected, dot in probed.values():
        assert connected and "state-safe" in dot.split()
    tap_marker(page, "[data-probe=hers] .obs-dot", ".obs-sheet")
    assert "en sécurité" in page.inner_text(".obs-sheet h2")
