"""Encryption at rest for OSM OAuth tokens and PKCE verifiers.

Fernet (AES-128-CBC + HMAC-SHA256, from `cryptography`) with a key derived from the app's
SECRET_KEY by HKDF, so there is no second secret to manage and the derived key serves this one
purpose only. Changing SECRET_KEY makes stored tokens unreadable: organisers connect again.
"""

import base64

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

# Binds the derived key to this use; another use of SECRET_KEY gets another key.
HKDF_INFO = b"camwalk osm oauth token v1"


class TokenUnreadable(Exception):
    """The stored value was not made with this SECRET_KEY (or was altered)."""


def _fernet(secret_key: str, purpose: bytes) -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(
        secret_key.encode()
    )
    return Fernet(base64.urlsafe_b64encode(key))


def encrypt(secret_key: str, plain: str, purpose: bytes = HKDF_INFO) -> str:
    """`purpose` gives each kind of secret its own key (invite codes use another one)."""
    return _fernet(secret_key, purpose).encrypt(plain.encode()).decode("ascii")


def decrypt(secret_key: str, stored: str, purpose: bytes = HKDF_INFO) -> str:
    try:
        return _fernet(secret_key, purpose).decrypt(stored.encode("ascii")).decode()
    except InvalidToken as error:
        raise TokenUnreadable("the stored value cannot be decrypted") from error
