"""Debian's nginx as the reverse proxy in front of several camwalk servers, for the tests.

It runs in the foreground as an unprivileged user (`nobody` when the tests run as root), on a
free loopback port, with its configuration, pid file, logs and temporary files in a folder of
its own: no system service, nothing under /etc or /var. Its locations are those of compose.yaml's
proxy, the files of deploy/ copied in beside its nginx.conf under the names compose.yaml mounts
them as (so that `nobody` need not read the checkout); its cache of the public documents is in
that folder too.
"""

import contextlib
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import requests

from .conftest import REPO, _free_port, missing_tool, stop

# deploy/nginx-X.conf, placed beside nginx.conf as camwalk-X.conf, as compose.yaml mounts them
# under /etc/nginx (tests/server/test_dockerfile.py holds it to that); its site is ours below.
SHIPPED = [p for p in (REPO / "deploy").glob("nginx-*.conf") if p.name != "nginx-compose.conf"]
# Which instance answered: the test needs it to send a request through one and read through the
# other. Test-only; deploy/nginx-proxy.conf does not tell clients about the servers behind.
UPSTREAM_HEADER = "X-Camwalk-Upstream"

CONFIG = """\
daemon off;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 256; }}
http {{
    # What the cache did for each request (HIT, MISS, EXPIRED...; "-" where it was not asked).
    log_format camwalk '$request_method $uri $status $upstream_cache_status';
    access_log {folder}/access.log camwalk;
    client_body_temp_path {folder}/client_body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    proxy_cache_path {folder}/public-cache keys_zone=camwalk_public:1m max_size=64m;
    upstream camwalk {{
{servers}
    }}
    server {{
        listen 127.0.0.1:{port};
        # Taken by the locations that add no header of their own: all but the public documents.
        add_header {header} $upstream_addr always;
        include camwalk-locations.conf;
    }}
}}
"""


def place_shipped(folder: Path) -> None:
    """deploy/'s files for nginx, beside an nginx.conf in `folder` under their mounted names."""
    for shipped in SHIPPED:
        shutil.copyfile(shipped, folder / shipped.name.replace("nginx-", "camwalk-", 1))


def cache_statuses(proxy: dict, uri: str) -> list[str]:
    """What the cache did for each request for `uri` so far (the access log, oldest first):
    HIT, MISS, EXPIRED, UPDATING..., "-" where no cache was asked."""
    log = (proxy["folder"] / "access.log").read_text().splitlines()
    return [line.split()[3] for line in log if line.split()[1] == uri]


def nginx_binary() -> str:
    """Debian's nginx, or the one CAMWALK_TEST_NGINX names; skips (or fails) without one."""
    binary = os.environ.get("CAMWALK_TEST_NGINX") or shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        missing_tool(f"nginx is not installed at {binary} (Debian package nginx)")
    return binary


@contextlib.contextmanager
def running_nginx(upstreams: list[str], seconds: float = 10):
    """nginx balancing round-robin over `upstreams` ("127.0.0.1:PORT"); yields its base URL."""
    binary = nginx_binary()
    port = _free_port()
    # Not under pytest's tmp_path: its parents are private to the user running the tests.
    folder = Path(tempfile.mkdtemp(prefix="camwalk-nginx-"))
    user = {}
    if os.geteuid() == 0:
        nobody = pwd.getpwnam("nobody")
        os.chown(folder, nobody.pw_uid, nobody.pw_gid)
        user = {"user": nobody.pw_uid, "group": nobody.pw_gid}
    place_shipped(folder)
    config = folder / "nginx.conf"
    config.write_text(
        CONFIG.format(
            folder=folder,
            port=port,
            servers="\n".join(f"        server {address};" for address in upstreams),
            header=UPSTREAM_HEADER,
        )
    )
    proc = None
    try:
        proc = subprocess.Popen(
            # -e: the error log before the configuration is read, else /var/log/nginx.
            [binary, "-p", str(folder), "-c", str(config), "-e", str(folder / "error.log")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            **user,
        )
        base = f"http://127.0.0.1:{port}"
        _wait_until_up(base, proc, folder, seconds)
        yield {"url": base, "folder": folder}
    finally:
        if proc is not None:
            stop(proc)
        shutil.rmtree(folder, ignore_errors=True)


def _wait_until_up(base: str, proc: subprocess.Popen, folder: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            log = (folder / "error.log").read_text() if (folder / "error.log").exists() else ""
            raise RuntimeError(f"nginx exited with {proc.returncode}: {log}")
        try:
            if requests.get(f"{base}/api/v1/health", timeout=2).ok:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"nginx did not answer within {seconds} s")
