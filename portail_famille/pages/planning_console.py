"""The console's Planning screen: day list per activity, presence, changes, PDF, invoicing."""

from __future__ import annotations

import reflex as rx

from portail_famille.components.forms import form_notice, select_field, text_field
from portail_famille.components.layout import card
from portail_famille.pages.common import frame
from portail_famille.pages.console_nav import console_nav
from portail_famille.pages.planning_billing import billing_card
from portail_famille.paths import STAFF_PLANNING, STAFF_PLANNING_SETTINGS
from portail_famille.state.lang import t
from portail_famille.state.planning_console import ConsoleRow, PlanningConsoleState


def _status(row: rx.Var[ConsoleRow]) -> rx.Component:
    return rx.el.p(
        rx.cond(row.declared, t("planning.console.declared"), ""),
        " ",
        rx.cond(
            row.attendance == "present",
            t("planning.console.present"),
            rx.cond(
                row.attendance == "absent",
                rx.cond(
                    row.justified, t("planning.console.justified"), t("planning.console.absent")
                ),
                "",
            ),
        ),
        class_name="muted",
    )


def _row(row: rx.Var[ConsoleRow], index: rx.Var[int]) -> rx.Component:
    def action(label_key: str, value: str) -> rx.Component:
        return rx.el.button(
            t(label_key),
            type="button",
            aria_label=t(f"{label_key}_named", name=row.child),
            on_click=PlanningConsoleState.mark(index, value),
            class_name="button",
        )

    return rx.el.li(
        rx.el.h3(row.child),
        rx.el.p(row.family, class_name="muted"),
        _status(row),
        rx.el.div(
            action("planning.console.mark_present", "present"),
            action("planning.console.mark_absent", "absent"),
            action("planning.console.mark_justified", "justified"),
            rx.el.button(
                t("planning.console.cancel"),
                type="button",
                aria_label=t("planning.console.cancel_named", name=row.child),
                on_click=PlanningConsoleState.cancel(index),
                class_name="button",
            ),
            class_name="row-actions",
        ),
        class_name="absence-row",
    )


def planning_console_page() -> rx.Component:
    return frame(
        console_nav(STAFF_PLANNING),
        rx.el.h1(t("planning.console.title")),
        rx.el.p(rx.el.a(t("planning.settings.link"), href=STAFF_PLANNING_SETTINGS)),
        rx.el.form(
            select_field(
                "activity",
                t("planning.console.activity"),
                "",
                PlanningConsoleState.activities,
                t("planning.console.choose_activity"),
            ),
            text_field(
                "day",
                t("planning.console.day"),
                "",
                type="date",
                default_value=PlanningConsoleState.day,
            ),
            rx.el.button(
                t("planning.console.show"), type="submit", class_name="button", id="show-list"
            ),
            on_submit=PlanningConsoleState.show,
            no_validate=True,
            class_name="form",
        ),
        form_notice(
            PlanningConsoleState.notice, kind="success", element_id="console-planning-notice"
        ),
        form_notice(PlanningConsoleState.error, kind="error", element_id="console-planning-error"),
        card(
            rx.el.h2(
                rx.cond(
                    PlanningConsoleState.activities.length() > 0,
                    PlanningConsoleState.activities[PlanningConsoleState.activity],
                    "",
                ),
                " — ",
                PlanningConsoleState.day,
                id="list-title",
            ),
            rx.el.p(
                t("planning.console.count", count=PlanningConsoleState.rows.length()),
                aria_live="polite",
            ),
            rx.el.button(
                t("planning.console.pdf"),
                type="button",
                class_name="button",
                on_click=PlanningConsoleState.pdf,
                id="daily-pdf",
            ),
            rx.cond(
                PlanningConsoleState.rows.length() > 0,
                rx.el.ul(
                    rx.foreach(PlanningConsoleState.rows, _row),
                    class_name="plain-list",
                    id="daily-list",
                ),
                rx.el.p(t("planning.console.none"), id="daily-list"),
            ),
            rx.cond(
                PlanningConsoleState.waiting.length() > 0,
                rx.fragment(
                    rx.el.h3(t("planning.console.waiting")),
                    rx.el.ol(rx.foreach(PlanningConsoleState.waiting, lambda n: rx.el.li(n))),
                ),
            ),
            aria_labelledby="list-title",
        ),
        card(
            rx.el.h2(t("planning.console.book_title"), id="book-title"),
            rx.el.form(
                select_field(
                    "child",
                    t("planning.console.child"),
                    "",
                    PlanningConsoleState.children,
                    t("planning.console.choose_child"),
                ),
                rx.el.button(
                    t("planning.console.book"), type="submit", class_name="button", id="staff-book"
                ),
                on_submit=PlanningConsoleState.book,
                no_validate=True,
                class_name="form",
            ),
            aria_labelledby="book-title",
        ),
        billing_card(),
    )
