"""The parent's payments: unpaid invoices to pay by card, paid invoices, receipts, tax receipts.

The page sends positions in the list of unpaid invoices, never ids nor amounts; the ids stay here
and the service re-checks them and computes the amount. Invoices turn "paid" only when Stripe's
signed webhook says so; coming back from Stripe only reloads.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import reflex as rx
import stripe

from portail_famille.api.payment_documents import receipt_href, tax_receipt_href
from portail_famille.config import get_settings
from portail_famille.db import session_scope
from portail_famille.domain.money import Money
from portail_famille.i18n import LANGUAGES
from portail_famille.i18n.catalog import translate
from portail_famille.i18n.formatting import format_day, format_money, locale_for
from portail_famille.models import Organisation
from portail_famille.paths import PAYMENTS_PAGE, SIGN_IN_PAGE
from portail_famille.services.access import Forbidden
from portail_famille.services.card_checkout import (
    CardPaymentUnavailable,
    card_payment_available,
    start_checkout,
)
from portail_famille.services.payer import (
    InvoiceView,
    open_invoices_for_user,
    paid_invoices_for_user,
    payer_guardians,
    payments_for_user,
)
from portail_famille.services.payments import PaymentError
from portail_famille.services.receipts import tax_years_for_user
from portail_famille.services.receipts_pdf import tax_receipt_title
from portail_famille.state.lang import LangState, current_language
from portail_famille.state.session import SessionState

_log = logging.getLogger(__name__)


@dataclass
class InvoiceRow:
    number: str
    label: str
    service: str
    payer: str
    organisation: str
    due_on: dict[str, str]
    due: dict[str, str]  # what is left to pay
    paid: dict[str, str]
    paid_on: dict[str, str]
    method: dict[str, str]
    selected: bool


@dataclass
class ReceiptRow:
    number: str
    organisation: str
    received_on: dict[str, str]
    amount: dict[str, str]
    method: dict[str, str]
    href: str


@dataclass
class TaxRow:
    title: dict[str, str]
    organisation: str
    href: str


@dataclass
class ContactRow:
    organisation: str
    email: str
    phone: str


def _per_language(text: Callable[[str], str]) -> dict[str, str]:
    return {language: text(language) for language in LANGUAGES}


def _money(cents: int, currency: str, country: str) -> dict[str, str]:
    return _per_language(
        lambda lang: format_money(Money(cents, currency), locale_for(lang, country))
    )


def invoice_row(view: InvoiceView, selected: bool = False) -> InvoiceRow:
    return InvoiceRow(
        number=view.number,
        label=view.label,
        service=view.service,
        payer=view.payer,
        organisation=view.organisation,
        due_on=_per_language(lambda lang: format_day(view.due_on, locale_for(lang, view.country))),
        due=_money(view.due_cents, view.currency, view.country),
        paid=_money(view.paid_cents, view.currency, view.country),
        paid_on=_per_language(
            lambda lang: (
                format_day(view.paid_on.date(), locale_for(lang, view.country))
                if view.paid_on
                else ""
            )
        ),
        method=_per_language(
            lambda lang: translate(lang, f"payments.method.{view.method}") if view.method else ""
        ),
        selected=selected,
    )


def totals(views: list[InvoiceView]) -> dict[str, str]:
    """The amounts left to pay, one per currency ("185,00 $ + 58,30 €")."""
    by_currency: dict[tuple[str, str], int] = defaultdict(int)
    for view in views:
        by_currency[(view.currency, view.country)] += view.due_cents
    return _per_language(
        lambda lang: " + ".join(
            format_money(Money(cents, currency), locale_for(lang, country))
            for (currency, country), cents in sorted(by_currency.items())
        )
    )


class PaymentsState(rx.State):
    open_invoices: list[InvoiceRow] = []
    paid_invoices: list[InvoiceRow] = []
    receipts: list[ReceiptRow] = []
    tax_receipts: list[TaxRow] = []
    contacts: list[ContactRow] = []
    balance: dict[str, str] = {}
    selected_total: dict[str, str] = {}
    card_available: bool = False
    busy: bool = False
    notice: str = ""
    error: str = ""
    _invoice_ids: list[int] = []
    _views: list[InvoiceView] = []
    _attempt: str = ""

    async def _user_id(self) -> int | None:
        return await (await self.get_state(SessionState)).current_user_id()

    def _fill(self, user_id: int) -> None:
        with session_scope() as session:
            open_views = open_invoices_for_user(session, user_id)
            paid_views = paid_invoices_for_user(session, user_id)
            payments = payments_for_user(session, user_id)
            years = tax_years_for_user(session, user_id)
            organisation_ids = {g.organisation_id for g in payer_guardians(session, user_id)}
            organisations = [session.get(Organisation, i) for i in sorted(organisation_ids)]
        self._views = open_views
        self._invoice_ids = [view.invoice_id for view in open_views]
        self.open_invoices = [invoice_row(view, True) for view in open_views]
        self.paid_invoices = [invoice_row(view) for view in paid_views]
        self.balance = totals(open_views)
        self.selected_total = dict(self.balance)
        self.receipts = [
            ReceiptRow(
                number=payment.receipt_number,
                organisation=organisation.name,
                received_on={
                    lang: format_day(
                        payment.received_at.date(), locale_for(lang, organisation.country)
                    )
                    for lang in LANGUAGES
                },
                amount=_money(payment.amount_cents, payment.currency, organisation.country),
                method={
                    lang: translate(lang, f"payments.method.{payment.method}") for lang in LANGUAGES
                },
                href=receipt_href(payment.reference),
            )
            for payment, organisation in payments
        ]
        self.tax_receipts = [
            TaxRow(
                title={
                    lang: tax_receipt_title(organisation.country, lang, year) for lang in LANGUAGES
                },
                organisation=organisation.name,
                href=tax_receipt_href(organisation.slug, year),
            )
            for _guardian, organisation, year in years
        ]
        self.contacts = [
            ContactRow(o.name, o.email or "", o.phone or "") for o in organisations if o is not None
        ]
        self.card_available = card_payment_available()
        self._attempt = secrets.token_urlsafe(12)  # one per visit: a double tap pays once

    @rx.event
    async def load(self):
        user_id = await self._user_id()
        if user_id is None:
            return rx.redirect(SIGN_IN_PAGE)
        self._fill(user_id)
        language = await current_language(self)
        outcome = self.router.url.query_parameters.get("paiement", "")
        self.error = ""
        self.notice = (
            translate(language, f"payments.notice.{outcome}") if outcome in ("ok", "annule") else ""
        )
        return LangState.apply_html_lang

    @rx.event
    async def load_summary(self):
        """For the home page: the balance and the unpaid invoices, nothing else to wait for."""
        user_id = await self._user_id()
        if user_id is not None:
            self._fill(user_id)
            self.notice, self.error = "", ""

    @rx.event
    def toggle(self, position: int):
        if not isinstance(position, int) or not 0 <= position < len(self.open_invoices):
            return
        self.open_invoices[position].selected = not self.open_invoices[position].selected
        self.selected_total = totals(
            [v for v, row in zip(self._views, self.open_invoices, strict=True) if row.selected]
        )

    @rx.event(background=True)
    async def pay_selected(self):
        async with self:
            positions = [i for i, row in enumerate(self.open_invoices) if row.selected]
        return await self._pay(positions)

    @rx.event(background=True)
    async def pay_all(self):
        """The home's "pay everything": one tap here, one on Stripe's page."""
        async with self:
            positions = list(range(len(self._invoice_ids)))
        return await self._pay(positions)

    @rx.event(background=True)
    async def pay_one(self, position: int):
        return await self._pay([position])

    async def _pay(self, positions: list[int]):
        """Opens a Checkout Session for these positions and sends the browser to Stripe."""
        async with self:
            if self.busy:
                return None
            language = await current_language(self)
            user_id = await self._user_id()
            if user_id is None:
                return rx.redirect(SIGN_IN_PAGE)
            valid = isinstance(positions, list) and all(
                isinstance(p, int) and 0 <= p < len(self._invoice_ids) for p in positions
            )
            if not valid or not positions:
                self.error = translate(language, "payments.error.none_selected")
                return None
            invoice_ids = [self._invoice_ids[p] for p in positions]
            attempt = self._attempt
            self.busy, self.error, self.notice = True, "", ""
        error_key, url = await asyncio.to_thread(_start, user_id, invoice_ids, attempt, language)
        async with self:
            self.busy = False
            if url is None:
                self.error = translate(language, error_key)
                self._fill(user_id)
                return None
        return rx.redirect(url)  # Stripe's page, in this tab (another host: a full load)


def _start(
    user_id: int, invoice_ids: list[int], attempt: str, language: str
) -> tuple[str, str | None]:
    """(error key, Stripe's page address or None). Runs in a thread: it waits on Stripe."""
    try:
        with session_scope() as session:
            started = start_checkout(
                session,
                user_id=user_id,
                invoice_ids=invoice_ids,
                attempt=attempt,
                return_url=f"{get_settings().base_url}{PAYMENTS_PAGE}",
                language=language,
            )
        return "", started.url
    except CardPaymentUnavailable:
        return "payments.error.unavailable", None
    except Forbidden:
        return "payments.error.forbidden", None
    except PaymentError as refused:
        known = {"mixed", "already_paid"}
        return f"payments.error.{refused.reason if refused.reason in known else 'failed'}", None
    except stripe.StripeError:
        _log.exception("Stripe refused or did not answer")
        return "payments.error.failed", None
