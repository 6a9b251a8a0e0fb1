"""The public map's documents behind compose.yaml's nginx: kept a few seconds, so that a burst of
visitors costs one build (deploy/nginx-public-cache.conf, docs/capacity.md).

nginx runs deploy/'s locations (tests/e2e/proxy.py) in front of a SpatiaLite server set as
compose.yaml sets it behind them.
Skipped without nginx (a failure with CAMWALK_REQUIRE_TOOLS=1).
"""

import json
import re
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from .conftest import REPO, running_camwalk
from .organiser import (
    api,
    jpeg,
    log_with_photo,
    upload_photo,
    wait_until_prepared,
    walker_logs,
)
from .proxy import UPSTREAM_HEADER, cache_statuses, nginx_binary, place_shipped, running_nginx

VISITORS = 12
# proxy_cache_valid of deploy/nginx-public-cache.conf, read from it: the test waits that long.
KEPT = re.search(
    r"^proxy_cache_valid 200 (\d+)s;",
    (REPO / "deploy" / "nginx-public-cache.conf").read_text(),
    re.MULTILINE,
)
KEPT_S = int(KEPT.group(1))
SPOT = {"lat": 43.2968, "lon": 5.3747, "accuracy_m": 5}


@pytest.fixture(scope="module")
def behind_a_proxy(tmp_path_factory, tile_server):
    """A server of its own, set as compose.yaml sets it behind its nginx: it takes the
    client's address, scheme and host from the X-Forwarded-* headers of one proxy."""
    folder = tmp_path_factory.mktemp("behind-nginx")
    settings = {"CAMWALK_PROXY_COUNT": "1"}
    with running_camwalk(folder, tile_server["url"], env_extra=settings) as server:
        yield server


@pytest.fixture
def published(behind_a_proxy):
    """The demo's map published, nginx in front of its server; yields (nginx as
    running_nginx gives it, the server, the document's path), and puts the settings back."""
    camwalk_server = behind_a_proxy
    base, demo = camwalk_server["url"], camwalk_server["demo"]
    organiser, settings = demo["organiser_token"], f"/groups/{demo['group_id']}/settings"
    was = api(base, organiser, "GET", settings)
    api(base, organiser, "PATCH", settings, json={"public_map": True})
    try:
        with running_nginx([base.removeprefix("http://")]) as proxy:
            yield proxy, camwalk_server, f"/api/v1/public/{was['slug']}/cameras.geojson"
    finally:
        api(base, organiser, "PATCH", settings, json={"public_map": was["public_map"]})


def _statuses(proxy: dict, uri: str, count: int) -> list[str]:
    """What the cache did for the requests for `uri` so far, once nginx has logged `count`
    of them (it logs a request after its answer is sent)."""
    deadline = time.monotonic() + 5
    while len(found := cache_statuses(proxy, uri)) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    return found


def test_a_burst_of_visitors_costs_the_server_one_build(published):
    proxy, server, path = published
    url = proxy["url"] + path

    with ThreadPoolExecutor(VISITORS) as pool:
        answers = list(pool.map(lambda _: requests.get(url, timeout=30), range(VISITORS)))

    assert [a.status_code for a in answers] == [200] * VISITORS
    # One request reached camwalk; the others waited for its document, or came after it.
    assert sorted(_statuses(proxy, path, VISITORS)) == ["HIT"] * (VISITORS - 1) + ["MISS"]
    assert len({a.content for a in answers}) == 1
    assert len({a.headers["ETag"] for a in answers}) == 1
    # The same document as camwalk's own, gzipped as the visitor asked.
    direct = requests.get(server["url"] + path, timeout=30)
    assert answers[0].headers["Content-Encoding"] == "gzip"
    assert answers[0].json() == direct.json()
    assert answers[0].json()["features"]
    # A query string is not a way past the cache: the documents take none.
    assert requests.get(url + "?fresh=1", timeout=30).status_code == 200
    assert _statuses(proxy, path, VISITORS + 1)[VISITORS:] == ["HIT"]


def test_a_visitor_coming_back_gets_a_304_and_each_encoding_its_own_copy(published):
    proxy, server, path = published
    url = proxy["url"] + path
    first = requests.get(url, timeout=30)

    again = requests.get(url, headers={"If-None-Match": first.headers["ETag"]}, timeout=30)
    plain = requests.get(url, headers={"Accept-Encoding": "identity"}, timeout=30)

    assert (again.status_code, again.content) == (304, b"")
    # Built once for each encoding; the 304 from the copy kept.
    assert _statuses(proxy, path, 3) == ["MISS", "HIT", "MISS"]
    assert plain.status_code == 200
    assert "Content-Encoding" not in plain.headers
    assert plain.headers["ETag"] != first.headers["ETag"]  # another representation, another tag
    assert first.headers["Content-Encoding"] == "gzip"  # requests unzipped it
    assert json.loads(plain.content) == first.json()
    # A kept copy does not carry the rate-limit count of the visitor who caused its build.
    assert "X-RateLimit-Remaining" in requests.get(server["url"] + path, timeout=30).headers
    assert "X-RateLimit-Remaining" not in again.headers
    assert "X-RateLimit-Remaining" not in plain.headers


