"""gunicorn settings for `camwalk serve`; each can be overridden by a CAMWALK_* variable."""

import gc
import multiprocessing
import os

from server import access_log


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


bind = f"{os.environ.get('CAMWALK_HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
# Sync requests mostly wait on the database and on photo uploads from slow phones: threads
# let one worker hold several of those, processes use the cores.
workers = _int("CAMWALK_WORKERS", min(multiprocessing.cpu_count() * 2 + 1, 9))
worker_class = "gthread"
threads = _int("CAMWALK_THREADS", 4)
# A 15 MB photo over a weak 3G link can take a minute; past this the worker is restarted.
timeout = _int("CAMWALK_WORKER_TIMEOUT_S", 120)
# On SIGTERM, requests in progress (a sync batch) get this long to finish.
graceful_timeout = _int("CAMWALK_GRACEFUL_TIMEOUT_S", 30)
keepalive = 5
accesslog = "-"
errorlog = "-"
# No client address, invite code or signature in the access log (server/access_log.py);
# CAMWALK_LOG_CLIENT_IPS=1 adds the address, for an operator who needs it.
_log_ips = os.environ.get("CAMWALK_LOG_CLIENT_IPS", "").strip().lower() in ("1", "true", "yes")
logger_class = (
    "server.access_log.ClientAddressAccessLogger"
    if _log_ips
    else "server.access_log.PrivateAccessLogger"
)
access_log_format = access_log.FORMAT_WITH_CLIENT if _log_ips else access_log.FORMAT
forwarded_allow_ips = os.environ.get("CAMWALK_FORWARDED_ALLOW_IPS", "127.0.0.1")
# No runtime control socket: several camwalk servers (tests, benches) may run on one machine,
# and a fixed socket path in $HOME would be shared between them.
control_socket_disable = True


def post_worker_init(worker) -> None:
    """Once a worker has loaded the app, what it holds for good (modules, the ORM's mappers,
    schemas, some 200,000 objects) leaves the cycle collector's view: a full collection, which
    a 1,000-row pull or a 500-change push sets off, then walks only what requests made.
    Measured on a 1,000-row pull: 25-35 % less CPU on average (docs/capacity.md)."""
    gc.collect()
    gc.freeze()
