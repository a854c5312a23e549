"""The organisation's clock: "today" and "now" where the school or town hall is, never the server's.

A Quebec family's evening is already tomorrow in UTC; a rule ("declare before the day starts",
"overdue after the due date") and a screen ("today's absences") use the local date.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_TIMEZONE = "Europe/Paris"


def zone(timezone: str | None) -> ZoneInfo:
    """The zone named `timezone`; the product's default for an empty or unknown name."""
    try:
        return ZoneInfo(timezone or DEFAULT_TIMEZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_TIMEZONE)


def local_now(timezone: str | None, now: datetime | None = None) -> datetime:
    """`now` (default: this instant) as an aware time in `timezone`."""
    return (now or datetime.now(UTC)).astimezone(zone(timezone))


def local_today(timezone: str | None, now: datetime | None = None) -> date:
    return local_now(timezone, now).date()
