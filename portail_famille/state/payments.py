"""The parent's payments: unpaid invoices to pay by card, paid invoices, receipts, tax receipts.

The page sends positions in the list of unpaid invoices, never ids nor amounts; the ids stay here
and the service re-checks them and computes the amount. Invoices turn "paid" only when Stripe says
so: its signed webhook, or the Checkout Session retrieved from its API when the family comes back
(the success address carries the session's id). Until then the invoice is "payment in progress",
without a Pay button, and the page watches for the payment to land and updates by itself.
"""

from __future__ import annotations

import asyncio
import logging

import reflex as rx
import stripe

from portail_famille.config import get_settings
from portail_famille.db import session_scope
from portail_famille.i18n.catalog import translate
from portail_famille.models.base import utcnow
from portail_famille.paths import PAYMENTS_PAGE, SIGN_IN_PAGE
from portail_famille.services.access import Forbidden
from portail_famille.services.card_checkout import (
    CardPaymentUnavailable,
    start_checkout,
    stripe_client,
)
from portail_famille.services.card_sync import (
    check_with_stripe,
    in_progress_checkouts,
    mail_receipt,
    returned_from_checkout,
)
from portail_famille.services.payer import InvoiceView, reachable_invoices
from portail_famille.services.payments import PaymentError
from portail_famille.state.lang import LangState, current_language
from portail_famille.state.payment_rows import (
    ContactRow,
    InvoiceRow,
    PaymentsView,
    ReceiptRow,
    TaxRow,
    invoice_row,
    read_payments,
    totals,
)
from portail_famille.state.session import SessionState

__all__ = ["ContactRow", "InvoiceRow", "PaymentsState", "ReceiptRow", "TaxRow", "invoice_row"]

_log = logging.getLogger(__name__)
WATCH_EVERY_SECONDS = 3.0
WATCH_ROUNDS = 200  # ten minutes; later, the periodic check settles it and a reload shows it
ASK_STRIPE_EVERY = 10  # rounds: the page asks Stripe itself every 30 s, in case no webhook comes


