"""Turns the planning services' rows into what the page shows, in both languages at once (the
language switch is instant: no round trip)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from portail_famille.i18n import LANGUAGES
from portail_famille.i18n.catalog import translate
from portail_famille.i18n.formatting import format_day, format_moment, format_time, locale_for
from portail_famille.services.planning_views import DayView, HistoryLine, MonthView


@dataclass
class DayCell:
    number: str  # "7"; "" for the blanks before the 1st
    label: dict[str, str]  # what a screen reader says for the day
    deadline: dict[str, str]
    kind: str  # blank | off | open | closed
    checked: bool  # booked, or about to be
    waiting: bool
    full: bool
    changed: bool
    absent: bool
    position: int  # index of the day in the month; -1 for a blank


@dataclass
class TextLine:
    text: dict[str, str]
    detail: dict[str, str]


def _both(fn) -> dict[str, str]:
    return {lang: fn(lang) for lang in LANGUAGES}


def day_name(day: date, country: str, lang: str) -> str:
    return format_day(day, locale_for(lang, country), "EEEE d MMMM y")


def _status(view: DayView, checked: bool, lang: str) -> str:
    if view.absence_declared:
        return translate(lang, "planning.status.absent")
    if view.waiting and checked:
        return translate(lang, "planning.status.waiting")
    if checked:
        return translate(lang, "planning.status.booked")
    if view.full:
        return translate(lang, "planning.status.full")
    return translate(lang, "planning.status.free")


def deadline_text(view: DayView, month: MonthView, lang: str) -> str:
    moment = format_moment(view.deadline, month.timezone, locale_for(lang, month.country))
    key = "planning.day.until" if view.open else "planning.day.closed_since"
    return translate(lang, key, moment=moment)


def cells(month: MonthView, pending: dict[str, bool]) -> list[DayCell]:
    blanks = month.first.isoweekday() - 1
    out = [
        DayCell("", {}, {}, "blank", False, False, False, False, False, -1) for _ in range(blanks)
    ]
    for position, view in enumerate(month.days):
        saved = view.booked or view.waiting
        checked = pending.get(view.day.isoformat(), saved)
        kind = "off" if not view.runs else ("open" if view.open else "closed")
        label = _both(
            lambda lang, v=view, c=checked, k=kind: (
                day_name(v.day, month.country, lang)
                if k == "off"
                else f"{day_name(v.day, month.country, lang)} : {_status(v, c, lang)}. "
                f"{deadline_text(v, month, lang)}"
            )
        )
        out.append(
            DayCell(
                number=str(view.day.day),
                label=label,
                deadline=_both(lambda lang, v=view: deadline_text(v, month, lang))
                if view.runs
                else {},
                kind=kind,
                checked=checked,
                waiting=view.waiting or (checked and not saved and view.full),
                full=view.full,
                changed=checked != saved,
                absent=view.absence_declared,
                position=position,
            )
        )
    return out


def summary(month: MonthView, pending: dict[str, bool]) -> list[TextLine]:
    """The récapitulatif: each day that will change, before the parent confirms."""
    lines = []
    by_day = {v.day.isoformat(): v for v in month.days}
    for iso, want in sorted(pending.items()):
        view = by_day.get(iso)
        if view is None or want == (view.booked or view.waiting):
            continue
        key = "planning.summary.add" if want else "planning.summary.remove"
        if want and view.full:
            key = "planning.summary.wait"
        lines.append(
            TextLine(
                _both(
                    lambda lang, v=view, k=key: translate(
                        lang, k, day=day_name(v.day, month.country, lang)
                    )
                ),
                {},
            )
        )
    return lines


def history_lines(rows: list[HistoryLine], country: str, timezone: str) -> list[TextLine]:
    def line(row: HistoryLine, lang: str) -> str:
        locale = locale_for(lang, country)
        return translate(
            lang,
            f"planning.action.{row.action}",
            activity=row.activity,
            day=format_day(row.day, locale, "EEE dd-MM-y"),
        )

    def detail(row: HistoryLine, lang: str) -> str:
        locale = locale_for(lang, country)
        local = row.at.astimezone(ZoneInfo(timezone))
        return translate(
            lang,
            f"planning.by.{row.channel}",
            day=format_day(local.date(), locale, "EEE dd-MM-y"),
            time=format_time(row.at, timezone, locale),
        )

    return [
        TextLine(
            _both(lambda lang, r=row: line(r, lang)), _both(lambda lang, r=row: detail(r, lang))
        )
        for row in rows
    ]


def next_deadline(month: MonthView) -> dict[str, str]:
    """ "Prochaine clôture : …" for the first running day of the month still open."""
    for view in month.days:
        if view.runs and view.open:
            return _both(
                lambda lang, v=view: translate(
                    lang,
                    "planning.next_deadline",
                    day=day_name(v.day, month.country, lang),
                    moment=format_moment(
                        v.deadline, month.timezone, locale_for(lang, month.country)
                    ),
                )
            )
    return _both(lambda lang: translate(lang, "planning.no_open_day"))


def month_title(first: date, country: str) -> dict[str, str]:
    return _both(lambda lang: format_day(first, locale_for(lang, country), "LLLL y").capitalize())


def now_utc() -> datetime:
    from portail_famille.models.base import utcnow

    return utcnow()
