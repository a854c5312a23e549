"""The parent's payments: sections the home and the Finances tile can include, and their own page.

Phone first: each unpaid invoice is one row with its amount and a full-width Pay button, so paying
from the home takes two taps (Pay here, Pay on Stripe's page).
"""

from __future__ import annotations

import reflex as rx

from portail_famille.components.forms import form_notice
from portail_famille.components.layout import card, list_card
from portail_famille.pages.common import frame
from portail_famille.paths import GUARDIAN_HOME, PAYMENTS_PAGE
from portail_famille.state.lang import LangState, t
from portail_famille.state.payments import (
    ContactRow,
    InvoiceRow,
    PaymentsState,
    ReceiptRow,
    TaxRow,
)

STYLESHEET = "/payments.css"
# Dict vars, indexed on the client by the current language.
BALANCE = PaymentsState.balance.to(dict)
SELECTED_TOTAL = PaymentsState.selected_total.to(dict)
CREDIT = PaymentsState.credit.to(dict)
PAYABLE_TOTAL = PaymentsState.payable_total.to(dict)


def _stylesheet() -> rx.Component:
    return rx.el.link(rel="stylesheet", href=STYLESHEET)


def _invoice_head(row: rx.Var[InvoiceRow], amount: rx.Var) -> rx.Component:
    return rx.el.div(
        rx.el.strong(row.label),
        rx.el.span(amount, class_name="amount"),
        class_name="invoice-head",
    )


def _contact(contact: rx.Var[ContactRow]) -> rx.Component:
    return rx.el.li(
        rx.el.strong(contact.organisation),
        rx.cond(
            contact.email != "",
            rx.el.p(rx.el.a(contact.email, href="mailto:" + contact.email)),
        ),
        rx.cond(contact.phone != "", rx.el.p(rx.el.a(contact.phone, href="tel:" + contact.phone))),
    )


def other_ways_to_pay() -> rx.Component:
    """Shown when card payment is not configured: cheque, cash or transfer, and whom to ask."""
    return rx.el.div(
        rx.el.p(t("payments.card_unavailable"), class_name="notice", id="card-unavailable"),
        rx.el.p(t("payments.other_ways")),
        rx.el.ul(rx.foreach(PaymentsState.contacts, _contact), class_name="plain-list"),
    )


def _in_progress_badge(index: rx.Var[int]) -> rx.Component:
    """Back from Stripe, the payment not yet confirmed: no Pay button, so no second charge."""
    return rx.el.p(
        rx.el.strong(t("payments_inflight.in_progress")),
        " ",
        t("payments_inflight.in_progress_hint"),
        class_name="notice",
        role="status",
        id="in-progress-" + index.to_string(),
    )


def _credit() -> rx.Component:
    return rx.cond(
        CREDIT[LangState.language] != "",
        rx.el.p(
            t("payments_inflight.credit", amount=CREDIT[LangState.language]),
            class_name="balance",
            id="family-credit",
        ),
    )


def _home_row(row: rx.Var[InvoiceRow], index: rx.Var[int]) -> rx.Component:
    return rx.el.li(
        _invoice_head(row, row.due[LangState.language]),
        rx.el.p(
            row.service,
            " · ",
            t("payments.due_on", date=row.due_on[LangState.language]),
            class_name="muted",
        ),
        rx.cond(
            row.in_progress,
            _in_progress_badge(index),
        ),
        rx.cond(
            PaymentsState.card_available & ~row.in_progress,
            rx.el.button(
                t("payments.pay_amount", amount=row.due[LangState.language]),
                type="button",
                aria_label=t(
                    "payments.pay_named", amount=row.due[LangState.language], number=row.number
                ),
                on_click=PaymentsState.pay_one(index),  # type: ignore[misc]  # a background event
                disabled=PaymentsState.busy,
                class_name="button primary",
                id="pay-invoice-" + index.to_string(),
            ),
        ),
        class_name="invoice-row",
    )


def home_payments() -> rx.Component:
    """For the parent's home (seed 003): the family's balance and its unpaid invoices."""
    return card(
        _stylesheet(),
        rx.el.h2(t("payments.home_title"), id="home-payments-heading"),
        rx.cond(
            PaymentsState.open_invoices.length() > 0,
            rx.fragment(
                rx.el.p(
                    t("payments.balance", amount=BALANCE[LangState.language]),
                    class_name="balance",
                    id="home-balance",
                ),
                form_notice(PaymentsState.error, kind="error", element_id="home-pay-error"),
                rx.el.ul(
                    rx.foreach(PaymentsState.open_invoices, _home_row),
                    class_name="invoice-list",
                    id="home-unpaid",
                ),
                rx.cond(
                    PaymentsState.card_available,
                    rx.cond(
                        PaymentsState.payable_count > 1,
                        rx.el.button(
                            t("payments.pay_all", amount=PAYABLE_TOTAL[LangState.language]),
                            type="button",
                            on_click=PaymentsState.pay_all,
                            disabled=PaymentsState.busy,
                            class_name="button primary pay-all",
                            id="pay-all",
                        ),
                    ),
                    other_ways_to_pay(),
                ),
            ),
            rx.el.p(t("payments.nothing_due"), id="home-balance"),
        ),
        rx.el.a(t("payments.all_link"), href=PAYMENTS_PAGE, id="payments-link"),
        aria_labelledby="home-payments-heading",
        id="home-payments",
        on_mount=PaymentsState.load_summary,
    )


