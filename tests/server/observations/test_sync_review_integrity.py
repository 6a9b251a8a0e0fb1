"""What is published and exported is what an organiser approved.

An attack on a running server found that a walker's update of an approved observation was
applied and stayed approved, so it went straight to the public map and the OSM export (an
operator changed to any text; `presence: gone` with an `osm_node_id` exported a delete of that
node), and that any walker could delete every observation of the group in one batch.
"""

from xml.etree.ElementTree import fromstring

import pytest

from server.extensions import db
from server.osm.service import store_node


@pytest.fixture
def published(client, group, sync_api):
    """Léa's camera at node 4242, approved; the group's public map is on."""
    store_node(4242, 3, 5.3812345, 43.2961234, {"man_made": "surveillance"})
    group.group.public_map = True
    db.session.commit()
    create = sync_api.create(operator="Police municipale")
    sync_api.sync([create])
    obs = create["observation_id"]
    answer = client.post(
        f"/api/v1/observations/{obs}/review",
        json={"status": "approved"},
        headers=group.headers("organiser"),
    )
    assert answer.status_code == 200
    return obs


def version_of(sync_api, obs) -> int:
    return next(o["version"] for o in sync_api.sync()["observations"] if o["id"] == obs)


def public_operators(client, group) -> list:
    answer = client.get(f"/api/v1/public/{group.group.slug}/cameras.geojson")
    assert answer.status_code == 200
    return [f["properties"]["operator"] for f in answer.json["features"]]


def osm_export(client, group):
    with client.get(
        f"/api/v1/walks/{group.walk.id}/export.osc", headers=group.headers("organiser")
    ) as answer:
        return fromstring(answer.data)


def test_a_walkers_edit_of_an_approved_camera_waits_for_review_before_it_is_published(
    client, group, sync_api, sam, published
):
    edit = sync_api.update(
        published,
        version_of(sync_api, published),
        operator=("Police municipale", '=HYPERLINK("http://evil")'),
    )
    (result,) = sync_api.sync([edit], headers=sam)["results"]
    assert result["status"] == "applied"

    assert public_operators(client, group) == ["Police municipale"]
    (node,) = osm_export(client, group).findall("modify/node")  # node 4242, under the camera
    assert [t.get("v") for t in node.iter("tag") if t.get("k") == "operator"] == [
        "Police municipale"
    ]
    (queued,) = client.get(
        f"/api/v1/groups/{group.id}/review?status=pending", headers=group.headers("organiser")
    ).json
    assert queued["changed_since_approval"] == {
        "operator": {"approved": "Police municipale", "now": '=HYPERLINK("http://evil")'}
    }


def test_a_walkers_gone_report_with_a_node_link_exports_no_delete_until_approved(
    client, group, sync_api, sam, published
):
    edit = sync_api.update(
        published,
        version_of(sync_api, published),
        presence=("present", "gone"),
        osm_node_id=(None, 4242),
    )
    sync_api.sync([edit], headers=sam)

    assert osm_export(client, group).findall("delete/node") == []
    assert public_operators(client, group) == ["Police municipale"]

    client.post(
        f"/api/v1/observations/{published}/review",
        json={"status": "approved"},
        headers=group.headers("organiser"),
    )
    (deleted,) = osm_export(client, group).findall("delete/node")
    assert deleted.get("id") == "4242"
    assert public_operators(client, group) == []


def test_a_walker_cannot_empty_the_map_by_deleting_every_camera(
    client, group, sync_api, sam, published
):
    mine = sync_api.create()
    sync_api.sync([mine])
    observations = {o["id"]: o["version"] for o in sync_api.sync()["observations"]}

    answer = sync_api.sync(
        [sync_api.delete(obs, version) for obs, version in observations.items()], headers=sam
    )

    assert [r["status"] for r in answer["results"]] == ["conflict", "conflict"]
    assert not any(o["deleted"] for o in answer["observations"])
    assert public_operators(client, group) == ["Police municipale"]
    conflicts = client.get(
        f"/api/v1/groups/{group.id}/conflicts", headers=group.headers("organiser")
    ).json
    assert sorted(c["kind"] for c in conflicts) == ["delete_edit", "delete_edit"]


