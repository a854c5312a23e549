"""What the parent's payments page shows, read in one go off the event loop and turned into rows
(amounts, dates and methods already formatted in each language)."""

from __future__ import annotations

import secrets
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from portail_famille.api.payment_documents import receipt_href, tax_receipt_href
from portail_famille.db import session_scope
from portail_famille.domain.money import Money
from portail_famille.i18n import LANGUAGES
from portail_famille.i18n.catalog import translate
from portail_famille.i18n.formatting import format_day, format_money, locale_for
from portail_famille.models import Organisation
from portail_famille.models.base import utcnow
from portail_famille.services.card_checkout import card_payment_available
from portail_famille.services.card_sync import invoices_in_progress
from portail_famille.services.family_credit import credit_balances_for_user
from portail_famille.services.payer import (
    InvoiceView,
    open_invoices_for_user,
    paid_invoices_for_user,
    payer_guardians,
    payments_for_user,
)
from portail_famille.services.receipts import tax_years_for_user
from portail_famille.services.receipts_pdf import tax_receipt_title


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
    in_progress: bool = False  # back from Stripe, its webhook not yet in: no Pay button


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


def invoice_row(view: InvoiceView, selected: bool = False, in_progress: bool = False) -> InvoiceRow:
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
        selected=selected and not in_progress,
        in_progress=in_progress,
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


@dataclass
class PaymentsView:
    """Everything PaymentsState shows, ready to assign."""

    open_views: list[InvoiceView]
    in_progress: set[int]
    open_invoices: list[InvoiceRow]
    paid_invoices: list[InvoiceRow]
    receipts: list[ReceiptRow]
    tax_receipts: list[TaxRow]
    contacts: list[ContactRow]
    credit: dict[str, str]
    card_available: bool
    payable_total: dict[str, str]  # what "pay everything" asks: not what is in progress
    payable_count: int
    attempt: str = field(default_factory=lambda: secrets.token_urlsafe(12))


def read_payments(user_id: int) -> PaymentsView:
    """Runs in a thread: database reads and formatting, never on the event loop."""
    with session_scope() as session:
        open_views = open_invoices_for_user(session, user_id)
        paid_views = paid_invoices_for_user(session, user_id)
        payments = payments_for_user(session, user_id)
        years = tax_years_for_user(session, user_id)
        organisation_ids = {g.organisation_id for g in payer_guardians(session, user_id)}
        organisations = [session.get(Organisation, i) for i in sorted(organisation_ids)]
        pending = invoices_in_progress(session, [v.invoice_id for v in open_views], utcnow())
        credits = credit_balances_for_user(session, user_id)
    return PaymentsView(
        open_views=open_views,
        in_progress=pending,
        open_invoices=[invoice_row(view, True, view.invoice_id in pending) for view in open_views],
        paid_invoices=[invoice_row(view) for view in paid_views],
        receipts=[
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
        ],
        tax_receipts=[
            TaxRow(
                title={
                    lang: tax_receipt_title(organisation.country, lang, year) for lang in LANGUAGES
                },
                organisation=organisation.name,
                href=tax_receipt_href(organisation.slug, year),
            )
            for _guardian, organisation, year in years
        ],
        contacts=[
            ContactRow(o.name, o.email or "", o.phone or "") for o in organisations if o is not None
        ],
        credit=_per_language(
            lambda lang: " + ".join(
                format_money(Money(cents, currency), locale_for(lang, organisation.country))
                for organisation, currency, cents in credits
            )
        ),
        card_available=card_payment_available(),
        payable_total=totals([v for v in open_views if v.invoice_id not in pending]),
        payable_count=sum(1 for v in open_views if v.invoice_id not in pending),
    )
