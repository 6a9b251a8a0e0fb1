"""The pure grouping of photo-first import: which photos become one draft observation."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from server.photos.import_ import PhotoPoint, plan_drafts

T0 = datetime(2026, 11, 21, 9, 14, 0)
PARIS = timezone(timedelta(hours=1))
LAT, LON = 43.2961, 5.3812
METRE_LAT = 1 / 111_195  # one metre north, in degrees of latitude


def at(name, north_m=0.0, seconds=0, direction=None, taken_at=T0, lat=LAT, lon=LON):
    when = None if taken_at is None else taken_at + timedelta(seconds=seconds)
    return PhotoPoint(
        name, None if lat is None else lat + north_m * METRE_LAT, lon, when, direction
    )


def groups(points, **limits):
    """Each draft's photos in time order (the first one is the close-up); drafts sorted."""
    return sorted([p.sha256 for p in d.photos] for d in plan_drafts(points, **limits).drafts)


@pytest.mark.parametrize(
    "points, expected",
    [
        ([at("a")], [["a"]]),
        ([at("a"), at("b", north_m=5, seconds=30)], [["a", "b"]]),
        ([at("a"), at("b", north_m=14, seconds=119)], [["a", "b"]]),
        ([at("a"), at("b", north_m=16)], [["a"], ["b"]]),
        ([at("a"), at("b", seconds=121)], [["a"], ["b"]]),
        # Chained: each photo is near the one before, so one camera photographed three times.
        ([at("a"), at("b", 10, 100), at("c", 20, 200)], [["a", "b", "c"]]),
        # Given out of order, grouped in time order.
        ([at("c", 0, 500), at("b", 3, 60), at("a")], [["a", "b"], ["c"]]),
        # Back to the first camera after photographing another one in between.
        ([at("a"), at("x", 40, 30), at("b", 2, 60)], [["a", "b"], ["x"]]),
        # No time: nothing says two photos go together.
        ([at("a", taken_at=None), at("b", taken_at=None)], [["a"], ["b"]]),
        # One local time and one with an offset cannot be compared without guessing the zone.
        ([at("a"), at("b", taken_at=T0.replace(tzinfo=PARIS))], [["a"], ["b"]]),
        # Both with offsets: compared as instants, 09:14+01:00 is 08:14Z.
        (
            [
                at("a", taken_at=T0.replace(tzinfo=PARIS)),
                at("b", taken_at=T0.replace(hour=8, tzinfo=UTC), seconds=20),
            ],
            [["a", "b"]],
        ),
    ],
)
def test_photos_close_in_space_and_time_make_one_draft(points, expected):
    assert groups(points) == expected


@pytest.mark.parametrize(
    "limits, expected",
    [
        ({"max_distance_m": 30}, [["a", "b"]]),
        ({"max_distance_m": 10}, [["a"], ["b"]]),
        ({"max_seconds": 10}, [["a"], ["b"]]),
    ],
)
def test_the_limits_can_be_changed(limits, expected):
    assert groups([at("a"), at("b", north_m=20, seconds=20)], **limits) == expected


def test_photos_without_a_position_are_skipped_with_the_reason():
    plan = plan_drafts([at("a"), at("b", lat=None), PhotoPoint("c", None, None)])

    assert [[p.sha256 for p in d.photos] for d in plan.drafts] == [["a"]]
    assert [(s.sha256, s.code) for s in plan.skipped] == [
        ("b", "no_position"),
        ("c", "no_position"),
    ]


@pytest.mark.parametrize(
    "directions, expected",
    [
        ([None], None),
        ([0.0], [180]),
        ([90.0], [270]),
        ([200.0], [20]),
        ([359.6], [180]),  # rounds to 360, which is 0, plus 180
        ([180.0], [0]),
        ([None, 45.0], [225]),  # the first photo that has a direction decides
        ([10.0, 45.0], [190]),
    ],
)
def test_the_suggested_direction_faces_back_towards_the_walker(directions, expected):
    points = [at(f"p{i}", seconds=i, direction=d) for i, d in enumerate(directions)]

    (draft,) = plan_drafts(points).drafts

    assert draft.direction == expected


def test_a_draft_stands_at_the_mean_position_of_its_photos():
    (draft,) = plan_drafts([at("a"), at("b", north_m=10, seconds=5)]).drafts

    assert draft.lat == pytest.approx(LAT + 5 * METRE_LAT, abs=1e-7)
    assert draft.lon == pytest.approx(LON)
