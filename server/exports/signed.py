"""Signed, expiring download links for export files.

JOSM's remote control (`/import?url=`) fetches a file by URL and cannot send a bearer token,
so the report hands out a link that carries its own proof: an HMAC-SHA256 over the export id
and the expiry time, keyed from SECRET_KEY. Anyone holding the link can fetch that one export
until it expires (LINK_TTL_S), which is why the lifetime is short.
"""

import hashlib
import hmac
import time

from server.exports.errors import DownloadLinkExpired, DownloadLinkInvalid

LINK_TTL_S = 10 * 60
# Separates this use of SECRET_KEY from every other one.
PURPOSE = b"camwalk export download v1"


def _signature(secret_key: str, export_id: int, expires: int) -> str:
    key = hmac.new(secret_key.encode(), PURPOSE, hashlib.sha256).digest()
    return hmac.new(key, f"{export_id}:{expires}".encode(), hashlib.sha256).hexdigest()


def sign(secret_key: str, export_id: int, now: float | None = None) -> dict:
    """The query parameters (`exp`, `sig`) of a link to one export, valid LINK_TTL_S."""
    expires = int(time.time() if now is None else now) + LINK_TTL_S
    return {"exp": expires, "sig": _signature(secret_key, export_id, expires)}


def check(secret_key: str, export_id: int, expires: int, signature: str, now=None) -> None:
    """Raise unless the signature is ours for this export and expiry, and has not expired."""
    expected = _signature(secret_key, export_id, expires)
    # As bytes: compare_digest refuses str with non-ASCII characters (a 500 on a forged link).
    if not hmac.compare_digest(expected.encode(), signature.encode()):
        raise DownloadLinkInvalid()
    if (time.time() if now is None else now) > expires:
        raise DownloadLinkExpired()
