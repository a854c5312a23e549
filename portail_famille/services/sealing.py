"""Sealing at rest: bank account numbers encrypted with a key derived from the secret key."""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken

from portail_famille.config import get_settings


def _fernet() -> Fernet:
    # A fixed label keeps this key apart from every other use of the secret key.
    secret = get_settings().secret_key.get_secret_value()
    digest = hashlib.sha256(b"portail-famille/sealing/v1\0" + secret.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def seal(value: str) -> str:
    return _fernet().encrypt(value.encode()).decode()


def unseal(token: str) -> str | None:
    """The value, or None when the token was sealed under another key or tampered with."""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except (InvalidToken, ValueError):
        return None
