"""A client written from docs/sync-protocol.md and docs/contract.md alone, run against the server.

Other clients than the PWA are written from those two pages and from `/api/openapi.json`: what
they name (paths, fields, statuses, codes) is the contract. Each answer here is checked against
what the pages say and against the OpenAPI document's schema for it; and every error answer met
on the way, Flask's own 404, 405, 413 and 429 included, must be camwalk's error body
(`{"code", "message"}`): any other body the phone takes for a captive portal's page and retries
for ever (docs/sync-protocol.md, "Only camwalk's own answer refuses").
"""

import hashlib
import io
import uuid
from typing import ClassVar

import pytest
from PIL import Image

from tests.fake_osm_api import server as fake_osm_api

DAY = "2026-11-21"
MADE_AT = "2026-11-21T09:14:03+01:00"
HERE = {"lat": 43.2961234, "lon": 5.3812345, "accuracy_m": 6}
CAMERA = {"man_made": "surveillance", "surveillance:type": "camera"}


# --- what the documents say, read as a client would -------------------------------------------


class Spec:
    """The OpenAPI document's schemas, enough to hold an answer to the one it documents."""

    TYPES: ClassVar[dict] = {
        "integer": int,
        "number": (int, float),
        "string": str,
        "boolean": bool,
        "array": list,
        "object": dict,
    }

    def __init__(self, document: dict):
        self.document = document

    def resolve(self, schema: dict) -> dict:
        while "$ref" in schema:
            schema = self.document["components"]["schemas"][schema["$ref"].split("/")[-1]]
        return schema

    def answer_schema(self, path: str, method: str, status: int) -> dict | None:
        responses = self.document["paths"][path][method]["responses"]
        response = responses.get(str(status)) or responses["default"]
        while "$ref" in response:
            response = self.document["components"]["responses"][response["$ref"].split("/")[-1]]
        content = response.get("content", {}).get("application/json")
        return content and self.resolve(content["schema"])

    def problems(self, value, schema: dict, where: str = "") -> list[str]:
        schema = self.resolve(schema)
        if value is None:
            return [] if schema.get("nullable") or not schema.get("type") else [f"{where}: null"]
        kind = schema.get("type")
        wrong_type = kind and not isinstance(value, self.TYPES[kind])
        if wrong_type or (kind in ("integer", "number") and isinstance(value, bool)):
            return [f"{where}: {type(value).__name__}, the document says {kind}"]
        found = []
        if isinstance(value, dict):
            # A generated client reads a required key without asking whether it came.
            found += [
                f"{where}.{key}: required, absent"
                for key in schema.get("required", ())
                if key not in value
            ]
        if isinstance(value, dict) and "properties" in schema:
            for key, item in value.items():
                if key in schema["properties"]:
                    found += self.problems(item, schema["properties"][key], f"{where}.{key}")
                elif schema.get("additionalProperties") is False:
                    found.append(f"{where}.{key}: not in the document")
        if isinstance(value, list) and "items" in schema:
            for index, item in enumerate(value):
                found += self.problems(item, schema["items"], f"{where}[{index}]")
        return found


def is_camwalk_error(response) -> bool:
    """docs/sync-protocol.md: a JSON object with a non-empty string `code` and a string
    `message`: the only body by which the phone takes a refusal as the server's."""
    body = response.get_json(silent=True)
    return (
        isinstance(body, dict)
        and isinstance(body.get("code"), str)
        and body["code"] != ""
        and isinstance(body.get("message"), str)
    )


class Client:
    """HTTP-shaped calls through Flask's test client; every answer is held to the OpenAPI
    document, and every error to camwalk's error body."""

    def __init__(self, http, spec: Spec, token: str | None = None):
        self.http, self.spec, self.token = http, spec, token

    def call(self, method: str, url: str, documented: str | None = None, **options):
        headers = dict(options.pop("headers", {}))
        if self.token:
            headers.setdefault("Authorization", f"Bearer {self.token}")
        response = self.http.open(url, method=method, headers=headers, **options)
        if response.status_code >= 400:
            assert is_camwalk_error(response), (method, url, response.status_code, response.data)
        # docs/contract.md, Errors: only these two answers say when to try again.
        retry_after = response.status_code in (429, 503)
        assert ("Retry-After" in response.headers) == retry_after, (method, url)
        # Open data: a map on another site may read it, its refusals included.
        public = url.startswith("/api/v1/public/")
        assert (response.headers.get("Access-Control-Allow-Origin") == "*") == public, url
        if documented and response.is_json:
            schema = self.spec.answer_schema(documented, method.lower(), response.status_code)
            if schema:
                assert self.spec.problems(response.get_json(), schema) == [], (method, url)
        return response


