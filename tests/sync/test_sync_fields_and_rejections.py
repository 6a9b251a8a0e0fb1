"""Value normal forms (sync/fields.py) and the changes the engine refuses (sync/checks.py)."""

import dataclasses

import pytest
from sync_builders import CORNER, DOME, LEA, ORGANISER, SAM, create, created, photo, run, update

from sync import fields
from sync.changes import Op, Photo, Status
from sync.merge import apply_change


@pytest.mark.parametrize(
    ("field", "a", "b", "same"),
    [
        ("direction", [90, 180], [180, 90], True),
        ("direction", [90, 90], [90], True),
        ("direction", [], None, True),
        ("direction", [0], [359], False),
        ("position", CORNER, {**CORNER, "accuracy_m": 6.0}, True),
        ("position", CORNER, {**CORNER, "lat": 43.29612341}, True),
        ("position", CORNER, {**CORNER, "lat": 43.2961235}, False),
        ("position", CORNER, {**CORNER, "accuracy_m": None}, False),
        ("operator", "Police", " Police ", True),
        ("operator", "", None, True),
        ("operator", "Police", "police", False),
        ("height_m", 4, 4.0, True),
        ("kind", "camera", "ALPR", False),
        ("osm_new", None, False, True),  # copies approved before the field existed
        ("osm_new", True, False, False),
    ],
)
def test_values_that_mean_the_same_thing_are_equal(field, a, b, same):
    assert fields.same(field, a, b) is same


@pytest.mark.parametrize(
    ("field", "value", "accepted"),
    [
        ("kind", "camera", True),
        ("kind", None, False),
        ("kind", "webcam", False),
        ("mount", None, True),
        ("mount", "street_lamp", True),
        ("direction", [0, 359], True),
        ("direction", [360], False),
        ("direction", [True], False),
        ("direction", "90", False),
        ("position", {"lat": 91, "lon": 0}, False),
        ("position", {"lat": 1, "lon": 2, "accuracy_m": -1}, False),
        ("position", {"lat": 1, "lon": 2, "accuracy_m": 0}, True),
        ("position", {"lat": 1, "lon": 2, "alt": 3}, False),
        ("position", {"lat": 1, "lon": 2}, True),
        ("height_m", 101, False),
        ("height_m", 4.5, True),
        ("operator", "x" * 255, True),
        ("operator", "x" * 256, False),
        ("note", "x" * 2000, True),
        ("surveyed_on", "2026-11-21", True),
        ("surveyed_on", "2026-11-21T09:00", False),
        ("surveyed_on", "21/11/2026", False),
        ("osm_node_id", 0, False),
        ("presence", "gone", True),
        ("review_status", "approved", True),
        ("colour", "red", False),
        ("osm_new", True, True),
        ("osm_new", "yes", False),
    ],
)
def test_field_values_are_checked(field, value, accepted):
    assert (fields.problem(field, value) is None) is accepted


def test_a_refused_accuracy_is_told_what_is_allowed():
    # It said "positive" while 0 is taken: a client written from the message refused 0.
    problem = fields.problem("position", {"lat": 1, "lon": 2, "accuracy_m": -1})
    assert problem == "accuracy_m must be a number of metres, 0 or more, or null"


