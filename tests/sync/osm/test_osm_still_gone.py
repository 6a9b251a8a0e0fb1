"""Data older than camwalk's upload does not bring back a node the upload took out of OSM."""

import pytest

from sync.osm.parse import still_gone


@pytest.mark.parametrize(
    ("version", "gone_version", "stays_out"),
    [
        (3, 4, True),  # the copy still has the version the upload deleted (3; the delete is 4)
        (4, 4, True),  # the version the upload left: a node without its camera tags
        (2, 4, True),  # an even older copy
        (5, 4, False),  # a mapper brought it back since: a newer version
        (3, None, False),  # camwalk never took it out
    ],
)
def test_only_data_older_than_the_upload_s_change_is_kept_out(version, gone_version, stays_out):
    assert still_gone(version, gone_version) is stays_out