def review(client, group, obs, **body):
    return client.post(
        f"/api/v1/observations/{obs}/review", json=body, headers=group.headers("organiser")
    )


def test_an_organiser_approves_the_camera_she_saw_not_an_edit_made_since(
    client, group, sync_api, sam, published
):
    """Karim opens the review queue; a walker's edit comes in while the card is on his screen.
    His approval names the version he saw: it is refused, nothing is approved that he did not
    see, and the camera stays in the queue with its new values until he approves those."""
    edit = sync_api.update(
        published, version_of(sync_api, published), operator=("Police municipale", "RTM")
    )
    sync_api.sync([edit], headers=sam)
    (card,) = client.get(
        f"/api/v1/groups/{group.id}/review?status=pending", headers=group.headers("organiser")
    ).json
    seen = card["version"]
    later = sync_api.update(
        published, seen, presence=("present", "gone"), osm_node_id=(None, 4242)
    )
    sync_api.sync([later], headers=sam)

    refused = review(client, group, published, status="approved", version=seen)
    assert refused.status_code == 409
    assert refused.json["code"] == "changed_since_shown"
    assert osm_export(client, group).findall("delete/node") == []
    assert public_operators(client, group) == ["Police municipale"]
    (card,) = client.get(
        f"/api/v1/groups/{group.id}/review?status=pending", headers=group.headers("organiser")
    ).json
    assert card["version"] == seen + 1
    assert card["presence"] == "gone"

    assert review(client, group, published, status="approved", version=seen + 1).status_code == 200
    (deleted,) = osm_export(client, group).findall("delete/node")
    assert deleted.get("id") == "4242"


@pytest.mark.parametrize("status", ["rejected", "pending"])
def test_every_review_decision_names_the_version_it_was_made_on(
    client, group, sync_api, sam, published, status
):
    seen = version_of(sync_api, published)
    edit = sync_api.update(published, seen, operator=("Police municipale", "RTM"))
    sync_api.sync([edit], headers=sam)

    refused = review(client, group, published, status=status, version=seen)
    assert refused.status_code == 409
    assert refused.json["code"] == "changed_since_shown"
    assert review(client, group, published, status=status, version=seen + 1).status_code == 200


def test_a_review_without_a_version_decides_on_the_camera_as_it_is(
    client, group, sync_api, sam, published
):
    """A client that sends no version (one written before it existed) is not refused."""
    edit = sync_api.update(
        published, version_of(sync_api, published), operator=("Police municipale", "RTM")
    )
    sync_api.sync([edit], headers=sam)
    assert review(client, group, published, status="approved").status_code == 200
    assert public_operators(client, group) == ["RTM"]


def test_an_organisers_own_edit_since_the_card_does_not_stop_her_approval(
    client, group, sync_api, published
):
    """Karim corrects the operator on the card (through his outbox), then approves: he saw
    that change, he made it. A version the camera never had is refused."""
    seen = version_of(sync_api, published)
    edit = sync_api.update(published, seen, operator=("Police municipale", "RTM"))
    sync_api.sync([edit], who="organiser")

    assert review(client, group, published, status="approved", version=seen + 5).status_code == 409
    assert review(client, group, published, status="approved", version=seen).status_code == 200
    assert public_operators(client, group) == ["RTM"]


