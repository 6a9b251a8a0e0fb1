"""An organiser merge and what is published: the survivor's review state and what the public
map, the file to publish and the osmChange show agree.

A probe found that a merge into an approved camera filled its blanks (or took the value the
organiser picked) while the public map and both exports kept the old values, and that a merge
taking `review_status` from an approved record made an "approved" camera published nowhere;
none of them came back to the review queue. A review then found that a merge brought the
other record's open conflicts into an approved survivor and published the value leading for now
in a contested field, which no organiser had chosen.
"""

import json
from xml.etree.ElementTree import fromstring

import pytest

from server.extensions import db


@pytest.fixture(autouse=True)
def public_map(group):
    group.group.public_map = True
    db.session.commit()


def logged(sync_api, **fields) -> str:
    create = sync_api.create(**fields)
    sync_api.sync([create])
    return create["observation_id"]


def organiser_post(client, group, url, body):
    return client.post(f"/api/v1{url}", json=body, headers=group.headers("organiser"))


def decide(client, group, obs, status):
    answer = organiser_post(client, group, f"/observations/{obs}/review", {"status": status})
    assert answer.status_code == 200, answer.json


def merge(client, group, survivor, other, **body):
    return organiser_post(
        client, group, f"/observations/{survivor}/merge", {"other": other, **body}
    )


def published(client, group) -> dict:
    """(operator, mount) of each camera as the public map, the file to publish and the
    osmChange show it."""
    public = client.get(f"/api/v1/public/{group.group.slug}/cameras.geojson").json
    headers = group.headers("organiser")
    walk = f"/api/v1/walks/{group.walk.id}"
    with client.get(f"{walk}/export.geojson?approved=1", headers=headers) as answer:
        to_publish = json.loads(answer.data)
    with client.get(f"{walk}/export.osc", headers=headers) as answer:
        nodes = fromstring(answer.data).findall("create/node")
    tags = [{t.get("k"): t.get("v") for t in node.iter("tag")} for node in nodes]
    return {
        "map": [
            (f["properties"]["operator"], f["properties"]["mount"]) for f in public["features"]
        ],
        "file": [
            (f["properties"]["operator"], f["properties"]["mount"]) for f in to_publish["features"]
        ],
        "osm": [(t.get("operator"), t.get("camera:mount")) for t in tags],
    }


def everywhere(*cameras) -> dict:
    return {"map": list(cameras), "file": list(cameras), "osm": list(cameras)}


def queue(client, group, status) -> list:
    answer = client.get(
        f"/api/v1/groups/{group.id}/review?status={status}", headers=group.headers("organiser")
    )
    return answer.json


def test_merging_into_an_approved_camera_publishes_the_blanks_it_filled(client, group, sync_api):
    """The merge of the screens: no field chosen, the server fills the survivor's blanks."""
    survivor = logged(sync_api)
    other = logged(sync_api, operator="RTM", mount="pole")
    decide(client, group, survivor, "approved")

    answer = merge(client, group, survivor, other)

    assert answer.status_code == 200, answer.json
    merged = answer.json
    assert (merged["review_status"], merged["operator"], merged["mount"]) == (
        "approved",
        "RTM",
        "pole",
    )
    assert published(client, group) == everywhere(("RTM", "pole"))
    assert queue(client, group, "pending") == []
    (card,) = queue(client, group, "approved")
    assert card["changed_since_approval"] == {}


def test_a_value_the_organiser_takes_in_a_merge_is_published_at_once(client, group, sync_api):
    survivor = logged(sync_api, operator="Police municipale", mount="wall")
    other = logged(sync_api, operator="RTM", mount="pole")
    decide(client, group, survivor, "approved")

    answer = merge(client, group, survivor, other, take=["operator"])

    assert answer.status_code == 200, answer.json
    assert (answer.json["review_status"], answer.json["operator"]) == ("approved", "RTM")
    assert published(client, group) == everywhere(("RTM", "wall"))
    (card,) = queue(client, group, "approved")
    assert card["changed_since_approval"] == {}


@pytest.mark.parametrize("status", ["pending", "rejected"])
@pytest.mark.parametrize("field", ["review_status", "review_note"])
def test_the_review_state_is_never_taken_from_the_other_record(
    client, group, sync_api, status, field
):
    """Approving is done in review, where open conflicts and unseen edits stop it: copied from
    an approved record, "approved" would stand on values nobody approved."""
    survivor = logged(sync_api, operator="Police municipale")
    other = logged(sync_api, operator="RTM", mount="pole")
    decide(client, group, other, "approved")
    if status != "pending":
        decide(client, group, survivor, status)

    answer = merge(client, group, survivor, other, take=[field])

    assert answer.status_code == 422
    message = f"{field} is not a field a merge takes from the other record"
    assert answer.json["errors"] == {"take": {"0": [message]}}
    assert published(client, group) == everywhere(("RTM", "pole"))  # nothing merged
    assert [card["id"] for card in queue(client, group, status)] == [survivor]


def test_an_approved_record_merged_into_one_waiting_for_review_waits_with_it(
    client, group, sync_api
):
    """Its values are the survivor's now, and nobody approved those: the survivor stays in the
    queue, and the camera is published again once it is approved."""
    survivor = logged(sync_api, operator="Police municipale")
    other = logged(sync_api, operator="RTM", mount="pole")
    decide(client, group, other, "approved")

    answer = merge(client, group, survivor, other)

    assert answer.status_code == 200, answer.json
    assert answer.json["review_status"] == "pending"
    (card,) = queue(client, group, "pending")
    assert (card["id"], card["operator"], card["mount"]) == (survivor, "Police municipale", "pole")
    assert published(client, group) == everywhere()

    decide(client, group, survivor, "approved")
    assert published(client, group) == everywhere(("Police municipale", "pole"))


def contested(sync_api, sam, **fields) -> tuple[str, str]:
    """A record whose operator two walkers set two ways (RTM leading for now, against SNCF):
    its id and its conflict's key."""
    obs = logged(sync_api, **fields)
    sync_api.sync([sync_api.update(obs, 1, operator=(None, "SNCF"))])
    late = sync_api.update(obs, 1, made_at="2026-11-21T12:00:00+01:00", operator=(None, "RTM"))
    sync_api.sync([late], headers=sam)
    return obs, f"{late['change_id']}/operator"


@pytest.mark.parametrize(
    ("survivor_fields", "take", "before"),
    [
        ({}, [], None),  # the merge fills the survivor's blank with the leading value
        ({"operator": "Police municipale"}, ["operator"], "Police municipale"),
    ],
    ids=["blank filled", "field taken"],
)
def test_a_value_still_contested_after_a_merge_is_published_once_settled(
    client, group, sync_api, sam, survivor_fields, take, before
):
    """What is published for a field nobody decided does not change: the approved copy keeps
    its value while the conflict is open, as an approval waits for it, and takes the value the
    organiser settles on. The blank filled from an uncontested field is published at once."""
    survivor = logged(sync_api, **survivor_fields)
    other, key = contested(sync_api, sam, mount="pole")
    decide(client, group, survivor, "approved")

    answer = merge(client, group, survivor, other, take=take)

    assert answer.status_code == 200, answer.json
    merged = answer.json
    assert (merged["review_status"], merged["operator"]) == ("approved", "RTM")
    assert merged["conflicts"] == [key]
    assert published(client, group) == everywhere((before, "pole"))

    settled = organiser_post(client, group, f"/conflicts/{key}/resolve", {"side": 1})

    assert settled.status_code == 200, settled.json
    assert published(client, group) == everywhere(("SNCF", "pole"))
