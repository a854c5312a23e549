"""The Finances tile: the family's balance, the current statements per source, the invoices with
their lines, previous balance and due date, each with its PDF link.

Everything is formatted on the server in both languages (switching needs no round trip) and
nothing but what is shown reaches the client: PDF links carry opaque references, re-checked by
the download route.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import reflex as rx
from sqlmodel import Session, col, select

from portail_famille.api.finance_documents import invoice_href, statement_href
from portail_famille.db import session_scope
from portail_famille.domain.money import Money
from portail_famille.i18n import LANGUAGES
from portail_famille.i18n.catalog import translate
from portail_famille.i18n.formatting import format_day, format_money, locale_for
from portail_famille.models import Guardian, GuardianChildLink, InvoiceStatus, Organisation
from portail_famille.paths import SIGN_IN_PAGE
from portail_famille.services.access import Forbidden, active_user
from portail_famille.services.invoice_views import InvoiceView, invoices_for_guardian
from portail_famille.services.invoices import family_balance_cents
from portail_famille.services.statement_access import StatementView, statements_for_guardian
from portail_famille.state.lang import LangState
from portail_famille.state.session import SessionState

PerLanguage = dict[str, str]


def per_language(country: str, make: Callable[[str, str], str]) -> PerLanguage:
    """make(language, locale) for every language."""
    return {language: make(language, locale_for(language, country)) for language in LANGUAGES}


def day_text(value: date | None, country: str, fmt: str = "long") -> PerLanguage:
    return per_language(country, lambda _l, loc: format_day(value, loc, fmt) if value else "")


def money_text(cents: int, currency: str, country: str) -> PerLanguage:
    return per_language(country, lambda _l, loc: format_money(Money(cents, currency), loc))


@dataclass
class StatementItem:
    child: str
    service: str
    payer: str
    school: str
    deposited: PerLanguage
    balance: PerLanguage
    href: str


@dataclass
class SourceGroup:
    title: PerLanguage
    statements: list[StatementItem]


@dataclass
class LineItem:
    label: str
    child: str
    day: PerLanguage
    quantity: str
    amount: PerLanguage


@dataclass
class InvoiceItem:
    number: str
    label: str
    service: str
    payer: str
    issued: PerLanguage
    due: PerLanguage
    status: PerLanguage
    is_open: bool
    previous: PerLanguage
    total: PerLanguage
    owed: PerLanguage
    lines: list[LineItem]
    href: str


@dataclass
class BalanceItem:
    organisation: str
    amount: PerLanguage


def statement_groups(views: list[StatementView]) -> list[SourceGroup]:
    groups: dict[str, SourceGroup] = {}
    for view in views:
        group = groups.setdefault(
            view.source,
            SourceGroup(
                title={
                    lang: translate(lang, f"finances.source.{view.source}") for lang in LANGUAGES
                },
                statements=[],
            ),
        )
        group.statements.append(
            StatementItem(
                child=view.child_name,
                service=view.service_name,
                payer=view.payer_name,
                school=f"{view.school} · {view.school_year}",
                deposited=day_text(view.deposited_at.date(), view.country),
                balance=money_text(view.balance_cents, view.currency, view.country),
                href=statement_href(view.reference),
            )
        )
    return list(groups.values())


def invoice_item(view: InvoiceView) -> InvoiceItem:
    country = view.organisation_country

    def money(cents: int) -> PerLanguage:
        return money_text(cents, view.currency, country)

    return InvoiceItem(
        number=view.number,
        label=view.label,
        service=view.service_name,
        payer=view.payer_name,
        issued=per_language(country, lambda _l, loc: format_day(view.issued_on, loc)),
        due=per_language(country, lambda _l, loc: format_day(view.due_on, loc)),
        status={lang: translate(lang, f"finances.status.{view.status}") for lang in LANGUAGES},
        is_open=view.status == InvoiceStatus.OPEN,
        previous=money(view.previous_balance_cents),
        total=money(view.total_cents),
        owed=money(view.owed_cents),
        lines=[
            LineItem(
                label=line.label,
                child=line.child_name,
                day=day_text(line.service_date, country, "medium"),
                quantity=str(line.quantity),
                amount=money(line.amount_cents),
            )
            for line in view.lines
        ],
        href=invoice_href(view.reference),
    )


def family_balances(session: Session, user_id: int) -> list[BalanceItem]:
    """What each of this parent's households owes (one per organisation they pay in)."""
    active_user(session, user_id)
    rows = session.exec(
        select(Guardian, Organisation)
        .join(Organisation, col(Organisation.id) == Guardian.organisation_id)
        .join(GuardianChildLink, col(GuardianChildLink.guardian_id) == Guardian.id)
        .where(
            Guardian.user_id == user_id,
            col(GuardianChildLink.claimed_at).is_not(None),
            col(GuardianChildLink.can_pay).is_(True),
        )
    ).all()
    seen: dict[int, BalanceItem] = {}
    for guardian, organisation in rows:
        if guardian.family_id in seen:
            continue
        cents = family_balance_cents(session, family_id=guardian.family_id)
        seen[guardian.family_id] = BalanceItem(
            organisation=organisation.name,
            amount=money_text(cents, organisation.currency, organisation.country),
        )
    return list(seen.values())


class FinancesState(rx.State):
    balances: list[BalanceItem] = []
    sources: list[SourceGroup] = []
    invoices: list[InvoiceItem] = []

    @rx.event
    async def load(self):
        user_id = await (await self.get_state(SessionState))._current_user_id()
        self.balances, self.sources, self.invoices = [], [], []
        if user_id is None:
            return rx.redirect(SIGN_IN_PAGE)
        try:
            with session_scope() as session:
                self.balances = family_balances(session, user_id)
                self.sources = statement_groups(statements_for_guardian(session, user_id=user_id))
                self.invoices = [
                    invoice_item(v) for v in invoices_for_guardian(session, user_id=user_id)
                ]
        except Forbidden:
            pass
        return LangState.apply_html_lang