class Phone(Client):
    """A walker's phone: keeps its cursor and epoch per group, as the protocol asks."""

    def __init__(self, http, spec, token, group_id):
        super().__init__(http, spec, token)
        self.group_id, self.cursor, self.epoch, self.observations = group_id, 0, None, {}

    def sync(self, changes=(), limit=200, status=200):
        body = {"cursor": self.cursor, "epoch": self.epoch, "limit": limit, "changes": changes}
        response = self.call(
            "POST",
            f"/api/v1/groups/{self.group_id}/sync",
            "/api/v1/groups/{group_id}/sync",
            json=body,
        )
        assert response.status_code == status, response.get_json()
        if status != 200:
            return response.get_json()
        answer = response.get_json()
        assert [r["change_id"] for r in answer["results"]] == [c["change_id"] for c in changes]
        seqs = [o["seq"] for o in answer["observations"]]
        assert seqs == sorted(seqs) and all(seq > self.cursor for seq in seqs)
        assert len(seqs) <= limit
        for observation in answer["observations"]:
            self.observations[observation["id"]] = observation
        assert answer["cursor"] >= self.cursor  # never backwards
        self.cursor, self.epoch = answer["cursor"], answer["epoch"]
        return answer

    def pull_all(self, limit=200) -> list[dict]:
        pages = [self.sync(limit=limit)]
        while pages[-1]["more"]:
            pages.append(self.sync(limit=limit))
        return pages


def change(op: str, observation_id: str, **rest) -> dict:
    return {"change_id": str(uuid.uuid4()), "observation_id": observation_id, "op": op,
            "made_at": MADE_AT, **rest}  # fmt: skip


def create(walk_id: int, **fields) -> dict:
    values = {"position": HERE, "kind": "camera", "camera_type": "dome", "mount": "pole",
              "direction": [180], "surveyed_on": DAY} | fields  # fmt: skip
    return change("create", str(uuid.uuid4()), walk_id=walk_id, fields=values)


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (120, 90, 40)).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def spec(client) -> Spec:
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    return Spec(response.get_json())


@pytest.fixture
def osm(app, monkeypatch):
    """The fake OSM API and Overpass, holding one camera beside the walk's cameras."""
    with fake_osm_api.serve() as running:
        monkeypatch.setitem(app.config, "OVERPASS_URL", f"{running.url}/api")
        monkeypatch.setitem(app.config, "OSM_API_URL", running.url)
        running.state.add_node(7001, 43.29700, 5.38200, CAMERA | {"camera:type": "dome"})
        yield running


def join(client, spec, group, pseudonym: str) -> Phone:
    anonymous = Client(client, spec)
    body = {"invite_code": group.invite_code, "pseudonym": pseudonym,
            "join_key": uuid.uuid4().hex + uuid.uuid4().hex}  # fmt: skip
    joined = anonymous.call("POST", "/api/v1/join", "/api/v1/join", json=body)
    assert joined.status_code == 201, joined.get_json()
    session = joined.get_json()
    assert set(session) >= {"token", "member", "group"}
    assert session["group"]["id"] == group.id and session["member"]["pseudonym"] == pseudonym
    return Phone(client, spec, session["token"], group.id)


# --- the walk, as the pages tell it ----------------------------------------------------------


