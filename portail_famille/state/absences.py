"""The Absences tile: a child's absences; declare one ahead; justify one the school recorded.

The page sends positions (of an absence, of a reason); ids stay here and services re-check them.
"""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx
from babel.dates import format_time

from portail_famille.db import session_scope
from portail_famille.domain.absences import parse_clock, parse_day, parse_kind
from portail_famille.i18n import LANGUAGES
from portail_famille.i18n.catalog import translate
from portail_famille.i18n.formatting import format_day, locale_for
from portail_famille.services.absences import (
    AbsenceError,
    AbsenceRow,
    Declaration,
    absences_for_child,
    declare_absence,
    justify_absence,
    reasons_for_child,
)
from portail_famille.services.access import Forbidden
from portail_famille.state.children import ChildSelectionState
from portail_famille.state.lang import LangState, current_language
from portail_famille.state.submission_token import fresh_token, token_of


@dataclass
class AbsenceView:
    day: dict[str, str]  # "12 novembre 2026" or "12 – 14 novembre 2026", per language
    kind: str
    time: str
    by_family: bool
    justified: bool
    reason: dict[str, str]


def absence_days(row: AbsenceRow, language: str) -> str:
    locale = locale_for(language, row.country)
    first = format_day(row.starts_on, locale)
    return first if row.ends_on == row.starts_on else f"{first} – {format_day(row.ends_on, locale)}"


def _view(row: AbsenceRow) -> AbsenceView:
    reasons = {"fr": row.reason_fr, "en": row.reason_en}
    return AbsenceView(
        day={lang: absence_days(row, lang) for lang in LANGUAGES},
        kind=row.kind,
        time=format_time(row.at_time, "HH:mm") if row.at_time else "",
        by_family=row.source == "family",
        justified=row.justified,
        reason={
            lang: " — ".join(x for x in (reasons[lang], row.reason_text) if x) for lang in LANGUAGES
        },
    )


class AbsencesState(rx.State):
    absences: list[AbsenceView] = []
    reasons_fr: list[str] = []  # the organisation's reasons, in each language
    reasons_en: list[str] = []
    enrolled: bool = True
    errors: dict[str, str] = {}
    notice: str = ""
    justifying: int = -1  # position of the absence being justified, -1 for none
    form_nonce: str = ""  # the declaration form's submission token, new after each success
    _absence_ids: list[int] = []
    _reason_ids: list[int] = []

    @rx.event
    async def load(self):
        self.errors, self.notice, self.justifying = {}, "", -1
        self.form_nonce = fresh_token()
        await self._refresh()
        return LangState.apply_html_lang

    @rx.event
    async def reload(self):
        """After a child switch."""
        self.errors, self.notice, self.justifying = {}, "", -1
        await self._refresh()

    async def _refresh(self) -> tuple[int, int] | None:
        selection = await (await self.get_state(ChildSelectionState))._selected_child("view")
        self.absences, self._absence_ids, self._reason_ids = [], [], []
        self.reasons_fr, self.reasons_en = [], []
        if selection is None:
            return None
        user_id, child_id = selection
        try:
            with session_scope() as session:
                rows = absences_for_child(session, user_id, child_id)
                try:
                    reasons = reasons_for_child(session, user_id, child_id)
                    self.enrolled = True
                except Forbidden:
                    reasons, self.enrolled = [], False
        except Forbidden:
            return None
        self._absence_ids = [row.absence_id for row in rows]
        self.absences = [_view(row) for row in rows]
        self._reason_ids = [reason.id or 0 for reason in reasons]
        self.reasons_fr = [r.label_fr for r in reasons]
        self.reasons_en = [r.label_en for r in reasons]
        return selection

    def _reason(self, form: dict) -> tuple[int | None, bool]:
        """(reason id or None for "other", whether the choice was valid)."""
        raw = str(form.get("reason", ""))
        if raw == "other":
            return None, True
        if raw.isdigit() and int(raw) < len(self._reason_ids):
            return self._reason_ids[int(raw)], True
        return None, False

    @rx.event
    async def declare(self, form: dict):
        language = await current_language(self)
        selection = await self._refresh()
        self.errors, self.notice = {}, ""
        if selection is None:
            return None
        reason_id, reason_ok = self._reason(form)
        declaration = Declaration(
            starts_on=parse_day(str(form.get("starts_on", ""))),
            ends_on=parse_day(str(form.get("ends_on", ""))),
            kind=parse_kind(str(form.get("kind", ""))),
            at_time=parse_clock(str(form.get("at_time", ""))),
            reason_id=reason_id,
            reason_text=str(form.get("reason_text", ""))[:500],
            reason_chosen=reason_ok,
        )
        try:
            with session_scope() as session:
                declare_absence(session, *selection, declaration, token=token_of(form))
        except AbsenceError as error:
            self.errors = {f: translate(language, key) for f, key in error.errors.items()}
            return None
        except Forbidden:
            self.notice = translate(language, "absences.error.forbidden")
            return None
        await self._refresh()
        self.form_nonce = fresh_token()
        self.notice = translate(language, "absences.declared")
        return None

    @rx.event
    def start_justify(self, position: int):
        valid = isinstance(position, int) and 0 <= position < len(self.absences)
        if valid and not self.absences[position].justified:
            self.justifying, self.errors, self.notice = position, {}, ""

    @rx.event
    def cancel_justify(self):
        self.justifying, self.errors = -1, {}

    @rx.event
    async def justify(self, form: dict):
        language = await current_language(self)
        position = self.justifying
        if not 0 <= position < len(self._absence_ids):
            return None
        absence_id = self._absence_ids[position]
        selection = await (await self.get_state(ChildSelectionState))._selected_child("view")
        if selection is None:
            return None
        reason_id, reason_ok = self._reason(form)
        text = str(form.get("justify_text", ""))[:500]
        self.errors, self.notice = {}, ""
        try:
            with session_scope() as session:
                if not reason_ok:
                    raise AbsenceError({"reason": "absences.error.reason"})
                justify_absence(session, *selection, absence_id, reason_id, text)
        except AbsenceError as error:
            fields = {"reason": "justify_reason", "reason_text": "justify_text"}
            self.errors = {fields[f]: translate(language, k) for f, k in error.errors.items()}
            return None
        except Forbidden:
            self.notice = translate(language, "absences.error.forbidden")
            return None
        await self._refresh()
        self.justifying = -1
        self.notice = translate(language, "absences.justified_done")
        return None
