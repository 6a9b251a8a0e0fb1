"""Requests that once crashed the server (500) in every endpoint's path, query or body: a NUL
character (PostgreSQL refuses it), JSON nested 1,000 deep, a 5,000-digit number, an id past
64 bits. Each now answers a 4xx in the error format, on both engines."""

import hashlib
import json

import pytest

from server.validation import LONE_SURROGATE_MESSAGE, NUL_MESSAGE
from tests.builders import jpeg_bytes

DEEP = "[" * 1000 + "]" * 1000


def post(client, url, body: str, headers):
    return client.post(url, data=body, headers={**headers, "Content-Type": "application/json"})


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/join",
        "/api/v1/groups/{g}/sync",
        "/api/v1/groups/{g}/walks",
        "/api/v1/conflicts/x/resolve",
    ],
)
def test_json_nested_a_thousand_deep_is_422(client, group, url):
    answer = post(client, url.format(g=group.id), DEEP, group.headers("organiser"))
    assert answer.status_code == 422
    assert answer.json["code"] == "invalid_input"
    assert "nested" in answer.json["errors"]["json"][0]


def test_json_just_past_the_depth_limit_is_422_and_a_normal_body_is_not(client, group):
    nested = {"name": "walk"}
    for _ in range(40):
        nested = {"n": nested}
    url = f"/api/v1/groups/{group.id}/walks"
    answer = client.post(url, json=nested, headers=group.headers("organiser"))
    assert answer.status_code == 422 and "json" in answer.json["errors"]
    answer = client.post(url, json={"name": "Belsunce"}, headers=group.headers("organiser"))
    assert answer.status_code == 201


def test_a_cursor_of_five_thousand_digits_is_422(client, group):
    body = '{"cursor": ' + "9" * 5000 + ', "changes": []}'
    answer = post(client, f"/api/v1/groups/{group.id}/sync", body, group.headers())
    assert answer.status_code == 422
    assert answer.json["code"] == "invalid_input"


def test_a_conflict_number_past_64_bits_is_404(client, group):
    answer = client.get(
        "/api/v1/conflicts/99999999999999999999", headers=group.headers("organiser")
    )
    assert answer.status_code == 404
    assert answer.json["code"] == "not_found"
    answer = client.get("/api/v1/conflicts/\u00b2", headers=group.headers("organiser"))
    assert answer.status_code == 404


# Text no database can store: a NUL, and half an emoji (what JavaScript's slice(0, n) through
# one sends, escaped by JSON.stringify as \\ud83d).
BAD_TEXT = [("\x00", NUL_MESSAGE), ("\ud83d", LONE_SURROGATE_MESSAGE)]
TEXT_FIELDS = [
    ("/api/v1/join", "pseudonym", {"invite_code": "{code}", "pseudonym": "a{bad}b"}),
    ("/api/v1/join", "invite_code", {"invite_code": "co{bad}de", "pseudonym": "ab"}),
    (
        "/api/v1/join",
        "device_label",
        {"invite_code": "{code}", "pseudonym": "ab", "device_label": "{bad}"},
    ),
    ("/api/v1/login", "group", {"group": "g{bad}", "pseudonym": "karim", "password": "x"}),
    ("/api/v1/login", "pseudonym", {"group": "{slug}", "pseudonym": "k{bad}", "password": "x"}),
    ("/api/v1/groups/{g}/walks", "name", {"name": "Noailles{bad}"}),
    ("/api/v1/observations/{o}/review", "note", {"status": "approved", "note": "{bad}"}),
    ("/api/v1/conflicts/{o}%2Foperator/resolve", "value", {"value": "Ville{bad}"}),
]


@pytest.mark.parametrize(("bad", "message"), BAD_TEXT, ids=["NUL", "lone surrogate"])
@pytest.mark.parametrize(("url", "field", "body"), TEXT_FIELDS)
def test_unstorable_text_in_a_json_text_field_is_422_naming_the_field(
    client, group, url, field, body, bad, message
):
    text = (
        json.dumps(body)
        .replace("{code}", group.invite_code)
        .replace("{slug}", group.group.slug)
        .replace("{bad}", json.dumps(bad)[1:-1])
    )
    url = url.format(g=group.id, o="5d3c0f4e-0000-4000-8000-000000000001")
    answer = post(client, url, text, group.headers("organiser"))
    assert answer.status_code == 422, answer.json
    assert answer.json["errors"] == {field: [message]}