def test_a_walk_from_join_to_public_map_answers_as_the_docs_say(client, spec, group, osm):
    organiser = Client(client, spec, group.organiser_token)
    walk = organiser.call(
        "POST", f"/api/v1/groups/{group.id}/walks", "/api/v1/groups/{group_id}/walks",
        json={"name": "Vieux-Port", "date": DAY},
    )  # fmt: skip
    assert walk.status_code == 201, walk.get_json()
    walk_id = walk.get_json()["id"]
    pie, goeland = join(client, spec, group, "pie"), join(client, spec, group, "goeland")

    # A create, then its photo's bytes and the attach that names them.
    logged = create(walk_id)
    camera = logged["observation_id"]
    first = pie.sync([logged])
    result = first["results"][0]
    assert result.get("redirected_to") is None and result.get("error") is None
    assert {k: result[k] for k in ("change_id", "observation_id", "status", "version")} == {
        "change_id": logged["change_id"], "observation_id": camera, "status": "applied",
        "version": 1,
    }  # fmt: skip
    assert (result["replayed"], result["conflict_ids"]) == (False, [])
    assert first["epoch"] and pie.observations[camera]["version"] == 1
    again = pie.sync([logged])
    assert again["results"][0]["replayed"] is True

    photo = jpeg()
    sha = hashlib.sha256(photo).hexdigest()
    attach = change("attach_photo", camera, photo={"sha256": sha, "role": "close_up"})
    early = pie.sync([attach])["results"][0]
    assert (early["status"], early["error"]["code"]) == ("rejected", "photo_not_uploaded")
    url, documented = f"/api/v1/photos/{sha}", "/api/v1/photos/{sha256}"
    put = pie.call("PUT", url, documented, data=photo, content_type="image/jpeg")
    assert put.status_code == 201, put.get_json()
    receipt = put.get_json()
    assert set(receipt) == {"sha256", "size", "type", "width", "height", "received_at", "exif",
                            "state", "failure"}  # fmt: skip
    assert (receipt["sha256"], receipt["size"]) == (sha, len(photo))
    assert receipt["state"] in ("received", "prepared")
    assert pie.call("PUT", url, documented, data=photo).status_code == 200
    cut = pie.call("PUT", f"/api/v1/photos/{'0' * 64}", documented, data=photo)
    assert (cut.status_code, cut.get_json()["code"]) == (422, "hash_mismatch")
    assert pie.sync([attach])["results"][0]["status"] == "applied"
    assert pie.observations[camera]["photos"] == [{"sha256": sha, "role": "close_up"}]
    imported = pie.call(
        "POST", f"/api/v1/walks/{walk_id}/photo-import", "/api/v1/walks/{walk_id}/photo-import",
        json={"photos": [sha]},
    )  # fmt: skip
    assert imported.status_code == 201, imported.get_json()
    drafts = imported.get_json()
    assert (drafts["observations"], drafts["split_bursts"]) == ([], [])
    [skipped] = drafts["skipped"]
    assert (skipped["sha256"], skipped["code"], skipped["reason"]) == (
        sha,
        "already_attached",
        "already_attached",
    )

    # Two phones edit the operator from the same version: the second is a conflict.
    goeland.pull_all()
    seen = goeland.observations[camera]["version"]
    mine = change("update", camera, base_version=seen,
                  fields={"operator": {"old": None, "new": "Police municipale"}})  # fmt: skip
    theirs = change("update", camera, base_version=seen,
                    fields={"operator": {"old": None, "new": "Ville de Marseille"}})  # fmt: skip
    assert pie.sync([mine])["results"][0]["status"] == "applied"
    contested = goeland.sync([theirs])["results"][0]
    assert contested["status"] == "conflict"
    assert contested["conflict_ids"] == [f"{theirs['change_id']}/operator"]
    pulled = goeland.observations[camera]
    assert pulled["conflicts"] == contested["conflict_ids"]
    [detail] = pulled["conflict_details"]
    assert (detail["key"], detail["field"]) == (contested["conflict_ids"][0], "operator")
    assert detail["values"][0]["value"] == pulled["operator"]
    assert {v["value"] for v in detail["values"]} == {"Police municipale", "Ville de Marseille"}
    conflict = organiser.call(
        "GET", f"/api/v1/conflicts/{detail['key']}", "/api/v1/conflicts/{key}"
    ).get_json()
    assert {
        "id", "key", "observation_id", "kind", "field", "status", "base_value", "sides",
        "provisional_value", "created_at", "resolved_at", "resolution",
    } <= set(conflict)  # fmt: skip
    assert (conflict["kind"], conflict["status"], conflict["observation_id"]) == (
        "field",
        "open",
        camera,
    )
    assert conflict["sides"][0]["value"] == conflict["provisional_value"] == pulled["operator"]
    assert (
        goeland.call(
            "GET", f"/api/v1/conflicts/{detail['key']}", "/api/v1/conflicts/{key}"
        ).status_code
        == 403
    )
    settled = organiser.call(
        "POST", f"/api/v1/conflicts/{detail['key']}/resolve",
        "/api/v1/conflicts/{key}/resolve", json={"side": 0},
    )  # fmt: skip
    assert settled.status_code == 200, settled.get_json()
    twice = organiser.call(
        "POST", f"/api/v1/conflicts/{detail['key']}/resolve",
        "/api/v1/conflicts/{key}/resolve", json={"side": 0},
    )  # fmt: skip
    assert (twice.status_code, twice.get_json()["code"]) == (409, "already_settled")

    # A second camera, deleted; then a phone new to the group pulls it all page by page.
    gone = create(walk_id, position=HERE | {"lat": 43.2971})
    pie.sync([gone])
    version = pie.observations[gone["observation_id"]]["version"]
    deleted = pie.sync([change("delete", gone["observation_id"], base_version=version)])
    assert deleted["results"][0]["status"] == "applied"
    assert pie.observations[gone["observation_id"]]["deleted"] is True
    newcomer = join(client, spec, group, "sterne")
    pages = newcomer.pull_all(limit=1)
    assert [page["more"] for page in pages] == [True, False]
    assert set(newcomer.observations) == {camera, gone["observation_id"]}
    assert newcomer.sync()["observations"] == []  # nothing newer than its cursor
    wrong_epoch = {"cursor": newcomer.cursor, "epoch": "another", "changes": []}
    refused = newcomer.call("POST", f"/api/v1/groups/{group.id}/sync", json=wrong_epoch)
    assert (refused.status_code, refused.get_json()["code"]) == (409, "epoch_changed")

    # The organiser: review, approve, export, fetch OSM, a dry run, the summary, the map.
    review = organiser.call(
        "GET", f"/api/v1/groups/{group.id}/review", "/api/v1/groups/{group_id}/review"
    )
    assert review.status_code == 200
    pie.sync()
    version = pie.observations[camera]["version"]
    approved = organiser.call(
        "POST", f"/api/v1/observations/{camera}/review", "/api/v1/observations/{uuid}/review",
        json={"status": "approved", "version": version},
    )  # fmt: skip
    assert approved.status_code == 200, approved.get_json()
    # A card drawn before goeland's edit: her own settling since would not count, his does.
    before_goeland = seen + 1
    stale = organiser.call(
        "POST", f"/api/v1/observations/{camera}/review", "/api/v1/observations/{uuid}/review",
        json={"status": "rejected", "version": before_goeland},
    )  # fmt: skip
    assert (stale.status_code, stale.get_json()["code"]) == (409, "changed_since_shown")

    fetched = organiser.call(
        "POST", f"/api/v1/walks/{walk_id}/osm-fetch", "/api/v1/walks/{walk_id}/osm-fetch",
        json={"source": "api"},
    )  # fmt: skip
    assert fetched.status_code == 200, fetched.get_json()
    counts = fetched.get_json()
    assert counts["fetched"] == sum(
        counts[k]
        for k in ("added", "updated", "vertex_changed", "unchanged", "kept_newer", "kept_deleted")
    )

    def dry_run() -> dict:
        dry = organiser.call(
            "POST", f"/api/v1/walks/{walk_id}/osm-upload",
            "/api/v1/{owner}/{owner_id}/osm-upload", json={"dry_run": True},
        )  # fmt: skip
        assert dry.status_code == 200, dry.get_json()
        return dry.get_json()

    plan = dry_run()
    assert plan["dry_run"] is True and plan["changesets"] == []
    assert set(plan["counts"]) == {
        "created", "modified", "deleted", "ambiguous", "disagreeing", "disused_nearby",
        "disused_node", "taken_nearby", "contradicted_tag",
    }  # fmt: skip
    assert [(c["observation"], c["action"]) for c in plan["changes"]] == [(camera, "create")]
    assert osm.state.changesets == {}  # a dry run sends nothing

    exported = organiser.call("GET", f"/api/v1/walks/{walk_id}/export.osc")
    assert exported.status_code == 200
    assert exported.get_data().startswith(b"<?xml") and b"<osmChange" in exported.get_data()
    exported.close()
    export_id = exported.headers["X-Camwalk-Export-Id"]
    record = organiser.call(
        "GET", f"/api/v1/exports/{export_id}", "/api/v1/exports/{export_id}"
    ).get_json()
    assert {"id", "format", "group_id", "walk_id", "created_at", "counts", "report", "cameras",
            "download_url", "josm_url"} <= set(record)  # fmt: skip
    assert set(record["counts"]) == {
        "created", "modified", "deleted", "skipped", "not_approved", "ambiguous", "disagreeing",
        "disused_nearby", "disused_node", "taken_nearby", "contradicted_tag",
    }  # fmt: skip

    # That file may have gone to OSM through JOSM: its new cameras wait for a fetch.
    again = dry_run()
    assert again["changes"] == []
    assert [held["walk_id"] for held in again["held_back"]] == [walk_id]

    settings = organiser.call(
        "PATCH", f"/api/v1/groups/{group.id}/settings", "/api/v1/groups/{group_id}/settings",
        json={"public_map": True},
    )  # fmt: skip
    assert settings.status_code == 200, settings.get_json()
    summary = organiser.call("GET", f"/api/v1/walks/{walk_id}/summary").get_json()
    public = Client(client, spec).call(
        "GET", f"/api/v1/public/{group.group.slug}/cameras.geojson",
        "/api/v1/public/{slug}/cameras.geojson",
    )  # fmt: skip
    assert public.status_code == 200
    assert public.headers["Access-Control-Allow-Origin"] == "*"
    published = public.get_json()
    assert (published["cameras"], published["other_devices"]) == (1, 0)
    assert summary["totals"]["published"] == published["cameras"]
    # Signed out, the phone's token gets 401 everywhere, its sync included.
    assert pie.call("POST", "/api/v1/logout").status_code == 204
    signed_out = pie.sync(status=401)
    assert signed_out["code"] == "unauthenticated"
    documented = spec.answer_schema("/api/v1/public/{slug}/cameras.geojson", "get", 200)
    assert {"cameras", "other_devices", "open_duplicate_pairs", "own_tiles_only"} <= set(
        (documented or {}).get("properties", {})
    )
    assert {"devices", "by_kind"} <= set(summary["totals"]["other_devices"])


