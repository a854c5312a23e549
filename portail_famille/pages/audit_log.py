"""The admin's audit log: search by dates, staff member, child and action; export as CSV."""

from __future__ import annotations

import reflex as rx

from portail_famille.components.forms import text_field
from portail_famille.components.layout import card
from portail_famille.pages.common import frame
from portail_famille.pages.console_nav import console_nav
from portail_famille.pages.counts import count_line
from portail_famille.pages.records_common import kind_text, role_text
from portail_famille.paths import STAFF_AUDIT_LOG
from portail_famille.state.audit_views import AuditLogState, LogRowView
from portail_famille.state.lang import LangState, t


def _row(row: rx.Var[LogRowView]) -> rx.Component:
    return rx.el.li(
        rx.el.strong(row.at[LangState.language]),
        " · ",
        rx.el.span(kind_text(row.kind), class_name="log-kind"),
        " · ",
        rx.el.code(row.action),
        rx.el.br(),
        rx.cond(row.actor != "", rx.el.span(row.actor, " (", role_text(row.role), ")")),
        rx.cond(row.child != "", rx.el.span(" · ", row.child, " · ", row.file_number)),
        rx.cond(row.detail != "", rx.el.p(row.detail, class_name="muted log-detail")),
        class_name="document-row",
    )


def _filters() -> rx.Component:
    errors = AuditLogState.errors
    return card(
        rx.el.h2(t("records_admin.log.filters"), id="log-filters-heading"),
        rx.el.form(
            text_field(
                "starts_on",
                t("records_admin.log.starts_on"),
                errors.get("starts_on", ""),
                type="date",
                required=False,
            ),
            text_field(
                "ends_on",
                t("records_admin.log.ends_on"),
                errors.get("ends_on", ""),
                type="date",
                required=False,
            ),
            text_field("staff", t("records_admin.log.staff"), "", required=False, max_length=100),
            text_field("child", t("records_admin.log.child"), "", required=False, max_length=100),
            text_field(
                "action",
                t("records_admin.log.action"),
                "",
                required=False,
                max_length=64,
                hint=t("records_admin.log.action_hint"),
            ),
            rx.el.button(
                t("records_admin.log.search"), type="submit", class_name="button", id="log-search"
            ),
            on_submit=AuditLogState.search,
            no_validate=True,
            reset_on_submit=False,
            class_name="form",
        ),
        aria_labelledby="log-filters-heading",
    )


def audit_log_page() -> rx.Component:
    return frame(
        console_nav(STAFF_AUDIT_LOG),
        rx.el.h1(t("records_admin.log.title")),
        _filters(),
        rx.el.p(
            rx.el.a(
                t("records_admin.log.export"),
                href=AuditLogState.export_href,
                class_name="button",
                id="log-export",
                download="journal-audit.csv",
            ),
        ),
        count_line(
            "records_admin.log.count", AuditLogState.total, AuditLogState.rows.length(), "log-count"
        ),
        card(
            rx.cond(
                AuditLogState.rows.length() > 0,
                rx.el.ul(rx.foreach(AuditLogState.rows, _row), class_name="plain-list", id="log"),
                rx.el.p(t("records_admin.none"), id="log"),
            ),
        ),
    )
