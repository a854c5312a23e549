"""What a typed e-mail address or phone number must look like before anything is sent to it."""

from __future__ import annotations

import re

# Deliberately loose: one @, a dot in the domain, no spaces. Delivery is the real test.
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s.]{2,}$")
_PHONE_CHARACTERS = re.compile(r"^[0-9+().\- ]+$")


def is_plausible_email(value: str) -> bool:
    return len(value) <= 254 and _EMAIL.match(value) is not None


def is_plausible_phone(value: str) -> bool:
    """Digits with the usual separators, and enough digits to dial (7 to 15, as E.164 allows)."""
    digits = sum(ch.isdigit() for ch in value)
    return _PHONE_CHARACTERS.match(value) is not None and 7 <= digits <= 15
