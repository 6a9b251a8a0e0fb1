"""Cases a client written from docs/sync-protocol.md alone found against the real server.

Each used to end with the observation in a state no one chose: a resolution undoing another,
an organiser's "kept" silently overtaken, a walker in conflict with herself, and history
written into another group's observation.
"""


def open_conflicts(client, group) -> list[dict]:
    answer = client.get(f"/api/v1/groups/{group.id}/conflicts", headers=group.headers("organiser"))
    assert answer.status_code == 200
    return answer.json


def resolve(client, group, key, body) -> dict:
    answer = client.post(
        f"/api/v1/conflicts/{key}/resolve", json=body, headers=group.headers("organiser")
    )
    assert answer.status_code == 200, answer.json
    return answer.json


def observation(sync_api, observation_id) -> dict:
    (found,) = [o for o in sync_api.sync()["observations"] if o["id"] == observation_id]
    return found


def disputed(sync_api, sam):
    """Léa logs a camera; Sam sets its operator and height; Léa, from version 1, sets another
    operator and deletes it: an operator conflict and a delete/edit conflict, both open
    (Sam's height is an edit Léa never saw, whichever operator wins for now)."""
    create = sync_api.create()
    obs = create["observation_id"]
    sync_api.sync([create])
    sam_edit = sync_api.update(obs, 1, operator=(None, "Mairie"), height_m=(None, 4))
    sync_api.sync([sam_edit], headers=sam)
    sync_api.sync([sync_api.update(obs, 1, operator=(None, "Police")), sync_api.delete(obs, 1)])
    return obs


def test_settling_a_field_after_confirming_the_deletion_leaves_it_deleted(
    client, group, sync_api, sam
):
    obs = disputed(sync_api, sam)
    conflicts = {c["kind"]: c for c in open_conflicts(client, group)}
    resolve(client, group, conflicts["delete_edit"]["key"], {"value": "deleted"})
    provisional = conflicts["field"]["provisional_value"]
    other = 1 if conflicts["field"]["sides"][0]["value"] == provisional else 0

    resolve(client, group, conflicts["field"]["key"], {"side": other})

    assert open_conflicts(client, group) == []
    after = observation(sync_api, obs)
    assert after["deleted"] is True and after["conflicts"] == []
    assert after["operator"] == conflicts["field"]["sides"][other]["value"]


def test_kept_holds_when_a_fresh_delete_arrived_before_the_organiser_answered(
    client, group, sync_api, sam
):
    obs = disputed(sync_api, sam)
    (delete_edit,) = [c for c in open_conflicts(client, group) if c["kind"] == "delete_edit"]
    current = observation(sync_api, obs)["version"]
    fresh = sync_api.sync([sync_api.delete(obs, current)])["results"][0]
    assert fresh["status"] == "applied" and observation(sync_api, obs)["deleted"] is True

    settled = resolve(client, group, delete_edit["key"], {"value": "kept"})

    assert settled["status"] == "resolved"
    after = observation(sync_api, obs)
    assert after["deleted"] is False
    assert [c["kind"] for c in open_conflicts(client, group)] == ["field"]


def test_kept_holds_when_a_delete_made_before_it_syncs_after_it(client, group, sync_api, sam):
    """Sam proposes deleting Léa's camera; the organiser keeps it; Léa's own delete, made
    offline from version 1 before that answer, syncs later: a new question, not a tombstone."""
    create = sync_api.create()
    obs = create["observation_id"]
    sync_api.sync([create])
    proposal = sync_api.sync([sync_api.delete(obs, 1)], headers=sam)["results"][0]
    assert proposal["status"] == "conflict"
    resolve(client, group, proposal["conflict_ids"][0], {"value": "kept"})

    late = sync_api.sync([sync_api.delete(obs, 1)])["results"][0]

    assert late["status"] == "conflict"
    assert observation(sync_api, obs)["deleted"] is False
    (question,) = open_conflicts(client, group)
    assert question["kind"] == "delete_edit"


def test_a_walkers_own_delete_then_edit_in_one_batch_is_no_conflict(sync_api):
    create = sync_api.create()
    obs = create["observation_id"]
    sync_api.sync([create])

    answer = sync_api.sync(
        [
            sync_api.delete(obs, 1, made_at="2026-11-21T11:00:00+01:00"),
            sync_api.update(
                obs, 2, made_at="2026-11-21T11:05:00+01:00", operator=(None, "Police")
            ),
        ]
    )

    assert [r["status"] for r in answer["results"]] == ["applied", "applied"]
    after = observation(sync_api, obs)
    assert (after["deleted"], after["operator"], after["conflicts"]) == (False, "Police", [])


def test_changes_sent_to_one_group_never_reach_another_groups_history(
    client, sync_api, sync_api_for, make_group
):
    other = make_group("Belsunce")
    theirs = sync_api_for(other)
    create = theirs.create()
    theirs.sync([create])
    obs = create["observation_id"]

    answer = sync_api.sync(
        [sync_api.update(obs, 1, operator=(None, "orgA")), sync_api.delete(obs, 1)]
    )

    assert [r["error"]["code"] for r in answer["results"]] == ["unknown_observation"] * 2
    history = client.get(
        f"/api/v1/observations/{obs}/history", headers=other.headers("organiser")
    ).json
    assert [entry["op"] for entry in history] == ["create"]
    assert open_conflicts(client, other) == []
