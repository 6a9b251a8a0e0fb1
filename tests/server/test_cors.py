"""A published campaign's data may be read from any web page (geojson.io, a uMap elsewhere);
nothing that reads a token may."""

import json

import pytest

from server.cli import cli
from server.security import PUBLIC_DATA_PREFIX

ORIGIN = {"Origin": "https://geojson.io"}


@pytest.fixture
def published(app, client):
    result = app.test_cli_runner().invoke(cli, ["demo", "--json"], catch_exceptions=False)
    demo = json.loads(result.output)
    demo["organiser"] = {"Authorization": f"Bearer {demo['organiser_token']}"}
    answer = client.patch(
        f"/api/v1/groups/{demo['group_id']}/settings",
        json={"public_map": True, "coverage_public": True},
        headers=demo["organiser"],
    )
    assert answer.status_code == 200, answer.json
    return demo


def test_any_web_page_may_read_a_published_campaigns_map(client, published):
    slug = published["group_slug"]
    for name in ("cameras.geojson", "coverage.geojson"):
        answer = client.get(f"/api/v1/public/{slug}/{name}", headers=ORIGIN)
        assert answer.status_code == 200, name
        assert answer.headers["Access-Control-Allow-Origin"] == "*"
        assert "Access-Control-Allow-Credentials" not in answer.headers
    # A photo no longer published: the other site's map learns it is gone.
    gone = client.get(f"/api/v1/public/{slug}/photos/{'0' * 64}.jpg", headers=ORIGIN)
    assert gone.status_code == 404
    assert gone.headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/groups/{group_id}/export.geojson",
        "/api/v1/walks/{walk_id}/summary",
        "/api/v1/groups/{group_id}/settings",
    ],
)
def test_no_answer_to_a_token_is_readable_from_another_site(client, published, path):
    url = path.format(**published)
    with client.get(url, headers=published["organiser"] | ORIGIN) as answer:  # closes a file
        assert answer.status_code == 200
        assert "Access-Control-Allow-Origin" not in answer.headers


@pytest.mark.parametrize("path", ["/api/v1/invites/nope", "/api/v1/health", "/api/v1/config"])
def test_token_less_doors_that_are_not_map_data_stay_same_origin(client, path):
    assert "Access-Control-Allow-Origin" not in client.get(path, headers=ORIGIN).headers


def test_every_path_open_to_other_sites_is_a_token_less_read(client):
    """The header goes by path: nothing under it may ever ask for a token or change data."""
    spec = client.get("/api/openapi.json").json
    public = {p: ops for p, ops in spec["paths"].items() if p.startswith(PUBLIC_DATA_PREFIX)}
    assert len(public) >= 3
    for path, operations in public.items():
        methods = {m for m in operations if m in {"get", "post", "put", "patch", "delete"}}
        assert methods == {"get"}, path
        assert operations["get"]["security"] == [], path
