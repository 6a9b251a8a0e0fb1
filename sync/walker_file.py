"""What proves that a walker file was saved on the phone of the member it names.

A walker file (docs/sync-protocol.md, "Walker files") is handed to an organiser, who imports it
as the walker named in it. Without a proof anyone could write a file naming another member
and have the organiser replay it under that name. The phone signs the file with its device
token: an HMAC-SHA256 whose key is the token's SHA-256 (hex, what the server keeps of each
token, server/auth/tokens.py), over `proof_message`. The server checks it against every token
of that member, signed out ones included (a phone may be signed out after saving its work).

The message names the group, the member, when the file was saved, each queued change (its id,
operation and observation) and each photo (its SHA-256, which the server checks against the
bytes): a file cannot be moved to another member, nor take changes or photos that were not
in it, without the proof failing. It does not cover each change's values: the proof says who
saved the file, the replay treats its changes as a sync would.

pwa/src/sync/walkerfile.js builds the same message; tests/e2e check that the two agree.
"""

import hashlib
import hmac
from collections.abc import Iterable, Mapping

VERSION_LINE = "camwalk walker file 1"


def proof_message(
    group_id: int,
    member_id: int,
    saved_at: str | None,
    changes: Iterable[Mapping],
    photo_shas: Iterable[str],
) -> bytes:
    """The text a walker file's proof signs, one item a line."""
    lines = [VERSION_LINE, f"group {group_id}", f"member {member_id}", f"saved {saved_at or ''}"]
    for change in changes:
        values = [change.get(key) if isinstance(change, Mapping) else None for key in _CHANGE]
        lines.append("change " + " ".join(v if isinstance(v, str) else "" for v in values))
    lines.extend(f"photo {sha}" for sha in photo_shas)
    # A file is read as it comes: half a character in an id must fail the proof, not the import.
    return "\n".join(lines).encode("utf-8", "surrogatepass")


_CHANGE = ("change_id", "op", "observation_id")


def proof(token_digest: str, message: bytes) -> str:
    """The proof of `message` by the phone whose token has this SHA-256 (hex)."""
    return hmac.new(token_digest.encode(), message, hashlib.sha256).hexdigest()


def proven_by(claimed: str | None, message: bytes, token_digests: Iterable[str]) -> bool:
    """Whether `claimed` is the proof of `message` by one of these tokens."""
    if not claimed:
        return False
    return any(hmac.compare_digest(proof(d, message), claimed) for d in token_digests)
