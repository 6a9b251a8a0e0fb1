"""`camwalk serve` answers through gunicorn and stops cleanly on SIGTERM; console scripts work."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

CAMWALK = Path(sys.executable).with_name("camwalk")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, seconds: float = 20.0) -> requests.Response:
    """The first answer of a server starting at `url`. A worker still booting may take the
    connection and answer late on a loaded machine: a read that times out is tried again,
    as a refused connection is, until `seconds` have passed."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            return requests.get(url, timeout=2)
        except (requests.ConnectionError, requests.Timeout):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.fixture
def env(tmp_path):
    return {**os.environ, "CAMWALK_INSTANCE_PATH": str(tmp_path), "CAMWALK_SECRET_KEY": "t"}


def test_serve_migrates_answers_and_stops_gracefully_on_sigterm(env):
    port = free_port()
    server = subprocess.Popen(
        [str(CAMWALK), "serve", "--port", str(port), "--workers", "2", "--migrate"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        health = wait_for(f"http://127.0.0.1:{port}/api/v1/health")
        assert health.status_code == 200
        assert health.json()["migration"]
        assert health.headers["X-Content-Type-Options"] == "nosniff"
    finally:
        server.send_signal(signal.SIGTERM)
        output = server.communicate(timeout=30)[0].decode()
    assert server.returncode == 0, output
    assert "Shutting down" in output or "Worker exiting" in output


def test_the_exif_command_is_part_of_camwalk(env, shared_photos):
    photo = shared_photos / "exif-samples" / "jpg" / "gps" / "DSCN0010.jpg"

    result = subprocess.run(
        [str(CAMWALK), "exif", str(photo)], env=env, capture_output=True, text=True, timeout=60
    )

    line = json.loads(result.stdout.splitlines()[0])
    assert line["file"] == str(photo)
    assert line["lat"] == pytest.approx(43.4674483, abs=1e-6)
    assert line["error"] is None
