"""Headers every response carries, rate limits on the doors (join, login) and on the published
map's data, proxy awareness.

The Content-Security-Policy allows scripts only from our own origin (the built PWA has no
inline script), images from our origin, blobs/data (photos shown before upload) and the tile
server, and no framing at all. The referrer policy is `no-referrer` because invite codes travel
in URLs (/join/<code>) and must not leak to the tile server or anyone else.

A published campaign's map data (everything under /api/v1/public/: its cameras, coverage and
photos) is open data that anyone may read without a token, so any web page may read it too
(`Access-Control-Allow-Origin: *`): geojson.io, or a uMap on another host, loads it from its
address. No other endpoint gets the header: those read a member's token, and a page on
another site must not read what they answer (tests/server/test_cors.py).
"""

from urllib.parse import urlsplit

from flask import current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from werkzeug.middleware.proxy_fix import ProxyFix

from server.rate_limits import SCHEME

# Shared across apps; limits are read from the app's config when a request comes. Counted in
# the database, once per server whatever the number of workers (server/rate_limits.py).
limiter = Limiter(get_remote_address, storage_uri=f"{SCHEME}://", headers_enabled=True)


def auth_rate_limit() -> str:
    return current_app.config["AUTH_RATE_LIMIT"]


def public_rate_limit() -> str:
    return current_app.config["PUBLIC_RATE_LIMIT"]


def public_revalidation_rate_limit() -> str:
    return current_app.config["PUBLIC_REVALIDATION_RATE_LIMIT"]


def tile_origin(tile_url: str) -> str:
    """The origin pattern of a tile URL template, for the CSP ({s} subdomains become *)."""
    parts = urlsplit(tile_url.replace("{s}", "*"))
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def content_security_policy(tile_url: str) -> str:
    tiles = tile_origin(tile_url)
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            # Leaflet positions map panes with style attributes set from script.
            "style-src 'self' 'unsafe-inline'",
            f"img-src 'self' data: blob: {tiles}".strip(),
            f"connect-src 'self' {tiles}".strip(),
            "worker-src 'self'",
            "manifest-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


PUBLIC_DATA_PREFIX = "/api/v1/public/"
# The statuses whose Retry-After a client is to wait out (docs/contract.md, Errors).
ASKS_TO_WAIT = {429, 503}
# What a public answer lets another site's script read: Flask-Limiter's names (its defaults).
EXPOSED_HEADERS = (
    "Retry-After",
    "X-RateLimit-Limit",
    "X-RateLimit-Remaining",
    "X-RateLimit-Reset",
)


def install_security(app) -> None:
    csp = content_security_policy(app.config["TILE_URL"])
    headers = {
        "Content-Security-Policy": csp,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "X-Frame-Options": "DENY",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Permissions-Policy": "geolocation=(self), camera=(self), microphone=()",
    }

    @app.after_request
    def _security_headers(response):
        for name, value in headers.items():
            response.headers.setdefault(name, value)
        if response.status_code not in ASKS_TO_WAIT:
            # Flask-Limiter (which runs first) puts its window's Retry-After on every answer
            # of a limited endpoint, a 200 included: a client would read it as "wait".
            response.headers.pop("Retry-After", None)
        if request.path.startswith(PUBLIC_DATA_PREFIX):
            response.headers["Access-Control-Allow-Origin"] = "*"
            # A map on another site told 429 must be able to read how long to wait, and one
            # polling the data how much of its window is left, to pace itself before a 429:
            # a browser shows a page's script only the few headers CORS calls safe, and
            # those named here.
            response.headers["Access-Control-Expose-Headers"] = ", ".join(EXPOSED_HEADERS)
        return response

    limiter.init_app(app)
    proxies = int(app.config["PROXY_COUNT"])
    if proxies:
        # Behind a reverse proxy, the client's address is in X-Forwarded-For; trust exactly
        # as many hops as there are proxies, or clients could forge their address.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
