"""Signed, expiring download links for export files.

JOSM's remote control (`/import?url=`) fetches a file by URL and cannot send a bearer token,
so the report hands out a link that carries its own proof: an HMAC-SHA256 over the export id,
when the export was made, and the expiry time, keyed from SECRET_KEY. Anyone holding the link
can fetch that one export until it expires (LINK_TTL_S), which is why the lifetime is short.

The time the export was made is signed with its id because an id alone does not name one
export for good: deleting a group (`camwalk demo` replaces its group) or restoring a backup
frees ids, and SQLite gives the highest freed id to the next export, of any group. Signed by
id alone, a link made for a deleted group's export then downloaded another group's cameras.
"""

import datetime as dt
import hashlib
import hmac
import time

from server.exports.errors import DownloadLinkExpired, DownloadLinkInvalid

LINK_TTL_S = 10 * 60
# Separates this use of SECRET_KEY from every other one (v2: the export's time is signed too).
PURPOSE = b"camwalk export download v2"


def _signature(secret_key: str, export_id: int, made_at: dt.datetime | None, expires: int) -> str:
    key = hmac.new(secret_key.encode(), PURPOSE, hashlib.sha256).digest()
    made = made_at.isoformat() if made_at is not None else "none"
    return hmac.new(key, f"{export_id}:{made}:{expires}".encode(), hashlib.sha256).hexdigest()


def sign(secret_key: str, export_id: int, made_at: dt.datetime, now: float | None = None) -> dict:
    """The query parameters (`exp`, `sig`) of a link to the export `export_id` made at
    `made_at` (its `created_at`), valid LINK_TTL_S."""
    expires = int(time.time() if now is None else now) + LINK_TTL_S
    return {"exp": expires, "sig": _signature(secret_key, export_id, made_at, expires)}


def check(
    secret_key: str,
    export_id: int,
    made_at: dt.datetime | None,
    expires: int,
    signature: str,
    now=None,
) -> None:
    """Raise unless the signature is ours for this export (`made_at`: the `created_at` of the
    export that holds the id now, None when none does) and expiry, and has not expired."""
    expected = _signature(secret_key, export_id, made_at, expires)
    # As bytes: compare_digest refuses str with non-ASCII characters (a 500 on a forged link).
    if not hmac.compare_digest(expected.encode(), signature.encode()):
        raise DownloadLinkInvalid()
    if (time.time() if now is None else now) > expires:
        raise DownloadLinkExpired()