def test_her_own_merge_since_the_card_does_not_stop_her_approval(client, group, sync_api, sam):
    """Karim merges a second walker's record of the corner camera into the one on his card,
    then approves it: the merge is his, and the history it brings from the other record (a
    walker's changes, numbered in that record's versions) was never a change of this one."""
    kept = sync_api.create(mount="pole")
    other = sync_api.create(operator="RTM")
    sync_api.sync([kept, other])
    sync_api.sync(
        [sync_api.update(other["observation_id"], 1, zone=(None, "traffic"))], headers=sam
    )
    seen = version_of(sync_api, kept["observation_id"])
    merged = client.post(
        f"/api/v1/observations/{kept['observation_id']}/merge",
        json={"other": other["observation_id"], "take": ["operator"]},
        headers=group.headers("organiser"),
    )
    assert merged.status_code == 200

    answer = review(client, group, kept["observation_id"], status="approved", version=seen)
    assert answer.status_code == 200, answer.json


def test_a_walkers_edit_sent_on_from_a_merged_record_is_seen_before_approval(
    client, group, sync_api, sam
):
    """After the merge, a walker edits the record that was merged away (her phone had not
    heard): the server applies it to the survivor, which the organiser must see again."""
    kept = sync_api.create(mount="pole")
    other = sync_api.create(operator="RTM")
    sync_api.sync([kept, other])
    client.post(
        f"/api/v1/observations/{kept['observation_id']}/merge",
        json={"other": other["observation_id"]},
        headers=group.headers("organiser"),
    )
    seen = version_of(sync_api, kept["observation_id"])
    late = sync_api.update(other["observation_id"], 1, presence=("present", "gone"))
    (result,) = sync_api.sync([late], headers=sam)["results"]
    assert result["redirected_to"] == kept["observation_id"]

    refused = review(client, group, kept["observation_id"], status="approved", version=seen)
    assert refused.status_code == 409


def test_changes_that_made_no_version_do_not_stop_her_approval(
    client, group, sync_api, sam, published
):
    """After Karim's own edit, a walker's change that is refused, and one that agrees with the
    camera as it is, are kept in its history without making a new version: nothing of the
    camera changed that he did not see."""
    seen = version_of(sync_api, published)
    mine = sync_api.update(published, seen, operator=("Police municipale", "RTM"))
    sync_api.sync([mine], who="organiser")
    refused = sync_api.update(published, seen + 1, review_status=("approved", "rejected"))
    agreeing = sync_api.update(published, seen + 1, operator=("Police municipale", "RTM"))
    results = sync_api.sync([refused, agreeing], headers=sam)["results"]
    assert [r["status"] for r in results] == ["rejected", "applied"]
    assert version_of(sync_api, published) == seen + 1

    assert review(client, group, published, status="approved", version=seen).status_code == 200


def history_ops(client, group, obs) -> list:
    answer = client.get(f"/api/v1/observations/{obs}/history", headers=group.headers("organiser"))
    return [(entry["op"], entry["status"]) for entry in answer.json]


def test_keeping_the_approved_version_undoes_a_walkers_edit_and_keeps_it_published(
    client, group, sync_api, sam, published
):
    """A walker changes the operator of an approved camera; Karim knows it is the Mairie's.
    Rejecting would withdraw the camera; keeping the approved version undoes the edit in the
    same change as the approval, and the walker's edit stays in the history."""
    edit = sync_api.update(
        published,
        version_of(sync_api, published),
        operator=("Police municipale", "RTM"),
        mount=(None, "pole"),
    )
    sync_api.sync([edit], headers=sam)
    seen = version_of(sync_api, published)

    answer = review(client, group, published, status="approved", version=seen, keep_approved=True)

    assert answer.status_code == 200, answer.json
    kept = answer.json["observation"]
    assert (kept["operator"], kept["mount"], kept["review_status"]) == (
        "Police municipale",
        None,
        "approved",
    )
    assert public_operators(client, group) == ["Police municipale"]
    (node,) = osm_export(client, group).findall("modify/node")
    assert [t.get("v") for t in node.iter("tag") if t.get("k") == "operator"] == [
        "Police municipale"
    ]
    assert history_ops(client, group, published)[-2:] == [
        ("update", "applied"),
        ("keep_approved", "applied"),
    ]


