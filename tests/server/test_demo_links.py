"""`camwalk demo` (and `group create`) print links to the port the server really runs on."""

import json
import os
import signal
import subprocess

import pytest

from server import address
from server.cli import cli
from tests.server.test_serve import CAMWALK, free_port, wait_for


@pytest.mark.parametrize(
    ("host", "port", "https", "url"),
    [
        ("127.0.0.1", 8080, False, "http://127.0.0.1:8080"),
        ("0.0.0.0", 5001, False, "http://127.0.0.1:5001"),
        ("::", 5001, False, "http://127.0.0.1:5001"),
        ("::1", 5001, False, "http://[::1]:5001"),
        ("camwalk.example", 443, True, "https://camwalk.example:443"),
    ],
)
def test_a_listening_address_becomes_a_url_people_can_open(host, port, https, url):
    assert address.server_url(host, port, https=https) == url


def test_gunicorn_binds_become_urls_and_unix_sockets_none():
    assert address.from_bind("0.0.0.0:8000") == "http://127.0.0.1:8000"
    assert address.from_bind("unix:/run/camwalk.sock") is None


def test_an_explicit_url_then_port_then_the_recorded_server_then_5000(tmp_path):
    assert address.base_url(None, tmp_path, None) == "http://127.0.0.1:5000"
    address.record(tmp_path, "http://127.0.0.1:8123")
    assert address.base_url(None, tmp_path, None) == "http://127.0.0.1:8123"
    assert address.base_url(None, tmp_path, "9000") == "http://127.0.0.1:9000"
    assert address.base_url("https://camwalk.example/", tmp_path, "9000") == (
        "https://camwalk.example"
    )


def test_demo_links_go_to_the_recorded_server_not_5000(app, monkeypatch):
    monkeypatch.delenv("PORT", raising=False)
    address.record(app.instance_path, "http://127.0.0.1:8123")

    result = app.test_cli_runner().invoke(cli, ["demo"], catch_exceptions=False)

    assert "http://127.0.0.1:8123/join/" in result.output
    assert "curl -s http://127.0.0.1:8123/api/v1/login" in result.output
    assert ":5000" not in result.output


@pytest.fixture
def env(tmp_path):
    environment = {**os.environ, "CAMWALK_INSTANCE_PATH": str(tmp_path), "CAMWALK_SECRET_KEY": "t"}
    environment.pop("PORT", None)
    return environment


@pytest.mark.parametrize("command", ["serve", "run"])
def test_demo_run_beside_a_server_on_another_port_links_to_that_port(env, command):
    port = free_port()
    arguments = ["--port", str(port)] + (
        ["--migrate", "--workers", "1"] if command == "serve" else []
    )
    if command == "run":
        subprocess.run([str(CAMWALK), "db", "upgrade"], env=env, check=True, capture_output=True)
    server = subprocess.Popen(
        [str(CAMWALK), command, *arguments],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/api/v1/health")
        demo = subprocess.run(
            [str(CAMWALK), "demo", "--json"], env=env, capture_output=True, text=True, timeout=120
        )
        invite_url = json.loads(demo.stdout)["invite_url"]
        assert invite_url.startswith(f"http://127.0.0.1:{port}/join/"), demo.stderr
        assert wait_for(invite_url).status_code == 200
    finally:
        server.send_signal(signal.SIGTERM)
        server.communicate(timeout=30)
