"""The signage survey through the server, on both engines: sync, merge, conflict, review,
history, the exports that carry it only on request, the osmChange file that never does, and
the public map that shows a field only once an organiser publishes it."""

import csv
import io
import json

import pytest

from sync.fields import SIGNAGE_FIELDS

CHECKLIST = {
    "sign": "seen",
    "sign_pictogram": "yes",
    "sign_responsible": "yes",
    "sign_purpose": "no",
    "sign_retention": "no",
    "sign_rights_contact": "yes",
    "sign_cnil": "no",
    "filmed_by": "business",
    "aimed_at_road": "yes",
}
# Values no other field could hold: if one reaches a file, it came from the signage survey.
TELLTALE = ("seen", "business")


@pytest.fixture
def approved(client, group, sync_api):
    """A camera logged with the whole checklist, approved by the organiser; its id."""
    create = sync_api.create(**CHECKLIST)
    sync_api.sync([create])
    obs = create["observation_id"]
    answer = client.post(
        f"/api/v1/observations/{obs}/review",
        json={"status": "approved"},
        headers=group.headers("organiser"),
    )
    assert answer.status_code == 200, answer.json
    return obs


def test_the_checklist_a_walker_sends_comes_back_in_every_pull(sync_api, by_id):
    create = sync_api.create(**CHECKLIST)

    answer = sync_api.sync([create])

    pulled = by_id(answer)[create["observation_id"]]
    assert {name: pulled[name] for name in SIGNAGE_FIELDS} == CHECKLIST


def test_a_value_outside_the_lists_is_rejected_with_its_reason(sync_api):
    answer = sync_api.sync([sync_api.create(sign="maybe", aimed_at_road=True)])

    (result,) = answer["results"]
    assert result["status"] == "rejected" and result["error"]["code"] == "invalid_change"
    assert set(result["error"]["errors"]["fields"]) == {"sign", "aimed_at_road"}


def test_a_sign_photo_is_kept_with_its_role(sync_api, by_id):
    create = sync_api.create()
    sha = sync_api.upload_photo()

    answer = sync_api.sync(
        [create, sync_api.photo("attach_photo", create["observation_id"], sha, "sign")]
    )

    assert by_id(answer)[create["observation_id"]]["photos"] == [{"sha256": sha, "role": "sign"}]


def test_two_walkers_merge_per_item_and_disagree_on_the_sign_as_a_conflict(
    client, group, sync_api, sam, by_id
):
    create = sync_api.create()
    sync_api.sync([create])
    obs = create["observation_id"]
    sync_api.sync([sync_api.update(obs, 1, sign=(None, "none"), filmed_by=(None, "residence"))])
    late = sync_api.update(
        obs, 1, made_at="2026-11-21T12:00:00+01:00", sign=(None, "seen"), sign_cnil=(None, "no")
    )

    answer = sync_api.sync([late], headers=sam)

    pulled = by_id(answer)[obs]
    assert (pulled["sign"], pulled["sign_cnil"], pulled["filmed_by"]) == (
        "seen",
        "no",
        "residence",
    )
    key = f"{late['change_id']}/sign"
    assert pulled["conflicts"] == [key]
    conflict = client.get(f"/api/v1/conflicts/{key}", headers=group.headers("organiser")).json
    assert [(s["pseudonym"], s["value"]) for s in conflict["sides"]] == [
        ("sam", "seen"),
        ("mouette", "none"),
    ]
    settled = client.post(
        f"/api/v1/conflicts/{key}/resolve", json={"side": 1}, headers=group.headers("organiser")
    )
    assert settled.status_code == 200, settled.json
    again = by_id(sync_api.sync([], cursor=answer["cursor"]))[obs]
    assert (again["sign"], again["conflicts"]) == ("none", [])


def test_the_review_queue_and_the_history_show_the_signage_answers(client, group, sync_api):
    create = sync_api.create(sign="none")
    sync_api.sync([create])
    obs = create["observation_id"]
    sync_api.sync([sync_api.update(obs, 1, filmed_by=(None, "public_authority"))])

    queue = client.get(f"/api/v1/groups/{group.id}/review", headers=group.headers("organiser"))
    history = client.get(f"/api/v1/observations/{obs}/history", headers=group.headers("organiser"))

    (item,) = queue.json
    assert (item["sign"], item["filmed_by"]) == ("none", "public_authority")
    assert [row["fields"].get("sign") for row in history.json][:1] == ["none"]
    assert history.json[-1]["fields"]["filmed_by"] == {"old": None, "new": "public_authority"}


def test_a_walkers_edit_of_an_approved_checklist_shows_as_changed_since_approval(
    client, group, sync_api, approved
):
    sync_api.sync([sync_api.update(approved, 2, sign_cnil=("no", "yes"))])

    queue = client.get(f"/api/v1/groups/{group.id}/review", headers=group.headers("organiser"))

    (item,) = queue.json
    assert item["changed_since_approval"] == {"sign_cnil": {"approved": "no", "now": "yes"}}


def _table(client, group, name, query=""):
    url = f"/api/v1/walks/{group.walk.id}/{name}{query}"
    with client.get(url, headers=group.headers("organiser")) as answer:
        assert answer.status_code == 200, answer.data
        return answer.data.decode()


def test_tables_carry_the_signage_survey_only_on_request(client, group, approved):
    plain_csv = _table(client, group, "export.csv")
    plain_geojson = json.loads(_table(client, group, "export.geojson"))
    asked_csv = _table(client, group, "export.csv", "?signage=1")
    asked_geojson = json.loads(_table(client, group, "export.geojson", "?signage=1"))

    assert not set(SIGNAGE_FIELDS) & set(next(csv.reader(io.StringIO(plain_csv))))
    assert not set(SIGNAGE_FIELDS) & set(plain_geojson["features"][0]["properties"])
    (row,) = csv.DictReader(io.StringIO(asked_csv))
    assert {name: row[name] for name in SIGNAGE_FIELDS} == CHECKLIST
    properties = asked_geojson["features"][0]["properties"]
    assert {name: properties[name] for name in SIGNAGE_FIELDS} == CHECKLIST


def test_no_signage_answer_reaches_the_osmchange_file(client, group, approved):
    osc = _table(client, group, "export.osc")

    assert "<create>" in osc and 'v="camera"' in osc
    assert not any(word in osc for word in (*TELLTALE, "sign", "filmed", "aimed", "cnil"))


def _public(client, group):
    return client.get(f"/api/v1/public/{group.group.slug}/cameras.geojson").json


def _settings(client, group, body):
    answer = client.patch(
        f"/api/v1/groups/{group.id}/settings", json=body, headers=group.headers("organiser")
    )
    return answer


def test_the_public_map_shows_a_signage_field_only_once_the_organiser_publishes_it(
    client, group, approved
):
    assert _settings(client, group, {"public_map": True}).json["public_fields"] == []
    (hidden,) = _public(client, group)["features"]

    published = _settings(client, group, {"public_fields": ["aimed_at_road", "sign"]})
    (shown,) = _public(client, group)["features"]

    assert not set(SIGNAGE_FIELDS) & set(hidden["properties"])
    assert published.json["public_fields"] == ["sign", "aimed_at_road"]
    shown_fields = set(SIGNAGE_FIELDS) & set(shown["properties"])
    assert shown_fields == {"sign", "aimed_at_road"}
    assert (shown["properties"]["sign"], shown["properties"]["aimed_at_road"]) == ("seen", "yes")


def test_only_signage_fields_can_be_published(client, group):
    answer = _settings(client, group, {"public_fields": ["note"]})

    assert answer.status_code == 422
