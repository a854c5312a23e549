"""When booking a day closes: the deadline of each day under an activity's cut-off rule.

Pure rules, no I/O. Deadlines are wall-clock times in the organisation's timezone ("vendredi
12:00"), returned as aware UTC instants so comparisons with `now` are right across daylight-saving
changes. A wall time that does not exist (spring forward) moves to the first instant after the
gap; one that happens twice (fall back) is its first occurrence: the family never gets less time
than the clock on the wall promised, and never more than one extra hour.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

RuleKind = Literal["weekly", "days_before"]


@dataclass(frozen=True)
class CutoffRule:
    """`weekly`: every day of a week closes on `weekday` (ISO, Friday = 5) of the week before, at
    `at`. `days_before`: a day closes `days` days before it, at `at`."""

    kind: RuleKind
    at: time
    weekday: int = 5
    days: int = 2

    def __post_init__(self) -> None:
        if self.kind not in ("weekly", "days_before"):
            raise ValueError("unknown cut-off kind")
        if not 1 <= self.weekday <= 7:
            raise ValueError("weekday must be 1..7")
        if not 0 <= self.days <= 60:
            raise ValueError("days must be 0..60")


def local_instant(day: date, at: time, timezone: str) -> datetime:
    """The UTC instant the clocks of `timezone` show `at` on `day` (see the module note)."""
    zone = ZoneInfo(timezone)
    naive = datetime.combine(day, at.replace(tzinfo=None, fold=0))
    first = naive.replace(tzinfo=zone, fold=0)
    utc = first.astimezone(UTC)
    if utc.astimezone(zone).replace(tzinfo=None) == naive:
        return utc  # the wall time exists (first occurrence when it happens twice)
    # In a spring-forward gap: the gap's end is the first valid instant after it.
    later = naive.replace(tzinfo=zone, fold=1).astimezone(UTC)
    start = min(utc, later)
    for minutes in range(0, 24 * 60 + 1):
        candidate = start + timedelta(minutes=minutes)
        if candidate.astimezone(zone).replace(tzinfo=None) > naive:
            return candidate.replace(second=0, microsecond=0)
    return later  # pragma: no cover - no timezone has a gap longer than a day


def deadline_day(rule: CutoffRule, day: date) -> date:
    """The local date of the deadline of `day`."""
    if rule.kind == "weekly":
        monday = day - timedelta(days=day.isoweekday() - 1)
        return monday - timedelta(days=7) + timedelta(days=rule.weekday - 1)
    return day - timedelta(days=rule.days)


def deadline(rule: CutoffRule, day: date, timezone: str) -> datetime:
    """The aware UTC instant after which `day` can no longer be booked or cancelled."""
    return local_instant(deadline_day(rule, day), rule.at, timezone)


def is_open(rule: CutoffRule, day: date, timezone: str, now: datetime) -> bool:
    """Whether `day` may still be changed at `now` (an aware datetime)."""
    return now < deadline(rule, day, timezone)


def parse_weekdays(text: str) -> frozenset[int]:
    """ "1,2,4,5" -> {1, 2, 4, 5}; anything out of 1..7 is dropped."""
    days = set()
    for part in text.split(","):
        part = part.strip()
        if part.isdigit() and 1 <= int(part) <= 7:
            days.add(int(part))
    return frozenset(days)
