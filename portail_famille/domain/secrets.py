"""Codes people type: verification codes, access-letter codes, and how they are kept."""

from __future__ import annotations

import hashlib
import hmac
import secrets

# No 0/O or 1/I/L: access-letter codes are read off paper and typed on phones.
_LETTER_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_numeric_code(digits: int = 6) -> str:
    """A code from the operating system's CSPRNG, leading zeros kept."""
    return f"{secrets.randbelow(10**digits):0{digits}d}"


def new_letter_code(length: int = 10) -> str:
    """A code for a printed letter: about 50 bits with 10 characters."""
    return "".join(secrets.choice(_LETTER_ALPHABET) for _ in range(length))


def normalise_letter_code(raw: str) -> str:
    return "".join(ch for ch in raw.upper() if ch.isalnum())


def keyed_hash(secret_key: str, value: str) -> str:
    """HMAC-SHA256: a stolen table of hashes does not let anyone guess short codes offline."""
    return hmac.new(secret_key.encode(), value.encode(), hashlib.sha256).hexdigest()


def same_digest(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())
