"""What a new password must be: long, and not among the passwords everyone tries first."""

from __future__ import annotations

from functools import cache

from zxcvbn.frequency_lists import FREQUENCY_LISTS

MIN_LENGTH = 12
MAX_LENGTH = 256  # Argon2 takes any length; this bounds the work one request can ask for
_DECORATIONS = "0123456789!?.,;:@#$%&*+-_=~^ "


@cache
def _common_passwords() -> frozenset[str]:
    """The 30,000 most common passwords of public leaks, as zxcvbn ships them."""
    return frozenset(word.lower() for word in FREQUENCY_LISTS["passwords"])


def password_problem(password: str, *, email: str = "") -> str | None:
    """A catalogue key saying what is wrong with `password`, or None if it is acceptable."""
    if len(password) < MIN_LENGTH:
        return "password.too_short"
    if len(password) > MAX_LENGTH:
        return "password.too_long"
    lowered = password.lower()
    # "iloveyou2026!" is "iloveyou" with the digits and sign that every rule makes people add.
    core = lowered.strip(_DECORATIONS)
    if {lowered, core} & _common_passwords() or len(set(lowered)) < 4:
        return "password.too_common"
    local_part = email.split("@", 1)[0].lower()
    if local_part and len(local_part) >= 4 and local_part in lowered:
        return "password.contains_email"
    return None
