"""gunicorn's access log, without what docs/privacy.md promises not to keep.

gunicorn's default line holds the client's address, the full request line (so every invite
code opened as /join/<code> and every signed download link with its signature) and the
Referer (which can hold either). This logger writes the method, the path with credentials
replaced by `…`, the names of query parameters without their values, status, size and time.
The client's address is written only when the operator opts in (CAMWALK_LOG_CLIENT_IPS=1),
for example to find who floods the server.
"""

import logging
import re
from urllib.parse import parse_qsl

from gunicorn.glogging import Logger

HIDDEN = "…"
# Path segments that are credentials: /join/<invite code>, /signin/<sign-in code> (the app
# shell's routes).
SECRET_PATHS = [re.compile(r"^(/join/)[^/]+"), re.compile(r"^(/signin/)[^/]+")]
FORMAT = '%(t)s "%(r)s" %(s)s %(b)s %(M)sms'
FORMAT_WITH_CLIENT = "%(h)s " + FORMAT


def redact_path(path: str) -> str:
    for pattern in SECRET_PATHS:
        path = pattern.sub(lambda m: m.group(1) + HIDDEN, path)
    return path


def redact_query(query: str) -> str:
    """Parameter names only: values may be signatures, OAuth codes or states."""
    names = [name for name, _ in parse_qsl(query, keep_blank_values=True)]
    return "&".join(f"{name}={HIDDEN}" for name in names)


def redact_request_line(line: str) -> str:
    """A request line ("GET /join/<code>?x=1 HTTP/1.1") with its secrets hidden."""
    parts = line.split(" ")
    if len(parts) != 3:
        return line
    path, mark, query = parts[1].partition("?")
    target = redact_path(path) + (f"?{redact_query(query)}" if mark else "")
    return " ".join((parts[0], target, parts[2]))


class RedactedRequestLines(logging.Filter):
    """For the development server's log (werkzeug, `camwalk run` and `make run`), which writes
    each request line whole: the same paths and query values hidden as gunicorn's below."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                redact_request_line(a) if isinstance(a, str) else a for a in record.args
            )
        return True


class PrivateAccessLogger(Logger):
    log_client_ips = False

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        path = redact_path(environ.get("PATH_INFO") or "")
        query = redact_query(environ.get("QUERY_STRING") or "")
        target = f"{path}?{query}" if query else path
        atoms.update(
            r=f"{environ.get('REQUEST_METHOD')} {target} {environ.get('SERVER_PROTOCOL')}",
            U=path,
            q=query,
            f="-",
        )
        # Headers could carry tokens, cookies or forwarded addresses: none is logged.
        for key in [k for k in atoms if k.startswith("{")]:
            del atoms[key]
        if not self.log_client_ips:
            atoms["h"] = "-"
        return atoms


class ClientAddressAccessLogger(PrivateAccessLogger):
    log_client_ips = True
