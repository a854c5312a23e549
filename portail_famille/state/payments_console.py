"""The console's Payments screen: record a cheque, cash or a transfer; see every payment; close
the cases of card money that paid nothing (refund through Stripe, or keep as credit)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import reflex as rx

from portail_famille.api.payment_documents import receipt_href
from portail_famille.db import session_scope
from portail_famille.domain.amounts import parse_amount
from portail_famille.domain.money import Money
from portail_famille.i18n import LANGUAGES
from portail_famille.i18n.catalog import translate
from portail_famille.i18n.formatting import format_moment, format_money, locale_for
from portail_famille.models import PaymentMethod
from portail_famille.paths import GUARDIAN_HOME, SIGN_IN_PAGE
from portail_famille.services.access import Forbidden
from portail_famille.services.card_checkout import CardPaymentUnavailable, stripe_client
from portail_famille.services.family_credit import credit_for_invoices
from portail_famille.services.overpayments import (
    CaseError,
    CaseView,
    credit_case,
    open_cases_for_staff,
    refund_case,
)
from portail_famille.services.payments import PaymentError
from portail_famille.services.payments_staff import (
    DESK_METHODS,
    StaffInvoice,
    open_invoices_for_staff,
    payments_for_staff,
    record_desk_payment,
)
from portail_famille.state.lang import LangState, current_language
from portail_famille.state.session import SessionState
from portail_famille.state.submission_token import fresh_token, token_of


@dataclass
class StaffPaymentRow:
    receipt_number: str
    family: str
    payer: str
    invoices: str
    method: dict[str, str]
    amount: dict[str, str]
    received: dict[str, str]
    href: str


@dataclass
class CaseRow:
    family: str
    payer: str
    invoices: str
    reason: dict[str, str]
    amount: dict[str, str]
    refunding: bool


def _case_row(case: CaseView) -> CaseRow:
    return CaseRow(
        family=case.family,
        payer=case.payer,
        invoices=case.invoices,
        reason={
            lang: translate(lang, f"payments_inflight.console.reason.{case.reason}")
            for lang in LANGUAGES
        },
        amount=_money(case.amount_cents, case.currency, case.country),
        refunding=case.status == "refunding",
    )


def resolve_case(user_id: int, case_id: int, action: str) -> tuple[str, CaseView | None]:
    """Runs in a thread (a refund waits on Stripe): (catalogue key, the case before closing)."""
    try:
        with session_scope() as session:
            before = next(
                (c for c in open_cases_for_staff(session, user_id) if c.case_id == case_id), None
            )
            if action == "refund":
                _case, closed = refund_case(session, stripe_client(), user_id, case_id)
            else:
                _case, closed = credit_case(session, user_id, case_id)
    except Forbidden:
        return "payments.error.forbidden", None
    except CardPaymentUnavailable:
        return "payments_inflight.console.unavailable", None
    except CaseError as refused:
        return f"payments_inflight.console.{refused.reason}", None
    if not closed:
        return "payments_inflight.console.already_resolved", None
    done = "refunded" if action == "refund" else "credited"
    return f"payments_inflight.console.{done}", before


def _credit_note(language: str, invoice: StaffInvoice, cents: int) -> str:
    """Beside an invoice the family's credit could pay: how much credit they hold."""
    if cents <= 0:
        return ""
    amount = format_money(Money(cents, invoice.currency), locale_for(language, invoice.country))
    return " — " + translate(language, "payments_inflight.console.invoice_credit", amount=amount)


def _money(cents: int, currency: str, country: str) -> dict[str, str]:
    return {
        lang: format_money(Money(cents, currency), locale_for(lang, country)) for lang in LANGUAGES
    }


