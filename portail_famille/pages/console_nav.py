"""The console's navigation: families, received messages, imports, and staff for administrators."""

from __future__ import annotations

from typing import Any

import reflex as rx

from portail_famille.paths import (
    IMPORTS_PAGE,
    STAFF_ABSENCES,
    STAFF_AUDIT_LOG,
    STAFF_FINANCES,
    STAFF_HOME,
    STAFF_INBOX,
    STAFF_ORGANISATION,
    STAFF_PAYMENTS,
    STAFF_PEOPLE,
    STAFF_PLANNING,
    STAFF_PUBLICATIONS,
    STAFF_RECORDS,
    STAFF_REQUESTS,
    STAFF_THREADS,
)
from portail_famille.state.console_nav import ConsoleNavState
from portail_famille.state.lang import t


def _link(label: Any, href: str, current: str) -> rx.Component:
    return rx.el.li(
        rx.el.a(
            label,
            href=href,
            aria_current="page" if href == current else None,
            class_name="console-nav-link",
        )
    )


def console_nav(current: str) -> rx.Component:
    """`current` is the address of the page showing it, marked for screen readers."""
    return rx.el.nav(
        rx.el.ul(
            _link(t("console.nav.families"), STAFF_HOME, current),
            _link(t("records_admin.nav.records"), STAFF_RECORDS, current),
            _link(t("console.nav.messages"), STAFF_INBOX, current),
            _link(t("console.nav.imports"), IMPORTS_PAGE, current),
            _link(t("console.nav.threads"), STAFF_THREADS, current),
            _link(t("console.nav.publications"), STAFF_PUBLICATIONS, current),
            _link(t("absences.console.nav"), STAFF_ABSENCES, current),
            _link(t("planning.console.nav"), STAFF_PLANNING, current),
            _link(
                rx.fragment(
                    t("requests.console.nav"),
                    rx.cond(
                        ConsoleNavState.pending_requests > 0,
                        rx.el.span(
                            " (",
                            ConsoleNavState.pending_requests,
                            ")",
                            rx.el.span(t("requests.console.nav_waiting"), class_name="sr-only"),
                            id="pending-requests-count",
                        ),
                    ),
                ),
                STAFF_REQUESTS,
                current,
            ),
            _link(t("payments.console.nav"), STAFF_PAYMENTS, current),
            _link(t("finances.console.nav"), STAFF_FINANCES, current),
            rx.cond(ConsoleNavState.is_admin, _link(t("console.nav.staff"), STAFF_PEOPLE, current)),
            rx.cond(
                ConsoleNavState.is_admin,
                _link(t("records_admin.nav.audit"), STAFF_AUDIT_LOG, current),
            ),
            rx.cond(
                ConsoleNavState.is_admin,
                _link(t("records_admin.nav.organisation"), STAFF_ORGANISATION, current),
            ),
            class_name="console-nav-list",
        ),
        aria_label=t("console.nav.label"),
        on_mount=ConsoleNavState.load,
        class_name="console-nav",
        id="console-nav",
    )
