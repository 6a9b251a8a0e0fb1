"""Where the running server listens, kept so that commands run beside it print working links.

`camwalk run` and `camwalk serve` write their address to `<instance>/server-url` as they start;
`camwalk demo` and `camwalk group create` read it back. Before, they guessed port 5000 (or
$PORT), so a server started on any other port got links that led nowhere.
"""

from pathlib import Path

FILE_NAME = "server-url"
DEFAULT_URL = "http://127.0.0.1:5000"  # `make run`'s default

# A server listening on every interface is reached, from the machine itself, at loopback.
_EVERY_INTERFACE = {"", "0.0.0.0", "::", "[::]"}


def server_url(host: str, port: int | str, *, https: bool = False) -> str:
    host = "127.0.0.1" if host in _EVERY_INTERFACE else host
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"  # an IPv6 address in a URL
    return f"{'https' if https else 'http'}://{host}:{port}"


def from_bind(bind: str) -> str | None:
    """The URL of a gunicorn bind such as `127.0.0.1:8000`; None for a Unix socket."""
    if bind.startswith(("unix:", "fd://")) or ":" not in bind:
        return None
    host, port = bind.rsplit(":", 1)
    return server_url(host, port)


def record(instance_path: str | Path, url: str | None) -> None:
    if url is None:
        return
    path = Path(instance_path)
    path.mkdir(parents=True, exist_ok=True)
    (path / FILE_NAME).write_text(url + "\n")


def recorded(instance_path: str | Path) -> str | None:
    try:
        return (Path(instance_path) / FILE_NAME).read_text().strip() or None
    except OSError:
        return None


def base_url(given: str | None, instance_path: str | Path, port_env: str | None) -> str:
    """The address to print in links: --base-url, else $PORT on this machine, else what the
    last server started from this instance folder recorded, else `make run`'s default."""
    if given:
        return given.rstrip("/")
    if port_env:
        return server_url("127.0.0.1", port_env)
    return (recorded(instance_path) or DEFAULT_URL).rstrip("/")
