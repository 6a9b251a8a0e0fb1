import pytest

from server.security import content_security_policy, tile_origin


@pytest.mark.parametrize("path", ["/api/v1/health", "/", "/join/abc", "/api/v1/nope"])
def test_every_response_carries_the_security_headers(client, path):
    with client.get(path) as answer:  # closes the streamed file of the app shell
        headers = answer.headers

    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    csp = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert (
        "script-src 'self'" in csp
        and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    )


@pytest.mark.parametrize(
    "url, origin",
    [
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org"),
        ("https://{s}.tile.example.org/{z}/{x}/{y}.png", "https://*.tile.example.org"),
        ("/tiles/{z}/{x}/{y}.png", ""),
    ],
)
def test_the_tile_server_is_allowed_for_images_only_by_its_origin(url, origin):
    assert tile_origin(url) == origin
    if origin:
        assert f"img-src 'self' data: blob: {origin}" in content_security_policy(url)


def test_joining_too_often_from_one_address_is_a_429_with_retry_after(
    client, group, monkeypatch, app
):
    monkeypatch.setitem(app.config, "AUTH_RATE_LIMIT", "3 per minute")
    answers = [
        client.post("/api/v1/join", json={"invite_code": "wrong", "pseudonym": f"p{i}"})
        for i in range(4)
    ]

    assert [a.status_code for a in answers] == [410, 410, 410, 429]
    assert answers[-1].get_json()["code"] == "rate_limited"
    assert int(answers[-1].headers["Retry-After"]) > 0


def test_only_the_answer_that_asks_to_wait_carries_retry_after(client, group, monkeypatch, app):
    monkeypatch.setitem(app.config, "AUTH_RATE_LIMIT", "2 per minute")
    invite = group.invite_code
    answers = [client.get(f"/api/v1/invites/{invite}") for _ in range(3)]

    assert [a.status_code for a in answers] == [200, 200, 429]
    assert ["Retry-After" in a.headers for a in answers] == [False, False, True]
    assert answers[0].headers["X-RateLimit-Remaining"] == "1"


def test_a_429_says_in_a_sentence_what_happened_and_what_to_do(client, group, monkeypatch, app):
    monkeypatch.setitem(app.config, "AUTH_RATE_LIMIT", "1 per minute")
    for _ in range(2):
        answer = client.post("/api/v1/join", json={"invite_code": "wrong", "pseudonym": "p"})

    assert answer.status_code == 429
    assert answer.get_json() == {
        "code": "rate_limited",
        "message": "Too many requests from this address (at most 1 per 1 minute): wait the "
        "seconds Retry-After gives, then try again.",
    }


def test_logging_in_is_rate_limited_too(client, group, monkeypatch, app):
    monkeypatch.setitem(app.config, "AUTH_RATE_LIMIT", "2 per minute")
    body = {"group": group.group.slug, "pseudonym": "karim", "password": "guess"}

    codes = [client.post("/api/v1/login", json=body).status_code for _ in range(3)]

    assert codes == [401, 401, 429]


@pytest.mark.parametrize("data", ["cameras.geojson", "coverage.geojson"])
def test_reading_a_public_map_too_often_from_one_address_is_a_429(
    client, group, monkeypatch, app, data
):
    """Anyone may ask, without a token, for what costs a large campaign a second of work:
    one address may not keep the server's workers busy with it."""
    monkeypatch.setitem(app.config, "PUBLIC_RATE_LIMIT", "2 per minute")
    settings = {"public_map": True, "coverage_public": True}
    changed = client.patch(
        f"/api/v1/groups/{group.id}/settings", json=settings, headers=group.headers("organiser")
    )
    assert changed.status_code == 200, changed.get_json()

    answers = [client.get(f"/api/v1/public/{group.group.slug}/{data}") for _ in range(3)]

    assert [a.status_code for a in answers] == [200, 200, 429]
    assert answers[-1].get_json()["code"] == "rate_limited"
    assert int(answers[-1].headers["Retry-After"]) > 0
    assert answers[-1].headers["Access-Control-Allow-Origin"] == "*"  # a map page can say so
    # ... and read how long to wait: a browser hides every header CORS does not expose.
    exposed = answers[-1].headers.get("Access-Control-Expose-Headers", "")
    assert "retry-after" in [h.strip().lower() for h in exposed.split(",")]


def test_a_map_on_another_site_can_read_its_rate_limit_to_pace_itself(client, group):
    # docs/contract.md promises X-RateLimit-* on every answer of a limited endpoint; a script
    # on another site sees only the headers CORS exposes, so unexposed they promise nothing.
    changed = client.patch(
        f"/api/v1/groups/{group.id}/settings",
        json={"public_map": True},
        headers=group.headers("organiser"),
    )
    assert changed.status_code == 200, changed.get_json()

    answer = client.get(
        f"/api/v1/public/{group.group.slug}/cameras.geojson",
        headers={"Origin": "https://umap.openstreetmap.fr"},
    )

    assert answer.status_code == 200
    exposed = answer.headers.get("Access-Control-Expose-Headers", "")
    exposed = {name.strip().lower() for name in exposed.split(",")}
    for name in ("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"):
        assert name in answer.headers, name
        assert name.lower() in exposed, name


def test_asking_for_public_photos_too_often_from_one_address_is_a_429(
    client, group, monkeypatch, app
):
    """Finding the photo a name stands for costs more the more photos the campaign published:
    one address may not ask for names in a loop (a name nothing stands for costs the same)."""
    monkeypatch.setitem(app.config, "PUBLIC_RATE_LIMIT", "2 per minute")
    settings = {"public_map": True}
    changed = client.patch(
        f"/api/v1/groups/{group.id}/settings", json=settings, headers=group.headers("organiser")
    )
    assert changed.status_code == 200, changed.get_json()
    url = f"/api/v1/public/{group.group.slug}/photos/{'0' * 32}.jpg"

    answers = [client.get(url) for _ in range(3)]

    assert [a.status_code for a in answers] == [404, 404, 429]
    assert answers[-1].get_json()["code"] == "rate_limited"
    assert int(answers[-1].headers["Retry-After"]) > 0


def test_a_body_over_the_size_limit_is_a_413(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 1000)

    answer = client.post("/api/v1/join", data=b"x" * 2000, content_type="application/json")

    assert answer.status_code == 413
    assert answer.get_json()["code"] == "payload_too_large"


def test_a_wrong_method_is_a_405_that_says_what_is_allowed(client):
    answer = client.delete("/api/v1/health")

    assert answer.status_code == 405
    assert answer.get_json()["code"] == "method_not_allowed"
    assert "GET" in answer.headers["Allow"]


def test_a_host_camwalk_was_not_told_to_answer_under_is_refused(app, client, group, monkeypatch):
    # Absolute URLs (invite links, the public map's photos) are written on the host a request
    # names: with the deployment's names set, a forged one is a 400 before any view runs.
    monkeypatch.setitem(app.config, "TRUSTED_HOSTS", ["camwalk.example.org"])
    invites = f"/api/v1/groups/{group.id}/invites"
    headers = group.headers("organiser")

    ours_host = {**headers, "Host": "camwalk.example.org"}
    before = len(client.get(invites, headers=ours_host).json)

    forged = client.post(invites, json={}, headers={**headers, "Host": "evil.example"})
    ours = client.post(invites, json={}, headers=ours_host)

    assert (forged.status_code, forged.get_json()["code"]) == (400, "bad_request")
    assert ours.status_code == 201
    assert ours.json["url"].startswith("http://camwalk.example.org/join/")
    assert len(client.get(invites, headers=ours_host).json) == before + 1  # none forged
