"""A child's record in the console: identity, enrolments, guardians and their rights, health data
behind a stated reason, documents, requests and history."""

from __future__ import annotations

from typing import Any

import reflex as rx

from portail_famille.components.forms import text_field
from portail_famille.components.layout import card
from portail_famille.models.finances import BillingSource
from portail_famille.models.requests import RequestCategory, RequestStatus
from portail_famille.pages.common import frame
from portail_famille.pages.console_nav import console_nav
from portail_famille.pages.records_common import action_label, fact, role_text, section, yes_no
from portail_famille.paths import STAFF_RECORDS
from portail_famille.state.lang import LangState, t
from portail_famille.state.staff_child import (
    DocumentView,
    EnrolmentView,
    GuardianView,
    HistoryView,
    RequestView,
    StaffChildState,
)

CHILD = StaffChildState.child
LANG = LangState.language


def _identity() -> rx.Component:
    return card(
        rx.el.h2(CHILD.full_name, id="staff-child-name"),
        rx.el.p(CHILD.organisation, class_name="muted"),
        rx.el.dl(
            fact("records_admin.birth_date", CHILD.born[LANG]),  # type: ignore[index]  # a Var, indexed on the client
            fact("records_admin.file_number", CHILD.file_number),
            fact("records_admin.permanent_code", CHILD.permanent_code),
            fact("records_admin.school", CHILD.school),
            fact("records_admin.grade", CHILD.grade),
            fact("records_admin.group", CHILD.group_name),
            fact("records_admin.transport", CHILD.transport),
            fact("records_admin.notes", CHILD.notes),
            fact("records_admin.photo_consent", yes_no(CHILD.photo_consent)),
            fact("records_admin.may_leave_alone", yes_no(CHILD.may_leave_alone)),
            class_name="facts",
        ),
        aria_labelledby="staff-child-name",
        id="staff-child",
    )


def _enrolment(row: rx.Var[EnrolmentView]) -> rx.Component:
    return rx.el.li(
        rx.el.strong(row.school_year),
        " · ",
        row.school,
        " · ",
        row.grade,
        rx.cond(row.group_name != "", rx.el.span(" · ", row.group_name)),
        rx.cond(~row.active, rx.el.span(" ", t("records_admin.inactive"), class_name="badge warn")),
        class_name="document-row",
    )


def _right(label_key: str, value: rx.Var[bool]) -> rx.Component:
    return fact(label_key, yes_no(value))


def _guardian(row: rx.Var[GuardianView]) -> rx.Component:
    return rx.el.li(
        rx.el.h3(row.name),
        rx.el.p(row.family, " · ", t_relationship(row.relationship), class_name="muted"),
        rx.el.dl(
            fact("records_admin.phone", row.phone),
            fact("records_admin.emails", row.emails),
            _right("records_admin.has_account", row.has_account),
            _right("records_admin.shared_custody", row.shared_custody),
            _right("records_admin.can_view", row.can_view),
            _right("records_admin.can_book", row.can_book),
            _right("records_admin.can_pay", row.can_pay),
            _right("records_admin.receives_statements", row.receives_statements),
            _right("records_admin.is_payer", row.is_payer),
            class_name="facts",
        ),
        class_name="family-row",
    )


def t_relationship(value: rx.Var[str]) -> rx.Component:
    kinds = ["mother", "father", "tutor", "other"]
    return rx.match(value, *[(k, t(f"records_admin.relationship.{k}")) for k in kinds], value)


