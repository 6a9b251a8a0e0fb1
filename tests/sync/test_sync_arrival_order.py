"""Every arrival order of concurrent edits ends with the same value and the same conflicting
values (sync/merge.py, docs/sync-protocol.md "Provisional winner")."""

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st
from sync_builders import KARIM_WALKING, LEA, SAM, created, run, update

from sync.changes import Author, Status

WALKERS = [LEA, KARIM_WALKING, SAM, Author(4)]


def settle(edits):
    """The operator after `edits` (pairs of change and author) in that order, and the values
    its open conflict records hold, as a set."""
    outcome, outcomes = run(created(), *edits)
    contested = frozenset(
        side.value for o in outcomes for c in o.conflicts for side in (c.winner, c.loser)
    )
    return outcome.state.fields["operator"], contested


def test_an_agreeing_later_sighting_raises_the_values_rank_whatever_the_order():
    # Léa X at 10:00, Sam X at 10:05, Karim Z at 10:02, all from null.
    edits = [
        (update("a", 1, 60, operator=(None, "X")), LEA),
        (update("b", 1, 65, operator=(None, "X")), SAM),
        (update("c", 1, 62, operator=(None, "Z")), KARIM_WALKING),
    ]
    ends = {settle(order) for order in itertools.permutations(edits)}
    assert ends == {("X", frozenset({"X", "Z"}))}


def test_an_agreeing_later_sighting_moves_the_stamp_without_a_conflict():
    outcome, _ = run(
        created(),
        (update("a", 1, 60, operator=(None, "X")), LEA),
        (update("b", 1, 65, operator=(None, "X")), SAM),
    )
    assert (outcome.status, outcome.conflicts) == (Status.APPLIED, ())
    assert outcome.state.stamps["operator"].change_id == "b"


def test_replacing_her_own_value_that_someone_else_set_too_is_ranked_not_fresh():
    # Léa sets X (10:00) then Y (10:01), offline; Sam sets X at 10:10. Sam's later sighting
    # wins in both orders, and both orders keep the disagreement for the organiser.
    lea_x = (update("a1", 1, 60, operator=(None, "X")), LEA)
    lea_y = (update("a2", 1, 61, operator=("X", "Y")), LEA)
    sam_x = (update("b", 1, 70, operator=(None, "X")), SAM)
    assert settle([sam_x, lea_x, lea_y]) == settle([lea_x, lea_y, sam_x]) == ("X", {"X", "Y"})


def test_an_edit_of_a_value_pulled_before_stays_fresh():
    outcome, _ = run(
        created(),
        (update("a", 1, 60, operator=(None, "X")), LEA),  # version 2
        (update("b", 2, 50, operator=("X", "Y")), SAM),  # Sam pulled version 2
    )
    assert (outcome.status, outcome.state.fields["operator"]) == (Status.APPLIED, "Y")


VALUES = st.sampled_from(["X", "Y", "Z"])
EDITS = st.lists(st.tuples(VALUES, st.integers(0, 5)), min_size=2, max_size=4)


@settings(max_examples=200, deadline=None)
@given(EDITS)
def test_every_arrival_order_of_concurrent_edits_ends_alike(values_and_minutes):
    """One walker each, all from the created value; equal made_at are allowed (the change_id
    breaks the tie)."""
    edits = [
        (update(f"u{i}", 1, minute, operator=(None, value)), WALKERS[i])
        for i, (value, minute) in enumerate(values_and_minutes)
    ]
    ends = {settle(order) for order in itertools.permutations(edits)}
    assert len(ends) == 1, ends


@st.composite
def walkers_edits(draw):
    """Up to three walkers, each a chain of one or two edits built on her own, offline since
    the create; her phone's clock orders her own edits, and no two edits share a minute."""
    chains = draw(st.lists(st.lists(VALUES, min_size=1, max_size=2), min_size=2, max_size=3))
    count = sum(len(chain) for chain in chains)
    minutes = draw(st.lists(st.integers(0, 30), min_size=count, max_size=count, unique=True))
    phones, taken = [], 0
    for walker, chain in zip(WALKERS, chains, strict=False):
        mine, taken = sorted(minutes[taken : taken + len(chain)]), taken + len(chain)
        edits, seen = [], None
        for step, (value, minute) in enumerate(zip(chain, mine, strict=True)):
            if value != seen:
                edit = update(f"{walker.member_id}-{step}", 1, minute, operator=(seen, value))
                edits.append((edit, walker))
            seen = value
        phones.append(edits)
    return phones


@settings(max_examples=200, deadline=None)
@given(walkers_edits())
def test_every_order_of_phones_syncing_their_own_chains_of_edits_ends_with_one_value(phones):
    values = set()
    for order in itertools.permutations(phones):
        outcome, _ = run(created(), *(edit for phone in order for edit in phone))
        values.add(outcome.state.fields["operator"])
    assert len(values) == 1, values
