"""Past one server: two `camwalk serve` instances behind Debian's nginx, sharing one PostGIS
database and one photo folder, with one `camwalk worker` beside them (docs/capacity.md).

Walkers syncing through both converge on the same observations; a photo uploaded through one
is served by the other once the worker made its copies; edits of one field sent through both at
once wait for the group's lock and end in a conflict, not an overwrite; and the sign-in limit
counts the requests to both servers together.

PostGIS only: SQLite is one file on one host, so two servers cannot share it. Without
CAMWALK_TEST_POSTGRES_URL the test is skipped (a failure with CAMWALK_REQUIRE_POSTGIS=1); without
nginx it is skipped (a failure with CAMWALK_REQUIRE_TOOLS=1).
"""

import hashlib
import io
import os
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
import sqlalchemy as sa
from PIL import Image

from tests.builders import create_change, jpeg_bytes, photo_change, update_change
from tests.conftest import new_postgis_database
from tests.postgres_locks import until_waiting_for_a_lock

from .conftest import (
    CAMWALK,
    _free_port,
    missing_tool,
    prepare_camwalk,
    start_camwalk,
    start_worker,
    stop,
)
from .proxy import UPSTREAM_HEADER, nginx_binary, running_nginx

# Low enough to reach in a few requests, high enough for the three walkers who join.
SIGN_IN_LIMIT = 6
WALKERS = 4
ROUNDS = 3
CAMERAS_PER_ROUND = 4
# gunicorn and the app factory on a busy 2-core machine.
START_S = 90
PREPARED_WITHIN_S = 30


@pytest.fixture(scope="module")
def cluster(request, tmp_path_factory):
    """Two servers, the worker and nginx; yields their addresses and the demo group."""
    if not CAMWALK.exists():
        missing_tool(f"{CAMWALK} is not installed (pip install -e .)")
    database = new_postgis_database(request, f"camwalk_two_{os.getpid()}_{uuid.uuid4().hex[:6]}")
    nginx_binary()
    folder = tmp_path_factory.mktemp("two-servers")
    shared = {
        **os.environ,
        "CAMWALK_DATABASE_URL": database,
        "CAMWALK_PHOTO_DIR": str(folder / "photos"),
        # Each instance has an instance folder of its own, as on two machines: the key must
        # be given, or each would make its own and neither could read the other's invites,
        # export links or rate-limit counters.
        "CAMWALK_SECRET_KEY": "two-servers-share-this",
        "CAMWALK_PROXY_COUNT": "1",
        "CAMWALK_AUTH_RATE_LIMIT": f"{SIGN_IN_LIMIT} per minute",
        # Two gunicorn processes each, not one per core and more: still several processes per
        # instance, and a start-up that fits a busy 2-core machine.
        "CAMWALK_WORKERS": "2",
    }

    def env(name: str) -> dict:
        return {**shared, "CAMWALK_INSTANCE_PATH": str(folder / name)}

    ports = [_free_port(), _free_port()]
    demo = prepare_camwalk(env("setup"), "http://127.0.0.1")
    processes = []
    with open(folder / "servers.log", "w") as log:
        try:
            with ThreadPoolExecutor(2) as starting:
                started = [
                    starting.submit(
                        start_camwalk, env(f"server-{port}"), port, log, "serve", seconds=START_S
                    )
                    for port in ports
                ]
            # Keep every server that came up for the stop below before raising for one that
            # did not.
            processes += [future.result() for future in started if not future.exception()]
            for future in started:
                future.result()
            processes.append(start_worker(env("worker"), log))
            upstreams = [f"127.0.0.1:{port}" for port in ports]
            with running_nginx(upstreams) as proxy:
                yield {
                    "proxy": proxy["url"],
                    "servers": upstreams,
                    "demo": demo,
                    "database": database,
                    "walkers": join_walkers(proxy["url"], demo),
                }
        finally:
            for process in processes:
                process.terminate()  # all at once: each takes seconds to stop on a busy box
            for process in processes:
                stop(process)


def join_walkers(proxy: str, demo: dict) -> list["Walker"]:
    walkers = [Walker(demo["walker_token"], demo["group_id"])]
    for index in range(WALKERS - 1):
        joined = requests.post(
            f"{proxy}/api/v1/join",
            json={"invite_code": demo["invite_code"], "pseudonym": f"Marcheur{index}"},
            timeout=30,
        )
        assert joined.status_code == 201, joined.text
        walkers.append(Walker(joined.json()["token"], demo["group_id"]))
    return walkers


class Walker:
    """A phone: its token, its cursor and its copy of the group's observations."""

    def __init__(self, token: str, group_id: int):
        self.headers = {"Authorization": f"Bearer {token}"}
        self.group_id = group_id
        self.cursor = 0
        self.copy: dict[str, dict] = {}
        self.upstreams: set[str] = set()

    def sync(self, base: str, changes: list | None = None) -> list[dict]:
        """Push `changes`, then pull every page, keeping the server's copy as a phone does."""
        body = {"cursor": self.cursor, "limit": 25, "changes": changes or []}
        results = []
        while True:
            answer = requests.post(
                f"{base}/api/v1/groups/{self.group_id}/sync",
                json=body,
                headers=self.headers,
                timeout=60,
            )
            assert answer.status_code == 200, answer.text
            self.upstreams.add(answer.headers.get(UPSTREAM_HEADER))
            page = answer.json()
            results += page["results"]
            self.copy.update({seen["id"]: seen for seen in page["observations"]})
            self.cursor = page["cursor"]
            if not page["more"]:
                return results
            body = {"cursor": self.cursor, "limit": 25, "changes": []}


