"""The OpenAPI document says which operations need a token, set once for the whole API."""

from pathlib import Path

PUBLIC = {
    "get /api/v1/config",
    "get /api/v1/exports/{export_id}/download",
    "get /api/v1/health",
    "get /api/v1/invites/{code}",
    "get /api/v1/osm/callback",
    "get /api/v1/public/{slug}/cameras.geojson",
    "get /api/v1/public/{slug}/coverage.geojson",
    "get /api/v1/public/{slug}/photos/{name}.jpg",
    "post /api/v1/join",
    "post /api/v1/login",
    "post /api/v1/sign-in",
}


def test_every_operation_needs_a_token_but_the_public_ones(client):
    spec = client.get("/api/openapi.json").json
    assert spec["security"] == [{"bearer": []}]
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue  # path-level parameters
            name = f"{method} {path}"
            effective = operation.get("security", spec["security"])
            assert (effective == []) == (name in PUBLIC), name


def test_no_view_repeats_the_bearer_requirement():
    server = Path(__file__).resolve().parents[2] / "server"
    repeated = [p for p in server.rglob("*.py") if '"bearer": []}])' in p.read_text()]
    assert repeated == []
