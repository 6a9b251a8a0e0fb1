"""Duplicate scoring and organiser merges (sync/duplicates.py)."""

import dataclasses

import pytest
from sync_builders import CORNER, LEA, ORGANISER, SAM, at, created, run, update

from sync.duplicates import (
    DISMISSED,
    MERGED,
    OPEN,
    DuplicateRules,
    distance_m,
    hints_after_merge,
    merge_observations,
    possible_duplicates,
)
from sync.merge import apply_change
from sync.resolve import resolve_field

NORTH_5M = 5 / 111_195  # degrees of latitude in 5 m


def near(obs, dlat=0.0, **fields):
    position = {**CORNER, "lat": CORNER["lat"] + dlat}
    return created(obs=obs, change_id=f"c-{obs}", position=position, **fields)


def test_distance_is_measured_on_the_sphere():
    # One degree of latitude is about 111.2 km whatever the longitude.
    assert distance_m({"lat": 43, "lon": 5}, {"lat": 44, "lon": 5}) == pytest.approx(111_195, 1)


# (rule, the other observation, flagged)
ROWS = [
    ("same device 5 m away", near("b", NORTH_5M), True),
    ("10 m away is too far", near("b", 2 * NORTH_5M), False),
    ("another kind", near("b", kind="guard"), False),
    ("an ALPR reader may be a camera", near("b", kind="ALPR"), True),
    ("directions 40 degrees apart", near("b", direction=[220]), True),
    ("directions 90 degrees apart", near("b", direction=[270]), False),
    ("one multi-lens bearing close enough", near("b", direction=[0, 170]), True),
    ("no direction on one side", near("b", direction=None), True),
    (
        "a deleted observation is not a duplicate",
        dataclasses.replace(near("b"), deleted=True),
        False,
    ),
    ("itself is not a duplicate", near("a"), False),
]


@pytest.mark.parametrize(("other", "flagged"), [r[1:] for r in ROWS], ids=[r[0] for r in ROWS])
def test_duplicate_rule(other, flagged):
    assert (possible_duplicates(near("a"), [other]) == [other.id]) is flagged


def test_duplicate_thresholds_are_configurable():
    rules = DuplicateRules(distance_m=12, direction_tolerance_deg=100)
    assert possible_duplicates(near("a"), [near("b", 2 * NORTH_5M, direction=[270])], rules)


def test_duplicates_come_nearest_first():
    others = [near("far", 1.5 * NORTH_5M), near("close", 0.2 * NORTH_5M)]
    assert possible_duplicates(near("a"), others) == ["close", "far"]


def merged(take=frozenset()):
    survivor = apply_change(near("a"), update("u1", 1, 3, mount=("pole", "wall")), LEA).state
    other = near("b", NORTH_5M, author=SAM, operator="Police", note="two lenses")
    other = dataclasses.replace(other, open_conflicts=frozenset({"x/operator"}))
    return (
        survivor,
        other,
        merge_observations(
            survivor,
            other,
            change_id="m1",
            organiser=ORGANISER,
            made_at=at(60),
            take_from_other=take,
        ),
    )


def test_a_merge_fills_the_survivors_blanks_and_sets_aside_the_rest():
    survivor, _, outcome = merged()
    assert outcome.taken == {"operator": "Police", "note": "two lenses"}
    assert outcome.replaced == {"operator": None, "note": None}
    assert outcome.set_aside == {
        "position": near("b", NORTH_5M).fields["position"],
        "mount": "pole",
    }
    assert outcome.survivor.fields["mount"] == "wall"
    assert outcome.survivor.version == survivor.version + 1


def test_an_organiser_may_take_a_field_from_the_other():
    _, _, outcome = merged(take={"mount"})
    assert outcome.survivor.fields["mount"] == "pole" and "mount" not in outcome.set_aside
    assert outcome.replaced["mount"] == "wall"


def test_the_other_becomes_a_tombstone_pointing_at_the_survivor():
    survivor, other, outcome = merged()
    assert outcome.tombstone.merged_into == survivor.id and outcome.tombstone.tombstone
    assert outcome.tombstone.fields == other.fields
    assert outcome.survivor.open_conflicts == {"x/operator"}


def test_merging_an_already_merged_observation_is_refused():
    _, _, outcome = merged()
    with pytest.raises(ValueError):
        merge_observations(
            outcome.survivor,
            outcome.tombstone,
            change_id="m2",
            organiser=ORGANISER,
            made_at=at(61),
        )


def decided(state, status, minute, author=ORGANISER, **edits):
    """`state` after `author` set its review_status to `status` (and `edits`)."""
    review = {"review_status": (state.fields["review_status"], status)} if status else {}
    change = update(f"{state.id}-{minute}", state.version, minute, obs=state.id, **review, **edits)
    return apply_change(state, change, author).state


def approved_then_edited_by_a_walker():
    return decided(decided(near("a"), "approved", 1), None, 2, SAM, mount=("pole", "wall"))


# (survivor's review state, survivor, its review_status and published copy after the merge)
REVIEW_ROWS = [
    (
        "an approved camera publishes the blanks it filled",
        decided(near("a"), "approved", 1),
        "approved",
        {"operator": "Police", "mount": "pole"},
    ),
    ("one waiting for review publishes nothing", near("a"), "pending", None),
    ("a rejected one publishes nothing", decided(near("a"), "rejected", 1), "rejected", None),
    (
        "one a walker edited since approval publishes the merge, not her edit",
        approved_then_edited_by_a_walker(),
        "pending",
        {"operator": "Police", "mount": "pole"},
    ),
]


