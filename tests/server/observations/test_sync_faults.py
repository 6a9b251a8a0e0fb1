"""Many walkers syncing through a link that drops, resets, cuts and delays connections.

The real server runs as a subprocess on the test database (SpatiaLite file or PostGIS); a
TCP proxy in front of it breaks about 30% of the connections, some after the server has
applied the request but before the answer gets back. Then everyone syncs cleanly and the
protocol's promises are checked: every replica equals the server, no change was applied
twice, and every change sent is in the history.
"""

import json
import os
import random
import socket
import struct
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import sqlalchemy as sa

from server.auth.models import Role
from server.auth.service import create_member, issue_token
from server.extensions import db
from server.observations.models import Observation, Revision
from sync import fields as observation_fields

REPO = Path(__file__).resolve().parents[3]
VALUES = {
    "operator": ["SNCF", "RTM", "Police municipale", "Ville de Marseille", None],
    "mount": list(observation_fields.MOUNTS),
    "zone": list(observation_fields.ZONES),
    "camera_type": list(observation_fields.CAMERA_TYPES),
}


class FaultyProxy:
    """Loopback TCP proxy; each connection is, at random: refused with a reset, cut after
    part of the request, answered into the void (the server applies it, the client never
    hears), delayed, or passed through."""

    def __init__(self, target_port: int, fault_rate: float = 0.3, seed: int = 7):
        self.target_port, self.fault_rate = target_port, fault_rate
        self.rng, self.rng_lock = random.Random(seed), threading.Lock()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.faults = {"reset": 0, "truncate": 0, "lost_answer": 0, "delay": 0, "pass": 0}
        threading.Thread(target=self._accept, daemon=True).start()

    def _mode(self) -> str:
        with self.rng_lock:
            roll = self.rng.random()
        if roll >= self.fault_rate:
            return "pass"
        return ("reset", "truncate", "lost_answer", "delay")[int(roll / self.fault_rate * 4)]

    def _accept(self):
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, client):
        mode = self._mode()
        self.faults[mode] += 1
        client.settimeout(10)
        if mode == "reset":
            return _reset(client)
        if mode == "delay":
            time.sleep(0.3)
        upstream = socket.create_connection(("127.0.0.1", self.target_port), timeout=10)
        try:
            if mode == "truncate":
                upstream.sendall(client.recv(120))
                return _reset(client)
            forward = threading.Thread(target=_pump, args=(client, upstream, False), daemon=True)
            forward.start()
            _pump(upstream, client, mode == "lost_answer")
            forward.join(10)
        finally:
            client.close()
            upstream.close()

    def close(self):
        self.listener.close()


def _reset(sock):
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def _pump(source, sink, discard: bool):
    """Copy until the source closes; then close the way on (with a reset when discarding,
    so the client sees a connection broken after the server answered)."""
    try:
        while data := source.recv(65536):
            if not discard:
                sink.sendall(data)
    except OSError:
        pass
    try:
        if discard:
            sink.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sink.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def live_server(app, tmp_path):
    port = _free_port()
    env = {
        **os.environ,
        "CAMWALK_DATABASE_URL": app.config["DATABASE_URL"],
        "CAMWALK_INSTANCE_PATH": str(tmp_path),
        "CAMWALK_SECRET_KEY": "fault-test",
    }
    log = tmp_path / "server.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [str(REPO / ".venv/bin/camwalk"), "run", "--port", str(port)],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            with urllib.request.urlopen(f"{url}/api/v1/health", timeout=1):
                break
        except OSError:
            time.sleep(0.1)
    else:
        process.kill()
        process.wait(10)
        pytest.fail(log.read_text())
    yield port
    process.terminate()
    process.wait(10)


class ServerError(Exception):
    """A 4xx/5xx from the server itself: a bug, not a network fault."""


