"""Turning a cell into a value: dates, yes/no, relationships. Each returns None when it cannot."""

from __future__ import annotations

import re
from datetime import date

from portail_famille.models import Relationship
from portail_famille.services.imports.reader import header_key

_ISO = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")

_TRUE = {"1", "oui", "o", "vrai", "yes", "y", "true", "actif", "active", "x"}
_FALSE = {"0", "non", "n", "faux", "no", "false", "inactif", "inactive"}

_RELATIONSHIPS = {
    "mere": Relationship.MOTHER,
    "mother": Relationship.MOTHER,
    "pere": Relationship.FATHER,
    "father": Relationship.FATHER,
    "tuteur": Relationship.TUTOR,
    "tutrice": Relationship.TUTOR,
    "tutor": Relationship.TUTOR,
    "guardian": Relationship.TUTOR,
    "autre": Relationship.OTHER,
    "other": Relationship.OTHER,
    "parent": Relationship.OTHER,
    "relative": Relationship.OTHER,
}


def parse_date(raw: str) -> date | None:
    """2017-03-14, 2017/03/14 or 14/03/2017 (day first, as in France and Quebec)."""
    text = raw.strip()
    iso = _ISO.match(text)
    day_first = _DAY_FIRST.match(text)
    try:
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        if day_first:
            return date(int(day_first[3]), int(day_first[2]), int(day_first[1]))
    except ValueError:
        return None
    return None


def parse_bool(raw: str, default: bool) -> bool | None:
    """Yes/no in French or English; an empty cell means `default`."""
    key = header_key(raw)
    if not key:
        return default
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    return None


def parse_relationship(raw: str) -> Relationship | None:
    key = header_key(raw)
    return Relationship.OTHER if not key else _RELATIONSHIPS.get(key)
