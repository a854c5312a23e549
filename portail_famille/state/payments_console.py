"""The console's Payments screen: record a cheque, cash or a transfer; see every payment."""

from __future__ import annotations

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
from portail_famille.services.payments import PaymentError
from portail_famille.services.payments_staff import (
    DESK_METHODS,
    checkouts_to_review,
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


def _money(cents: int, currency: str, country: str) -> dict[str, str]:
    return {
        lang: format_money(Money(cents, currency), locale_for(lang, country)) for lang in LANGUAGES
    }


class PaymentsConsoleState(rx.State):
    invoices: list[str] = []  # "Famille Tremblay — 2026-G-000131 — 185,00 $", as a select shows
    payments: list[StaffPaymentRow] = []
    to_review: list[str] = []  # "Famille Tremblay — 281,50 $ — 2026-000003, 2026-000004 — pi_…"
    errors: dict[str, str] = {}
    notice: str = ""
    _invoice_ids: list[int] = []
    form_nonce: str = ""  # the desk payment form's submission token, new after each payment

    @rx.event
    async def load(self):
        self.errors, self.notice = {}, ""
        self.form_nonce = fresh_token()
        return await self._refresh()

    async def _refresh(self):
        user_id = await (await self.get_state(SessionState)).current_user_id()
        if user_id is None:
            return rx.redirect(SIGN_IN_PAGE)
        language = await current_language(self)
        try:
            with session_scope() as session:
                invoices = open_invoices_for_staff(session, user_id)
                payments = payments_for_staff(session, user_id)
                review = checkouts_to_review(session, user_id)
        except Forbidden:
            return rx.redirect(GUARDIAN_HOME)
        self._invoice_ids = [i.invoice_id for i in invoices]
        self.invoices = [
            f"{i.family} — {i.number} — {i.label} — "
            + format_money(Money(i.due_cents, i.currency), locale_for(language, i.country))
            for i in invoices
        ]
        self.to_review = [
            " — ".join(
                x
                for x in (
                    c.family,
                    format_money(
                        Money(c.amount_cents, c.currency), locale_for(language, c.country)
                    ),
                    c.invoices,
                    c.payment_intent,
                )
                if x
            )
            for c in review
        ]
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
        user_id = await (await self.get_state(SessionState)).current_user_id()
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
            key = "too_much" if refused.reason == "too_much" else "failed"
            self.errors = {"amount": translate(language, f"payments.console.{key}")}
            return None
        result = await self._refresh()
        self.form_nonce = fresh_token()
        self.notice = translate(language, "payments.console.recorded", number=number)
        return result
