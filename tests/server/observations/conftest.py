"""Helpers to build sync changes and call the round trip (fixture `sync_api`)."""

import hashlib

import pytest

from server.auth.models import Role
from server.auth.service import create_member, issue_token
from server.extensions import db
from tests.builders import (
    create_change,
    jpeg_bytes,
    new_id,
    photo_change,
    update_change,
)


class SyncApi:
    """Builds changes the way a phone does and posts them; ids are fresh UUIDs."""

    def __init__(self, client, group):
        self.client = client
        self.group = group

    def post(self, changes=(), cursor=0, limit=200, who="walker", group_id=None, headers=None):
        body = {"cursor": cursor, "limit": limit, "changes": list(changes)}
        return self.client.post(
            f"/api/v1/groups/{group_id or self.group.id}/sync",
            json=body,
            headers=headers or self.group.headers(who),
        )

    def sync(self, changes=(), cursor=0, limit=200, who="walker", **kwargs):
        response = self.post(changes, cursor, limit, who, **kwargs)
        assert response.status_code == 200, response.json
        return response.json

    def create(self, observation_id=None, made_at="2026-11-21T09:14:03+01:00", **fields):
        return create_change(self.group.walk.id, observation_id, made_at, **fields)

    def update(self, observation_id, base_version, made_at="2026-11-21T10:00:00+01:00", **edits):
        return update_change(observation_id, base_version, made_at, **edits)

    def delete(self, observation_id, base_version, made_at="2026-11-21T11:00:00+01:00"):
        return {
            "change_id": new_id(),
            "observation_id": observation_id,
            "op": "delete",
            "base_version": base_version,
            "made_at": made_at,
        }

    def review(self, observation_id, status="approved") -> dict:
        """An organiser's review of the observation (approved unless said otherwise)."""
        response = self.client.post(
            f"/api/v1/observations/{observation_id}/review",
            json={"status": status},
            headers=self.group.headers("organiser"),
        )
        assert response.status_code == 200, response.json
        return response.json

    def photo(self, op, observation_id, sha256, role="close_up"):
        return photo_change(observation_id, sha256, role, op)

    def upload_photo(self, shade=128) -> str:
        data = jpeg_bytes(shade)
        digest = hashlib.sha256(data).hexdigest()
        response = self.client.put(
            f"/api/v1/photos/{digest}", data=data, headers=self.group.headers("walker")
        )
        assert response.status_code in (200, 201), response.json
        return digest


@pytest.fixture
def sync_api(client, group):
    return SyncApi(client, group)


@pytest.fixture
def by_id():
    def index(answer) -> dict:
        return {o["id"]: o for o in answer["observations"]}

    return index


@pytest.fixture
def sync_api_for(client):
    """A SyncApi for another group (`make_group`'s result)."""
    return lambda group: SyncApi(client, group)


class ProtocolClient:
    """A phone's side of the protocol, as docs/sync-protocol.md asks it to behave.

    - The outbox is replayed oldest first; a change leaves it only once a result for its
      `change_id` has come back.
    - A pulled observation replaces the stored copy only when its `seq` is greater.
    - The cursor is stored only after the answer is saved, and never moves backwards.
    `transport(body) -> answer` raises on any failure (dropped connection, time-out, 5xx).
    """

    def __init__(self, transport, walk_id: int):
        self.transport = transport
        self.walk_id = walk_id
        self.outbox: list[dict] = []
        self.replica: dict[str, dict] = {}
        self.cursor = 0
        self.sent: list[dict] = []  # every change ever made here, for the final checks

    def view(self, observation_id: str) -> dict:
        """What the walker sees: the server's copy with the unsent edits on top."""
        fields = dict(self.replica.get(observation_id, {}))
        for change in self.outbox:
            if change["observation_id"] != observation_id:
                continue
            if change["op"] == "create":
                fields.update(change["fields"])
            elif change["op"] == "update":
                fields.update({k: v["new"] for k, v in change["fields"].items()})
        return fields

    def _queue(self, change: dict) -> dict:
        change = {"change_id": new_id(), "made_at": _now(), **change}
        self.outbox.append(change)
        self.sent.append(change)
        return change

    def create(self, fields: dict) -> str:
        observation_id = new_id()
        self._queue(
            {
                "observation_id": observation_id,
                "op": "create",
                "walk_id": self.walk_id,
                "fields": fields,
            }
        )
        return observation_id

    def update(self, observation_id: str, **values) -> None:
        seen = self.view(observation_id)
        edits = {k: {"old": seen.get(k), "new": v} for k, v in values.items()}
        base = self.replica.get(observation_id, {}).get("version") or 1
        self._queue(
            {
                "observation_id": observation_id,
                "op": "update",
                "base_version": base,
                "fields": edits,
            }
        )

    def delete(self, observation_id: str) -> None:
        base = self.replica.get(observation_id, {}).get("version") or 1
        self._queue({"observation_id": observation_id, "op": "delete", "base_version": base})

    def sync(self, limit: int = 200) -> None:
        """Push and pull until the outbox is empty and no page is waiting."""
        while True:
            batch = self.outbox[:500]
            answer = self.transport({"cursor": self.cursor, "limit": limit, "changes": batch})
            done = {result["change_id"] for result in answer["results"]}
            self.outbox = [c for c in self.outbox if c["change_id"] not in done]
            for observation in answer["observations"]:
                held = self.replica.get(observation["id"])
                if held is None or observation["seq"] > held["seq"]:
                    self.replica[observation["id"]] = observation
            self.cursor = max(self.cursor, answer["cursor"])
            if not answer["more"] and not self.outbox:
                return


def _now() -> str:
    import datetime

    return datetime.datetime.now(datetime.UTC).isoformat()


@pytest.fixture
def protocol_client():
    return ProtocolClient


@pytest.fixture
def sam(group):
    """A second walker of the group, as the headers of her requests."""
    member = create_member(group.group, "sam", Role.WALKER)
    token = issue_token(member, "test")
    db.session.commit()
    return {"Authorization": f"Bearer {token}"}
