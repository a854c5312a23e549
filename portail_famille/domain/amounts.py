"""Amounts typed by staff ("58,30", "1 234.50 $") read as whole cents, never through floats."""

from __future__ import annotations

import re

_AMOUNT = re.compile(r"^(\d{1,9})(?:[.,](\d{1,2}))?$")


def parse_amount(text: str) -> int | None:
    """Cents for a positive amount with at most two decimals; None for anything else."""
    cleaned = re.sub(r"[\s\u00a0\u202f$€]", "", text or "")
    match = _AMOUNT.match(cleaned)
    if match is None:
        return None
    cents = int(match[1]) * 100 + int((match[2] or "0").ljust(2, "0"))
    return cents or None
