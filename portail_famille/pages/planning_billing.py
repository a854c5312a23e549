"""The console's monthly invoicing card: the month, its preview, then "Émettre"."""

from __future__ import annotations

import reflex as rx

from portail_famille.components.forms import form_notice, text_field
from portail_famille.components.layout import card
from portail_famille.state.lang import t
from portail_famille.state.planning_billing import PlanningBillingState, PreviewRow

State = PlanningBillingState


def _document(row: rx.Var[PreviewRow]) -> rx.Component:
    return rx.el.li(
        rx.el.h3(row.family, " — ", row.kind),
        rx.el.p(row.payer, class_name="muted"),
        rx.el.ul(rx.foreach(row.lines, lambda line: rx.el.li(line))),
        rx.el.p(rx.el.strong(row.amount)),
        class_name="absence-row",
    )


def _preview() -> rx.Component:
    return rx.el.section(
        rx.el.h3(State.title, id="bill-preview-title"),
        rx.el.p(t("planning_billing.preview_help"), class_name="hint"),
        rx.cond(
            State.rows.length() > 0,
            rx.el.ul(rx.foreach(State.rows, _document), class_name="plain-list"),
            rx.el.p(t("planning_billing.nothing")),
        ),
        rx.cond(State.already != "", rx.el.p(State.already, class_name="muted")),
        rx.el.ul(
            rx.foreach(State.totals, lambda total: rx.el.li(rx.el.strong(total))),
            class_name="plain-list",
            id="bill-totals",
        ),
        rx.cond(
            State.rows.length() > 0,
            rx.el.form(
                rx.cond(
                    State.needs_confirmation,
                    rx.el.div(
                        rx.el.input(type="checkbox", id="bill-confirm", name="confirm", value="on"),
                        rx.el.label(t("planning_billing.confirm"), html_for="bill-confirm"),
                        class_name="checkbox-row",
                    ),
                ),
                rx.el.button(
                    t("planning_billing.issue"),
                    type="submit",
                    class_name="button primary",
                    disabled=State.billing,
                    id="bill-issue",
                ),
                on_submit=State.issue,
                no_validate=True,
                class_name="form",
            ),
        ),
        id="bill-preview",
        aria_labelledby="bill-preview-title",
    )


def billing_card() -> rx.Component:
    return card(
        rx.el.h2(t("planning.console.bill_title"), id="bill-title"),
        rx.el.p(t("planning.console.bill_help"), class_name="hint"),
        rx.el.form(
            text_field("month", t("planning.console.month"), "", type="month"),
            rx.el.button(
                t("planning_billing.preview"),
                type="submit",
                class_name="button",
                id="bill-month",
            ),
            on_submit=State.preview,
            no_validate=True,
            class_name="form",
        ),
        form_notice(State.notice, kind="success", element_id="bill-notice"),
        form_notice(State.error, kind="error", element_id="bill-error"),
        rx.cond(State.shown, _preview()),
        aria_labelledby="bill-title",
    )
