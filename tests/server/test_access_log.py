"""The access log keeps no client address (unless the operator asks), no invite code and no
signed-link signature (server/access_log.py, docs/privacy.md)."""

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

from tests.server.test_serve import free_port, wait_for

CAMWALK = Path(sys.executable).with_name("camwalk")
CODE = "InviteCodeXyz123"
SIGNATURE = "SignatureAbc987"


# The production server (gunicorn), and the development one of `camwalk run` and `make run`.
SERVERS = {
    "serve": ["serve", "--workers", "1", "--migrate"],
    "run": ["run", "--host", "127.0.0.1"],
}


def serve_and_log(tmp_path, extra_env: dict, server_kind: str = "serve") -> str:
    port = free_port()
    env = {**os.environ, "CAMWALK_INSTANCE_PATH": str(tmp_path), "CAMWALK_SECRET_KEY": "t"}
    if server_kind == "run":  # `run` does not migrate
        subprocess.run([str(CAMWALK), "db", "upgrade"], env=env, check=True, capture_output=True)
    server = subprocess.Popen(
        [str(CAMWALK), *SERVERS[server_kind], "--port", str(port)],
        env={**env, **extra_env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/api/v1/health")
        wait_for(f"{base}/join/{CODE}")
        wait_for(f"{base}/api/v1/exports/1/download?exp=9999999999&sig={SIGNATURE}")
        wait_for(f"{base}/api/v1/osm/callback?state={SIGNATURE}&code={CODE}")
    finally:
        server.send_signal(signal.SIGTERM)
        output, _ = server.communicate(timeout=60)
    return output


def test_the_access_log_holds_no_address_code_or_signature(tmp_path):
    log = serve_and_log(tmp_path, {})

    lines = [line for line in log.splitlines() if '"GET ' in line]
    assert len(lines) >= 4, log
    assert CODE not in log and SIGNATURE not in log
    assert "127.0.0.1 " not in "\n".join(lines)
    assert any('"GET /join/… HTTP/1.1" 200' in line for line in lines), lines
    assert any("/download?exp=…&sig=…" in line for line in lines), lines


def test_the_development_servers_log_holds_no_code_or_signature_either(tmp_path):
    """`make run` serves with `camwalk run` (werkzeug), whose log wrote request lines whole."""
    log = re.sub(r"\x1b\[[0-9;]*m", "", serve_and_log(tmp_path, {}, server_kind="run"))

    lines = [line for line in log.splitlines() if '"GET ' in line]
    assert len(lines) >= 4, log
    assert CODE not in log and SIGNATURE not in log
    assert any('"GET /join/… HTTP/1.1" 200' in line for line in lines), lines
    assert any("/download?exp=…&sig=…" in line for line in lines), lines


def test_an_operator_may_log_client_addresses(tmp_path):
    log = serve_and_log(tmp_path, {"CAMWALK_LOG_CLIENT_IPS": "1"})

    lines = [line for line in log.splitlines() if '"GET ' in line]
    assert lines and all(line.startswith("127.0.0.1 ") for line in lines), lines
    assert CODE not in log and SIGNATURE not in log


def test_a_sign_in_link_opened_in_the_app_is_not_written_to_the_log():
    from server.access_log import redact_path

    assert redact_path("/signin/cw_SeCrEt-code") == "/signin/…"
    assert redact_path("/join/abc") == "/join/…"
