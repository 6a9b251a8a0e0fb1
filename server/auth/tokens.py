"""Bearer tokens: made with 256 random bits, stored only as their SHA-256."""

import hashlib
import secrets

TOKEN_PREFIX = "cw_"


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_invite_code() -> str:
    # Short enough to type from a flyer, long enough (~60 bits) not to be guessed.
    return secrets.token_urlsafe(8)