# --- every refusal is camwalk's own -----------------------------------------------------------


def test_the_server_refuses_a_broken_batch_whole_as_the_protocol_lists(client, spec, group):
    phone = Phone(client, spec, group.walker_token, group.id)
    url = f"/api/v1/groups/{group.id}/sync"
    cases = [
        ({"data": "{}", "content_type": "text/plain;charset=UTF-8"}, 415,
         "unsupported_media_type"),
        ({"data": "{", "content_type": "application/json"}, 400, "malformed_json"),
        # Cut mid-way: its headers said 40 bytes.
        ({"data": '{"cursor": 0, ', "content_type": "application/json",
          "environ_overrides": {"CONTENT_LENGTH": "40"}}, 408, "request_incomplete"),
        ({"json": {"cursor": 0, "changes": [], "surprise": 1}}, 422, "invalid_input"),
        ({"json": {"cursor": -1, "changes": []}}, 422, "invalid_input"),
        ({"json": {"cursor": 0, "changes": {}}}, 422, "invalid_input"),
        ({"json": {"cursor": 0, "limit": 1001}}, 422, "invalid_input"),
    ]  # fmt: skip
    for options, status, code in cases:
        response = phone.call("POST", url, **options)
        assert (response.status_code, response.get_json()["code"]) == (status, code), options
    stranger = phone.call("POST", "/api/v1/groups/999999/sync", json={"cursor": 0})
    assert (stranger.status_code, stranger.get_json()["code"]) == (404, "not_found")
    nobody = Client(client, spec).call("POST", url, json={"cursor": 0})
    assert (nobody.status_code, nobody.get_json()["code"]) == (401, "unauthenticated")


