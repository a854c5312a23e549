"""The Finances tile (/famille/finances), phone first: the family balance, the current statements
per source, the invoices with their lines, previous balance and due date, each with its PDF."""

from __future__ import annotations

import reflex as rx

from portail_famille.components.layout import card
from portail_famille.pages.common import frame
from portail_famille.pages.payments import finances_sections
from portail_famille.pages.results import tile_head
from portail_famille.paths import PAYMENTS_PAGE
from portail_famille.state.finances import (
    BalanceItem,
    FinancesState,
    InvoiceItem,
    LineItem,
    SourceGroup,
    StatementItem,
)
from portail_famille.state.lang import LangState, t

LANG = LangState.language


def _balance(item: rx.Var[BalanceItem]) -> rx.Component:
    return rx.el.p(
        rx.el.span(item.organisation, class_name="muted"),
        rx.el.br(),
        rx.el.strong(item.amount[LANG], class_name="amount"),
    )


def _statement(item: rx.Var[StatementItem]) -> rx.Component:
    return rx.el.li(
        rx.el.a(
            t("finances.statement_link", child=item.child),
            href=item.href,
            target="_blank",
            rel="noopener",
            class_name="document-link",
        ),
        rx.el.span(item.service, class_name="muted"),
        rx.cond(item.payer != "", rx.el.span(item.payer, class_name="muted")),
        rx.el.span(t("finances.deposited_label", date=item.deposited[LANG]), class_name="muted"),
        rx.el.span(t("finances.balance_label", amount=item.balance[LANG])),
        class_name="document-row",
    )


def _source(group: rx.Var[SourceGroup]) -> rx.Component:
    return rx.el.section(
        rx.el.h3(group.title[LANG]),
        rx.el.ul(rx.foreach(group.statements, _statement), class_name="plain-list"),
        class_name="statement-source",
    )


def _line(line: rx.Var[LineItem]) -> rx.Component:
    return rx.el.tr(
        rx.el.th(
            line.label,
            rx.el.br(),
            rx.el.span(line.child, " ", line.day[LANG], class_name="muted"),
            scope="row",
        ),
        rx.el.td(line.quantity),
        rx.el.td(line.amount[LANG]),
    )


def _invoice(item: rx.Var[InvoiceItem]) -> rx.Component:
    return rx.el.li(
        rx.el.h3(item.label),
        rx.el.p(item.service, " · ", item.number, class_name="muted"),
        rx.el.p(t("finances.due_label", date=item.due[LANG])),
        rx.el.p(
            rx.el.strong(t("finances.owed_label", amount=item.owed[LANG])),
            " ",
            rx.el.span(item.status[LANG], class_name=rx.cond(item.is_open, "badge", "badge muted")),
        ),
        rx.el.details(
            rx.el.summary(t("finances.show_lines")),
            rx.el.table(
                rx.el.caption(item.label, class_name="sr-only"),
                rx.el.thead(
                    rx.el.tr(
                        rx.el.th(t("finances.line"), scope="col"),
                        rx.el.th(t("finances.quantity"), scope="col"),
                        rx.el.th(t("finances.amount"), scope="col"),
                    )
                ),
                rx.el.tbody(rx.foreach(item.lines, _line)),
                class_name="data-table",
            ),
            rx.el.dl(
                rx.el.dt(t("finances.previous_balance")),
                rx.el.dd(item.previous[LANG]),
                rx.el.dt(t("finances.invoice_total")),
                rx.el.dd(item.total[LANG]),
                rx.el.dt(t("finances.payer")),
                rx.el.dd(item.payer),
                rx.el.dt(t("finances.issued_on")),
                rx.el.dd(item.issued[LANG]),
                class_name="facts",
            ),
            class_name="invoice-details",
        ),
        rx.el.a(
            t("finances.invoice_link", number=item.number),
            href=item.href,
            target="_blank",
            rel="noopener",
            class_name="document-link",
        ),
        class_name="invoice",
    )


def payments_sections() -> rx.Component:
    """Paying (its own page, reached in one tap) and what was paid: receipts and tax receipts."""
    return rx.fragment(
        rx.el.p(
            rx.el.a(t("finances.pay_link"), href=PAYMENTS_PAGE, class_name="button", id="pay-link")
        ),
        finances_sections(),
    )


def finances_page() -> rx.Component:
    return frame(
        tile_head("finances.title"),
        card(
            rx.el.h2(t("finances.balance_title"), id="balance-heading"),
            rx.cond(
                FinancesState.balances.length() > 0,
                rx.foreach(FinancesState.balances, _balance),
                rx.el.p(t("finances.no_balance")),
            ),
            aria_labelledby="balance-heading",
            id="family-balance",
        ),
        payments_sections(),
        card(
            rx.el.h2(t("finances.statements"), id="statements-heading"),
            rx.el.p(t("finances.statements_help"), class_name="muted"),
            rx.cond(
                FinancesState.sources.length() > 0,
                rx.foreach(FinancesState.sources, _source),
                rx.el.p(t("finances.no_statements")),
            ),
            aria_labelledby="statements-heading",
            id="statements",
        ),
        card(
            rx.el.h2(t("finances.invoices"), id="invoices-heading"),
            rx.cond(
                FinancesState.invoices.length() > 0,
                rx.el.ul(rx.foreach(FinancesState.invoices, _invoice), class_name="plain-list"),
                rx.el.p(t("finances.no_invoices")),
            ),
            aria_labelledby="invoices-heading",
            id="invoices",
        ),
    )
