"""GET /walks/<id>/coverage, /walks/<id>/route and the public views, on both engines."""

import dataclasses
import gzip
import json

import pytest
import shapely

from server import geo
from server.coverage.views import VIEWS
from server.extensions import db
from server.groups.models import Walk
from sync.order import camera_order_key
from tests.builders import update_change
from tests.server.coverage.conftest import camera_at


def post(client, group, changes, who="walker"):
    answer = client.post(
        f"/api/v1/groups/{group.id}/sync",
        json={"cursor": 0, "changes": changes},
        headers=group.headers(who),
    )
    assert answer.status_code == 200, answer.json
    return answer.json


def coverage(client, group):
    answer = client.get(f"/api/v1/walks/{group.walk.id}/coverage", headers=group.headers())
    assert answer.status_code == 200, answer.json
    return answer.json


@pytest.fixture
def surveyed(client, mapped_walk, real_cameras):
    """Six real cameras: four fixed ones facing the four cardinal points, a dome, a guard."""
    walk = mapped_walk.walk.id
    changes = [
        camera_at(walk, node, camera_type="fixed", direction=[bearing])
        for node, bearing in zip(real_cameras[:4], (0, 90, 180, 270), strict=True)
    ]
    changes.append(camera_at(walk, real_cameras[4], camera_type="dome", direction=None))
    changes.append(camera_at(walk, real_cameras[5], kind="guard", direction=None))
    post(client, mapped_walk, changes)
    return mapped_walk, changes


def test_a_walker_gets_each_cameras_view_at_each_range_and_the_walk_figures(client, surveyed):
    group, changes = surveyed
    answer = coverage(client, group)

    seeing = {c["observation_id"] for c in changes[:5]}
    assert {f["properties"]["camera_id"] for f in answer["features"]} == seeing
    ranges = [f["properties"]["range"] for f in answer["features"]]
    assert ranges == sorted(ranges, key=["observation", "recognition", "identification"].index)
    by_camera = {}
    for feature in answer["features"]:
        shape = shapely.geometry.shape(feature["geometry"])
        by_camera.setdefault(feature["properties"]["camera_id"], {})[
            feature["properties"]["range"]
        ] = shape
    for views in by_camera.values():
        # Nested, up to the quarter metre the drawing is simplified to.
        inner = views["recognition"]
        assert views["observation"].intersection(inner).area > 0.95 * inner.area
    figures = answer["figures"]
    assert figures["cameras"] == {"with_view": 5, "without_direction": 0, "indoor": 0}
    streets = figures["streets"]["street"]
    assert 0 <= streets["identification"]["share"] <= streets["recognition"]["share"]
    assert 0 < streets["recognition"]["share"] < streets["observation"]["share"] < 1
    assert 0 < figures["public_space"]["observation"]["share"] < 1
    assert figures["most_watched"] and figures["most_watched"][0]["cameras"] >= 1
    assert answer["assumptions"]["profiles"]["fixed"]["observation_m"] == 22.8


def test_a_walk_without_a_walk_map_shows_no_views_rather_than_views_through_walls(
    client, group, real_cameras
):
    post(client, group, [camera_at(group.walk.id, real_cameras[0], camera_type="dome")])
    answer = coverage(client, group)
    assert (answer["basemap"], answer["features"], answer["figures"]) == (False, [], None)


def test_adding_moving_turning_or_merging_one_camera_recomputes_at_most_one_view(client, surveyed):
    group, changes = surveyed
    coverage(client, group)
    assert VIEWS.computed == 5

    coverage(client, group)
    assert VIEWS.computed == 5  # nothing changed: nothing made again

    node = changes[0]["fields"]["position"]
    added = camera_at(
        group.walk.id, type("N", (), {"lat": node["lat"] + 0.0002, "lon": node["lon"]})
    )
    post(client, group, [added])
    coverage(client, group)
    assert VIEWS.computed == 6

    first = changes[0]["observation_id"]
    moved = {**node, "lat": node["lat"] - 0.0001}
    post(
        client,
        group,
        [update_change(first, 1, "2026-11-21T10:00:00+01:00", position=(node, moved))],
    )
    coverage(client, group)
    assert VIEWS.computed == 7

    post(
        client,
        group,
        [update_change(first, 2, "2026-11-21T10:01:00+01:00", direction=([0], [45]))],
    )
    coverage(client, group)
    assert VIEWS.computed == 8

    merged = client.post(
        f"/api/v1/observations/{first}/merge",
        json={"other": added["observation_id"]},
        headers=group.headers("organiser"),
    )
    assert merged.status_code == 200, merged.json
    answer = coverage(client, group)
    assert VIEWS.computed == 8  # the merged record's view is the kept one's, already made
    assert added["observation_id"] not in {
        f["properties"]["camera_id"] for f in answer["features"]
    }