def _choose_row(row: rx.Var[InvoiceRow], index: rx.Var[int]) -> rx.Component:
    box_id = "choose-" + index.to_string()
    return rx.el.li(
        _invoice_head(row, row.due[LangState.language]),
        rx.el.p(
            t("payments.invoice_number_value", number=row.number),
            " · ",
            row.service,
            class_name="muted",
        ),
        rx.el.p(t("payments.due_on", date=row.due_on[LangState.language]), class_name="muted"),
        rx.cond(row.in_progress, _in_progress_badge(index)),
        rx.cond(
            PaymentsState.card_available & ~row.in_progress,
            rx.el.div(
                rx.el.input(
                    type="checkbox",
                    id=box_id,
                    checked=row.selected,
                    on_change=lambda _checked: PaymentsState.toggle(index),
                ),
                rx.el.label(t("payments.choose", number=row.number), html_for=box_id),
                class_name="checkbox-row",
            ),
        ),
        class_name="invoice-row",
    )


def unpaid_section() -> rx.Component:
    return card(
        rx.el.h2(t("payments.unpaid_title"), id="unpaid-heading"),
        rx.cond(
            PaymentsState.open_invoices.length() > 0,
            rx.fragment(
                rx.el.p(
                    t("payments.balance", amount=BALANCE[LangState.language]),
                    class_name="balance",
                    id="balance",
                ),
                _credit(),
                rx.el.ul(
                    rx.foreach(PaymentsState.open_invoices, _choose_row),
                    class_name="invoice-list",
                    id="unpaid-invoices",
                ),
                rx.cond(
                    PaymentsState.card_available,
                    rx.cond(
                        PaymentsState.payable_count > 0,
                        rx.el.button(
                            rx.cond(
                                PaymentsState.busy,
                                t("payments.opening"),
                                t(
                                    "payments.pay_selected",
                                    amount=SELECTED_TOTAL[LangState.language],
                                ),
                            ),
                            type="button",
                            on_click=PaymentsState.pay_selected,
                            disabled=PaymentsState.busy,
                            class_name="button primary pay-all",
                            id="pay-selected",
                        ),
                    ),
                    other_ways_to_pay(),
                ),
            ),
            rx.fragment(rx.el.p(t("payments.nothing_due"), id="balance"), _credit()),
        ),
        aria_labelledby="unpaid-heading",
        id="unpaid",
    )


def _fact(label: rx.Component | rx.Var, value: rx.Var) -> rx.Component:
    return rx.fragment(rx.el.dt(label), rx.el.dd(value))


def _paid_row(row: rx.Var[InvoiceRow]) -> rx.Component:
    return rx.el.li(
        _invoice_head(row, row.paid[LangState.language]),
        rx.el.dl(
            _fact(t("payments.invoice_number"), row.number),
            _fact(t("payments.paid_by"), row.payer),
            _fact(t("payments.paid_on"), row.paid_on[LangState.language]),
            _fact(t("payments.method"), row.method[LangState.language]),
            _fact(t("payments.due_date"), row.due_on[LangState.language]),
            _fact(t("payments.service"), row.service),
            class_name="paid-facts",
        ),
        class_name="invoice-row",
    )


def paid_section() -> rx.Component:
    """Seed 004's paid invoices: amount, number, payer, date, method, due date, label, régie."""
    return list_card(
        t("payments.paid_title"),
        PaymentsState.paid_invoices,
        _paid_row,
        list_id="paid-invoices",
        empty=t("payments.no_paid"),
        list_class="invoice-list",
        id="paid",
    )


def _receipt_row(row: rx.Var[ReceiptRow]) -> rx.Component:
    return rx.el.li(
        rx.el.a(
            t("payments.receipt_link", number=row.number),
            href=row.href,
            target="_blank",
            rel="noopener",
        ),
        rx.el.p(
            row.received_on[LangState.language],
            " · ",
            row.amount[LangState.language],
            " · ",
            row.method[LangState.language],
            class_name="muted",
        ),
        class_name="resource-row",
    )


def receipts_section() -> rx.Component:
    return list_card(
        t("payments.receipts_title"),
        PaymentsState.receipts,
        _receipt_row,
        list_id="receipts",
        empty=t("payments.no_receipts"),
        list_class="plain-list",
    )


def _tax_row(row: rx.Var[TaxRow]) -> rx.Component:
    return rx.el.li(
        rx.el.a(row.title[LangState.language], href=row.href, target="_blank", rel="noopener"),
        rx.el.p(row.organisation, class_name="muted"),
        class_name="resource-row",
    )


def tax_section() -> rx.Component:
    return list_card(
        t("payments.tax_title"),
        PaymentsState.tax_receipts,
        _tax_row,
        list_id="tax-receipts",
        empty=t("payments.no_tax"),
        list_class="plain-list",
    )


def finances_sections() -> rx.Component:
    """For the Finances tile: paid invoices, receipts and tax receipts, loading themselves."""
    return rx.el.div(
        _stylesheet(),
        paid_section(),
        receipts_section(),
        tax_section(),
        on_mount=PaymentsState.load_summary,
    )


def payments_page() -> rx.Component:
    return frame(
        _stylesheet(),
        rx.el.a(t("nav.my_space"), href=GUARDIAN_HOME, class_name="back-link"),
        rx.el.h1(t("payments.title")),
        form_notice(PaymentsState.notice, kind="success", element_id="payment-notice"),
        form_notice(PaymentsState.error, kind="error", element_id="payment-error"),
        unpaid_section(),
        paid_section(),
        receipts_section(),
        tax_section(),
    )
