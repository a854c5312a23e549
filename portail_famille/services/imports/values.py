"""Turning a cell into a value: dates, yes/no, relationships. Each returns None when it cannot."""

from __future__ import annotations

import re
from datetime import date, time

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


_TIME = re.compile(r"^(\d{1,2})\s*[:hH]\s*(\d{2})?$")
_WEEKDAYS = {
    **{str(n + 1): n for n in range(7)},
    **{
        name: n
        for n, names in enumerate(
            (
                ("lundi", "lun", "monday", "mon"),
                ("mardi", "mar", "tuesday", "tue"),
                ("mercredi", "mer", "wednesday", "wed"),
                ("jeudi", "jeu", "thursday", "thu"),
                ("vendredi", "ven", "friday", "fri"),
                ("samedi", "sam", "saturday", "sat"),
                ("dimanche", "dim", "sunday", "sun"),
            )
        )
        for name in names
    },
}


def parse_time(raw: str) -> time | None:
    """08:45, 8:45, 8h45 or 8h (24-hour clock)."""
    match = _TIME.match(raw.strip())
    if not match:
        return None
    try:
        return time(int(match[1]), int(match[2] or 0))
    except ValueError:
        return None


def parse_weekday(raw: str) -> int | None:
    """0 for Monday (as date.weekday()): 1-7 from Monday, or the day's name in French or English."""
    return _WEEKDAYS.get(header_key(raw))


def parse_score(raw: str) -> tuple[float, float] | None:
    """A mark and what it is out of: "17/20", "17,5/20" or "85" (out of 100); 0 <= mark <= max."""
    text = raw.replace(" ", "").replace(",", ".")
    score, _, out_of = text.partition("/")
    try:
        value, maximum = float(score), float(out_of) if out_of else 100.0
    except ValueError:
        return None
    if not (0 < maximum <= 1000 and 0 <= value <= maximum):  # also refuses nan and inf
        return None
    return value, maximum
