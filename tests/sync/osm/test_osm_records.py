"""The one reading of an action shared by the review, the export report and the upload."""

import pytest

from sync.osm.records import Create, Delete, Modify, removes_camera

CAMERA = {"man_made": "surveillance"}


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        (Modify(1, 2, 43.3, 5.4, {"highway": "street_lamp"}, removed=("man_made",)), True),
        (Modify(1, 2, 43.3, 5.4, CAMERA), False),  # a survey's update removes nothing
        (Create(43.3, 5.4, CAMERA), False),
        (Delete(1, 2), False),  # the node goes, not only the camera's tags
        (None, False),  # nothing planned
    ],
)
def test_only_a_modify_that_removes_keys_takes_the_camera_off_a_node(action, expected):
    assert removes_camera(action) is expected