@pytest.mark.parametrize(
    ("method", "url", "field", "body"),
    [
        ("patch", "/api/v1/groups/{g}/settings", "name", {"name": "Noailles\ud83d"}),
        ("put", "/api/v1/me/password", "password", {"password": "correct horse\ud83d"}),
    ],
)
def test_half_an_emoji_in_a_patched_or_put_text_is_422(client, group, method, url, field, body):
    url = url.format(g=group.id)
    answer = getattr(client, method)(url, json=body, headers=group.headers("organiser"))
    assert answer.status_code == 422, answer.json
    assert answer.json["errors"] == {field: [LONE_SURROGATE_MESSAGE]}


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/conflicts/a%00b",
        "/api/v1/observations/a%00b/history",
        "/api/v1/public/a%00b/cameras.geojson",
        "/api/v1/photos/a%00b",
    ],
)
def test_a_nul_in_a_path_is_404(client, group, url):
    answer = client.get(url, headers=group.headers("organiser"))
    assert answer.status_code == 404
    assert answer.json["code"] == "not_found"


def test_a_nul_in_a_query_is_422_naming_the_parameter(client, group):
    url = f"/api/v1/groups/{group.id}/conflicts?status=open%00"
    answer = client.get(url, headers=group.headers("organiser"))
    assert answer.status_code == 422
    assert answer.json["errors"] == {"query": {"status": ["must not contain a NUL character"]}}


def test_the_guard_leaves_nuls_inside_a_sync_batch_to_the_sync_service(app, group):
    """A batch refuses one change with a NUL and applies the rest: not the guard's call."""
    from server.request_guards import guard_request

    url = f"/api/v1/groups/{group.id}/sync"
    body = {"changes": [{"fields": {"note": "a\x00b"}}]}
    # A member's token: the sync blueprint checks who may sync before anything else.
    with app.test_request_context(url, method="POST", json=body, headers=group.headers()):
        app.preprocess_request()  # url_rule is matched; must not raise
        guard_request()
    walks = f"/api/v1/groups/{group.id}/walks"
    with (
        app.test_request_context(walks, method="POST", json=body),
        pytest.raises(Exception, match="Some fields"),
    ):
        guard_request()


@pytest.mark.parametrize(
    ("method", "url", "body"),
    [
        ("post", "/api/v1/join", {"invite_code": "{code}", "pseudonym": "ab"}),
        ("post", "/api/v1/groups/{g}/walks", {"name": "Belsunce"}),
        ("patch", "/api/v1/groups/{g}/settings", {"name": "Belsunce"}),
        ("post", "/api/v1/groups/{g}/walker-files", {"type": "FeatureCollection"}),
    ],
)
@pytest.mark.parametrize("content_type", [None, "text/plain;charset=UTF-8"])
def test_a_json_body_sent_as_something_else_is_415_on_every_endpoint(
    client, group, method, url, body, content_type
):
    text = json.dumps(body).replace("{code}", group.invite_code)
    headers = {**group.headers("organiser")}
    if content_type:
        headers["Content-Type"] = content_type
    answer = getattr(client, method)(url.format(g=group.id), data=text, headers=headers)
    assert (answer.status_code, answer.json["code"]) == (415, "unsupported_media_type")


def test_raw_photo_bytes_and_requests_without_a_body_need_no_content_type(client, group):
    data = jpeg_bytes(90)
    digest = hashlib.sha256(data).hexdigest()
    answer = client.put(f"/api/v1/photos/{digest}", data=data, headers=group.headers())
    assert answer.status_code == 201, answer.json
    answer = client.post("/api/v1/logout", headers=group.headers())
    assert answer.status_code == 204


def test_a_thousand_bad_items_answer_fifty_errors_and_the_count(client, group):
    photos = [f"not-a-hash-{i}" for i in range(1000)]
    url = f"/api/v1/walks/{group.walk.id}/photo-import"
    answer = client.post(url, json={"photos": photos}, headers=group.headers())
    assert answer.status_code == 422
    assert answer.json["error_count"] >= 1000
    assert len(json.dumps(answer.json["errors"])) < 10_000
    assert len(answer.get_data()) < 10_000
