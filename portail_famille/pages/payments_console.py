"""The console's Payments screen: record a payment received at the desk, list every payment."""

from __future__ import annotations

import reflex as rx

from portail_famille.components.forms import field_error, form_notice, select_field, text_field
from portail_famille.components.layout import card
from portail_famille.components.submission import submission_token
from portail_famille.pages.common import frame
from portail_famille.pages.console_nav import console_nav
from portail_famille.paths import STAFF_PAYMENTS
from portail_famille.state.lang import LangState, t
from portail_famille.state.payments_console import (
    CaseRow,
    PaymentsConsoleState,
    StaffPaymentRow,
)


def _method_select(error: rx.Var) -> rx.Component:
    return rx.el.div(
        rx.el.label(t("payments.method"), html_for="method", class_name="field-label"),
        rx.el.select(
            rx.el.option(t("payments.console.choose_method"), value=""),
            rx.el.option(t("payments.method.cheque"), value="cheque"),
            rx.el.option(t("payments.method.cash"), value="cash"),
            rx.el.option(t("payments.method.transfer"), value="transfer"),
            rx.el.option(t("payments.method.credit"), value="credit"),
            id="method",
            name="method",
            aria_required="true",
            aria_invalid=rx.cond(error != "", "true", "false"),
            aria_describedby="method-error",
            class_name="input",
        ),
        field_error("method", error),
        class_name="field",
    )


def _record_form() -> rx.Component:
    errors = PaymentsConsoleState.errors
    return card(
        rx.el.h2(t("payments.console.record"), id="record-payment-title"),
        rx.el.form(
            select_field(
                "invoice",
                t("payments.console.invoice"),
                errors.get("invoice", ""),
                PaymentsConsoleState.invoices,
                t("payments.console.choose_invoice"),
            ),
            _method_select(errors.get("method", "")),
            text_field(
                "amount",
                t("payments.amount"),
                errors.get("amount", ""),
                input_mode="decimal",
                hint=t("payments.console.amount_hint"),
            ),
            text_field(
                "note",
                t("payments.console.note"),
                errors.get("note", ""),
                required=False,
                hint=t("payments.console.note_hint"),
            ),
            submission_token(PaymentsConsoleState.form_nonce),
            rx.el.button(
                t("payments.console.record"),
                type="submit",
                class_name="button primary",
                id="record-payment",
            ),
            on_submit=PaymentsConsoleState.record,
            reset_on_submit=False,
            no_validate=True,
            class_name="form",
        ),
        aria_labelledby="record-payment-title",
    )


def _payment(row: rx.Var[StaffPaymentRow]) -> rx.Component:
    return rx.el.li(
        rx.el.h3(row.family, " — ", row.amount[LangState.language]),
        rx.el.p(
            row.method[LangState.language],
            " · ",
            row.received[LangState.language],
            " · ",
            row.payer,
        ),
        rx.el.p(t("payments.console.for_invoices", numbers=row.invoices), class_name="muted"),
        rx.el.a(
            t("payments.receipt_link", number=row.receipt_number),
            href=row.href,
            target="_blank",
            rel="noopener",
        ),
        class_name="absence-row",
    )


def _case(row: rx.Var[CaseRow], index: rx.Var[int]) -> rx.Component:
    amount = row.amount[LangState.language]
    return rx.el.li(
        rx.el.h3(row.family, " — ", amount),
        rx.el.p(row.reason[LangState.language], " · ", row.payer),
        rx.el.p(t("payments.console.for_invoices", numbers=row.invoices), class_name="muted"),
        rx.cond(
            row.refunding,
            rx.el.p(t("payments_inflight.console.refunding"), class_name="notice"),
        ),
        rx.el.div(
            rx.el.button(
                t("payments_inflight.console.refund"),
                type="button",
                aria_label=t(
                    "payments_inflight.console.refund_named", amount=amount, family=row.family
                ),
                on_click=PaymentsConsoleState.refund(index),
                class_name="button primary",
                id="refund-case-" + index.to_string(),
            ),
            rx.cond(
                ~row.refunding,
                rx.el.button(
                    t("payments_inflight.console.credit"),
                    type="button",
                    aria_label=t(
                        "payments_inflight.console.credit_named", amount=amount, family=row.family
                    ),
                    on_click=PaymentsConsoleState.keep_as_credit(index),
                    class_name="button",
                    id="credit-case-" + index.to_string(),
                ),
            ),
            class_name="chips",
        ),
        class_name="absence-row",
    )


def _cases() -> rx.Component:
    """Card money Stripe took that paid nothing: one action closes each case."""
    return rx.cond(
        PaymentsConsoleState.cases.length() > 0,
        card(
            rx.el.h2(t("payments.console.review"), id="review-title"),
            rx.el.p(t("payments_inflight.console.hint"), class_name="muted"),
            form_notice(PaymentsConsoleState.case_error, kind="error", element_id="case-error"),
            rx.el.ul(
                rx.foreach(PaymentsConsoleState.cases, _case),
                class_name="plain-list",
                id="overpayment-cases",
            ),
            aria_labelledby="review-title",
            class_name="card warn",
        ),
        form_notice(PaymentsConsoleState.case_error, kind="error", element_id="case-error"),
    )


def payments_console_page() -> rx.Component:
    return frame(
        console_nav(STAFF_PAYMENTS),
        rx.el.h1(t("payments.console.title")),
        form_notice(
            PaymentsConsoleState.notice, kind="success", element_id="console-payment-notice"
        ),
        _cases(),
        _record_form(),
        card(
            rx.el.h2(t("payments.console.received"), id="received-title"),
            rx.cond(
                PaymentsConsoleState.payments.length() > 0,
                rx.el.ul(
                    rx.foreach(PaymentsConsoleState.payments, _payment),
                    class_name="plain-list",
                    id="staff-payments",
                ),
                rx.el.p(t("payments.console.none"), id="staff-payments"),
            ),
            aria_labelledby="received-title",
        ),
    )