def test_flask_s_own_refusals_are_camwalk_errors_too(client, spec, group, app, monkeypatch):
    walker = Client(client, spec, group.walker_token)
    cases = [
        ("GET", "/api/v1/no-such-thing", 404, "not_found"),
        ("GET", "/api/no-such-thing", 404, "not_found"),
        ("DELETE", f"/api/v1/groups/{group.id}/sync", 405, "method_not_allowed"),
        ("PUT", "/api/v1/join", 405, "method_not_allowed"),
        # The app's own paths take every GET but no API path (server/pwa.py).
        ("GET", f"/api/v1/groups/{group.id}/sync", 405, "method_not_allowed"),
        ("GET", "/api/v1/logout", 405, "method_not_allowed"),
        ("POST", "/api/v1/no-such-thing", 404, "not_found"),
        ("DELETE", "/api/no-such-thing", 404, "not_found"),
        ("GET", f"/api/v1/groups/{group.id}/walks/1", 404, "not_found"),
    ]
    for method, url, status, code in cases:
        response = walker.call(method, url)
        assert (response.status_code, response.get_json()["code"]) == (status, code), url
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 1024)
    big = {"cursor": 0, "changes": [], "pad": "x" * 4096}
    too_big = walker.call("POST", f"/api/v1/groups/{group.id}/sync", json=big)
    assert (too_big.status_code, too_big.get_json()["code"]) == (413, "payload_too_large")