def route(client, group, query, who="walker"):
    return client.get(f"/api/v1/walks/{group.walk.id}/route?{query}", headers=group.headers(who))


def test_the_route_less_seen_is_never_more_in_view_than_the_shortest(client, surveyed):
    group, _ = surveyed
    answer = route(client, group, "from=60.1665,24.9405&to=60.1715,24.9495")

    assert answer.status_code == 200, answer.json
    shortest, less_seen = (f["properties"] for f in answer.json["features"])
    assert (shortest["route"], less_seen["route"]) == ("shortest", "less_seen")
    assert shortest["length_m"] > 500  # about 700 m apart as the crow flies
    assert less_seen["in_view_m"] <= shortest["in_view_m"]
    assert less_seen["length_m"] >= shortest["length_m"]
    assert answer.json["penalty"] == 10


@pytest.mark.parametrize(
    ("query", "status", "code"),
    [
        ("to=60.17,24.945", 422, "invalid_input"),
        ("from=north&to=60.17,24.945", 422, "invalid_input"),
        ("from=95,24.945&to=60.17,24.945", 422, "invalid_input"),
        ("from=60.17,24.945&to=60.17,24.945&penalty=-1", 422, "invalid_input"),
        ("from=60.17,24.945&to=60.18,24.945", 422, "no_route"),  # outside the walk's area
    ],
)
def test_a_route_with_bad_ends_is_refused_with_what_is_wrong(
    client, mapped_walk, query, status, code
):
    answer = route(client, mapped_walk, query)
    assert (answer.status_code, answer.json["code"]) == (status, code)


def test_a_route_needs_a_walk_map(client, group):
    answer = route(client, group, "from=60.17,24.945&to=60.171,24.946")
    assert (answer.status_code, answer.json["code"]) == (404, "no_basemap")


def settings(client, group, body):
    return client.patch(
        f"/api/v1/groups/{group.id}/settings", json=body, headers=group.headers("organiser")
    )


def test_an_organiser_changes_the_assumptions_for_the_campaign(client, surveyed):
    group, _ = surveyed
    before = coverage(client, group)["figures"]["streets"]["street"]["observation"]["in_view_m"]

    changed = settings(client, group, {"coverage": {"profiles": {"fixed": {"observation_m": 60}}}})
    assert changed.status_code == 200, changed.json
    after = coverage(client, group)
    assert after["assumptions"]["profiles"]["fixed"]["observation_m"] == 60
    assert after["assumptions"]["profiles"]["fixed"]["recognition_m"] == 11.4
    assert after["figures"]["streets"]["street"]["observation"]["in_view_m"] > before


@pytest.mark.parametrize(
    "body",
    [
        {"coverage": {"profiles": {"fixed": {"identification_m": 40}}}},  # beyond observation
        {"coverage": {"profiles": {"bullet": {"angle_deg": 90}}}},
        {"coverage": {"profiles": {"dome": {"angle_deg": 0}}}},
        {"coverage": {"profiles": {"dome": {"observation_m": 5000}}}},
        {"coverage": {"unknown_direction": "guess"}},
        {"coverage": {"route_penalty": "lots"}},
    ],
)
def test_assumptions_that_cannot_hold_are_refused_and_nothing_changes(client, group, body):
    answer = settings(client, group, body)
    assert (answer.status_code, answer.json["code"]) == (422, "invalid_input")
    shown = client.get(f"/api/v1/groups/{group.id}/settings", headers=group.headers("organiser"))
    assert shown.json["coverage"] is None


def test_public_views_show_only_approved_cameras_once_the_organiser_publishes_them(
    client, surveyed
):
    group, changes = surveyed
    url = f"/api/v1/public/{group.group.slug}/coverage.geojson"
    approved = changes[0]["observation_id"]
    answer = client.post(
        f"/api/v1/observations/{approved}/review",
        json={"status": "approved"},
        headers=group.headers("organiser"),
    )
    assert answer.status_code == 200, answer.json

    assert client.get(url).status_code == 404
    settings(client, group, {"public_map": True})
    assert client.get(url).status_code == 404  # the map, but not yet the views
    settings(client, group, {"coverage_public": True})

    answer = client.get(url)
    assert answer.status_code == 200
    features = answer.json["features"]
    assert {f["properties"]["range"] for f in features} == {
        "identification",
        "recognition",
        "observation",
    }
    assert all(set(f["properties"]) == {"range", "profile"} for f in features)
    members = coverage(client, group)["features"]
    mine = [f for f in members if f["properties"]["camera_id"] == approved]
    assert [f["geometry"] for f in features] == [f["geometry"] for f in mine]