class PaymentsState(rx.State):
    open_invoices: list[InvoiceRow] = []
    paid_invoices: list[InvoiceRow] = []
    receipts: list[ReceiptRow] = []
    tax_receipts: list[TaxRow] = []
    contacts: list[ContactRow] = []
    balance: dict[str, str] = {}
    selected_total: dict[str, str] = {}
    payable_total: dict[str, str] = {}  # what "pay everything" asks: not what is in progress
    credit: dict[str, str] = {}  # credit kept on the family's account, per language
    card_available: bool = False
    payable_count: int = 0  # open invoices not already in a payment in progress
    in_progress: bool = False
    busy: bool = False
    notice: str = ""
    error: str = ""
    _invoice_ids: list[int] = []
    _views: list[InvoiceView] = []
    _attempt: str = ""
    _watching: bool = False

    async def _user_id(self) -> int | None:
        return await (await self.get_state(SessionState))._current_user_id()

    def _show(self, view: PaymentsView) -> None:
        self._views = view.open_views
        self._invoice_ids = [v.invoice_id for v in view.open_views]
        self.open_invoices = view.open_invoices
        self.paid_invoices = view.paid_invoices
        self.receipts = view.receipts
        self.tax_receipts = view.tax_receipts
        self.contacts = view.contacts
        self.credit = view.credit
        self.card_available = view.card_available
        self.balance = totals(view.open_views)
        self._select_total()
        self.payable_total = view.payable_total
        self.payable_count = view.payable_count
        self.in_progress = bool(view.in_progress)
        self._attempt = view.attempt  # one per visit: a double tap pays once

    def _select_total(self) -> None:
        self.selected_total = totals(
            [v for v, row in zip(self._views, self.open_invoices, strict=True) if row.selected]
        )

    @rx.event
    async def load(self):
        user_id = await self._user_id()
        if user_id is None:
            return rx.redirect(SIGN_IN_PAGE)
        language = await current_language(self)
        query = self.router.url.query_parameters
        outcome = str(query.get("paiement", ""))
        checkout_session = str(query.get("session", ""))[:255]
        if outcome == "ok" and checkout_session:
            await asyncio.to_thread(_back_from_stripe, user_id, checkout_session)
        self._show(await asyncio.to_thread(read_payments, user_id))
        self.error = ""
        self.notice = (
            translate(language, f"payments.notice.{outcome}") if outcome in ("ok", "annule") else ""
        )
        if self.in_progress:
            return [LangState.apply_html_lang, PaymentsState.watch]
        return LangState.apply_html_lang

    @rx.event
    async def load_summary(self):
        """For the home page: the balance and the unpaid invoices, nothing else to wait for."""
        user_id = await self._user_id()
        if user_id is not None:
            self._show(await asyncio.to_thread(read_payments, user_id))
            self.notice, self.error = "", ""
            if self.in_progress:
                return PaymentsState.watch
        return None

    @rx.event(background=True)
    async def watch(self):
        """While a payment is in progress, re-reads every few seconds (and asks Stripe now and
        then) until it lands; one watcher per tab."""
        async with self:
            if self._watching or not self.in_progress:
                return
            self._watching = True
            user_id = await self._user_id()
            language = await current_language(self)
        try:
            for round_number in range(1, WATCH_ROUNDS + 1):
                if user_id is None:
                    return
                await asyncio.sleep(WATCH_EVERY_SECONDS)
                if round_number % ASK_STRIPE_EVERY == 0:
                    await asyncio.to_thread(_ask_stripe, user_id)
                view = await asyncio.to_thread(read_payments, user_id)
                async with self:
                    landed = len(view.paid_invoices) > len(self.paid_invoices)
                    if landed or not view.in_progress:
                        self._show(view)
                        if landed:
                            self.notice = translate(language, "payments_inflight.landed")
                    if not self.in_progress:
                        return
        finally:
            async with self:
                self._watching = False

    @rx.event
    def toggle(self, position: int):
        if not isinstance(position, int) or not 0 <= position < len(self.open_invoices):
            return
        row = self.open_invoices[position]
        if row.in_progress:
            return
        row.selected = not row.selected
        self._select_total()

    @rx.event(background=True)
    async def pay_selected(self):
        async with self:
            positions = [i for i, row in enumerate(self.open_invoices) if row.selected]
        return await self._pay(positions)

    @rx.event(background=True)
    async def pay_all(self):
        """The home's "pay everything": one tap here, one on Stripe's page."""
        async with self:
            positions = [i for i, row in enumerate(self.open_invoices) if not row.in_progress]
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
        if url is None:
            view = await asyncio.to_thread(read_payments, user_id)
        async with self:
            self.busy = False
            if url is None:
                self.error = translate(language, error_key)
                self._show(view)
                return PaymentsState.watch if self.in_progress else None
        return rx.redirect(url)  # Stripe's page, in this tab (another host: a full load)


def _back_from_stripe(user_id: int, checkout_session: str) -> None:
    """Runs in a thread: marks the checkout in progress and asks Stripe whether it was paid."""
    try:
        client = stripe_client()
    except CardPaymentUnavailable:
        return
    with session_scope() as session:
        returned_from_checkout(session, client, user_id=user_id, stripe_session_id=checkout_session)


def _ask_stripe(user_id: int) -> None:
    """Runs in a thread: retrieves this account's sessions in progress from Stripe."""
    try:
        client = stripe_client()
    except CardPaymentUnavailable:
        return
    with session_scope() as session:
        invoice_ids = [i.id for i in reachable_invoices(session, user_id) if i.id is not None]
        for checkout in in_progress_checkouts(session, invoice_ids, utcnow()):
            if checkout.user_id != user_id or checkout.id is None:
                continue
            try:
                result = check_with_stripe(session, client, checkout.id)
            except stripe.StripeError:
                session.rollback()
                continue
            mail_receipt(session, result.payment_id)


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
        if refused.reason == "in_progress":
            return "payments_inflight.error.in_progress", None
        known = {"mixed", "already_paid"}
        return f"payments.error.{refused.reason if refused.reason in known else 'failed'}", None
    except stripe.StripeError:
        _log.exception("Stripe refused or did not answer")
        return "payments.error.failed", None