def test_a_rate_limited_join_is_a_camwalk_error_with_retry_after(client, spec):
    anonymous = Client(client, spec)
    body = {"invite_code": "not-an-invite", "pseudonym": "pie"}
    answers = [
        anonymous.call(
            "POST", "/api/v1/join", json=body, environ_base={"REMOTE_ADDR": "192.0.2.7"}
        )
        for _ in range(11)
    ]
    assert [a.status_code for a in answers] == [410] * 10 + [429]
    assert answers[-1].get_json()["code"] == "rate_limited"
    assert int(answers[-1].headers["Retry-After"]) > 0
    for answer in answers:  # docs/contract.md: every answer of a rate-limited endpoint
        assert {"X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"} <= set(
            answer.headers.keys()
        )


def test_a_rate_limited_public_map_is_a_camwalk_error_a_map_elsewhere_can_read(
    client, spec, app, monkeypatch
):
    monkeypatch.setitem(app.config, "PUBLIC_RATE_LIMIT", "2 per minute")
    anonymous = Client(client, spec)
    url = "/api/v1/public/nobody/cameras.geojson"
    answers = [
        anonymous.call("GET", url, environ_base={"REMOTE_ADDR": "192.0.2.8"}) for _ in "abc"
    ]
    assert [a.status_code for a in answers] == [404, 404, 429]
    assert answers[-1].get_json()["code"] == "rate_limited"
    exposed = answers[-1].headers["Access-Control-Expose-Headers"]
    assert {"Retry-After", "X-RateLimit-Reset"} <= {h.strip() for h in exposed.split(",")}


def test_the_documented_error_shape_is_the_one_served(client, spec, group):
    """A client generated from /api/openapi.json reads its error bodies by the document's
    schema: it must be the body the server sends, a string `code` included."""
    refused = Client(client, spec).call("GET", f"/api/v1/groups/{group.id}")
    schema = spec.answer_schema("/api/v1/groups/{group_id}", "get", 401)
    assert schema is not None
    assert spec.problems(refused.get_json(), schema) == []
    assert {"code", "message", "errors"} <= set(schema["properties"])


def test_the_refusals_the_pages_list_answer_their_codes(client, spec, group, app, monkeypatch):
    walker = Client(client, spec, group.walker_token)
    organiser = Client(client, spec, group.organiser_token)
    photo = jpeg()
    sha = hashlib.sha256(photo).hexdigest()
    text = b"not a photo at all"
    monkeypatch.setitem(app.config, "MAX_PHOTO_BYTES", 100)
    cases = [
        (walker, "PUT", f"/api/v1/photos/{hashlib.sha256(text).hexdigest().upper()}",
         {"data": text}, 422, "invalid_input"),
        (walker, "PUT", f"/api/v1/photos/{sha}", {"data": photo}, 413, "photo_too_large"),
        (walker, "PUT", f"/api/v1/photos/{hashlib.sha256(text).hexdigest()}", {"data": text},
         415, "unsupported_photo_type"),
        (walker, "GET", f"/api/v1/photos/{sha}", {}, 404, "not_found"),
        (walker, "POST", f"/api/v1/groups/{group.id}/sync", {"json": {"limit": 0}}, 422,
         "invalid_input"),
        (walker, "POST", f"/api/v1/groups/{group.id}/sync",
         {"json": {"changes": [{}] * 501}}, 422, "invalid_input"),
        (walker, "GET", f"/api/v1/groups/{group.id}/review", {}, 403, "forbidden"),
        (walker, "POST", f"/api/v1/walks/{group.walk.id}/osm-upload", {"json": {"dry_run": True}},
         403, "forbidden"),
        (organiser, "GET", "/api/v1/conflicts/nope", {}, 404, "not_found"),
        (Client(client, spec), "POST", "/api/v1/join",
         {"json": {"invite_code": group.invite_code, "pseudonym": "mouette"}}, 409,
         "pseudonym_taken"),
        (Client(client, spec), "GET", "/api/v1/public/nobody/cameras.geojson", {}, 404,
         "not_found"),
    ]  # fmt: skip
    found = []
    for who, method, url, options, _status, _code in cases:
        response = who.call(method, url, **options)
        found.append((method, url, response.status_code, response.get_json().get("code")))
    assert found == [(c[1], c[2], c[4], c[5]) for c in cases]
