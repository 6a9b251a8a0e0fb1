"""Batch semantics of one round trip, on the in-memory reference server (sync/memory.py)."""

import pytest
from sync_builders import CORNER, KARIM_WALKING, LEA, ORGANISER, SAM, at, create, delete, update

from sync.changes import Status
from sync.duplicates import DISMISSED, MERGED
from sync.memory import MemoryServer


def server_with_camera():
    server = MemoryServer(clock=lambda: at(60))
    server.sync(LEA, [create("c1")], 0, 10)
    return server


def test_a_replayed_change_returns_the_original_result_and_applies_nothing():
    server = server_with_camera()
    first = server.sync(SAM, [update("u1", 1, 5, operator=(None, "Police"))], 0, 10)
    again = server.sync(SAM, [update("u1", 1, 5, operator=(None, "Police"))], 0, 10)
    assert again.results[0].replayed and not first.results[0].replayed
    assert again.results[0].version == first.results[0].version == 2
    assert server.states["obs-1"].version == 2 and server.applications["u1"] == 1


def test_a_replay_answers_with_the_original_result_even_after_later_changes():
    server = server_with_camera()
    server.sync(SAM, [update("u1", 1, 5, operator=(None, "Police"))], 0, 10)
    server.sync(LEA, [update("u2", 2, 6, operator=("Police", "SNCF"))], 0, 10)
    (result,) = server.sync(SAM, [update("u1", 1, 5, operator=(None, "Police"))], 0, 10).results
    assert (result.status, result.version, result.replayed) == (Status.APPLIED, 2, True)
    assert server.states["obs-1"].fields["operator"] == "SNCF"


def test_results_come_in_request_order_and_one_rejection_does_not_stop_the_batch():
    server = server_with_camera()
    answer = server.sync(
        SAM,
        [
            update("u1", 1, 5, mount=("pole", "roof")),
            update("u2", 1, 6, obs="nowhere", operator=(None, "x")),
            update("u3", 1, 7, operator=(None, "Police")),
        ],
        0,
        10,
    )
    assert [r.change_id for r in answer.results] == ["u1", "u2", "u3"]
    assert [r.status for r in answer.results] == [
        Status.REJECTED,
        Status.REJECTED,
        Status.APPLIED,
    ]
    assert len(server.revisions) == 4  # the create, and all three, rejected or not


def test_the_same_change_twice_in_one_batch_is_applied_once():
    server = server_with_camera()
    edit = update("u1", 1, 5, operator=(None, "Police"))
    answer = server.sync(SAM, [edit, edit], 0, 10)
    assert [r.replayed for r in answer.results] == [False, True]
    assert server.applications["u1"] == 1


def test_a_change_to_a_merged_observation_is_redirected_to_the_survivor():
    server = server_with_camera()
    server.sync(SAM, [create("c2", obs="obs-2")], 0, 10)
    server.merge(ORGANISER, "obs-1", "obs-2")
    (result,) = server.sync(
        SAM, [update("u1", 1, 5, obs="obs-2", operator=(None, "Police"))], 0, 10
    ).results
    assert (result.observation_id, result.redirected_to) == ("obs-2", "obs-1")
    assert server.states["obs-1"].fields["operator"] == "Police"
    assert server.revisions[-1].redirected_from == "obs-2"


def test_a_delete_redirected_to_a_survivor_others_edited_is_a_conflict():
    server = server_with_camera()
    server.sync(SAM, [create("c2", obs="obs-2")], 0, 10)
    server.merge(ORGANISER, "obs-1", "obs-2")
    (result,) = server.sync(SAM, [delete("d1", 1, 5, obs="obs-2")], 0, 10).results
    assert result.status is Status.CONFLICT and not server.states["obs-1"].deleted


def test_a_new_camera_near_a_logged_one_flags_both_as_possible_duplicates():
    server = server_with_camera()
    server.sync(SAM, [create("c2", obs="obs-2"), create("c3", obs="obs-3", kind="guard")], 0, 10)
    assert server.duplicate_hints == {"obs-1": {"obs-2"}, "obs-2": {"obs-1"}}


def six_metres(east: float) -> dict:
    return {**CORNER, "lon": CORNER["lon"] + east * 6 / 80_950}  # metres of longitude here


def test_a_merge_passes_the_merged_away_records_hints_to_the_survivor():
    """obs-1 is flagged with obs-2 (6 m east) and obs-3 (6 m west), which are 12 m apart.
    Merged into obs-2, obs-1's question about obs-3 is obs-2's; phones pull obs-3 again."""
    server = server_with_camera()
    server.sync(
        SAM,
        [
            create("c2", obs="obs-2", position=six_metres(1)),
            create("c3", obs="obs-3", position=six_metres(-1)),
        ],
        0,
        10,
    )
    cursor = server.last_seq

    server.merge(ORGANISER, "obs-2", "obs-1")

    assert server.duplicate_hints == {"obs-2": {"obs-3"}, "obs-3": {"obs-2"}}
    assert "obs-3" in {p.state.id for p in server.pull(cursor, 10)[0]}


