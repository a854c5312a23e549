"""Parsing what staff type in the activity settings form. Pure; errors are catalogue keys."""

from __future__ import annotations

import re
from datetime import date, time

from portail_famille.domain.planning_days import Period

_RATE = re.compile(r"^\s*(\d+)\s*-\s*(\d*)\s*:\s*(\d+)(?:[.,](\d{1,2}))?\s*$")
_PERIOD = re.compile(r"^\s*(open|closed|ouvert|fermé|ferme)\s+(\S+)\s+(\S+)\s*(.*)$", re.I)


class FormError(ValueError):
    def __init__(self, field: str, key: str) -> None:
        super().__init__(key)
        self.field, self.key = field, key


def parse_cents(text: str, field: str) -> int:
    match = re.fullmatch(r"\s*(\d+)(?:[.,](\d{1,2}))?\s*", text or "")
    if not match:
        raise FormError(field, "planning.settings.error.money")
    return int(match.group(1)) * 100 + int((match.group(2) or "0").ljust(2, "0"))


def parse_rates(text: str) -> list[tuple[int, int | None, int]]:
    """Lines "0-700: 1,50", "701-1200: 2,10", "1201-: 2,60" -> (min, max, cents)."""
    rates = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        match = _RATE.match(line)
        if not match:
            raise FormError("rates", "planning.settings.error.rates")
        low, high = int(match.group(1)), int(match.group(2)) if match.group(2) else None
        if high is not None and high < low:
            raise FormError("rates", "planning.settings.error.rates")
        cents = int(match.group(3)) * 100 + int((match.group(4) or "0").ljust(2, "0"))
        rates.append((low, high, cents))
    if not rates:
        raise FormError("rates", "planning.settings.error.rates")
    return sorted(rates)


def parse_periods(text: str) -> list[tuple[Period, str]]:
    """Lines "fermé 2026-10-17 2026-11-01 Toussaint" (or open/ouvert) -> periods with labels."""
    out = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        match = _PERIOD.match(line)
        if not match:
            raise FormError("periods", "planning.settings.error.periods")
        kind = "open" if match.group(1).lower() in ("open", "ouvert") else "closed"
        try:
            first, last = date.fromisoformat(match.group(2)), date.fromisoformat(match.group(3))
        except ValueError:
            raise FormError("periods", "planning.settings.error.periods") from None
        if last < first:
            raise FormError("periods", "planning.settings.error.periods")
        out.append((Period(kind, first, last), match.group(4).strip()[:100]))
    return out


def parse_clock(text: str) -> time:
    match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*", text or "")
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise FormError("cutoff_time", "planning.settings.error.time")
    return time(int(match.group(1)), int(match.group(2)))


def parse_int(text: str, field: str, low: int, high: int, *, empty_ok: bool = False) -> int | None:
    text = (text or "").strip()
    if not text and empty_ok:
        return None
    if not text.isdigit() or not low <= int(text) <= high:
        raise FormError(field, "planning.settings.error.number")
    return int(text)


def format_rates(rates: list[tuple[int, int | None, int]]) -> str:
    return "\n".join(
        f"{low}-{'' if high is None else high}: {cents // 100},{cents % 100:02d}"
        for low, high, cents in sorted(rates)
    )


def format_periods(periods: list[tuple[str, date, date, str]]) -> str:
    lines = []
    for kind, first, last, label in periods:
        word = "ouvert" if kind == "open" else "fermé"
        lines.append(f"{word} {first.isoformat()} {last.isoformat()} {label}".rstrip())
    return "\n".join(lines)