def _health() -> rx.Component:
    health = StaffChildState.health
    return section(
        "records_admin.health",
        "staff-health",
        rx.cond(
            StaffChildState.health_shown,
            rx.fragment(
                rx.el.dl(
                    fact("records_admin.allergies", health.allergies),
                    fact("records_admin.medication", health.medication),
                    fact("records_admin.doctor", health.doctor),
                    class_name="facts",
                    id="health-data",
                ),
                rx.el.button(
                    t("records_admin.health.hide"),
                    type="button",
                    on_click=StaffChildState.hide_health,
                    class_name="button",
                ),
            ),
            rx.el.form(
                rx.el.p(t("records_admin.health.explain"), class_name="muted"),
                text_field(
                    "reason",
                    t("records_admin.health.reason"),
                    StaffChildState.reason_error,
                    max_length=300,
                    auto_complete="off",
                ),
                rx.el.button(
                    t("records_admin.health.show"),
                    type="submit",
                    class_name="button",
                    id="show-health",
                ),
                on_submit=StaffChildState.show_health,
                no_validate=True,
                class_name="form",
            ),
        ),
    )


def _document(doc: rx.Var[DocumentView]) -> rx.Component:
    title = rx.match(
        doc.title_key,
        ("records_admin.doc.report_card", t("records_admin.doc.report_card", term=doc.number)),
        ("records_admin.doc.child_sheet", t("records_admin.doc.child_sheet")),
        *[
            (
                f"records_admin.doc.statement.{source.value}",
                t(f"records_admin.doc.statement.{source.value}"),
            )
            for source in BillingSource
        ],
        doc.title_key,
    )
    return rx.el.li(
        rx.el.a(title, href=doc.href, target="_blank", rel="noopener", class_name="link-button"),
        rx.cond(doc.issued[LANG] != "", rx.el.span(" · ", doc.issued[LANG], class_name="muted")),
        class_name="document-row",
    )


def _request(row: rx.Var[RequestView]) -> rx.Component:
    category = rx.match(
        row.category,
        *[(c.value, t(f"requests.category.{c.value}")) for c in RequestCategory],
        row.category,
    )
    status = rx.match(
        row.status, *[(s.value, t(f"requests.status.{s.value}")) for s in RequestStatus], row.status
    )
    return rx.el.li(
        rx.el.strong(category), " · ", status, " · ", row.created[LANG], class_name="document-row"
    )


def _event(row: rx.Var[HistoryView]) -> rx.Component:
    return rx.el.li(
        rx.el.strong(row.at[LANG]),
        rx.el.br(),
        rx.cond(row.actor != "", rx.el.span(row.actor, " (", role_text(row.role), ") · ")),
        action_label(row.action_key),
        rx.el.span(" · ", row.action, class_name="muted"),
        class_name="document-row",
    )


def _list(items: Any, render: Any, list_id: str) -> rx.Component:
    return rx.cond(
        items.length() > 0,
        rx.el.ul(rx.foreach(items, render), class_name="plain-list", id=list_id),
        rx.el.p(t("records_admin.none")),
    )


def staff_child_page() -> rx.Component:
    return frame(
        console_nav(STAFF_RECORDS),
        rx.el.a(t("records_admin.back_to_search"), href=STAFF_RECORDS, class_name="back-link"),
        rx.el.h1(t("records_admin.child.title")),
        rx.el.p(t("records_admin.child.audited"), class_name="notice"),
        rx.cond(
            StaffChildState.loaded,
            rx.fragment(
                _identity(),
                section(
                    "records_admin.enrolments",
                    "staff-enrolments",
                    _list(StaffChildState.enrolments, _enrolment, "enrolment-list"),
                ),
                section(
                    "records_admin.guardians",
                    "staff-guardians",
                    _list(StaffChildState.guardians, _guardian, "guardian-list"),
                ),
                _health(),
                section(
                    "records_admin.documents",
                    "staff-documents",
                    _list(StaffChildState.documents, _document, "document-list"),
                ),
                section(
                    "records_admin.requests",
                    "staff-requests",
                    _list(StaffChildState.requests, _request, "request-list"),
                ),
                section(
                    "records_admin.history",
                    "staff-history",
                    _list(StaffChildState.history, _event, "history-list"),
                ),
            ),
        ),
    )