class PaymentsConsoleState(rx.State):
    invoices: list[str] = []  # "Famille Tremblay — 2026-G-000131 — 185,00 $", as a select shows
    payments: list[StaffPaymentRow] = []
    cases: list[CaseRow] = []  # card money that paid nothing: refund or keep as credit
    case_error: str = ""
    errors: dict[str, str] = {}
    notice: str = ""
    _invoice_ids: list[int] = []
    _case_ids: list[int] = []
    form_nonce: str = ""  # the desk payment form's submission token, new after each payment

    @rx.event
    async def load(self):
        self.errors, self.notice = {}, ""
        self.form_nonce = fresh_token()
        return await self._refresh()

    async def _refresh(self):
        user_id = await (await self.get_state(SessionState))._current_user_id()
        if user_id is None:
            return rx.redirect(SIGN_IN_PAGE)
        language = await current_language(self)
        try:
            with session_scope() as session:
                invoices = open_invoices_for_staff(session, user_id)
                payments = payments_for_staff(session, user_id)
                cases = open_cases_for_staff(session, user_id)
                credits = credit_for_invoices(session, [i.invoice_id for i in invoices])
        except Forbidden:
            return rx.redirect(GUARDIAN_HOME)
        self._invoice_ids = [i.invoice_id for i in invoices]
        self.invoices = [
            f"{i.family} — {i.number} — {i.label} — "
            + format_money(Money(i.due_cents, i.currency), locale_for(language, i.country))
            + _credit_note(language, i, credits.get(i.invoice_id, 0))
            for i in invoices
        ]
        self._case_ids = [c.case_id for c in cases]
        self.cases = [_case_row(c) for c in cases]
        self.payments = [
            StaffPaymentRow(
                receipt_number=p.receipt_number,
                family=p.family,
                payer=p.payer,
                invoices=p.invoices,
                method={lang: translate(lang, f"payments.method.{p.method}") for lang in LANGUAGES},
                amount=_money(p.amount_cents, p.currency, p.country),
                received={
                    lang: format_moment(p.received_at, p.timezone, locale_for(lang, p.country))
                    for lang in LANGUAGES
                },
                href=receipt_href(p.reference),
            )
            for p in payments
        ]
        return LangState.apply_html_lang

    @rx.event
    async def record(self, form: dict):
        language = await current_language(self)
        user_id = await (await self.get_state(SessionState))._current_user_id()
        if user_id is None:
            return rx.redirect(SIGN_IN_PAGE)
        raw = str(form.get("invoice", ""))
        method = str(form.get("method", ""))
        amount = parse_amount(str(form.get("amount", ""))[:32])
        note = str(form.get("note", ""))[:200]
        errors = {}
        if not (raw.isdigit() and int(raw) < len(self._invoice_ids)):
            errors["invoice"] = translate(language, "payments.console.invoice_required")
        if method not in {str(m) for m in DESK_METHODS}:
            errors["method"] = translate(language, "payments.console.method_required")
        if amount is None:
            errors["amount"] = translate(language, "payments.console.amount_invalid")
        self.errors, self.notice = errors, ""
        if errors:
            return None
        assert amount is not None
        try:
            with session_scope() as session:
                payment = record_desk_payment(
                    session,
                    user_id,
                    invoice_id=self._invoice_ids[int(raw)],
                    method=PaymentMethod(method),
                    amount_cents=amount,
                    note=note,
                    token=token_of(form),
                )
                number = payment.receipt_number
        except Forbidden:
            self.errors = {"invoice": translate(language, "payments.error.forbidden")}
            return None
        except PaymentError as refused:
            key = {
                "too_much": "payments.console.too_much",
                "no_credit": "payments_inflight.console.no_credit",
            }.get(refused.reason, "payments.console.failed")
            self.errors = {"amount": translate(language, key)}
            return None
        result = await self._refresh()
        self.form_nonce = fresh_token()
        self.notice = translate(language, "payments.console.recorded", number=number)
        return result

    @rx.event
    async def refund(self, position: int):
        """Refunds the case at this position through Stripe (scope re-checked by the service)."""
        return await self._resolve_case(position, "refund")

    @rx.event
    async def keep_as_credit(self, position: int):
        return await self._resolve_case(position, "credit")

    async def _resolve_case(self, position: int, action: str):
        language = await current_language(self)
        user_id = await (await self.get_state(SessionState))._current_user_id()
        if user_id is None:
            return rx.redirect(SIGN_IN_PAGE)
        self.notice, self.case_error = "", ""
        if not isinstance(position, int) or not 0 <= position < len(self._case_ids):
            self.case_error = translate(language, "payments_inflight.console.already_resolved")
            return None
        key, before = await asyncio.to_thread(
            resolve_case, user_id, self._case_ids[position], action
        )
        result = await self._refresh()
        if before is None:
            self.case_error = translate(language, key)
        else:
            amount = format_money(
                Money(before.amount_cents, before.currency), locale_for(language, before.country)
            )
            self.notice = translate(language, key, amount=amount, family=before.family)
        return result
