"""The Requests tile: enrolment requests to make, then the family's requests and their outcome."""

from __future__ import annotations

import reflex as rx

from portail_famille.components.layout import card
from portail_famille.pages.child_switcher import child_switcher
from portail_famille.pages.common import frame
from portail_famille.pages.request_form import in_language, propose_button, request_form
from portail_famille.pages.results import tile_head
from portail_famille.state.enrolment_period import EnrolmentPeriodState
from portail_famille.state.lang import LangState, t
from portail_famille.state.request_form import RequestFormState
from portail_famille.state.requests import ChangeRow, DocumentRow, RequestRow, RequestsState

LANG = LangState.language


def _change(change: rx.Var[ChangeRow]) -> rx.Component:
    return rx.el.li(
        rx.el.span(change.label[LANG], class_name="change-label"),
        rx.el.span(
            rx.cond(change.before[LANG] != "", change.before[LANG], t("requests_family.empty")),
            class_name="change-before",
        ),
        rx.el.span(" → ", aria_label=t("requests_family.becomes")),
        rx.el.span(
            rx.cond(change.proposed[LANG] != "", change.proposed[LANG], t("requests_family.empty")),
            class_name="change-after",
        ),
        rx.match(
            change.decision,
            ("accepted", rx.el.span(t("requests_family.field_accepted"), class_name="badge")),
            ("refused", rx.el.span(t("requests_family.field_refused"), class_name="badge warn")),
            rx.fragment(),
        ),
        class_name="change-row",
    )


def _document(doc: rx.Var[DocumentRow]) -> rx.Component:
    return rx.el.a(doc.name, href=doc.href, target="_blank", rel="noopener", class_name="doc")


def _request(request: rx.Var[RequestRow], index: rx.Var[int]) -> rx.Component:
    title = request.category[LANG]
    return rx.el.li(
        rx.el.h3(
            title,
            rx.cond(request.child_name != "", rx.el.span(" · ", request.child_name)),
            class_name="request-title",
        ),
        rx.el.div(
            rx.el.span(
                request.status_label[LANG],
                class_name=rx.cond(request.status == "refused", "badge warn", "badge"),
            ),
            class_name="badges",
        ),
        rx.el.p(t("requests_family.asked_on", date=request.asked[LANG]), class_name="muted"),
        rx.cond(
            request.decided.contains(LANG),
            rx.el.p(
                t("requests_family.decided_on", date=request.decided[LANG]), class_name="muted"
            ),
        ),
        rx.el.ul(rx.foreach(request.changes, _change), class_name="plain-list changes"),
        rx.cond(
            request.comment != "",
            rx.el.p(
                rx.el.strong(t("requests_family.comment")),
                " ",
                request.comment,
                class_name="staff-comment",
            ),
        ),
        rx.cond(
            request.documents.length() > 0,
            rx.el.p(
                t("requests_family.documents"),
                " ",
                rx.foreach(request.documents, _document),
                class_name="muted",
            ),
        ),
        rx.cond(
            request.can_withdraw,
            rx.el.button(
                t("requests_family.withdraw"),
                type="button",
                aria_label=t("requests_family.withdraw_named", name=title),
                on_click=RequestsState.withdraw(index),
                class_name="button",
            ),
        ),
        class_name="request-row",
    )


def _enrolments() -> rx.Component:
    return card(
        rx.el.h2(t("requests_family.enrolments"), id="enrolments-title"),
        rx.el.p(
            rx.cond(
                EnrolmentPeriodState.period_open,
                t(
                    "requests_family.reenrolment_open",
                    period=in_language(EnrolmentPeriodState.period),
                ),
                rx.cond(
                    EnrolmentPeriodState.period.contains(LANG),
                    t(
                        "requests_family.reenrolment_closed_period",
                        period=in_language(EnrolmentPeriodState.period),
                    ),
                    t("requests_family.reenrolment_closed"),
                ),
            ),
            id="reenrolment-period",
        ),
        rx.el.div(
            rx.cond(
                EnrolmentPeriodState.period_open,
                propose_button("reenrolment", "requests_family.ask.reenrolment"),
            ),
            propose_button("activity_enrolment", "requests_family.ask.activity_enrolment"),
            propose_button("preregistration", "requests_family.ask.preregistration"),
            propose_button("add_child", "requests_family.ask.add_child"),
            class_name="row-actions wrap",
        ),
        aria_labelledby="enrolments-title",
        id="enrolments",
    )


def requests_page() -> rx.Component:
    return frame(
        tile_head("requests_family.title"),
        rx.el.link(rel="stylesheet", href="/requests_family.css"),
        child_switcher(RequestFormState.reset_form, EnrolmentPeriodState.load),
        rx.cond(
            RequestsState.notice.contains(LANG),
            rx.el.p(
                in_language(RequestsState.notice),
                role="status",
                id="requests-notice",
                class_name="notice",
            ),
        ),
        request_form(),
        _enrolments(),
        card(
            rx.el.h2(t("requests_family.list"), id="requests-title"),
            rx.el.p(t("requests_family.list_intro"), class_name="muted"),
            rx.cond(
                RequestsState.requests.length() > 0,
                rx.el.ul(
                    rx.foreach(RequestsState.requests, _request),
                    class_name="plain-list",
                    id="requests",
                ),
                rx.el.p(t("requests_family.none"), id="requests"),
            ),
            aria_labelledby="requests-title",
        ),
    )
