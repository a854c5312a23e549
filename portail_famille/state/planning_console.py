"""The console's Planning screen: an activity's day list, presence and absence, changing a
family's day and the printable list (the month's invoicing: state/planning_billing.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import reflex as rx

from portail_famille.db import session_scope
from portail_famille.domain.absences import parse_day
from portail_famille.domain.local_time import local_today
from portail_famille.i18n.catalog import translate
from portail_famille.i18n.formatting import format_day, locale_for
from portail_famille.models.base import utcnow
from portail_famille.paths import GUARDIAN_HOME, SIGN_IN_PAGE
from portail_famille.services.access import Forbidden
from portail_famille.services.bookings import BookingError
from portail_famille.services.local_time import staff_today
from portail_famille.services.planning_catalog import organisation
from portail_famille.services.planning_staff import (
    daily_list,
    daily_pdf,
    registered_children,
    set_attendance,
    staff_activities,
    staff_activity,
    staff_change,
)
from portail_famille.state.lang import LangState, current_language
from portail_famille.state.session import SessionState


@dataclass
class ConsoleRow:
    child: str
    family: str
    attendance: str
    declared: bool
    justified: bool


class PlanningConsoleState(rx.State):
    activities: list[str] = []
    activity: int = 0
    day: str = ""
    rows: list[ConsoleRow] = []
    waiting: list[str] = []
    children: list[str] = []  # registered children, to book one
    notice: str = ""
    error: str = ""
    _activity_ids: list[int] = []
    _booking_ids: list[int] = []
    _row_child_ids: list[int] = []
    _child_ids: list[int] = []

    async def _user(self) -> int | None:
        return await (await self.get_state(SessionState))._current_user_id()

    @rx.event
    async def load(self):
        self.activity, self.notice, self.error = 0, "", ""
        user_id = await self._user()
        with session_scope() as session:
            today = staff_today(session, user_id) if user_id is not None else local_today(None)
        self.day = today.isoformat()
        result = await self._refresh()
        return result or LangState.apply_html_lang

    async def _refresh(self):
        user_id = await self._user()
        self.rows, self.waiting, self._booking_ids, self._row_child_ids = [], [], [], []
        if user_id is None:
            return rx.redirect(SIGN_IN_PAGE)
        try:
            with session_scope() as session:
                activities = staff_activities(session, user_id)
                self._activity_ids = [a.id or 0 for a in activities]
                self.activities = [a.name for a in activities]
                if not activities:
                    return None
                self.activity = min(self.activity, len(activities) - 1)
                activity_id = self._activity_ids[self.activity]
                listing = daily_list(
                    session,
                    user_id=user_id,
                    activity_id=activity_id,
                    day=date.fromisoformat(self.day),
                )
                children = registered_children(session, user_id=user_id, activity_id=activity_id)
        except Forbidden:
            return rx.redirect(GUARDIAN_HOME)
        self._booking_ids = [r.booking_id for r in listing.rows]
        self._row_child_ids = [r.child_id for r in listing.rows]
        self.rows = [
            ConsoleRow(r.child, r.family, r.attendance, r.absence_declared, r.justified)
            for r in listing.rows
        ]
        self.waiting = listing.waiting
        booked = set(self._row_child_ids)
        free = [c for c in children if c.id not in booked]
        self._child_ids = [c.id or 0 for c in free]
        self.children = [f"{c.last_name.upper()} {c.first_name}" for c in free]
        return None

    @rx.event
    async def show(self, form: dict):
        day = parse_day(str(form.get("day", "")))
        position = str(form.get("activity", ""))
        if day is not None:
            self.day = day.isoformat()
        if position.isdigit() and int(position) < len(self._activity_ids):
            self.activity = int(position)
        self.notice, self.error = "", ""
        return await self._refresh()

    @rx.event
    async def mark(self, position: int, value: str):
        user_id = await self._user()
        if user_id is None or not isinstance(position, int):
            return
        if not 0 <= position < len(self._booking_ids):
            return
        try:
            with session_scope() as session:
                set_attendance(
                    session, user_id=user_id, booking_id=self._booking_ids[position], value=value
                )
        except Forbidden:
            return
        await self._refresh()

    async def _change(self, child_id: int, book: bool) -> None:
        language = await current_language(self)
        user_id = await self._user()
        if user_id is None or not self._activity_ids:
            return
        try:
            with session_scope() as session:
                staff_change(
                    session,
                    user_id=user_id,
                    activity_id=self._activity_ids[self.activity],
                    child_id=child_id,
                    day=date.fromisoformat(self.day),
                    book=book,
                    now=utcnow(),
                )
        except BookingError as error:
            self.error = translate(language, error.key, days=self.day)
            return
        except Forbidden:
            return
        self.error = ""
        self.notice = translate(language, "planning.console.changed")
        await self._refresh()

    @rx.event
    async def cancel(self, position: int):
        if isinstance(position, int) and 0 <= position < len(self._row_child_ids):
            await self._change(self._row_child_ids[position], book=False)

    @rx.event
    async def book(self, form: dict):
        raw = str(form.get("child", ""))
        if raw.isdigit() and int(raw) < len(self._child_ids):
            await self._change(self._child_ids[int(raw)], book=True)

    @rx.event
    async def pdf(self):
        language = await current_language(self)
        user_id = await self._user()
        if user_id is None or not self._activity_ids:
            return None
        activity_id = self._activity_ids[self.activity]
        day = date.fromisoformat(self.day)
        try:
            with session_scope() as session:
                listing = daily_list(session, user_id=user_id, activity_id=activity_id, day=day)
                org = organisation(
                    session, staff_activity(session, user_id, activity_id).organisation_id
                )
        except Forbidden:
            return None
        keys = [
            "child",
            "family",
            "declared",
            "attendance",
            "signature",
            "waiting",
            "present",
            "absent",
            "absent_declared",
        ]
        headings = {k: translate(language, f"planning.pdf.{k}") for k in keys}
        headings["day"] = format_day(day, locale_for(language, org.country), "full")
        data = daily_pdf(listing, headings, language)
        return rx.download(data=data, filename=f"liste-{day.isoformat()}.pdf")
