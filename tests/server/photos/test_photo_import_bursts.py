"""A burst of photos longer than an observation holds is cut into several drafts.

The import grouped every photo within 15 m and 120 s of the one before into one draft, so a
burst of twelve made a draft of twelve photos, past `MAX_PHOTOS_PER_OBSERVATION` (10), which
a sync's attach is refused past."""

import hashlib

import pytest
from exif import Image as ExifImage
from hypothesis import given, settings
from hypothesis import strategies as st

from server.photos.import_ import plan_drafts
from tests.server.photos.test_photo_import import start_import
from tests.server.photos.test_photo_import_grouping import at


def burst(pauses: list[float]) -> list:
    """Photos of one place, each `pause` seconds after the one before (the first at 0)."""
    clock, points = 0.0, [at("p0")]
    for index, pause in enumerate(pauses, start=1):
        clock += pause
        points.append(at(f"p{index}", seconds=clock))
    return points


def sizes(points, max_photos) -> list[int]:
    return [len(d.photos) for d in plan_drafts(points, max_photos=max_photos).drafts]


@pytest.mark.parametrize(
    "pauses, max_photos, expected",
    [
        # Within the limit: one draft, as before.
        ([5] * 9, 10, [10]),
        # At an even pace nothing says where one camera ends: filled in time order.
        ([5] * 11, 10, [10, 2]),
        ([5] * 22, 10, [10, 10, 3]),
        # Three photos, a walk of 40 s to the next camera, nine photos of it.
        ([2, 2, 40] + [2] * 8, 10, [3, 9]),
        # Four cameras on one mast, three photos each, a pause between cameras.
        ([1, 1, 20, 1, 1, 30, 1, 1, 20, 1, 1], 10, [6, 6]),
        # The fewest drafts first: four would cut every pause, three drafts of four must do.
        ([1, 1, 20, 1, 1, 30, 1, 1, 20, 1, 1], 4, [4, 4, 4]),
        # The longest pause cannot be used (it would leave 12 behind): the next one is.
        ([90, 1, 1, 1, 30, 1, 1, 1, 1, 1, 1, 1], 10, [5, 8]),
    ],
)
def test_a_burst_past_the_limit_is_cut_where_the_walker_paused_longest(
    pauses, max_photos, expected
):
    assert sizes(burst(pauses), max_photos) == expected


def test_no_limit_keeps_a_burst_whole():
    assert sizes(burst([5] * 14), None) == [15]


def test_the_plan_names_the_drafts_cut_from_one_burst():
    points = [*burst([5] * 11), at("alone", north_m=500, seconds=30)]

    plan = plan_drafts(points, max_photos=10)

    assert [len(d.photos) for d in plan.drafts] == [10, 2, 1]
    assert plan.splits == [(0, 1)]


def test_each_part_of_a_burst_stands_at_its_own_photos_and_faces_its_own_way():
    points = burst([2, 40, 2])
    points[0] = at("p0", direction=90.0)
    points[2] = at("p2", north_m=10, seconds=42, direction=0.0)
    points[3] = at("p3", north_m=10, seconds=44)

    first, second = plan_drafts(points, max_photos=2).drafts

    assert (first.direction, second.direction) == ([270], [180])
    assert first.lat < second.lat


@settings(max_examples=60, deadline=None)
@given(
    pauses=st.lists(st.integers(min_value=0, max_value=100), max_size=60),
    max_photos=st.integers(min_value=1, max_value=12),
)
def test_every_draft_holds_at_most_the_limit_in_the_fewest_drafts_every_photo_once_in_order(
    pauses, max_photos
):
    points = burst(pauses)

    drafts = plan_drafts(points, max_photos=max_photos).drafts

    assert all(len(d.photos) <= max_photos for d in drafts)
    assert len(drafts) == -(-len(points) // max_photos)
    assert [p for d in drafts for p in d.photos] == points


# --- through the API ---------------------------------------------------------------------


def test_twelve_photos_of_one_spot_make_two_drafts_within_the_limit_and_the_answer_says_so(
    client, group, photo_at
):
    clocks = [f"09:14:{second:02d}" for second in (0, 3, 6)] + [
        f"09:15:{second:02d}" for second in range(0, 45, 5)
    ]
    photos = [photo_at(43.2961, 5.3812, clock) for clock in clocks]

    response = start_import(client, group, photos)

    assert response.status_code == 201, response.json
    drafts = response.json["observations"]
    assert [[p["sha256"] for p in d["photos"]] for d in drafts] == [photos[:3], photos[3:]]
    (split,) = response.json["split_bursts"]
    assert split["observations"] == [d["id"] for d in drafts]
    assert split["photos"] == 12
    assert "(10)" in split["message"] and "2 drafts" in split["message"]
    assert response.json["skipped"] == []
    again = start_import(client, group, photos)
    assert again.json["observations"] == [] and again.json["split_bursts"] == []


def test_an_import_with_no_burst_past_the_limit_names_no_split(client, group, photo_at):
    response = start_import(client, group, [photo_at(43.2961, 5.3812)])

    assert response.json["split_bursts"] == []


def test_the_limit_is_the_one_a_sync_holds_every_observation_to(
    app, client, group, photo_at, monkeypatch
):
    monkeypatch.setitem(app.config, "MAX_PHOTOS_PER_OBSERVATION", 3)
    photos = [photo_at(43.2961, 5.3812, f"09:14:{second:02d}") for second in range(0, 35, 5)]

    response = start_import(client, group, photos)

    assert [len(d["photos"]) for d in response.json["observations"]] == [3, 3, 1]
    pulled = client.post(f"/api/v1/groups/{group.id}/sync", json={}, headers=group.headers())
    assert sorted(len(o["photos"]) for o in pulled.json["observations"]) == [1, 3, 3]


def test_a_burst_of_real_camera_photos_is_cut_between_its_two_cameras(
    client, group, shared_photos
):
    """The shared Nikon photos (with their own EXIF and GPS blocks), rewritten to one street
    corner: nine of one camera two seconds apart, a 20 s pause, three of the next camera
    four metres on, all within 15 m and 120 s of the photo before."""
    names = sorted(p.name for p in (shared_photos / "exif-samples/jpg/gps").glob("*.jpg"))
    assert len(names) == 9
    shots = [(name, 4 * index, 0.0) for index, name in enumerate(names)]
    shots += [(name, 52 + 2 * index, 4.0) for index, name in enumerate(names[:3])]

    def upload(name: str, second: int, north_m: float) -> str:
        image = ExifImage((shared_photos / "exif-samples/jpg/gps" / name).read_bytes())
        image.gps_latitude = (43.0, 28.0, 2.81 + north_m / 30.87)  # 30.87 m per second of arc
        image.gps_longitude = (11.0, 53.0, 6.46)
        image.datetime_original = f"2026:11:21 09:14:{second:02d}"
        data = image.get_file()
        digest = hashlib.sha256(data).hexdigest()
        response = client.put(f"/api/v1/photos/{digest}", data=data, headers=group.headers())
        assert response.status_code == 201, response.json
        return digest

    photos = [upload(*shot) for shot in shots]

    response = start_import(client, group, photos)

    assert response.status_code == 201, response.json
    drafts = response.json["observations"]
    assert [[p["sha256"] for p in d["photos"]] for d in drafts] == [photos[:9], photos[9:]]
    assert drafts[1]["position"]["lat"] > drafts[0]["position"]["lat"]
    (split,) = response.json["split_bursts"]
    assert (split["observations"], split["photos"]) == ([d["id"] for d in drafts], 12)