@pytest.mark.parametrize(
    ("survivor", "status", "published"),
    [r[1:] for r in REVIEW_ROWS],
    ids=[r[0] for r in REVIEW_ROWS],
)
def test_a_merge_is_an_organisers_change_for_the_review_rules(survivor, status, published):
    other = near("b", NORTH_5M, author=SAM, operator="Police")
    outcome = merge_observations(
        survivor, other, change_id="m1", organiser=ORGANISER, made_at=at(60)
    )
    merged = outcome.survivor
    assert merged.fields["operator"] == "Police"
    assert merged.fields["review_status"] == status
    if published is None:
        assert merged.approved is None
    else:
        assert {name: merged.approved[name] for name in published} == published


def test_the_review_state_stays_the_survivors_and_the_others_goes_to_the_history():
    other = decided(near("b", NORTH_5M, author=SAM), "approved", 1, review_note=(None, "seen"))
    outcome = merge_observations(
        near("a"), other, change_id="m1", organiser=ORGANISER, made_at=at(60)
    )
    merged = outcome.survivor
    assert (merged.fields["review_status"], merged.fields["review_note"]) == ("pending", None)
    assert merged.approved is None
    assert outcome.set_aside["review_status"] == "approved"
    assert outcome.set_aside["review_note"] == "seen"


@pytest.mark.parametrize("field", ["review_status", "review_note"])
def test_an_organiser_may_not_take_the_review_state_from_the_other(field):
    other = decided(near("b", NORTH_5M, author=SAM), "approved", 1, review_note=(None, "seen"))
    with pytest.raises(ValueError):
        merge_observations(
            near("a"),
            other,
            change_id="m1",
            organiser=ORGANISER,
            made_at=at(60),
            take_from_other=frozenset({field}),
        )


def contested_other(**fields):
    """Sam's record of the camera, whose operator Lea and Sam then set two ways: RTM leads for
    now against SNCF. The record and its open conflicts."""
    other = near("b", NORTH_5M, author=SAM, **fields)
    outcome, outcomes = run(
        other,
        (update("lea", 1, 10, obs="b", operator=(None, "SNCF")), LEA),
        (update("sam", 1, 20, obs="b", operator=(None, "RTM")), SAM),
    )
    return outcome.state, [c for o in outcomes for c in o.conflicts]


@pytest.mark.parametrize(
    ("survivor_fields", "take"),
    [({}, frozenset()), ({"operator": "Police municipale"}, frozenset({"operator"}))],
    ids=["blank filled", "field taken"],
)
def test_a_merge_publishes_no_value_an_open_conflict_still_contests(survivor_fields, take):
    """The approved copy keeps its value for a field contested after the merge, as an approval
    waits for the conflict, and takes the value the organiser settles on."""
    survivor = decided(near("a", **survivor_fields), "approved", 1)
    other, conflicts = contested_other(note="two lenses")

    merged = merge_observations(
        survivor, other, change_id="m1", organiser=ORGANISER, made_at=at(60), take_from_other=take
    ).survivor

    assert (merged.fields["review_status"], merged.fields["operator"]) == ("approved", "RTM")
    assert merged.approved["operator"] == survivor.approved["operator"]
    assert merged.approved["note"] == "two lenses"  # not contested: published at once
    moved = [dataclasses.replace(c, observation_id=merged.id) for c in conflicts]
    settled = resolve_field(
        merged, "operator", "SNCF", moved, change_id="r1", organiser=ORGANISER, made_at=at(70)
    ).state
    assert settled.approved["operator"] == "SNCF" and not settled.open_conflicts


# (case, the survivor's hint with the third record, the merged-away one's, what becomes of it)
HINT_ROWS = [
    ("a guess the survivor lacks moves", None, OPEN, "moved"),
    ("a dismissal the survivor lacks moves", None, DISMISSED, "moved"),
    ("the survivor's guess stays, asked once", OPEN, OPEN, "dropped"),
    ("her word outweighs the survivor's guess", OPEN, DISMISSED, "moved"),
    ("the survivor's dismissal outweighs a guess", DISMISSED, OPEN, "dropped"),
    ("the survivor's dismissal stays", DISMISSED, DISMISSED, "dropped"),
    ("a third record merged into the survivor is settled", MERGED, OPEN, "dropped"),
    ("an earlier merge's record stays as it is", None, MERGED, "neither"),
]


@pytest.mark.parametrize(
    ("survivor", "other", "becomes"), [r[1:] for r in HINT_ROWS], ids=[r[0] for r in HINT_ROWS]
)
def test_the_merged_away_records_hints_go_to_the_survivor(survivor, other, becomes):
    rule = hints_after_merge({} if survivor is None else {"c": survivor}, {"c": other})
    found = {"moved": rule.moved, "dropped": rule.dropped}
    assert {name for name, thirds in found.items() if "c" in thirds} == (
        set() if becomes == "neither" else {becomes}
    )


def test_a_hint_only_the_survivor_has_is_left_alone():
    rule = hints_after_merge({"c": OPEN}, {"d": OPEN})
    assert (rule.moved, rule.dropped) == ({"d"}, frozenset())