def test_keeping_the_approved_version_on_a_stale_card_decides_and_undoes_nothing(
    client, group, sync_api, sam, published
):
    first = sync_api.update(
        published, version_of(sync_api, published), operator=("Police municipale", "RTM")
    )
    sync_api.sync([first], headers=sam)
    seen = version_of(sync_api, published)
    sync_api.sync([sync_api.update(published, seen, zone=(None, "traffic"))], headers=sam)

    refused = review(client, group, published, status="approved", version=seen, keep_approved=True)

    assert refused.status_code == 409
    assert refused.json["code"] == "changed_since_shown"
    (card,) = client.get(
        f"/api/v1/groups/{group.id}/review?status=pending", headers=group.headers("organiser")
    ).json
    assert (card["operator"], card["zone"]) == ("RTM", "traffic")
    assert sorted(card["changed_since_approval"]) == ["operator", "zone"]


@pytest.mark.parametrize(
    ("status", "approved_before"), [("rejected", True), ("pending", True), ("approved", False)]
)
def test_only_an_approved_camera_approved_again_keeps_its_approved_version(
    client, group, sync_api, status, approved_before, published
):
    obs = published
    if not approved_before:
        fresh = sync_api.create()
        sync_api.sync([fresh])
        obs = fresh["observation_id"]
    answer = review(client, group, obs, status=status, keep_approved=True)
    assert answer.status_code == 422
    assert "keep_approved" in answer.json["errors"]


def test_the_reviewer_is_the_organiser_who_decided_and_a_reopened_camera_has_none(
    client, group, sync_api, sam, published
):
    """The row's reviewer names the organiser of the decision in force: a walker whose edit
    sends an approved camera back to review made no decision, so it has no reviewer until an
    organiser makes one again."""
    from server.auth.models import Member
    from server.observations.models import Observation

    def reviewer(obs):
        db.session.expire_all()
        row = db.session.query(Observation).filter_by(uuid=obs).one()
        member = db.session.get(Member, row.reviewed_by_id) if row.reviewed_by_id else None
        return (member.pseudonym if member else None), row.reviewed_at is not None

    organiser_name = reviewer(published)[0]
    assert organiser_name is not None and organiser_name != "sam"
    edit = sync_api.update(
        published, version_of(sync_api, published), operator=("Police municipale", "RTM")
    )
    (result,) = sync_api.sync([edit], headers=sam)["results"]
    assert result["status"] == "applied"
    assert reviewer(published) == (None, False)

    answer = client.post(
        f"/api/v1/observations/{published}/review",
        json={"status": "approved"},
        headers=group.headers("organiser"),
    )
    assert answer.status_code == 200
    assert reviewer(published) == (organiser_name, True)


def test_an_approval_that_raises_its_own_conflict_says_so_not_open_conflicts(
    client, group, sync_api, sam
):
    """An API client approves through sync, with her operator, from the version before Sam's
    edit. It was refused `open_conflicts`, whose sentence sends her to settle a conflict in the
    Conflicts tab, where there is none: the whole change was refused, nothing was stored."""
    create = sync_api.create()
    sync_api.sync([create])
    obs = create["observation_id"]
    sync_api.sync([sync_api.update(obs, 1, operator=(None, "RTM"))], headers=sam)
    stale = sync_api.update(obs, 1, operator=(None, "SNCF"), review_status=("pending", "approved"))

    (result,) = sync_api.sync([stale], who="organiser")["results"]

    assert (result["status"], result["error"]["code"]) == ("rejected", "approval_contested")
    assert "(operator)" in result["error"]["message"]
    conflicts = client.get(
        f"/api/v1/groups/{group.id}/conflicts", headers=group.headers("organiser")
    )
    assert conflicts.json == []
    (card,) = client.get(
        f"/api/v1/groups/{group.id}/review?status=pending", headers=group.headers("organiser")
    ).json
    assert (card["operator"], card["version"]) == ("RTM", 2)
