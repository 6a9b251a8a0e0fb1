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

The message reads back one way only if no value holds its separators: `saved_at` no line
break, a change's id, operation and observation no line break or space (a phone's never do).
Otherwise whoever carries the file could move a change's line into `saved_at`, or fold two
changes into one the import skips as invalid, and drop changes from a file still proven: such
a file is not proven (`readable_message`).

pwa/src/sync/walkerfile.js builds the same message; tests/e2e check that the two agree.
"""

import hashlib
import hmac
from collections.abc import Iterable, Mapping, Sequence

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


def proven_by(claimed: str | None, message: bytes | None, token_digests: Iterable[str]) -> bool:
    """Whether `claimed` is the proof of `message` by one of these tokens; never for a None
    message (`readable_message`)."""
    if not claimed or message is None:
        return False
    return any(hmac.compare_digest(proof(d, message), claimed) for d in token_digests)


def readable_message(
    group_id: int,
    member_id: int,
    saved_at: str | None,
    changes: Sequence[Mapping],
    photo_shas: Iterable[str],
) -> bytes | None:
    """`proof_message`, or None when a value holds a separator, so that the message could
    also be read as another file's (see the module's docstring)."""
    if "\n" in (saved_at or ""):
        return None
    for change in changes:
        values = [change.get(key) for key in _CHANGE] if isinstance(change, Mapping) else []
        if any(isinstance(v, str) and _SEPARATORS.intersection(v) for v in values):
            return None
    return proof_message(group_id, member_id, saved_at, changes, photo_shas)


_SEPARATORS = frozenset(" \n")
