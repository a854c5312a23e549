"""Which days an activity runs, and which history lines a family still sees. Pure rules."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Period:
    kind: str  # "open" or "closed"
    starts_on: date
    ends_on: date

    def covers(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on


def runs_on(day: date, weekdays: frozenset[int], periods: Iterable[Period]) -> bool:
    """An activity runs on its weekdays inside an open period and outside every closed one.

    With no open period at all it runs all year (closed periods still apply)."""
    periods = list(periods)
    if day.isoweekday() not in weekdays:
        return False
    if any(p.kind == "closed" and p.covers(day) for p in periods):
        return False
    opens = [p for p in periods if p.kind == "open"]
    return not opens or any(p.covers(day) for p in opens)


def history_visible(
    day: date, today: date, year_starts_on: date | None, hidden_month: int, hidden_day: int
) -> bool:
    """Seed 004: once the configured date of the current school year has passed, movements of
    days before that school year are no longer shown."""
    if year_starts_on is None or day >= year_starts_on:
        return True
    try:
        hide_from = date(year_starts_on.year, hidden_month, hidden_day)
    except ValueError:
        hide_from = date(year_starts_on.year, hidden_month, 28)
    if hide_from < year_starts_on:
        hide_from = hide_from.replace(year=hide_from.year + 1)
    return today < hide_from


def unit_price(brackets: Iterable[tuple[int, int | None, int]], quotient: int | None) -> int:
    """The day price for a family quotient from (min, max, cents) brackets.

    A family whose quotient is unknown pays the top bracket (the full rate), as communes do."""
    rows = sorted(brackets, key=lambda b: b[0])
    if not rows:
        return 0
    if quotient is None:
        return rows[-1][2]
    for low, high, cents in rows:
        if quotient >= low and (high is None or quotient <= high):
            return cents
    return rows[-1][2] if quotient >= rows[-1][0] else rows[0][2]
