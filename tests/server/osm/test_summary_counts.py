"""The walk summary's "new" and "already in OSM" are what the export makes of the walk's
cameras: the same matching, so the headline an organiser publishes ("31 new cameras, 9
already in OSM") never disagrees with the creates and modifies Sam uploads."""

from xml.etree.ElementTree import fromstring

from server.extensions import db
from server.osm.service import store_node

METRE_DEG = 1 / 111_195.08  # one metre of latitude, in degrees
LON, LAT = 5.3812345, 43.2961234
CAMERA = {"man_made": "surveillance", "surveillance:type": "camera"}


def _summary(client, group) -> dict:
    answer = client.get(
        f"/api/v1/walks/{group.walk.id}/summary", headers=group.headers("organiser")
    )
    assert answer.status_code == 200, answer.json
    return answer.json


def _in_osm(summary) -> dict[str, bool]:
    return {camera["id"]: camera["in_osm"] for camera in summary["cameras"]}


def _export_counts(client, group) -> dict[str, int]:
    with client.get(
        f"/api/v1/walks/{group.walk.id}/export.osc", headers=group.headers("organiser")
    ) as answer:
        root = fromstring(answer.data)
    return {action: len(root.findall(f"{action}/node")) for action in ("create", "modify")}


def test_two_cameras_by_one_mapped_camera_are_one_in_osm_and_one_new(
    client, group, add_observation
):
    store_node(501, 3, LON, LAT, CAMERA)
    db.session.commit()
    # Two domes on one pole, 2 m and 4 m from the one OSM maps: one of them is new.
    near = add_observation(group, LON, LAT + 2 * METRE_DEG)
    other = add_observation(group, LON, LAT + 4 * METRE_DEG)

    summary = _summary(client, group)

    assert (summary["totals"]["in_osm"], summary["totals"]["new"]) == (1, 1)
    assert _in_osm(summary) == {near.uuid: True, other.uuid: False}
    assert _export_counts(client, group) == {"create": 1, "modify": 1}


def test_a_camera_the_organiser_marked_new_is_new_next_to_a_mapped_one(
    client, group, add_observation
):
    store_node(501, 3, LON, LAT, CAMERA)
    db.session.commit()
    marked = add_observation(group, LON, LAT + 1 * METRE_DEG, osm_new=True)
    alpr = add_observation(group, LON + 3 * METRE_DEG, LAT, kind="ALPR")

    summary = _summary(client, group)

    assert (summary["totals"]["in_osm"], summary["totals"]["new"]) == (0, 2)
    assert _in_osm(summary) == {marked.uuid: False, alpr.uuid: False}
    assert _export_counts(client, group) == {"create": 2, "modify": 0}


def test_cameras_under_review_count_as_approving_them_would_export_them(
    client, group, add_observation
):
    store_node(501, 3, LON, LAT, CAMERA)
    db.session.commit()
    pending = add_observation(group, LON, LAT + 2 * METRE_DEG, review_status="pending")
    rejected = add_observation(group, LON, LAT + 1 * METRE_DEG, review_status="rejected")
    add_observation(group, LON + 50 * METRE_DEG, LAT, review_status="pending")

    totals = _summary(client, group)["totals"]

    # The rejected camera, nearer, takes the node from no one: it is neither new nor in OSM.
    assert (totals["cameras"], totals["rejected"]) == (3, 1)
    assert (totals["in_osm"], totals["new"]) == (1, 1)
    assert _in_osm(_summary(client, group))[rejected.uuid] is False
    assert _in_osm(_summary(client, group))[pending.uuid] is True


def test_the_charts_count_the_cameras_found_and_the_gone_ones_apart(
    client, group, add_observation
):
    """On screen, 14 cameras were 11 new + 2 in OSM and a rejected one counted in the charts
    but shown nowhere. Every figure now has its place: cameras = new + in OSM + rejected; the
    charts and the density count the cameras not rejected (new + in OSM), since a refused
    record is not published; a camera reported gone is apart (it is one delete)."""
    store_node(501, 3, LON, LAT, CAMERA)
    store_node(502, 3, LON + 100 * METRE_DEG, LAT, CAMERA)
    db.session.commit()
    add_observation(group, LON, LAT + 2 * METRE_DEG, review_status="approved")
    add_observation(group, LON + 50 * METRE_DEG, LAT, review_status="approved", mount="pole")
    add_observation(group, LON + 70 * METRE_DEG, LAT, review_status="rejected", mount="pole")
    add_observation(
        group, LON + 100 * METRE_DEG, LAT, presence="gone", osm_node_id=502, mount="wall"
    )

    summary = _summary(client, group)
    totals = summary["totals"]

    assert (totals["cameras"], totals["new"], totals["in_osm"], totals["rejected"]) == (3, 1, 1, 1)
    assert totals["new"] + totals["in_osm"] + totals["rejected"] == totals["cameras"]
    assert totals["reported_gone"] == 1
    for chart in ("by_kind", "by_operator", "by_zone", "by_mount", "by_camera_type"):
        assert sum(summary[chart].values()) == totals["new"] + totals["in_osm"], chart
    assert summary["by_mount"].get("pole") == 1
    assert "wall" not in summary["by_mount"]


def test_each_camera_is_in_osm_on_the_summary_exactly_when_its_card_names_a_node(
    client, group, add_observation
):
    """The summary asks which node each camera gets without planning the cards; both follow one
    rule (a guard: it passes as well on the code that built every card for the summary)."""
    store_node(501, 3, LON, LAT, CAMERA)
    store_node(502, 3, LON + 100 * METRE_DEG, LAT, CAMERA)
    store_node(503, 3, LON + 200 * METRE_DEG, LAT, CAMERA)
    db.session.commit()
    cameras = [
        add_observation(group, LON, LAT + 2 * METRE_DEG),  # matched by distance
        add_observation(group, LON, LAT + 4 * METRE_DEG),  # its neighbour took the node
        add_observation(group, LON + 100 * METRE_DEG, LAT, osm_node_id=502),  # linked
        add_observation(group, LON + 150 * METRE_DEG, LAT, osm_node_id=999),  # not in the data
        add_observation(group, LON + 200 * METRE_DEG, LAT, osm_new=True),  # "new camera"
        add_observation(group, LON + 200 * METRE_DEG, LAT + METRE_DEG, review_status="pending"),
        add_observation(group, LON + 300 * METRE_DEG, LAT, review_status="pending"),  # far
    ]

    in_osm = _in_osm(_summary(client, group))

    cards = {}
    for status in ("approved", "pending"):
        answer = client.get(
            f"/api/v1/groups/{group.id}/review?status={status}",
            headers=group.headers("organiser"),
        )
        assert answer.status_code == 200, answer.json
        cards |= {item["id"]: item["osm_change"] for item in answer.json}
    named = {uuid: card["node"] is not None for uuid, card in cards.items()}
    assert in_osm == named
    assert [in_osm[camera.uuid] for camera in cameras] == [
        True, False, True, False, False, True, False
    ]  # fmt: skip