REJECTIONS = [
    (
        "update of an unknown observation",
        None,
        update("u", 1, 1, operator=(None, "P")),
        LEA,
        "unknown_observation",
    ),
    (
        "delete of an unknown observation",
        None,
        dataclasses.replace(update("u", 1, 1, operator=(None, "P")), op=Op.DELETE),
        LEA,
        "unknown_observation",
    ),
    (
        "create without a walk",
        None,
        dataclasses.replace(create(), walk_id=None),
        LEA,
        "invalid_change",
    ),
    (
        "create without a position",
        None,
        dataclasses.replace(create(), fields={k: v for k, v in DOME.items() if k != "position"}),
        LEA,
        "invalid_change",
    ),
    (
        "walker setting a review status",
        "obs",
        update("u", 1, 1, review_status=("pending", "approved")),
        LEA,
        "organiser_only_field",
    ),
    (
        "walker creating an approved camera",
        None,
        create(review_status="approved"),
        SAM,
        "organiser_only_field",
    ),
    (
        "walker marking a camera new to OSM (the organiser's choice on the review card)",
        "obs",
        update("u", 1, 1, osm_new=(False, True)),
        LEA,
        "organiser_only_field",
    ),
    (
        "walker creating a rejected camera",
        None,
        create(review_status="rejected"),
        SAM,
        "organiser_only_field",
    ),
    (
        "walker writing a review note",
        None,
        create(review_note="ok by me"),
        SAM,
        "organiser_only_field",
    ),
    (
        "walker creating a camera new to OSM",
        None,
        create(osm_new=True),
        SAM,
        "organiser_only_field",
    ),
    ("invalid value", "obs", update("u", 1, 1, mount=("pole", "roof")), LEA, "invalid_value"),
    ("unknown field", "obs", update("u", 1, 1, colour=(None, "red")), LEA, "invalid_value"),
    ("empty update", "obs", update("u", 1, 1), LEA, "invalid_change"),
    (
        "delete without a base version",
        "obs",
        dataclasses.replace(
            update("u", 1, 1, mount=("pole", "wall")), op=Op.DELETE, base_version=None
        ),
        LEA,
        "invalid_change",
    ),
    (
        "update without a base version",
        "obs",
        dataclasses.replace(update("u", 1, 1, mount=("pole", "wall")), base_version=None),
        LEA,
        "invalid_change",
    ),
    (
        "photo with an unknown role",
        "obs",
        photo("p", Op.ATTACH_PHOTO, "ab", 1, role="selfie"),
        LEA,
        "invalid_value",
    ),
]


@pytest.mark.parametrize(
    ("current", "change", "author", "code"),
    [r[1:] for r in REJECTIONS],
    ids=[r[0] for r in REJECTIONS],
)
def test_changes_the_engine_refuses(current, change, author, code):
    state = created() if current else None
    outcome = apply_change(state, change, author)
    assert (outcome.status, outcome.rejection.code) == (Status.REJECTED, code)
    assert outcome.state == state and not outcome.changed
    assert outcome.revision.change == change and outcome.revision.rejection.code == code


def test_an_organiser_may_set_the_review_status():
    outcome = apply_change(
        created(), update("u", 1, 1, review_status=("pending", "approved")), ORGANISER
    )
    assert outcome.state.fields["review_status"] == "approved"


BLANK_REVIEW = {"review_status": "pending", "review_note": None, "osm_new": False}


def test_a_walkers_create_with_the_full_set_of_fields_is_applied():
    """docs/contract.md lists the organisers' fields among those of an observation; a phone
    sending each at its default says nothing a walker may not say."""
    outcome = apply_change(None, create(**{**BLANK_REVIEW, "review_note": ""}), SAM)
    assert outcome.status is Status.APPLIED
    assert {name: outcome.state.fields[name] for name in BLANK_REVIEW} == BLANK_REVIEW


@pytest.mark.parametrize(
    "change",
    [
        create("c-again", **BLANK_REVIEW),  # a second phone's create of the same camera
        update("u", 2, 5, review_status=("approved", "pending"), osm_new=(True, False)),
    ],
    ids=["create again", "update"],
)
def test_a_walkers_blank_review_fields_change_nothing_the_organiser_decided(change):
    approved, _ = run(
        created(),
        (
            update("o", 1, 1, review_status=("pending", "approved"), osm_new=(False, True)),
            ORGANISER,
        ),
    )
    outcome = apply_change(approved.state, change, SAM)
    assert (outcome.status, outcome.changed) == (Status.APPLIED, False)
    assert outcome.state.fields["review_status"] == "approved" and outcome.state.fields["osm_new"]
    assert outcome.revision.change == change  # the history keeps what the phone sent


def test_a_create_fills_unsent_fields_with_their_defaults():
    state = created()
    assert (state.fields["presence"], state.fields["review_status"]) == ("present", "pending")
    assert state.fields["osm_new"] is False
    assert state.fields["operator"] is None and set(state.fields) == set(fields.FIELDS)


def test_a_photo_change_carries_its_photo():
    outcome = apply_change(created(), photo("p", Op.ATTACH_PHOTO, "ab", 1, "context"), LEA)
    assert outcome.state.photos == {Photo("ab", "context")}
