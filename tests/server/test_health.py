def test_health_names_the_engine_and_the_applied_migration(client, engine_name):
    answer = client.get("/api/v1/health")

    assert answer.status_code == 200
    body = answer.get_json()
    assert body["status"] == "ok"
    assert body["database"] == {"spatialite": "sqlite", "postgis": "postgresql"}[engine_name]
    assert body["migration"]


def test_openapi_document_lists_the_api(client):
    answer = client.get("/api/openapi.json")

    assert answer.status_code == 200
    paths = answer.get_json()["paths"]
    assert "/api/v1/health" in paths
    assert "/api/v1/join" in paths


def test_unknown_api_path_is_a_json_404(client):
    answer = client.get("/api/v1/no-such-thing")

    assert answer.status_code == 404
    assert answer.get_json()["code"] == "not_found"


def test_public_config_gives_the_tile_url_and_attribution(client):
    body = client.get("/api/v1/config").get_json()

    assert "{z}" in body["tile_url"]
    assert "OpenStreetMap" in body["tile_attribution"]
