"""The Organised Editing checklist: what it shows, how organisers fill it, and the upload gate."""

import pytest

from server.extensions import db


def checklist_url(group) -> str:
    return f"/api/v1/groups/{group.id}/osm-checklist"


def test_a_new_campaign_has_nothing_ticked_and_is_not_ready(client, group):
    answer = client.get(checklist_url(group), headers=group.headers("organiser"))
    body = answer.get_json()
    assert body["ready_to_upload"] is False
    assert [(i["key"], i["required"], i["done"]) for i in body["items"]] == [
        ("hashtag", True, False),
        ("wiki_page", False, False),
        ("contact", False, False),
    ]


def test_organisers_fill_the_checklist_and_the_hashtag_alone_makes_it_ready(client, group):
    headers = group.headers("organiser")
    tags = {"hashtags": "#technopolice, marseille"}
    answer = client.put(checklist_url(group), json=tags, headers=headers)
    assert answer.status_code == 200
    assert answer.get_json()["ready_to_upload"] is True
    db.session.refresh(group.group)
    assert group.group.hashtags == "#technopolice marseille"

    wiki = "https://wiki.openstreetmap.org/wiki/Technopolice"
    facts = {"wiki_url": wiki, "contact": "osm user karim_osm"}
    client.put(checklist_url(group), json=facts, headers=headers)
    items = {i["key"]: i for i in client.get(checklist_url(group), headers=headers).json["items"]}
    assert items["wiki_page"] == items["wiki_page"] | {"done": True, "value": wiki}
    assert items["contact"]["value"] == "osm user karim_osm"
    assert items["hashtag"]["value"] == "#technopolice marseille"


@pytest.mark.parametrize(
    "body, field",
    [
        ({"wiki_url": "javascript:alert(1)"}, "wiki_url"),
        ({"wiki_url": "not a url"}, "wiki_url"),
        ({"hashtags": "#ok <script>"}, "hashtags"),
        ({"contact": "x" * 256}, "contact"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_checklist_values_are_refused_and_nothing_is_stored(client, group, body, field):
    answer = client.put(checklist_url(group), json=body, headers=group.headers("organiser"))
    assert answer.status_code == 422
    assert field in answer.get_json()["errors"]
    shown = client.get(checklist_url(group), headers=group.headers("organiser")).get_json()
    assert not any(item["done"] for item in shown["items"])


def test_walkers_cannot_see_or_change_the_checklist(client, group):
    assert client.get(checklist_url(group), headers=group.headers()).status_code == 403
    put = client.put(checklist_url(group), json={"hashtags": "#x"}, headers=group.headers())
    assert put.status_code == 403


@pytest.mark.parametrize("scope", ["walks", "groups"])
def test_an_upload_waits_for_the_hashtag_but_a_dry_run_does_not(
    client, group, add_observation, scope
):
    add_observation(group, 5.385, 43.299)
    owner = group.walk.id if scope == "walks" else group.id
    url = f"/api/v1/{scope}/{owner}/osm-upload"
    headers = group.headers("organiser")

    refused = client.post(url, json={}, headers=headers)
    assert refused.status_code == 409
    assert refused.get_json()["code"] == "organised_editing_checklist"
    assert client.post(url, json={"dry_run": True}, headers=headers).status_code == 200

    client.put(checklist_url(group), json={"hashtags": "#technopolice"}, headers=headers)
    next_step = client.post(url, json={}, headers=headers)
    assert next_step.get_json()["code"] == "osm_token_missing"
