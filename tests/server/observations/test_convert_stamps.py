"""The stored form of an observation's field stamps (`convert.stamps_to_json`): each stamp
written once, the other fields it set naming that field; rows written before, with every stamp
in full, still read."""

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
A_CREATE = dict.fromkeys(observation_fields.FIELDS, CREATE)

CASES = {
    "none": {},
    "a create": A_CREATE,
    "a create then an edit": {**A_CREATE, "mount": EDIT, "photos": EDIT},
    "a field without stamp": {"position": CREATE, "kind": None, "mount": CREATE},
    # Read back from a row, equal stamps are separate objects: still written once.
    "equal copies": {"position": stamp(CREATE.change_id, 7), "kind": stamp(CREATE.change_id, 7)},
}


@pytest.mark.parametrize("stamps", CASES.values(), ids=CASES.keys())
def test_stamps_read_back_as_they_were_written(stamps):
    stored = json.loads(json.dumps(convert.stamps_to_json(stamps)))

    assert convert.stamps_from_json(stored) == stamps


def test_a_creates_stamps_are_written_once_not_once_per_field():
    stored = convert.stamps_to_json(A_CREATE)

    assert len(json.dumps(stored)) < 1000  # 4.5 KB when written in full
    assert [name for name, value in stored.items() if isinstance(value, dict)] == ["position"]
    assert {value for value in stored.values() if isinstance(value, str)} == {"position"}


def test_equal_stamps_are_named_once_whatever_object_holds_them():
    stored = convert.stamps_to_json(CASES["equal copies"])

    assert stored["kind"] == "position"


def test_a_row_written_with_every_stamp_in_full_still_reads():
    old_form = {name: convert.stamp_to_json(value) for name, value in A_CREATE.items()}

    assert convert.stamps_from_json(old_form) == A_CREATE
    assert convert.stamps_from_json(None) == {}


def test_who_changed_an_observation_reads_back_beside_its_stamps():
    overwritten = stamp("8f7e6d5c-4b3a-4291-8807-a6b5c4d3e2f1", 5, version=2)
    changed_by = {CREATE.author: CREATE, overwritten.author: overwritten, EDIT.author: EDIT}
    stored = json.loads(
        json.dumps(convert.stamps_to_json(CASES["a create then an edit"], changed_by))
    )

    read = convert.state_stamps_from_json(stored, version=4)
    assert read == {
        "stamps": CASES["a create then an edit"],
        "changed_by": changed_by,
        "unattributed_until": 0,
    }
    assert stored[convert.CHANGED_BY][0] == "position"  # named, not written again


def test_a_row_written_before_changed_by_was_kept_reads_as_changed_by_someone_unknown():
    read = convert.state_stamps_from_json(convert.stamps_to_json(A_CREATE), version=6)

    assert (read["stamps"], read["changed_by"], read["unattributed_until"]) == (A_CREATE, {}, 6)