def _walk(cluster, walker: Walker) -> None:
    walk_id = cluster["demo"]["walk_id"]
    for _ in range(ROUNDS):
        changes = [create_change(walk_id) for _ in range(CAMERAS_PER_ROUND)]
        results = walker.sync(cluster["proxy"], changes)
        assert [result["status"] for result in results] == ["applied"] * CAMERAS_PER_ROUND


def test_walkers_syncing_through_both_servers_converge(cluster):
    walkers = cluster["walkers"]

    with ThreadPoolExecutor(len(walkers)) as phones:
        for done in [phones.submit(_walk, cluster, walker) for walker in walkers]:
            done.result()
    # What the others pushed after its last sync, read from each server in turn.
    for index, walker in enumerate(walkers):
        walker.sync(f"http://{cluster['servers'][index % 2]}")

    fresh = Walker(cluster["demo"]["walker_token"], cluster["demo"]["group_id"])
    fresh.sync(f"http://{cluster['servers'][1]}")
    assert len(fresh.copy) >= WALKERS * ROUNDS * CAMERAS_PER_ROUND
    assert set().union(*(walker.upstreams for walker in walkers)) >= set(cluster["servers"])
    for walker in walkers:
        assert walker.copy == fresh.copy


def test_a_photo_uploaded_through_one_server_is_served_by_the_other(cluster):
    walker, other_walker = cluster["walkers"][:2]
    data = jpeg_bytes(shade=77, size=(64, 48))
    digest = hashlib.sha256(data).hexdigest()

    upload = requests.put(
        f"{cluster['proxy']}/api/v1/photos/{digest}",
        data=data,
        headers={**walker.headers, "Content-Type": "image/jpeg"},
        timeout=60,
    )

    assert upload.status_code == 201, upload.text
    first = upload.headers[UPSTREAM_HEADER]
    other = f"http://{next(server for server in cluster['servers'] if server != first)}"
    receipt = requests.get(f"{other}/api/v1/photos/{digest}", headers=walker.headers, timeout=30)
    assert receipt.status_code == 200, receipt.text
    observation = create_change(cluster["demo"]["walk_id"])
    attached = walker.sync(
        other, [observation, photo_change(observation["observation_id"], digest)]
    )
    assert [result["status"] for result in attached] == ["applied", "applied"]
    thumb = _when_prepared(f"{other}/api/v1/photos/{digest}/thumb", other_walker.headers)
    assert thumb.headers["Content-Type"] == "image/jpeg"
    assert Image.open(io.BytesIO(thumb.content)).size[0] <= 320


def _when_prepared(url: str, headers: dict) -> requests.Response:
    deadline = time.monotonic() + PREPARED_WITHIN_S
    while True:
        served = requests.get(url, headers=headers, timeout=30)
        if served.status_code != 409 or time.monotonic() > deadline:
            assert served.status_code == 200, served.text
            return served
        assert served.json()["code"] == "photo_being_prepared"
        time.sleep(0.2)


def test_edits_sent_through_both_servers_at_once_wait_for_the_group_lock_and_conflict(cluster):
    first, second, third = cluster["walkers"][:3]
    created = create_change(cluster["demo"]["walk_id"])
    uuid_ = created["observation_id"]
    assert first.sync(cluster["proxy"], [created])[0]["status"] == "applied"
    edits = [
        update_change(uuid_, 1, "2026-11-21T10:00:00+01:00", operator=(None, "Police municipale")),
        update_change(uuid_, 1, "2026-11-21T10:00:05+01:00", operator=(None, "Métropole")),
    ]
    engine = sa.create_engine(cluster["database"])
    answers: dict[int, list] = {}

    def push(index: int, walker: Walker, server: str) -> None:
        answers[index] = walker.sync(f"http://{server}", [edits[index]])

    try:
        with engine.connect() as conn, conn.begin():
            # The lock a push takes first (server/observations/writer.py), held from outside.
            conn.execute(
                sa.text('SELECT id FROM "group" WHERE id = :id FOR UPDATE'),
                {"id": cluster["demo"]["group_id"]},
            )
            pushes = [
                threading.Thread(target=push, args=(index, walker, server))
                for index, (walker, server) in enumerate(
                    zip([second, third], cluster["servers"], strict=True)
                )
            ]
            for thread in pushes:
                thread.start()
            until_waiting_for_a_lock(engine, 2)
        for thread in pushes:
            thread.join(timeout=60)
    finally:
        engine.dispose()

    statuses = sorted(answers[index][0]["status"] for index in (0, 1))
    assert statuses == ["applied", "conflict"]
    first.sync(cluster["proxy"])
    details = first.copy[uuid_]["conflict_details"]
    assert [detail["field"] for detail in details] == ["operator"]
    assert {value["value"] for value in details[0]["values"]} == {"Police municipale", "Métropole"}


def test_the_sign_in_limit_counts_requests_to_both_servers_together(cluster):
    attempt = {"group": cluster["demo"]["group_slug"], "pseudonym": "Nobody", "password": "no"}

    answers = [
        requests.post(f"{cluster['proxy']}/api/v1/login", json=attempt, timeout=30)
        for _ in range(SIGN_IN_LIMIT + 4)
    ]
    # Sent as if from elsewhere: nginx adds the real address last, and camwalk reads that one.
    forged = requests.post(
        f"{cluster['proxy']}/api/v1/login",
        json=attempt,
        headers={"X-Forwarded-For": "198.51.100.23"},
        timeout=30,
    )

    statuses = [answer.status_code for answer in answers]
    assert 429 not in statuses[:SIGN_IN_LIMIT]
    assert statuses[SIGN_IN_LIMIT:] == [429] * 4
    refused_by = {answer.headers[UPSTREAM_HEADER] for answer in answers[SIGN_IN_LIMIT:]}
    assert refused_by == set(cluster["servers"])
    assert forged.status_code == 429
