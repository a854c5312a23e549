"""The Agenda tile: a child's days (timetable, school calendar, work due), by week or day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import reflex as rx
from babel.dates import format_time

from portail_famille.db import session_scope
from portail_famille.domain.local_time import local_today
from portail_famille.i18n import LANGUAGES
from portail_famille.i18n.formatting import format_day, locale_for
from portail_famille.services.access import Forbidden
from portail_famille.services.agenda import ChildAgenda, child_agenda, periods_on
from portail_famille.services.placement import current_placement
from portail_famille.state.children import ChildSelectionState
from portail_famille.state.lang import LangState


@dataclass
class AgendaRow:
    kind: str  # "day" (a heading), "period", "event", "work", "empty"
    day: dict[str, str]  # the day's name in each language, on "day" rows
    time: str = ""
    title: str = ""
    teacher: str = ""
    room: str = ""
    event_kind: str = ""


class AgendaState(rx.State):
    mode: str = "week"
    rows: list[AgendaRow] = []
    enrolled: bool = True
    has_timetable: bool = False
    _anchor: str = ""  # ISO date the view is on; empty: today where the child's school is

    def _anchor_day(self, today: date) -> date:
        try:
            return date.fromisoformat(self._anchor)
        except ValueError:
            return today

    @rx.event
    async def load(self):
        self._anchor = ""
        return await self._refresh()

    @rx.event
    async def show_mode(self, mode: str):
        if mode in ("week", "day"):
            self.mode = mode
            return await self._refresh()
        return None

    @rx.event
    async def move(self, step: int):
        """-1 or 1: the previous or next week (or day); 0: back to today."""
        if step not in (-1, 0, 1):
            return None
        if step == 0:
            self._anchor = ""
            return await self._refresh()
        return await self._refresh(step=step)

    async def _refresh(self, step: int = 0):
        selection = await (await self.get_state(ChildSelectionState))._selected_child("view")
        self.rows = []
        if selection is None:
            return None
        user_id, child_id = selection
        size = 7 if self.mode == "week" else 1
        try:
            with session_scope() as session:
                placement = current_placement(session, child_id)
                zone = placement.organisation.timezone if placement else None
                anchor = self._anchor_day(local_today(zone)) + timedelta(days=size * step)
                self._anchor = anchor.isoformat() if step else self._anchor
                first = anchor - timedelta(days=anchor.weekday()) if self.mode == "week" else anchor
                last = first + timedelta(days=size - 1)
                agenda = child_agenda(session, user_id, child_id, first, last)
        except Forbidden:
            return None
        self.enrolled = placement is not None and placement.enrolment.active
        self.has_timetable = bool(agenda.periods_by_weekday)
        self.rows = _rows(agenda, self.mode == "week")
        return LangState.apply_html_lang


def _rows(agenda: ChildAgenda, week: bool) -> list[AgendaRow]:
    rows: list[AgendaRow] = []
    day = agenda.first_day
    while day <= agenda.last_day:
        periods = periods_on(agenda, day)
        events = [e for e in agenda.events if e.starts_on <= day <= e.ends_on]
        work = [w for w in agenda.work if w.due_on == day]
        weekend = day.weekday() >= 5
        if not (week and weekend and not (events or work)):
            names = {
                lang: format_day(day, locale_for(lang, agenda.country), "EEEE d MMMM")
                for lang in LANGUAGES
            }
            rows.append(AgendaRow(kind="day", day=names))
            rows += [
                AgendaRow(kind="event", day={}, title=e.title, event_kind=e.kind) for e in events
            ]
            rows += [
                AgendaRow(
                    kind="period",
                    day={},
                    time=f"{format_time(p.starts_at, 'HH:mm')}–{format_time(p.ends_at, 'HH:mm')}",
                    title=p.subject,
                    teacher=p.teacher_name,
                    room=p.room,
                )
                for p in periods
            ]
            rows += [AgendaRow(kind="work", day={}, title=w.title, teacher=w.subject) for w in work]
            if not (periods or events or work):
                rows.append(AgendaRow(kind="empty", day={}))
        day += timedelta(days=1)
    return rows
