"""The Planning tile: per child and activity, a month to check and uncheck before each day's
cut-off, a summary before saving, the latest changes, absences, late requests, weekly template.

The page sends positions (of an activity, of a day in the month); ids stay here and every
handler re-checks the guardian's right to book through the services.
"""

from __future__ import annotations

from datetime import date, timedelta

import reflex as rx

from portail_famille.db import session_scope
from portail_famille.domain.money import Money
from portail_famille.i18n.catalog import translate
from portail_famille.i18n.formatting import format_money, locale_for
from portail_famille.services import planning_late  # noqa: F401  (registers LATE_BOOKING)
from portail_famille.services.access import Forbidden
from portail_famille.services.bookings import BookingError, Outcome
from portail_famille.services.planning_catalog import organisation
from portail_famille.services.planning_family import (
    absence_for,
    activities_for,
    history_for,
    month_for,
    repeat_week,
    save_for,
)
from portail_famille.services.planning_late import request_late_booking
from portail_famille.services.request_registry import RequestInvalid
from portail_famille.state.children import ChildSelectionState
from portail_famille.state.lang import LangState, current_language
from portail_famille.state.planning_views import (
    DayCell,
    TextLine,
    cells,
    day_name,
    history_lines,
    month_title,
    next_deadline,
    now_utc,
    summary,
)


