"""The console's finance screens: family balances with the accounting exports, the statements
batch with its progress bar, and the attachment consents.

Pages send positions; ids stay in backend vars; every handler finds the staff member again.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date

import reflex as rx
from sqlmodel import Session

from portail_famille.db import get_engine, session_scope
from portail_famille.i18n import LANGUAGES
from portail_famille.i18n.catalog import translate
from portail_famille.i18n.formatting import format_day
from portail_famille.paths import GUARDIAN_HOME, SIGN_IN_PAGE
from portail_famille.services.access import Forbidden
from portail_famille.services.attachment_consent import (
    InvalidConsent,
    consent_rows,
    record_consent,
    withdraw_consent,
)
from portail_famille.services.family_balances import family_balances_for_staff
from portail_famille.services.statement_batch import (
    batch_choices,
    batch_progress,
    run_batch,
    start_batch,
)
from portail_famille.state.finances import PerLanguage, day_text, money_text
from portail_famille.state.lang import LangState, current_language
from portail_famille.state.session import SessionState


@dataclass
class BalanceRow:
    family: str
    organisation: str
    owed: PerLanguage
    open_invoices: int
    next_due: PerLanguage


@dataclass
class ConsentView:
    name: str
    consented: bool
    consented_on: PerLanguage
    evidence: str


async def _staff_user(state: rx.State) -> int | None:
    return await (await state.get_state(SessionState))._current_user_id()


class FinanceConsoleState(rx.State):
    rows: list[BalanceRow] = []

    @rx.event
    async def load(self):
        user_id = await _staff_user(self)
        if user_id is None:
            return rx.redirect(SIGN_IN_PAGE)
        try:
            with session_scope() as session:
                found = family_balances_for_staff(session, user_id=user_id)
        except Forbidden:
            return rx.redirect(GUARDIAN_HOME)
        self.rows = [
            BalanceRow(
                family=row.family,
                organisation=row.organisation,
                owed=money_text(row.owed_cents, row.currency, row.country),
                open_invoices=row.open_invoices,
                next_due=day_text(row.next_due, row.country, "medium"),
            )
            for row in found
        ]
        return LangState.apply_html_lang


class StatementBatchState(rx.State):
    choices: list[str] = []
    busy: bool = False
    total: int = 0
    deposited: int = 0
    rendered: int = 0
    progress: int = 0
    notice: str = ""
    _pairs: list[tuple[int, int]] = []  # (school id, billing service id)

    @rx.event
    async def load(self):
        user_id = await _staff_user(self)
        if user_id is None:
            return rx.redirect(SIGN_IN_PAGE)
        try:
            with session_scope() as session:
                pairs = batch_choices(session, user_id)
        except Forbidden:
            return rx.redirect(GUARDIAN_HOME)
        self._pairs = [(school.id or 0, service.id or 0) for school, service in pairs]
        self.choices = [f"{school.name} — {service.name}" for school, service in pairs]
        return LangState.apply_html_lang

    @rx.event(background=True)
    async def generate(self, form: dict):
        async with self:
            language = await current_language(self)
            user_id = await _staff_user(self)
            raw = str(form.get("batch_choice", ""))
            if user_id is None or self.busy:
                return
            if not (raw.isdigit() and int(raw) < len(self._pairs)):
                self.notice = translate(language, "finances.batch.choose")
                return
            school_id, service_id = self._pairs[int(raw)]
            try:
                with session_scope() as session:
                    batch_id = start_batch(
                        session, user_id=user_id, school_id=school_id, billing_service_id=service_id
                    )
            except Forbidden:
                self.notice = translate(language, "finances.batch.forbidden")
                return
            self.busy, self.progress, self.notice = True, 0, ""
            self.deposited = self.rendered = 0
        # The batch runs in a thread that hands PDFs to a process pool: the app stays responsive.
        task = asyncio.ensure_future(asyncio.to_thread(run_batch, get_engine(), batch_id))
        while True:
            done = task.done()
            with Session(get_engine()) as session:
                try:
                    batch = batch_progress(session, user_id=user_id, batch_id=batch_id)
                except Forbidden:
                    break
                total, deposited, rendered = batch.total, batch.deposited, batch.rendered
            async with self:
                self.total, self.deposited, self.rendered = total, deposited, rendered
                # Depositing is what families see: half the bar; the PDFs fill the rest.
                self.progress = (deposited + min(rendered, deposited)) * 50 // max(total, 1)
            if done:
                break
            await asyncio.sleep(0.5)
        failed = task.exception() is not None
        async with self:
            self.busy = False
            self.progress = 100 if not failed else self.progress
            self.notice = translate(
                language,
                "finances.batch.failed" if failed else "finances.batch.done",
                count=self.deposited,
            )


class ConsentState(rx.State):
    guardians: list[str] = []
    rows: list[ConsentView] = []
    errors: dict[str, str] = {}
    notice: str = ""
    _guardian_ids: list[int] = []

    @rx.event
    async def load(self):
        self.errors, self.notice = {}, ""
        return await self._refresh()

    async def _refresh(self):
        user_id = await _staff_user(self)
        if user_id is None:
            return rx.redirect(SIGN_IN_PAGE)
        try:
            with session_scope() as session:
                found = consent_rows(session, user_id=user_id)
        except Forbidden:
            return rx.redirect(GUARDIAN_HOME)
        self._guardian_ids = [row.guardian_id for row in found]
        self.guardians = [row.name for row in found]
        self.rows = [
            ConsentView(
                name=row.name,
                consented=row.consented_on is not None,
                consented_on={
                    lang: format_day(row.consented_on, lang, "medium") if row.consented_on else ""
                    for lang in LANGUAGES
                },
                evidence=row.evidence,
            )
            for row in found
        ]
        return LangState.apply_html_lang

    @rx.event
    async def record(self, form: dict):
        language = await current_language(self)
        user_id = await _staff_user(self)
        if user_id is None:
            return rx.redirect(SIGN_IN_PAGE)
        raw = str(form.get("consent_guardian", ""))
        errors: dict[str, str] = {}
        if not (raw.isdigit() and int(raw) < len(self._guardian_ids)):
            errors["consent_guardian"] = translate(language, "finances.consent.choose")
        try:
            consented_on = date.fromisoformat(str(form.get("consent_date", "")))
        except ValueError:
            errors["consent_date"] = translate(language, "finances.consent.date_required")
        self.errors, self.notice = errors, ""
        if errors:
            return None
        try:
            with session_scope() as session:
                record_consent(
                    session,
                    user_id=user_id,
                    guardian_id=self._guardian_ids[int(raw)],
                    consented_on=consented_on,
                    evidence=str(form.get("consent_evidence", "")),
                )
        except InvalidConsent as error:
            field = "consent_date" if "date" in str(error) else "consent_evidence"
            self.errors = {field: translate(language, str(error))}
            return None
        except Forbidden:
            self.notice = translate(language, "finances.batch.forbidden")
            return None
        result = await self._refresh()
        self.notice = translate(language, "finances.consent.recorded")
        return result

    @rx.event
    async def withdraw(self, position: int):
        if not isinstance(position, int) or not 0 <= position < len(self._guardian_ids):
            return None
        language = await current_language(self)
        user_id = await _staff_user(self)
        if user_id is None:
            return rx.redirect(SIGN_IN_PAGE)
        try:
            with session_scope() as session:
                withdraw_consent(session, user_id=user_id, guardian_id=self._guardian_ids[position])
        except Forbidden:
            self.notice = translate(language, "finances.batch.forbidden")
            return None
        result = await self._refresh()
        self.notice = translate(language, "finances.consent.withdrawn")
        return result