def test_public_views_come_gzipped_and_a_copy_still_current_gets_a_304(client, surveyed):
    """Every visitor's browser asks for the views again (no-cache): while no camera changed it
    gets a 304 and no body, and the campaign's many polygons come gzipped when it takes them
    (server/json_answer.py, as the map's cameras)."""
    group, changes = surveyed
    url = f"/api/v1/public/{group.group.slug}/coverage.geojson"
    for change in changes[:2]:
        _review(client, group, change["observation_id"])
    settings(client, group, {"public_map": True, "coverage_public": True})

    plain = client.get(url)
    zipped = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(zipped.data)) == plain.json
    assert plain.headers["Cache-Control"] == "no-cache"
    tag = zipped.headers["ETag"]
    again = client.get(url, headers={"Accept-Encoding": "gzip", "If-None-Match": tag})
    assert (again.status_code, again.data) == (304, b"")

    _review(client, group, changes[2]["observation_id"])
    changed = client.get(url, headers={"Accept-Encoding": "gzip", "If-None-Match": tag})
    assert changed.status_code == 200
    assert json.loads(gzip.decompress(changed.data)) != plain.json


def test_public_views_are_listed_by_place_never_in_the_order_they_were_logged(
    client, mapped_walk, real_cameras
):
    """docs/privacy.md: listed in the order they were logged, with the survey date, cameras
    would retrace a walker's route. Here they are logged against their place order."""
    group, walk = mapped_walk, mapped_walk.walk.id
    changes = [
        camera_at(walk, node, camera_type="fixed", direction=[bearing])
        for node, bearing in zip(real_cameras[:5], (0, 90, 180, 270, 45), strict=True)
    ]

    def place(change):
        position = change["fields"]["position"]
        return camera_order_key(position["lon"], position["lat"], change["observation_id"])

    changes.sort(key=place, reverse=True)
    post(client, group, changes)
    for change in changes:
        answer = client.post(
            f"/api/v1/observations/{change['observation_id']}/review",
            json={"status": "approved"},
            headers=group.headers("organiser"),
        )
        assert answer.status_code == 200, answer.json
    settings(client, group, {"public_map": True, "coverage_public": True})

    public = client.get(f"/api/v1/public/{group.group.slug}/coverage.geojson").json["features"]
    # Which camera each public feature is: the members' view of the same shape says.
    camera_of = {
        (f["properties"]["range"], json.dumps(f["geometry"])): f["properties"]["camera_id"]
        for f in coverage(client, group)["features"]
    }
    listed = [camera_of[f["properties"]["range"], json.dumps(f["geometry"])] for f in public]
    by_place = [c["observation_id"] for c in sorted(changes, key=place)]
    layers = ["observation", "recognition", "identification"]
    assert [f["properties"]["range"] for f in public] == sorted(
        (f["properties"]["range"] for f in public), key=layers.index
    )
    for layer in layers:
        in_layer = [
            c for f, c in zip(public, listed, strict=True) if f["properties"]["range"] == layer
        ]
        assert in_layer == [c for c in by_place if c in in_layer]
        assert len(in_layer) == 5


def _earlier_walk(group) -> int:
    """Another walk of the group over the same streets (last week's)."""
    walk = Walk(group_id=group.id, name="last week")
    db.session.add(walk)
    db.session.commit()
    return walk.id


def test_cameras_logged_on_another_walk_of_the_group_are_seen_on_this_walks_map(
    client, mapped_walk, real_cameras, make_group
):
    last_week = _earlier_walk(mapped_walk)
    changes = [
        camera_at(last_week, node, camera_type="fixed", direction=[bearing])
        for node, bearing in zip(real_cameras[:4], (0, 90, 180, 270), strict=True)
    ]
    far = dataclasses.replace(real_cameras[0], lat=60.19)  # off the walk's map
    changes.append(camera_at(last_week, far, camera_type="dome"))
    post(client, mapped_walk, changes)
    # Another campaign's camera in the same streets is none of this walk's business.
    other = make_group("Kallio")
    post(client, other, [camera_at(other.walk.id, real_cameras[5], camera_type="dome")])

    answer = coverage(client, mapped_walk)

    seen = {f["properties"]["camera_id"] for f in answer["features"]}
    assert seen == {change["observation_id"] for change in changes[:4]}
    assert answer["figures"]["cameras"] == {"with_view": 4, "without_direction": 0, "indoor": 0}
    # The route less seen goes round them: with none known it would see nothing to avoid.
    start, end = real_cameras[0], real_cameras[2]
    ends = f"from={start.lat},{start.lon}&to={end.lat},{end.lon}"
    shortest, less_seen = (
        f["properties"] for f in route(client, mapped_walk, ends).json["features"]
    )
    assert shortest["in_view_m"] > 0
    assert less_seen["in_view_m"] <= shortest["in_view_m"]