def test_a_pair_said_to_be_two_stays_two_with_the_survivor():
    server = server_with_camera()
    server.sync(
        SAM,
        [
            create("c2", obs="obs-2", position=six_metres(1)),
            create("c3", obs="obs-3", position=six_metres(-1)),
        ],
        0,
        10,
    )
    server.not_duplicate("obs-1", "obs-3")

    server.merge(ORGANISER, "obs-2", "obs-1")

    assert server.duplicate_hints == {}
    assert server.hints == {
        frozenset({"obs-1", "obs-2"}): MERGED,
        frozenset({"obs-2", "obs-3"}): DISMISSED,
    }


def test_not_the_same_camera_has_phones_pull_both_records_again():
    """As the server's revisions on the pair do: a phone holding both records pulls them
    without the hint; said again, nothing changes and nothing is pulled."""
    server = server_with_camera()
    server.sync(SAM, [create("c2", obs="obs-2", position=six_metres(1))], 0, 10)
    cursor = server.last_seq

    server.not_duplicate("obs-1", "obs-2")

    assert server.duplicate_hints == {}
    assert {p.state.id for p in server.pull(cursor, 10)[0]} == {"obs-1", "obs-2"}
    cursor = server.last_seq
    server.not_duplicate("obs-2", "obs-1")
    assert server.pull(cursor, 10)[0] == []
    server.not_duplicate("obs-1", "obs-2", distinct=False)
    assert server.duplicate_hints == {"obs-1": {"obs-2"}, "obs-2": {"obs-1"}}
    assert {p.state.id for p in server.pull(cursor, 10)[0]} == {"obs-1", "obs-2"}


@pytest.mark.parametrize("limit", [1, 2, 5])
def test_a_pull_pages_through_every_observation_once_in_seq_order(limit):
    server = server_with_camera()
    server.sync(SAM, [create(f"c{n}", obs=f"obs-{n}") for n in range(2, 6)], 0, 10)
    server.sync(KARIM_WALKING, [update("u1", 1, 5, operator=(None, "Police"))], 0, 10)
    seen, cursor, more = [], 0, True
    while more:
        answer = server.sync(LEA, [], cursor, limit)
        seen += [p.seq for p in answer.observations]
        cursor, more = answer.cursor, answer.more
    assert seen == sorted(server.seqs.values())
    assert len(seen) == len(server.states) == 5


def test_a_resolution_is_pulled_by_every_client():
    server = server_with_camera()
    server.sync(SAM, [update("u1", 1, 5, operator=(None, "Police"))], 0, 10)
    answer = server.sync(LEA, [update("u2", 1, 3, operator=(None, "Mairie"))], 0, 10)
    cursor = answer.cursor
    server.resolve_field(ORGANISER, "obs-1", "operator", "Mairie")
    (pulled,) = server.sync(SAM, [], cursor, 10).observations
    assert pulled.state.fields["operator"] == "Mairie" and not pulled.state.open_conflicts


def test_a_merged_conflict_keeps_its_value_off_the_published_copy_until_settled():
    server = server_with_camera()
    server.sync(SAM, [create("c2", obs="obs-2")], 0, 10)
    server.sync(ORGANISER, [update("ok", 1, 2, review_status=("pending", "approved"))], 0, 10)
    server.sync(LEA, [update("u1", 1, 5, obs="obs-2", operator=(None, "SNCF"))], 0, 10)
    server.sync(SAM, [update("u2", 1, 8, obs="obs-2", operator=(None, "RTM"))], 0, 10)

    server.merge(ORGANISER, "obs-1", "obs-2")

    merged = server.states["obs-1"]
    assert (merged.fields["operator"], merged.approved["operator"]) == ("RTM", None)
    server.resolve_field(ORGANISER, "obs-1", "operator", "SNCF")
    assert server.states["obs-1"].approved["operator"] == "SNCF"


def test_an_approval_that_raises_a_conflict_itself_is_refused_and_nothing_published():
    """The organiser approves from a card shown before Sam's edit, with her own operator."""
    server = server_with_camera()
    server.sync(SAM, [update("sam", 1, 20, operator=(None, "RTM"))], 0, 10)
    before = server.states["obs-1"]
    approval = update(
        "hers", 1, 30, operator=(None, "SNCF"), review_status=("pending", "approved")
    )

    (result,) = server.sync(ORGANISER, [approval], 0, 10).results

    assert (result.status, result.rejection.code) == (Status.REJECTED, "approval_contested")
    assert server.states["obs-1"] == before and before.approved is None
    assert server.conflicts == {}
    assert server.revisions[-1].status is Status.REJECTED  # kept, with why
