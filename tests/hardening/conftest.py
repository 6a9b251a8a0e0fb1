"""Helpers for the hardening tests: a group filled through the API with one object of each
kind, so that every path parameter of the API can be given a real id of that group."""

import hashlib
from dataclasses import dataclass, field

import pytest

from server.basemap.service import store_basemap
from server.extensions import db
from tests.builders import (
    create_change,
    jpeg_bytes,
    new_id,
    photo_change,
    update_change,
)


class Api:
    """Calls the API as one member of a group (GroupFixture from tests/conftest.py)."""

    def __init__(self, client, group):
        self.client = client
        self.group = group

    def sync(self, changes, who="walker") -> dict:
        response = self.client.post(
            f"/api/v1/groups/{self.group.id}/sync",
            json={"cursor": 0, "limit": 1000, "changes": list(changes)},
            headers=self.group.headers(who),
        )
        assert response.status_code == 200, response.json
        return response.json

    def upload(self, data: bytes, who="walker") -> str:
        digest = hashlib.sha256(data).hexdigest()
        response = self.client.put(
            f"/api/v1/photos/{digest}", data=data, headers=self.group.headers(who)
        )
        assert response.status_code in (200, 201), response.json
        return digest


@dataclass
class FilledGroup:
    """A group with one real object of each kind, made through the API."""

    group: object
    observation_id: str
    other_observation_id: str
    photo_sha256: str
    conflict_key: str
    invite_id: int
    member_id: int
    export_id: int
    device_id: int
    secrets: list[str] = field(default_factory=list)

    def path_values(self) -> dict:
        return {
            "group_id": self.group.id,
            "walk_id": self.group.walk.id,
            "invite_id": self.invite_id,
            "member_id": self.member_id,
            "uuid": self.observation_id,
            "sha256": self.photo_sha256,
            "size": "thumb",
            "key": self.conflict_key,
            "export_id": self.export_id,
            "device_id": self.device_id,
            "slug": self.group.group.slug,
            "code": self.group.invite_code,
            # A public photo's name is an HMAC; asking by the photo's hash must find nothing.
            "name": self.photo_sha256,
        }


def fill_group(client, group, marker: str, shade: int) -> FilledGroup:
    """Observation, attached photo, open conflict, invite, export: all through the API."""
    api = Api(client, group)
    observation_id, other_id = new_id(), new_id()
    api.sync([create_change(group.walk.id, observation_id, operator=f"operator-{marker}")])
    far = {"lat": 43.30, "lon": 5.39, "accuracy_m": 5}
    api.sync([create_change(group.walk.id, other_id, position=far)])
    sha256 = api.upload(jpeg_bytes(shade))
    api.sync([photo_change(observation_id, sha256)])
    # Two edits of one field from the same seen value: the second is a conflict.
    first = update_change(observation_id, 1, "2026-11-21T10:00:00+01:00", note=(None, "a"))
    second = update_change(observation_id, 1, "2026-11-21T10:05:00+01:00", note=(None, "b"))
    api.sync([first], who="walker")
    answer = api.sync([second], who="organiser")
    conflict_key = answer["results"][0]["conflict_ids"][0]
    orga = group.headers("organiser")
    invite = client.post(f"/api/v1/groups/{group.id}/invites", json={}, headers=orga)
    assert invite.status_code == 201, invite.json
    members = client.get(f"/api/v1/groups/{group.id}/members", headers=orga).json
    walker = next(m for m in _member_rows(members) if m["role"] == "walker")
    export = client.get(f"/api/v1/walks/{group.walk.id}/export.geojson", headers=orga)
    assert export.status_code == 200, export.data[:200]
    export.close()  # send_file's spooled file is closed with the response
    device_id = _spare_walker_device(client, group, f"spare-{marker}")
    _walk_map(group, f"street-{marker}")
    return FilledGroup(
        group=group,
        observation_id=observation_id,
        other_observation_id=other_id,
        photo_sha256=sha256,
        conflict_key=conflict_key,
        invite_id=invite.json["id"],
        member_id=walker["id"],
        export_id=int(export.headers["X-Camwalk-Export-Id"]),
        device_id=device_id,
        secrets=[
            observation_id,
            sha256,
            f"operator-{marker}",
            group.group.slug,
            f"spare-{marker}",
            f"street-{marker}",
        ],
    )


def _walk_map(group, street_name: str) -> None:
    """A one-street walk map, as an OSM fetch would have kept (its name is a secret of A)."""
    line = {"type": "LineString", "coordinates": [[5.38, 43.29], [5.381, 43.291]]}
    street = {
        "type": "Feature",
        "geometry": line,
        "properties": {"layer": "street", "name": street_name, "osm": "way/1"},
    }
    store_basemap(group.walk, [street], (5.37, 43.28, 5.39, 43.30), "overpass")
    db.session.commit()


def _spare_walker_device(client, group, label: str) -> int:
    """A second device of the walker (password, then log in), which she may sign out."""
    walker = group.headers("walker")
    answer = client.put(
        "/api/v1/me/password", json={"password": "walker passphrase"}, headers=walker
    )
    assert answer.status_code == 204, answer.json
    body = {"group": group.group.slug, "pseudonym": "mouette", "password": "walker passphrase"}
    answer = client.post("/api/v1/login", json={**body, "device_label": label})
    assert answer.status_code == 200, answer.json
    devices = client.get("/api/v1/me/devices", headers=walker).json
    return next(d["id"] for d in devices if d["label"] == label)


def _member_rows(body):
    return body["members"] if isinstance(body, dict) else body


class Changes:
    """The change builders above, as a fixture (test files cannot import each other)."""

    create = staticmethod(create_change)
    update = staticmethod(update_change)
    attach = staticmethod(photo_change)
    jpeg = staticmethod(jpeg_bytes)


@pytest.fixture
def hardening_changes():
    return Changes


@pytest.fixture
def hardening_api(client):
    return lambda group: Api(client, group)


@pytest.fixture
def filled(client, make_group):
    """Two groups, A and B, each filled with one object of every kind."""
    group_a = fill_group(client, make_group("Alpha"), "alpha", 60)
    group_b = fill_group(client, make_group("Bravo"), "bravo", 200)
    return group_a, group_b