def _review(client, group, uuid, status="approved"):
    answer = client.post(
        f"/api/v1/observations/{uuid}/review",
        json={"status": status},
        headers=group.headers("organiser"),
    )
    assert answer.status_code == 200, answer.json


def test_a_camera_an_organiser_refused_sees_nothing_and_indoor_ones_are_counted_apart(
    client, mapped_walk, real_cameras
):
    walk = mapped_walk.walk.id
    kept = camera_at(walk, real_cameras[0], camera_type="fixed", direction=[90])
    refused = camera_at(walk, real_cameras[1], camera_type="panning", direction=None)
    indoor = camera_at(walk, real_cameras[2], surveillance="indoor", direction=[180])
    post(client, mapped_walk, [kept, refused, indoor])
    _review(client, mapped_walk, refused["observation_id"], "rejected")

    answer = coverage(client, mapped_walk)

    drawn = {f["properties"]["camera_id"] for f in answer["features"]}
    assert drawn == {kept["observation_id"]}
    assert answer["figures"]["cameras"] == {"with_view": 1, "without_direction": 0, "indoor": 1}
    assert all(s["cameras"] == 1 for s in answer["figures"]["most_watched"])


def test_public_views_are_drawn_on_the_map_a_camera_stands_on_once_whatever_its_walk(
    client, mapped_walk, real_cameras
):
    """A camera logged on a walk with no map of its own is seen on the map it stands on, with
    its walls; one logged on this walk but off its map is drawn nowhere, never through walls."""
    unmapped = _earlier_walk(mapped_walk)
    here = camera_at(unmapped, real_cameras[0], camera_type="fixed", direction=[90])
    far = dataclasses.replace(real_cameras[1], lat=60.19)  # off every walk map
    away = camera_at(mapped_walk.walk.id, far, camera_type="panning")
    post(client, mapped_walk, [here, away])
    for change in (here, away):
        _review(client, mapped_walk, change["observation_id"])
    settings(client, mapped_walk, {"public_map": True, "coverage_public": True})

    public = client.get(f"/api/v1/public/{mapped_walk.group.slug}/coverage.geojson").json
    members = [
        f
        for f in coverage(client, mapped_walk)["features"]
        if f["properties"]["camera_id"] == here["observation_id"]
    ]

    assert len(members) == 3
    assert [f["geometry"] for f in public["features"]] == [f["geometry"] for f in members]


def test_a_route_starting_mid_street_counts_its_way_to_the_first_corner(client, mapped_walk):
    ends = "from=60.1680,24.9445&to=60.1705,24.9460"

    shortest, _ = route(client, mapped_walk, ends).json["features"]

    first = shortest["geometry"]["coordinates"][0]
    last = shortest["geometry"]["coordinates"][-1]
    assert (first, last) == ([24.9445, 60.168], [24.946, 60.1705])
    # At least the crow's flight between the ends (about 290 m).
    assert shortest["properties"]["length_m"] >= 285


def test_the_route_less_seen_keeps_away_from_fixed_cameras_whose_direction_is_unknown(
    client, mapped_walk, real_cameras
):
    """The figures leave such a camera out (a lower bound); a route that ignored it could lead
    the walker right under it."""
    start, end = real_cameras[0], real_cameras[2]
    ends = f"from={start.lat},{start.lon}&to={end.lat},{end.lon}"
    before = route(client, mapped_walk, ends).json["features"][0]["properties"]
    assert before["in_view_m"] == 0  # nothing known to avoid
    post(
        client,
        mapped_walk,
        [
            camera_at(mapped_walk.walk.id, node, camera_type="fixed", direction=None)
            for node in real_cameras[:4]
        ],
    )

    shortest, less_seen = (
        f["properties"] for f in route(client, mapped_walk, ends).json["features"]
    )

    assert coverage(client, mapped_walk)["figures"]["cameras"]["without_direction"] == 4
    assert shortest["in_view_m"] > 0
    assert less_seen["in_view_m"] <= shortest["in_view_m"]


def test_a_route_on_a_walk_map_without_streets_is_refused_not_a_server_error(client, group):
    from server.basemap.service import store_basemap
    from tests.server.coverage.conftest import AREA

    group.walk.area = geo.polygon_element(AREA)
    square = [[24.941, 60.167], [24.942, 60.167], [24.942, 60.168], [24.941, 60.168]]
    building = {
        "type": "Feature",
        "properties": {"layer": "building", "name": None, "osm": "way/1"},
        "geometry": {"type": "Polygon", "coordinates": [[*square, square[0]]]},
    }
    store_basemap(group.walk, [building], (24.935, 60.163, 24.955, 60.175), "api")
    db.session.commit()

    answer = route(client, group, "from=60.1665,24.9405&to=60.1715,24.9495")

    assert (answer.status_code, answer.json["code"]) == (422, "no_route")
