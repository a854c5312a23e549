"""Dates, times and money in the reader's locale, always through Babel."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date as _babel_date
from babel.dates import format_datetime as _babel_datetime
from babel.numbers import format_currency

from portail_famille.domain.money import Money
from portail_famille.i18n import supported_language


def locale_for(language: str, country: str) -> str:
    """The Babel locale for a reader's language in an organisation's country: fr + CA = fr_CA."""
    return f"{supported_language(language)}_{country.upper()}"


def format_money(money: Money, locale: str) -> str:
    """`2 000,00 $` in fr_CA, `2 000,00 €` in fr_FR, `$2,000.00` in en_CA."""
    return format_currency(money.amount, money.currency, locale=locale)


def format_day(value: date, locale: str, fmt: str = "long") -> str:
    return _babel_date(value, format=fmt, locale=locale)


def format_time(value: datetime, timezone: str, locale: str) -> str:
    """24-hour times in every locale (a school's day runs from 07:30 to 18:00)."""
    return _babel_datetime(value, "HH:mm", tzinfo=ZoneInfo(timezone), locale=locale)


def format_moment(value: datetime, timezone: str, locale: str) -> str:
    """A date and a 24-hour time in the organisation's timezone."""
    day = _babel_datetime(value, "d MMMM y", tzinfo=ZoneInfo(timezone), locale=locale)
    return f"{day} {format_time(value, timezone, locale)}"


def format_iso_moment(value: datetime, timezone: str) -> str:
    """ISO 8601 to the second with the organisation's offset: for exports machines read."""
    return value.astimezone(ZoneInfo(timezone)).isoformat(timespec="seconds")