class PlanningState(rx.State):
    allowed: bool = True  # the guardian may book for this child
    activities: list[str] = []
    activity: int = 0
    title: dict[str, str] = {}
    days: list[DayCell] = []
    changes: int = 0  # days changed and not yet saved
    reviewing: bool = False
    recap: list[TextLine] = []
    history: list[TextLine] = []
    focus: int = -1  # position of a closed day the parent opened
    next_deadline: dict[str, str] = {}  # the soonest cut-off of the month still ahead
    focus_label: dict[str, str] = {}
    focus_booked: bool = False  # the closed day is booked: absence; otherwise: late request
    focus_absent: bool = False
    notice: str = ""
    error: str = ""
    _activity_ids: list[int] = []
    _month: str = ""
    _pending: dict[str, bool] = {}
    _days: list[str] = []  # iso day of each position
    _country: str = "FR"

    async def _selection(self) -> tuple[int, int] | None:
        return await (await self.get_state(ChildSelectionState))._selected_child("view")

    def _month_start(self) -> date:
        return date.fromisoformat(self._month) if self._month else now_utc().date().replace(day=1)

    async def _refresh(self) -> tuple[int, int, int] | None:
        """Reloads everything; (user, child, activity) when the guardian may book."""
        self.days, self.history, self.recap, self._days = [], [], [], []
        selection = await self._selection()
        if selection is None:
            return None
        user_id, child_id = selection
        now = now_utc()
        try:
            with session_scope() as session:
                activities = activities_for(session, user_id=user_id, child_id=child_id)
                self.allowed = True
                self._activity_ids = [a.id or 0 for a in activities]
                self.activities = [a.name for a in activities]
                if not activities:
                    return None
                self.activity = min(self.activity, len(activities) - 1)
                activity_id = self._activity_ids[self.activity]
                month = month_for(
                    session,
                    user_id=user_id,
                    child_id=child_id,
                    activity_id=activity_id,
                    month=self._month_start(),
                    now=now,
                )
                rows, country, timezone = history_for(
                    session, user_id=user_id, child_id=child_id, now=now
                )
        except Forbidden:
            self.allowed, self.activities, self._activity_ids = False, [], []
            return None
        self.title = month_title(month.first, month.country)
        self.next_deadline = next_deadline(month)
        self.days = cells(month, self._pending)
        self._days = [v.day.isoformat() for v in month.days]
        self.recap = summary(month, self._pending)
        self.changes = len(self.recap)
        self.history = history_lines(rows, country, timezone)
        self._country = country
        return user_id, child_id, activity_id

    def _reset(self) -> None:
        self._pending, self.reviewing, self.focus, self.notice, self.error = {}, False, -1, "", ""

    @rx.event
    async def load(self):
        self._reset()
        self._month, self.activity = "", 0
        await self._refresh()
        return LangState.apply_html_lang

    @rx.event
    async def reload(self):
        """After a child switch: that child's first activity, this month."""
        self._reset()
        self.activity = 0
        await self._refresh()

    @rx.event
    async def pick_activity(self, position: int):
        if isinstance(position, int) and 0 <= position < len(self._activity_ids):
            self._reset()
            self.activity = position
            await self._refresh()

    @rx.event
    async def shift_month(self, step: int):
        if step not in (-1, 1):
            return
        first = self._month_start()
        moved = (first + timedelta(days=32 * step if step > 0 else -1)).replace(day=1)
        today = now_utc().date().replace(day=1)
        if not (today - timedelta(days=400) <= moved <= today + timedelta(days=400)):
            return
        self._month, self.focus, self.reviewing = moved.isoformat(), -1, False
        await self._refresh()

    def _cell(self, position: int) -> DayCell | None:
        for cell in self.days:
            if cell.position == position and isinstance(position, int) and position >= 0:
                return cell
        return None

    @rx.event
    async def tap(self, position: int):
        """An open day toggles; a closed day opens its panel (absence, late request)."""
        cell = self._cell(position)
        if cell is None or cell.kind == "off":
            return
        self.notice, self.error = "", ""
        if cell.kind == "closed":
            self.focus = position
            self.focus_label = cell.label
            self.focus_booked = cell.checked and not cell.waiting
            self.focus_absent = cell.absent
            return
        iso = self._days[position]
        want = not cell.checked
        self._pending[iso] = want
        self.focus, self.reviewing = -1, False
        await self._refresh()

    @rx.event
    def close_focus(self):
        self.focus = -1

    @rx.event
    def review(self):
        if self.changes:
            self.reviewing, self.focus = True, -1

    @rx.event
    async def back(self):
        self.reviewing = False

    @rx.event
    async def discard(self):
        self._reset()
        await self._refresh()

    @rx.event
    async def confirm(self):
        """Saves every pending change in one transaction, then says what was recorded."""
        language = await current_language(self)
        ids = await self._refresh()
        if ids is None or not self.reviewing:
            return
        user_id, child_id, activity_id = ids
        add = [date.fromisoformat(d) for d, want in self._pending.items() if want]
        remove = [date.fromisoformat(d) for d, want in self._pending.items() if not want]
        try:
            with session_scope() as session:
                outcomes = save_for(
                    session,
                    user_id=user_id,
                    child_id=child_id,
                    activity_id=activity_id,
                    add=add,
                    remove=remove,
                    now=now_utc(),
                )
        except BookingError as error:
            self.reviewing = False
            self.error = await self._explain(error, language, child_id)
            return
        except Forbidden:
            self.allowed, self.reviewing = False, False
            return
        self._reset()
        await self._refresh()
        self.notice = self._saved(outcomes, language)

    def _saved(self, outcomes: list[Outcome], language: str) -> str:
        country = self._country
        parts = [
            translate(
                language,
                f"planning.saved.{o.action}",
                day=day_name(o.day, country, language),
            )
            for o in outcomes
        ]
        return translate(language, "planning.saved", changes=" ; ".join(parts) or "—")

    async def _explain(self, error: BookingError, language: str, child_id: int) -> str:
        country = self._country
        days = ", ".join(day_name(d, country, language) for d in error.days)
        refusal = error.refusal
        if refusal is None:
            return translate(language, error.key, days=days)
        with session_scope() as session:
            from portail_famille.models import Child

            child = session.get(Child, child_id)
            org = organisation(session, child.organisation_id if child else 0)
            locale = locale_for(language, org.country)

            def money(cents: int) -> str:
                return format_money(Money(cents, org.currency), locale)

        return translate(
            language,
            refusal.key,
            balance=money(refusal.balance_cents),
            threshold=money(refusal.threshold_cents),
            missing=money(refusal.needed_cents),
        )

    @rx.event
    async def declare_absence(self):
        language = await current_language(self)
        position = self.focus
        ids = await self._refresh()
        if ids is None or not 0 <= position < len(self._days):
            return
        user_id, child_id, activity_id = ids
        try:
            with session_scope() as session:
                absence_for(
                    session,
                    user_id=user_id,
                    child_id=child_id,
                    activity_id=activity_id,
                    day=date.fromisoformat(self._days[position]),
                    now=now_utc(),
                )
        except BookingError as error:
            self.error = await self._explain(error, language, child_id)
            return
        except Forbidden:
            return
        self.focus = -1
        await self._refresh()
        self.notice = translate(language, "planning.absence_done")

    @rx.event
    async def late_request(self, form: dict):
        language = await current_language(self)
        position = self.focus
        ids = await self._refresh()
        if ids is None or not 0 <= position < len(self._days):
            return
        user_id, child_id, activity_id = ids
        try:
            with session_scope() as session:
                request_late_booking(
                    session,
                    user_id=user_id,
                    child_id=child_id,
                    activity_id=activity_id,
                    day=date.fromisoformat(self._days[position]),
                    comment=str(form.get("late_comment", ""))[:500],
                )
        except RequestInvalid as invalid:
            key = next(iter(invalid.errors.values()), "planning.late.error.day")
            self.error = translate(language, key)
            return
        except Forbidden:
            return
        self.focus = -1
        self.notice = translate(language, "planning.late.sent")

    @rx.event
    async def repeat(self, form: dict):
        """The weekly template: these weekdays, every open week from one date to another."""
        language = await current_language(self)
        ids = await self._refresh()
        if ids is None:
            return
        user_id, child_id, activity_id = ids
        weekdays = {n for n in range(1, 8) if form.get(f"wd{n}") in (True, "on", "true")}
        try:
            first = date.fromisoformat(str(form.get("repeat_from", "")))
            last = date.fromisoformat(str(form.get("repeat_to", "")))
        except ValueError:
            self.error = translate(language, "planning.error.template")
            return
        try:
            with session_scope() as session:
                outcomes = repeat_week(
                    session,
                    user_id=user_id,
                    child_id=child_id,
                    activity_id=activity_id,
                    weekdays=weekdays,
                    first=first,
                    last=last,
                    now=now_utc(),
                )
        except BookingError as error:
            self.error = await self._explain(error, language, child_id)
            return
        except Forbidden:
            return
        self._reset()
        await self._refresh()
        self.notice = translate(language, "planning.template_done", count=str(len(outcomes)))
