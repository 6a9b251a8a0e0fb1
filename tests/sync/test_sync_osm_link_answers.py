"""A camera is linked to an OSM node (`osm_node_id`) or said not to be one (`osm_not_node_id`),
never both of one node: one change saying both is refused, and a change naming a node the other
field names answers it (sync.merge.answered_opposites), through the three-way merge."""

import pytest
from sync_builders import LEA, ORGANISER, SAM, at, create, created, run, update

from sync.changes import Status
from sync.merge import apply_change
from sync.resolve import resolve_field

NODE = 4_000_000_000_000_001

# (case, what the camera said when created, changes as (change, author), status of the last,
#  osm_node_id, osm_not_node_id, the field a conflict opened on or None)
ANSWERS = [
    (
        "the organiser chooses the node a walker said it is not",
        {"osm_not_node_id": NODE},
        [(update("o", 1, 5, osm_node_id=(None, NODE)), ORGANISER)],
        Status.APPLIED,
        NODE,
        None,
        None,
    ),
    (
        "the walker who said it is not the node links it herself",
        {"osm_not_node_id": NODE},
        [(update("l", 1, 5, osm_node_id=(None, NODE)), LEA)],
        Status.APPLIED,
        NODE,
        None,
        None,
    ),
    (
        "a walker who pulled the organiser's link says it is another one",
        {},
        [
            (update("o", 1, 5, osm_node_id=(None, NODE)), ORGANISER),
            (update("s", 2, 9, osm_not_node_id=(None, NODE)), SAM),
        ],
        Status.APPLIED,
        None,
        NODE,
        None,
    ),
    (
        "a walker who never saw the organiser's link says it is another one",
        {},
        [
            (update("o", 1, 5, osm_node_id=(None, NODE)), ORGANISER),
            (update("s", 1, 9, osm_not_node_id=(None, NODE)), SAM),
        ],
        Status.CONFLICT,
        NODE,  # the organiser's link outranks her word until the organiser settles it
        NODE,
        "osm_node_id",
    ),
]


@pytest.mark.parametrize(
    ("created_with", "changes", "status", "node", "not_node", "contested"),
    [case[1:] for case in ANSWERS],
    ids=[case[0] for case in ANSWERS],
)
def test_naming_a_node_answers_what_the_other_field_says_of_it(
    created_with, changes, status, node, not_node, contested
):
    last, _ = run(created(**created_with), *changes)

    assert last.status is status  # never refused: each side said something valid
    assert (last.state.fields["osm_node_id"], last.state.fields["osm_not_node_id"]) == (
        node,
        not_node,
    )
    assert [conflict.field for conflict in last.conflicts] == ([contested] if contested else [])
    assert last.revision.change == changes[-1][0]  # the history keeps the change as sent


def test_settling_that_conflict_for_the_link_answers_the_walkers_word():
    last, _ = run(
        created(),
        (update("o", 1, 5, osm_node_id=(None, NODE)), ORGANISER),
        (update("s", 1, 9, osm_not_node_id=(None, NODE)), SAM),
    )
    settled = resolve_field(
        last.state,
        "osm_node_id",
        NODE,
        last.conflicts,
        change_id="r",
        organiser=ORGANISER,
        made_at=at(20),
    )
    fields = settled.state.fields
    assert (fields["osm_node_id"], fields["osm_not_node_id"]) == (NODE, None)
    assert not settled.state.open_conflicts


@pytest.mark.parametrize(
    "change",
    [
        update("both", 1, 5, osm_node_id=(None, NODE), osm_not_node_id=(None, NODE)),
        update("both", 1, 5, osm_not_node_id=(None, NODE), osm_node_id=(None, NODE)),
    ],
    ids=["link first", "not first"],
)
def test_one_change_saying_both_of_one_node_is_refused(change):
    current = created()
    outcome = apply_change(current, change, ORGANISER)
    assert (outcome.status, outcome.rejection.code) == (Status.REJECTED, "invalid_change")
    assert "osm_node_id" in outcome.rejection.message
    assert "osm_not_node_id" in outcome.rejection.message
    assert outcome.state == current


def test_a_create_saying_both_of_one_node_is_refused():
    outcome = apply_change(None, create(osm_node_id=NODE, osm_not_node_id=NODE), SAM)
    assert (outcome.status, outcome.rejection.code) == (Status.REJECTED, "invalid_change")
