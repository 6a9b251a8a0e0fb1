import pytest
import sqlalchemy as sa

from server.extensions import db
from server.schema_check import heads_on_disk


def test_health_names_the_engine_and_the_applied_migration(client, engine_name):
    answer = client.get("/api/v1/health")

    assert answer.status_code == 200
    body = answer.get_json()
    assert body["status"] == "ok"
    assert body["database"] == {"spatialite": "sqlite", "postgis": "postgresql"}[engine_name]
    assert body["migration"]


@pytest.fixture
def database_at(app):
    """Sets the database's version table to a migration of the test's choosing, as another
    instance's `camwalk db upgrade` (or none yet) would leave it; puts it back afterwards."""
    code = next(iter(heads_on_disk()))

    def set_to(revision: str) -> None:
        with db.engine.begin() as conn:
            conn.execute(sa.text("UPDATE alembic_version SET version_num = :r"), {"r": revision})

    yield set_to
    set_to(code)


def test_health_is_a_503_saying_why_when_the_database_is_not_at_the_codes_migration(
    client, database_at
):
    """Behind a load balancer, an instance whose code and database differ by a migration
    answered 500 to every sync while /health said ok: the balancer kept it in. It is seen at
    the next request, without restarting the server."""
    code = next(iter(heads_on_disk()))
    assert client.get("/api/v1/health").status_code == 200

    database_at("e1f4a9c7b250")  # the code updated, `camwalk db upgrade` not yet run
    behind = client.get("/api/v1/health")

    assert behind.status_code == 503
    assert behind.json["status"] == "migrations_pending"
    assert behind.json["migration"] == "e1f4a9c7b250"
    assert behind.json["code_migration"] == code

    database_at("0f1e2d3c4b5a")  # a newer version, on another instance, migrated it
    ahead = client.get("/api/v1/health")

    assert ahead.status_code == 503
    assert ahead.json["status"] == "migrated_by_newer_version"
    assert ahead.json["migration"] == "0f1e2d3c4b5a"

    database_at(code)
    assert client.get("/api/v1/health").json["status"] == "ok"


def test_health_asks_the_database_one_row(client, statements):
    """A load balancer asks every few seconds: the code's migrations are read from its
    scripts once, the database's at each request."""
    client.get("/api/v1/health")
    client.get("/api/v1/health")

    assert [sql for sql, _ in statements] == ["SELECT version_num FROM alembic_version"] * 2


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
