"""An open conflict always shows the value its field holds now (sync/merge.py `_now_held`)."""

from sync_builders import KARIM_WALKING, LEA, SAM, created, run, update

from sync.changes import Author


def test_a_later_conflict_tells_the_earlier_one_which_value_the_field_now_holds():
    # Léa X at 10:00, Karim Z at 10:02, Sam Y at 10:05; synced in that order.
    outcome, outcomes = run(
        created(),
        (update("a", 1, 60, operator=(None, "X")), LEA),
        (update("c", 1, 62, operator=(None, "Z")), KARIM_WALKING),
        (update("b", 1, 65, operator=(None, "Y")), SAM),
    )
    assert outcomes[1].now_held == ()  # its own record already has Z first
    assert outcome.state.fields["operator"] == "Y"
    ((key, side),) = outcome.now_held
    assert key == "c/operator"
    assert (side.value, side.change_id, side.author) == ("Y", "b", SAM)


def test_a_fresh_edit_of_a_contested_field_is_shown_as_its_current_value():
    outcome, _ = run(
        created(),
        (update("a", 1, 60, operator=(None, "X")), LEA),
        (update("c", 1, 62, operator=(None, "Z")), KARIM_WALKING),  # version 3, Z held
        (update("d", 3, 70, operator=("Z", "W")), Author(4)),  # pulled version 3
    )
    assert [(key, side.value) for key, side in outcome.now_held] == [("c/operator", "W")]


def test_a_conflict_the_held_value_wins_changes_no_record():
    outcome, _ = run(
        created(),
        (update("a", 1, 60, operator=(None, "X")), LEA),
        (update("c", 1, 62, operator=(None, "Z")), KARIM_WALKING),
        (update("b", 1, 61, operator=(None, "Y")), SAM),  # loses to Z
    )
    assert outcome.state.fields["operator"] == "Z" and outcome.now_held == ()