def test_an_approved_camera_shows_and_an_unpublished_map_goes_within_the_time_kept(published):
    proxy, server, path = published
    url = proxy["url"] + path
    base, demo = server["url"], server["demo"]
    organiser = demo["organiser_token"]
    before = requests.get(url, timeout=30).json()["features"]
    obs_id = walker_logs(base, demo, position=SPOT, operator="Cache test")
    api(base, organiser, "POST", f"/observations/{obs_id}/review", json={"status": "approved"})
    try:
        shown = _features_within(url, KEPT_S + 3)
        assert len(shown) == len(before) + 1
        assert [f for f in shown if f["properties"].get("operator") == "Cache test"]

        settings = f"/groups/{demo['group_id']}/settings"
        api(base, organiser, "PATCH", settings, json={"public_map": False})
        assert _status_within(url, 404, KEPT_S + 3)
    finally:
        api(base, organiser, "POST", f"/observations/{obs_id}/review", json={"status": "rejected"})


def test_photos_are_never_kept_by_the_proxy(published):
    proxy, _, path = published
    photo = path.replace("cameras.geojson", "photos/" + "0" * 40 + ".jpg")

    answers = [requests.get(proxy["url"] + photo, timeout=30) for _ in range(2)]

    # Both asked camwalk (its answer is a 404 for a name it never gave): a withdrawn photo is
    # gone at once, whatever the documents' cache holds.
    assert [a.status_code for a in answers] == [404, 404]
    assert all(UPSTREAM_HEADER in a.headers for a in answers)
    assert _statuses(proxy, photo, 2) == ["-", "-"]


def test_a_forged_forwarded_host_cannot_make_visitors_fetch_photos_elsewhere(published):
    """camwalk takes the host of its absolute URLs (the photos') from X-Forwarded-Host behind a
    proxy (CAMWALK_PROXY_COUNT). Passed through from the client, one visitor's forged header
    built the document every visitor got for the next 5 s, its photos on the forger's server."""
    proxy, server, path = published
    base, demo = server["url"], server["demo"]
    organiser = demo["organiser_token"]
    sha = upload_photo(base, demo["walker_token"], jpeg(4711))
    fields = {"position": SPOT, "kind": "camera", "camera_type": "dome", "operator": "Hosted"}
    obs_id = log_with_photo(base, demo, demo["walker_token"], fields, sha)
    wait_until_prepared(base, organiser, sha)
    api(base, organiser, "POST", f"/observations/{obs_id}/review", json={"status": "approved"})
    api(base, organiser, "PUT", f"/photos/{sha}/publication", json={"public": True})
    site = proxy["url"]
    try:
        forged = requests.get(
            site + path, headers={"X-Forwarded-Host": "evil.example"}, timeout=30
        )
        visitor = requests.get(site + path, timeout=30)

        assert _statuses(proxy, path, 2) == ["MISS", "HIT"]  # the forger's request built it
        urls = [url for f in visitor.json()["features"] for url in f["properties"]["photos"]]
        assert urls and all(url.startswith(site + "/") for url in urls), urls
        assert forged.json() == visitor.json()  # the forger's own copy names no other host
        assert requests.get(urls[0], timeout=30).status_code == 200
    finally:
        api(base, organiser, "POST", f"/observations/{obs_id}/review", json={"status": "rejected"})


def test_compose_proxy_site_is_one_nginx_accepts(tmp_path):
    """deploy/nginx-compose.conf, which no test runs (no Docker here), as nginx -t reads it
    with the files compose.yaml mounts beside it: only its upstream's host (Docker's DNS name)
    and its cache folder are put elsewhere."""
    nginx = nginx_binary()
    place_shipped(tmp_path)
    site = (REPO / "deploy" / "nginx-compose.conf").read_text()
    for docker, here in (
        ("server camwalk:8000;", "server 127.0.0.1:9;"),
        ("/var/cache/nginx/camwalk-public", str(tmp_path / "cache")),
    ):
        assert docker in site
        site = site.replace(docker, here)
    (tmp_path / "site.conf").write_text(site)
    temp = " ".join(
        f"{kind}_temp_path {tmp_path / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path / 'nginx.pid'};\nevents {{}}\n"
        f"http {{ access_log off; {temp} include site.conf; }}\n"
    )

    paths = ["-p", tmp_path, "-c", tmp_path / "nginx.conf", "-e", tmp_path / "error.log"]
    checked = subprocess.run(
        [nginx, "-t", *map(str, paths)],
        capture_output=True,
        text=True,
    )

    assert checked.returncode == 0, checked.stderr
    assert "syntax is ok" in checked.stderr


def _features_within(url: str, seconds: float) -> list[dict]:
    """The document's features once they change, polled for at most `seconds`."""
    first = requests.get(url, timeout=30).json()["features"]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        time.sleep(0.5)
        features = requests.get(url, timeout=30).json()["features"]
        if features != first:
            return features
    return first


def _status_within(url: str, status: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if requests.get(url, timeout=30).status_code == status:
            return True
        time.sleep(0.5)
    return False
