"""Text walkers type is stored verbatim and comes back as JSON strings, never as markup.

The server renders no HTML with user text; the places where user text leaves the server in a
markup format (the osmChange XML) must escape it, and the HTML app shell must not reflect the
path it was asked for.
"""

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "</textarea><svg onload=alert(1)>",
    "javascript:alert(1)",
    "' OR 1=1 --",
    "&lt;b&gt; already &amp; escaped",
    "{{7*7}} ${7*7}",
    "line\nbreak\ttab \u202eRTL",
]


def _pulled(client, group):
    response = client.post(
        f"/api/v1/groups/{group.id}/sync", json={"cursor": 0}, headers=group.headers()
    )
    assert response.mimetype == "application/json"
    return response


@pytest.mark.parametrize("payload", PAYLOADS)
def test_operator_and_note_come_back_verbatim_as_json_strings(
    client, group, hardening_api, hardening_changes, payload
):
    change = hardening_changes.create(group.walk.id, operator=payload, note=payload)
    hardening_api(group).sync([change])
    response = _pulled(client, group)
    observation = response.json["observations"][0]
    assert observation["operator"] == payload.strip() or observation["operator"] == payload
    assert observation["note"] in (payload, payload.strip())
    # The raw body is JSON: the text sits inside a JSON string, never as bare markup.
    assert json.loads(response.get_data(as_text=True)) == response.json


@pytest.mark.parametrize("payload", PAYLOADS[:3])
def test_a_pseudonym_with_markup_is_stored_and_listed_verbatim(client, group, payload):
    joined = client.post(
        "/api/v1/join", json={"invite_code": group.invite_code, "pseudonym": payload}
    )
    assert joined.status_code == 201, joined.json
    assert joined.mimetype == "application/json"
    assert joined.json["member"]["pseudonym"] == payload
    members = client.get(f"/api/v1/groups/{group.id}/members", headers=group.headers("organiser"))
    assert members.mimetype == "application/json"
    assert payload in [m["pseudonym"] for m in members.json]


def _approved(client, group, hardening_api, hardening_changes, payload) -> str:
    change = hardening_changes.create(group.walk.id, operator=payload, note=payload)
    hardening_api(group).sync([change])
    review = client.post(
        f"/api/v1/observations/{change['observation_id']}/review",
        json={"status": "approved"},
        headers=group.headers("organiser"),
    )
    assert review.status_code == 200, review.json
    return change["observation_id"]


@pytest.mark.parametrize("payload", PAYLOADS[:3])
def test_the_osmchange_export_escapes_markup_in_tag_values(
    client, group, hardening_api, hardening_changes, payload
):
    _approved(client, group, hardening_api, hardening_changes, payload)
    response = client.get(
        f"/api/v1/walks/{group.walk.id}/export.osc", headers=group.headers("organiser")
    )
    body = response.get_data()
    response.close()
    assert response.status_code == 200
    tags = {t.get("k"): t.get("v") for t in ET.fromstring(body).iter("tag")}
    assert tags.get("operator") == payload  # parsed back to the very text typed
    assert payload.encode() not in body  # only ever as &lt; … &gt; / &quot;


@pytest.mark.parametrize("kind", ["csv", "geojson"])
def test_table_exports_are_attachments_with_the_text_verbatim(
    client, group, hardening_api, hardening_changes, kind
):
    payload = PAYLOADS[1]
    _approved(client, group, hardening_api, hardening_changes, payload)
    response = client.get(
        f"/api/v1/walks/{group.walk.id}/export.{kind}", headers=group.headers("organiser")
    )
    text = response.get_data(as_text=True)
    response.close()
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.mimetype != "text/html"
    if kind == "csv":
        rows = list(csv.DictReader(io.StringIO(text)))
        assert rows[0]["operator"] == payload
    else:
        assert json.loads(text)["features"][0]["properties"]["operator"] == payload


@pytest.mark.parametrize("payload", PAYLOADS[:2])
def test_the_html_app_shell_does_not_reflect_the_path(client, payload):
    from urllib.parse import quote

    response = client.get("/join/" + quote(payload, safe=""))
    text = response.get_data(as_text=True)
    response.close()
    assert payload not in text


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_unknown_api_urls_answer_json_not_html(client, method):
    response = client.open("/api/v1/<script>alert(1)</script>", method=method)
    assert response.status_code == 404
    assert response.mimetype == "application/json"
