"""`convert.stamps_text`: the JSON of a row's field stamps, written without json.dumps of the
whole dict, must be exactly the text json.dumps writes (the ORM writes it so for updates)."""

import datetime as dt
import json

import pytest

from server.observations import convert
from sync import fields as observation_fields
from sync.changes import Author, Stamp


def stamp(change_id: str, member_id, organiser=False, version=1) -> Stamp:
    made_at = dt.datetime(2026, 11, 21, 9, 14, 3, 120_000, tzinfo=dt.UTC)
    return Stamp(change_id, Author(member_id, organiser), made_at, version)


CREATE = stamp("0d6c3f8e-8a9e-4a3a-9d4e-1f2e3d4c5b6a", 7)
EDIT = stamp("5b1e4c2a-0f9d-4e8b-a7c6-3d2e1f0a9b8c", "walker «é»", organiser=True, version=2)


@pytest.mark.parametrize(
    "stamps",
    [
        {},
        dict.fromkeys(observation_fields.FIELDS, CREATE),  # a create: one stamp for all
        {**dict.fromkeys(observation_fields.FIELDS, CREATE), "mount": EDIT, "photos": EDIT},
        {"position": CREATE, "kind": None},
    ],
    ids=["none", "a create", "a create then an edit", "a field without stamp"],
)
def test_the_stamps_text_is_what_json_dumps_writes(stamps):
    as_json = convert.stamps_to_json(stamps)

    assert convert.stamps_text(as_json) == json.dumps(as_json)
