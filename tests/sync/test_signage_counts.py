"""The commune file's counts and table, from the signage answers (sync/signage.py)."""

import pytest

from sync import signage
from sync.fields import SIGN_CHECKLIST

ALL_YES = {"sign": "seen", **dict.fromkeys(SIGN_CHECKLIST, "yes")}


@pytest.mark.parametrize(
    ("name", "values", "state", "listed"),
    [
        ("nothing recorded", {}, None, False),
        ("not looked", {"sign": "not_looked"}, None, False),
        ("no sign", {"sign": "none"}, signage.MISSING, True),
        ("every item stated", ALL_YES, signage.COMPLETE, False),
        ("one item missing", {**ALL_YES, "sign_cnil": "no"}, signage.INCOMPLETE, True),
        (
            "items half answered",
            {"sign": "seen", "sign_pictogram": "yes"},
            signage.PARTLY_CHECKED,
            True,
        ),
        (
            "half answered with one no",
            {"sign": "seen", "sign_retention": "no"},
            signage.INCOMPLETE,
            True,
        ),
        ("checklist without a sign seen", dict.fromkeys(SIGN_CHECKLIST, "no"), None, False),
    ],
)
def test_sign_state_and_table_membership(name, values, state, listed):
    assert signage.sign_state(values) == state
    assert signage.listed(values) is listed


def test_lacking_and_unanswered_items_keep_the_checklist_order():
    values = {"sign": "seen", "sign_cnil": "no", "sign_pictogram": "no", "sign_purpose": "yes"}

    assert signage.lacking(values) == ["sign_pictogram", "sign_cnil"]
    assert signage.unanswered(values) == [
        "sign_responsible",
        "sign_retention",
        "sign_rights_contact",
    ]
    assert signage.unanswered({"sign": "none"}) == []
    assert signage.lacking({"sign": "none", "sign_cnil": "no"}) == [signage.NO_SIGN]


def test_the_sign_counts_add_up_to_the_cameras():
    cameras = [
        ALL_YES,
        {**ALL_YES, "sign_purpose": "no", "filmed_by": "business", "aimed_at_road": "yes"},
        {"sign": "seen", "sign_cnil": "yes"},
        {"sign": "none", "filmed_by": "residence", "aimed_at_road": "yes"},
        {"sign": "none", "filmed_by": "public_authority", "aimed_at_road": "yes"},
        {"sign": "not_looked"},
        {"filmed_by": "business", "aimed_at_road": "no"},
    ]

    counts = signage.counts(cameras)

    assert counts == {
        "cameras": 7,
        "no_sign": 2,
        "complete_sign": 1,
        "incomplete_sign": 1,
        "partly_checked_sign": 1,
        "sign_not_checked": 2,
        "private_aimed_at_road": 2,
    }
    assert sum(counts[name] for name in signage.SIGN_COUNTS) == counts["cameras"]
