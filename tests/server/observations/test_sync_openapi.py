"""The OpenAPI document describes what the conflict, history and review endpoints return, and
says what the protocol's prose says."""

import re
from pathlib import Path

import pytest

from sync.checks import PHOTO_ROLES

PROTOCOL = Path(__file__).resolve().parents[3] / "docs" / "sync-protocol.md"

ENDPOINTS = [
    ("/api/v1/groups/{group_id}/conflicts", "get", "ConflictAnswer"),
    ("/api/v1/conflicts/{key}", "get", "ConflictAnswer"),
    ("/api/v1/conflicts/{key}/resolve", "post", "ConflictAnswer"),
    ("/api/v1/observations/{uuid}/history", "get", "HistoryEntry"),
    ("/api/v1/observations/{uuid}/review", "post", "ReviewAnswer"),
    ("/api/v1/groups/{group_id}/review", "get", "ReviewItem"),
]


def _schema_name(document, response) -> str:
    schema = response["content"]["application/json"]["schema"]
    schema = schema.get("items", schema)
    name = schema["$ref"].rsplit("/", 1)[-1]
    assert name in document["components"]["schemas"]
    return name


@pytest.mark.parametrize(("path", "method", "schema"), ENDPOINTS)
def test_organiser_endpoints_document_their_answer(client, path, method, schema):
    document = client.get("/api/openapi.json").json

    response = document["paths"][path][method]["responses"]["200"]

    assert _schema_name(document, response) == schema


def test_a_conflict_answer_documents_every_key_the_endpoint_returns(client, sync_api):
    obs = sync_api.create()
    sync_api.sync([obs])
    sync_api.sync([sync_api.update(obs["observation_id"], 1, mount=(None, "wall"))])
    sync_api.sync([sync_api.update(obs["observation_id"], 1, mount=(None, "pole"))])
    document = client.get("/api/openapi.json").json
    group_id = sync_api.group.id

    conflicts = client.get(
        f"/api/v1/groups/{group_id}/conflicts", headers=sync_api.group.headers("organiser")
    ).json

    documented = document["components"]["schemas"]["ConflictAnswer"]["properties"]
    assert len(conflicts) == 1
    assert set(conflicts[0]) == set(documented)
    assert set(conflicts[0]["sides"][0]) == set(
        document["components"]["schemas"]["ConflictSide"]["properties"]
    )


def test_the_photo_roles_are_the_servers_in_the_openapi_document_and_the_protocol(client):
    """One list (sync.checks.PHOTO_ROLES): the prose once left out `sign`, which the server
    accepts and the PWA sends."""
    document = client.get("/api/openapi.json").json
    role = document["components"]["schemas"]["SyncPhotoRef"]["properties"]["role"]
    prose = " ".join(PROTOCOL.read_text().split())
    listed = re.search(r"role one of ((?:`\w+`,? )+)", prose).group(1)

    assert role["enum"] == list(PHOTO_ROLES)
    assert re.findall(r"`(\w+)`", listed) == list(PHOTO_ROLES)


DOCS = [PROTOCOL, PROTOCOL.with_name("contract.md")]


def _said(path: str, prose: str) -> bool:
    """Whether the docs name an OpenAPI path, its parameters written `{name}` or `<name>`."""
    parameter = r"(?:\{[^}]+\}|<[^>]+>)"
    pattern = parameter.join(map(re.escape, re.split(r"\{[^}]+\}", path)))
    return re.search(pattern + r"(?![\w/])", prose) is not None


def test_every_organiser_endpoint_is_in_the_docs(client):
    """A client is written from docs/, not from the OpenAPI document: the merge, duplicates
    and conflicts endpoints were only there."""
    document = client.get("/api/openapi.json").json
    prose = " ".join(" ".join(doc.read_text() for doc in DOCS).split())
    organise = [
        path
        for path, operations in document["paths"].items()
        if any(
            "organise" in operation.get("tags", [])
            for operation in operations.values()
            if isinstance(operation, dict)  # not the path's `parameters`
        )
    ]

    assert len(organise) >= 10
    assert [path for path in organise if not _said(path, prose)] == []


def test_every_key_of_the_review_cards_osm_change_is_in_the_contract(client):
    document = client.get("/api/openapi.json").json
    contract = PROTOCOL.with_name("contract.md").read_text()
    keys = document["components"]["schemas"]["OsmChange"]["properties"]

    assert [key for key in keys if f"`{key}`" not in contract] == []


def test_a_refused_changes_null_ids_are_nullable_in_the_openapi_document(client, sync_api):
    """The prose answers a change whose ids are no UUIDs under `null`: a client generated from
    the OpenAPI document with non-null strings failed to read that answer."""
    refused = {**sync_api.create(), "change_id": "nope", "observation_id": "NOPE"}
    result = sync_api.sync([refused])["results"][0]
    properties = client.get("/api/openapi.json").json["components"]["schemas"]["ChangeResult"][
        "properties"
    ]

    assert (result["change_id"], result["observation_id"]) == (None, None)
    assert properties["change_id"]["nullable"] is True
    assert properties["observation_id"]["nullable"] is True
