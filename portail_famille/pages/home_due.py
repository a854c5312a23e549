"""The home page's "to do" card: pending requests, and the yearly records and consents check."""

from __future__ import annotations

import reflex as rx

from portail_famille.components.layout import card
from portail_famille.pages.request_form import in_language
from portail_famille.paths import REQUESTS_PAGE
from portail_famille.state.home_due import DueView, HomeDueState
from portail_famille.state.lang import LangState, t

LANG = LangState.language


def _check(name: str, field_id: rx.Var, label: rx.Var, done: rx.Var) -> rx.Component:
    return rx.cond(
        done,
        rx.el.p(t(f"requests_family.confirm.{name}_done"), class_name="muted"),
        rx.el.div(
            rx.el.input(type="checkbox", id=field_id, name=name, value="on"),
            rx.el.label(label, html_for=field_id),
            class_name="checkbox-row",
        ),
    )


def _due(due: rx.Var[DueView], index: rx.Var[int]) -> rx.Component:
    prefix = "due-" + index.to_string()
    return rx.el.li(
        rx.el.p(
            rx.cond(
                due.overdue,
                t("requests_family.confirm.overdue", family=due.family_name, date=due.due_on[LANG]),
                t("requests_family.confirm.due", family=due.family_name, date=due.due_on[LANG]),
            ),
            class_name="lead",
        ),
        rx.cond(
            ~due.consents_given,
            rx.el.div(
                rx.el.span(t("requests_family.confirm.consents_missing"), class_name="badge warn"),
                class_name="badges",
            ),
        ),
        rx.el.form(
            rx.el.input(type="hidden", name="household", value=index.to_string()),
            _check(
                "records",
                prefix + "-records",
                t("requests_family.confirm.records_label"),
                due.records_confirmed,
            ),
            _check(
                "consents",
                prefix + "-consents",
                t("requests_family.confirm.consents_label"),
                due.consents_given,
            ),
            rx.cond(
                HomeDueState.error_at == index,
                rx.el.p(
                    in_language(HomeDueState.error), role="alert", class_name="error field-error"
                ),
            ),
            rx.el.button(
                t("requests_family.confirm.submit"),
                type="submit",
                class_name="button primary",
                id=prefix + "-submit",
            ),
            on_submit=HomeDueState.confirm,
            reset_on_submit=True,
            no_validate=True,
            class_name="form",
        ),
    )


def due_card() -> rx.Component:
    """Nothing when nothing is due nor pending."""
    return rx.fragment(
        rx.cond(
            HomeDueState.notice.contains(LANG),
            rx.el.p(in_language(HomeDueState.notice), role="status", class_name="notice success"),
        ),
        rx.cond(
            (HomeDueState.pending_requests > 0) | (HomeDueState.dues.length() > 0),
            card(
                rx.el.h2(t("requests_family.todo"), id="todo-title"),
                rx.cond(
                    HomeDueState.pending_requests > 0,
                    rx.el.p(
                        rx.el.a(
                            t(
                                "requests_family.pending_count",
                                count=HomeDueState.pending_requests,
                            ),
                            href=REQUESTS_PAGE,
                            id="pending-requests",
                        )
                    ),
                ),
                rx.el.ul(rx.foreach(HomeDueState.dues, _due), class_name="plain-list due-list"),
                aria_labelledby="todo-title",
                id="todo",
            ),
        ),
    )
