"""Identifiers printed on the school's papers: file numbers and Quebec permanent codes."""

from __future__ import annotations

import re

_FILE_NUMBER = re.compile(r"^\d{7}$")
# Code permanent: 4 letters (name and first name), then 8 digits (birth date, sex, order).
_PERMANENT_CODE = re.compile(r"^[A-Z]{4}\d{8}$")


def normalise_file_number(raw: str) -> str | None:
    """The 7-digit file number ("numéro de fiche"), or None if `raw` is not one."""
    value = raw.strip().replace(" ", "")
    return value if _FILE_NUMBER.match(value) else None


def normalise_permanent_code(raw: str) -> str | None:
    """The 12-character permanent code in capitals, or None if `raw` is not one."""
    value = raw.strip().replace(" ", "").upper()
    return value if _PERMANENT_CODE.match(value) else None


def normalise_email(raw: str) -> str:
    """E-mail addresses compare case-insensitively everywhere in the portal."""
    return raw.strip().lower()


_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s.]{2,}$")


def is_plausible_email(value: str) -> bool:
    """Shape only: whether the address exists is the mail server's business."""
    return len(value) <= 254 and bool(_EMAIL.match(value))