def transport(port: int, group_id: int, token: str):
    def send(body: dict) -> dict:
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/v1/groups/{group_id}/sync",
            data=json.dumps(body).encode(),
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=15) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as error:
            with error:
                raise ServerError(f"{error.code} {error.read()[:300]!r}") from None

    return send


def walk_and_sync(client, rng, rounds, errors):
    for _ in range(rounds):
        for _ in range(rng.randint(1, 3)):
            _offline_edit(client, rng)
        for _attempt in range(40):
            try:
                client.sync()
                break
            except ServerError as error:
                errors.append(str(error))
                return
            except (OSError, ValueError, ConnectionError):
                time.sleep(rng.uniform(0.01, 0.1))  # dropped: retry, as the phone does


def _offline_edit(client, rng):
    alive = [k for k, o in client.replica.items() if not o["deleted"] and not o["merged_into"]]
    roll = rng.random()
    if not alive or roll < 0.3:
        lat, lon = 43.29 + rng.random() / 100, 5.38 + rng.random() / 100
        fields = {
            "position": {"lat": lat, "lon": lon, "accuracy_m": 5},
            "kind": "camera",
            "surveyed_on": "2026-11-21",
        }
        client.create(fields)
    elif roll < 0.95:
        name = rng.choice(list(VALUES))
        client.update(rng.choice(alive), **{name: rng.choice(VALUES[name])})
    else:
        client.delete(rng.choice(alive))


def make_walkers(group, count):
    tokens = []
    for index in range(count):
        member = create_member(group.group, f"walker-{index}", Role.WALKER)
        tokens.append(issue_token(member, "fault-test"))
    db.session.commit()
    return tokens


def run_fault_scenario(group, port, walkers, rounds, protocol_client):
    proxy = FaultyProxy(port)
    tokens = make_walkers(group, walkers)
    clients = [
        protocol_client(transport(proxy.port, group.id, token), group.walk.id) for token in tokens
    ]
    errors: list[str] = []
    threads = [
        threading.Thread(target=walk_and_sync, args=(c, random.Random(i), rounds, errors))
        for i, c in enumerate(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(300)
    proxy.close()
    for _ in range(2):  # a clean link: everyone pushes what is left, then pulls the rest
        for client, token in zip(clients, tokens, strict=True):
            client.transport = transport(port, group.id, token)
            client.sync()
    return clients, errors, proxy.faults


def check_promises(clients, errors):
    assert errors == []
    truth = {}
    clients[0].cursor, clients[0].replica = 0, {}
    clients[0].sync(limit=50)
    truth = clients[0].replica
    for client in clients[1:]:
        assert client.outbox == []
        assert client.replica == truth
    db.session.expire_all()
    sent = [change for client in clients for change in client.sent]
    revisions = {
        r.change_id: r
        for r in db.session.scalars(
            sa.select(Revision).where(Revision.change_id.in_([c["change_id"] for c in sent]))
        )
    }
    assert len(revisions) == len(sent)  # each change once (change_id is unique)
    for change in sent:
        kept = revisions[change["change_id"]].payload.get("fields")
        if change["op"] == "update":
            assert kept == change["fields"]  # nothing a walker sent is lost from the history
    for row in db.session.scalars(sa.select(Observation)):
        made = db.session.scalars(
            sa.select(Revision.version_after).where(
                Revision.observation_id == row.id, Revision.status != "rejected"
            )
        ).all()
        assert set(made) == set(range(1, row.version + 1))  # every version made, none skipped


def test_twenty_walkers_on_a_bad_link_converge_without_loss(group, live_server, protocol_client):
    clients, errors, faults = run_fault_scenario(group, live_server, 20, 2, protocol_client)

    check_promises(clients, errors)
    assert faults["lost_answer"] > 0 and faults["reset"] > 0


@pytest.mark.slow
def test_twenty_walkers_on_a_bad_link_for_many_rounds_converge_without_loss(
    group, live_server, protocol_client
):
    clients, errors, _ = run_fault_scenario(group, live_server, 24, 10, protocol_client)

    check_promises(clients, errors)
