"""Léa answers "still there" at OSM cameras whose tags camwalk reads only in part: `90;` (a
trailing semicolon), feet, a decimal comma. Her phone used to send its misreading (a second lens
pointing north, 12 m for 12 feet) and the osmChange wrote it over the mapper's tags. Now what it
cannot read it leaves empty, and the export keeps those tags as the mapper wrote them."""

import math
import uuid
from xml.etree.ElementTree import fromstring

import pytest

from .organiser import api
from .phone import OSM_REFRESHED, join_and_pick_walk, server_observations, sync_and_wait
from .test_already_in_osm import _answer_banner_at, _osm_nodes

pytestmark = pytest.mark.browser

METRES_PER_DEGREE = 111_195
# Tags as mappers write them, each node read by the phone as `sent` says.
CAMERAS = [
    ({"camera:direction": "90;", "height": "12'"}, {"direction": [90], "height_m": None}),
    ({"camera:direction": "NE;", "height": "4,5"}, {"direction": [45], "height_m": None}),
    ({"direction": "0;90;180", "height": "12 ft"}, {"direction": [0, 90, 180], "height_m": None}),
    ({"camera:direction": "W", "height": "3.5 m"}, {"direction": [270], "height_m": 3.5}),
]


def _far_from(points, lat, lon, metres):
    return all(
        math.hypot(
            (p["lat"] - lat) * METRES_PER_DEGREE,
            (p["lon"] - lon) * METRES_PER_DEGREE * math.cos(math.radians(lat)),
        )
        > metres
        for p in points
    )


def _free_spots(near, taken, count):
    """Spots near the demo cameras, 25 m from any camera or record: the banner offers ours."""
    spots = []
    for step in range(1, 200):
        lat = near["lat"] + (step % 7 - 3) * 30 / METRES_PER_DEGREE
        lon = near["lon"] + (step // 7 - 3) * 40 / METRES_PER_DEGREE
        if _far_from(taken + spots, lat, lon, 25):
            spots.append({"lat": round(lat, 7), "lon": round(lon, 7)})
        if len(spots) == count:
            return spots
    raise AssertionError("no free spot near the demo cameras")


def test_still_there_keeps_the_osm_tags_the_phone_cannot_read(
    server_with_overpass, fake_osm, new_phone
):
    base, demo = server_with_overpass["url"], server_with_overpass["demo"]
    token = demo["organiser_token"]
    demo_nodes = _osm_nodes(base, demo)
    records = [o["position"] for o in server_observations(base, demo["group_id"], token)]
    spots = _free_spots(demo_nodes[0], demo_nodes + records, len(CAMERAS))
    nodes = {}
    for number, ((tags, _), spot) in enumerate(zip(CAMERAS, spots, strict=True)):
        node_id = 7_000_000 + number
        nodes[node_id] = {"man_made": "surveillance", "surveillance:type": "camera", **tags}
        fake_osm.state.add_node(node_id, spot["lat"], spot["lon"], nodes[node_id], 3)
    api(base, token, "POST", f"/walks/{demo['walk_id']}/osm-fetch", json={"source": "overpass"})
    fetched = {n["id"]: n for n in _osm_nodes(base, demo)}
    assert set(nodes) <= set(fetched)

    pseudonym = f"mouette-{uuid.uuid4().hex[:6]}"
    context = new_phone(spots[0]["lat"], spots[0]["lon"])
    page = context.new_page()
    join_and_pick_walk(page, base, demo["invite_code"], pseudonym)
    page.wait_for_function(OSM_REFRESHED)
    for node_id in nodes:
        _answer_banner_at(page, context, fetched[node_id], 4, "Toujours là")
    sync_and_wait(page)

    mine = {
        o["osm_node_id"]: o
        for o in server_observations(base, demo["group_id"], token)
        if o.get("created_by") == pseudonym
    }
    sent = {node_id: read for node_id, (_, read) in zip(nodes, CAMERAS, strict=True)}
    assert {
        node_id: {field: mine[node_id][field] for field in read} for node_id, read in sent.items()
    } == sent

    for node_id in nodes:
        review = f"/observations/{mine[node_id]['id']}/review"
        api(base, token, "POST", review, json={"status": "approved"})
    osc = api(base, token, "GET", f"/walks/{demo['walk_id']}/export.osc").content
    written = {
        int(node.get("id")): {tag.get("k"): tag.get("v") for tag in node.iter("tag")}
        for node in fromstring(osc).iter("node")
        if int(node.get("id")) in nodes
    }
    kept = {node_id: {k: written[node_id][k] for k in tags} for node_id, tags in nodes.items()}
    assert kept == nodes
    context.close()
