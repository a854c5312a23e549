"""The console's Absences screen: the day's absences in the staff member's schools."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import reflex as rx
from babel.dates import format_time

from portail_famille.db import session_scope
from portail_famille.domain.absences import parse_clock, parse_day, parse_kind
from portail_famille.domain.local_time import local_today
from portail_famille.i18n.catalog import translate
from portail_famille.models import AbsenceKind
from portail_famille.paths import GUARDIAN_HOME, SIGN_IN_PAGE
from portail_famille.services.absences_staff import (
    AbsenceAlreadyRecorded,
    day_absences,
    mark_justified,
    pupils_for_staff,
    record_absence,
)
from portail_famille.services.access import Forbidden
from portail_famille.services.local_time import staff_today
from portail_famille.state.code_flow import MAIL_ERRORS
from portail_famille.state.lang import LangState, current_language
from portail_famille.state.session import SessionState


@dataclass
class StaffAbsenceView:
    child_name: str
    school: str
    group_name: str
    kind: str
    time: str
    by_family: bool
    justified: bool
    reason: dict[str, str]


class AbsenceConsoleState(rx.State):
    day: str = ""  # ISO date shown, as the date input takes it
    rows: list[StaffAbsenceView] = []
    pupils: list[str] = []
    errors: dict[str, str] = {}
    notice: str = ""
    _absence_ids: list[int] = []
    _pupil_ids: list[int] = []

    @rx.event
    async def load(self):
        self.errors, self.notice = {}, ""
        user_id = await (await self.get_state(SessionState))._current_user_id()
        with session_scope() as session:
            today = staff_today(session, user_id) if user_id is not None else local_today(None)
        self.day = today.isoformat()
        return await self._refresh()

    @rx.event
    async def show(self, form: dict):
        day = parse_day(str(form.get("day", "")))
        if day is not None:
            self.day = day.isoformat()
        return await self._refresh()

    async def _refresh(self):
        user_id = await (await self.get_state(SessionState))._current_user_id()
        self.rows, self._absence_ids = [], []
        if user_id is None:
            return rx.redirect(SIGN_IN_PAGE)
        try:
            with session_scope() as session:
                found = day_absences(session, user_id, date.fromisoformat(self.day))
                pupils = pupils_for_staff(session, user_id)
        except Forbidden:
            return rx.redirect(GUARDIAN_HOME)
        self._absence_ids = [row.absence_id for row in found]
        self.rows = [
            StaffAbsenceView(
                child_name=row.child_name,
                school=row.school,
                group_name=row.group_name,
                kind=row.kind,
                time=format_time(row.at_time, "HH:mm") if row.at_time else "",
                by_family=row.source == "family",
                justified=row.justified,
                reason={
                    "fr": " — ".join(x for x in (row.reason_fr, row.reason_text) if x),
                    "en": " — ".join(x for x in (row.reason_en, row.reason_text) if x),
                },
            )
            for row in found
        ]
        self._pupil_ids = [pupil.child_id for pupil in pupils]
        self.pupils = [pupil.label for pupil in pupils]
        return LangState.apply_html_lang

    @rx.event
    async def record(self, form: dict):
        language = await current_language(self)
        user_id = await (await self.get_state(SessionState))._current_user_id()
        if user_id is None:
            return rx.redirect(SIGN_IN_PAGE)
        raw = str(form.get("pupil", ""))
        day = parse_day(str(form.get("record_day", "")))
        kind = parse_kind(str(form.get("record_kind", ""))) or AbsenceKind.FULL_DAY
        at = parse_clock(str(form.get("record_time", "")))
        errors = {}
        if not (raw.isdigit() and int(raw) < len(self._pupil_ids)):
            errors["pupil"] = translate(language, "absences.console.pupil_required")
        if day is None:
            errors["record_day"] = translate(language, "absences.console.date_required")
        if kind != AbsenceKind.FULL_DAY and at is None:
            errors["record_time"] = translate(language, "absences.error.time_required")
        self.errors, self.notice = errors, ""
        if errors:
            return None
        assert day is not None
        try:
            with session_scope() as session:
                record_absence(session, user_id, self._pupil_ids[int(raw)], day, kind, at)
        except Forbidden:
            self.errors = {"pupil": translate(language, "absences.error.forbidden")}
            return None
        except AbsenceAlreadyRecorded:
            self.notice = translate(language, "absences.console.already_recorded")
            return None
        except MAIL_ERRORS:
            self.notice = translate(language, "mail.failed")
            return None
        self.day = day.isoformat()
        result = await self._refresh()
        self.notice = translate(language, "absences.console.recorded")
        return result

    @rx.event
    async def mark(self, position: int):
        if not isinstance(position, int) or not 0 <= position < len(self._absence_ids):
            return None
        language = await current_language(self)
        user_id = await (await self.get_state(SessionState))._current_user_id()
        if user_id is None:
            return rx.redirect(SIGN_IN_PAGE)
        try:
            with session_scope() as session:
                mark_justified(session, user_id, self._absence_ids[position])
        except Forbidden:
            self.notice = translate(language, "absences.error.forbidden")
            return None
        result = await self._refresh()
        self.notice = translate(language, "absences.console.marked")
        return result
