"""The console's Absences screen: the day's list (declared ones first), record one, justify one."""

from __future__ import annotations

import reflex as rx

from portail_famille.components.forms import form_notice, select_field, text_field
from portail_famille.components.layout import card
from portail_famille.pages.absence_fields import kind_select, kind_text, status_badges
from portail_famille.pages.common import frame
from portail_famille.pages.console_nav import console_nav
from portail_famille.paths import STAFF_ABSENCES
from portail_famille.state.absences_console import AbsenceConsoleState, StaffAbsenceView
from portail_famille.state.lang import LangState, t


def _row(row: rx.Var[StaffAbsenceView], index: rx.Var[int]) -> rx.Component:
    return rx.el.li(
        rx.el.h3(row.child_name),
        rx.el.p(
            row.school, " · ", t("absences.console.group", group=row.group_name), class_name="muted"
        ),
        rx.el.p(kind_text(row.kind, row.time)),
        status_badges(row.by_family, row.justified),
        rx.cond(
            row.reason[LangState.language] != "",
            rx.el.p(row.reason[LangState.language], class_name="muted"),
        ),
        rx.cond(
            ~row.justified,
            rx.el.button(
                t("absences.console.mark"),
                type="button",
                aria_label=t("absences.console.mark_named", name=row.child_name),
                on_click=AbsenceConsoleState.mark(index),
                class_name="button",
            ),
        ),
        class_name="absence-row",
    )


def _record_form() -> rx.Component:
    errors = AbsenceConsoleState.errors
    return card(
        rx.el.h2(t("absences.console.record"), id="record-title"),
        rx.el.p(t("absences.console.record_hint"), class_name="muted"),
        rx.el.form(
            select_field(
                "pupil",
                t("absences.console.pupil"),
                errors.get("pupil", ""),
                AbsenceConsoleState.pupils,
                t("absences.console.choose_pupil"),
            ),
            text_field(
                "record_day",
                t("absences.console.day"),
                errors.get("record_day", ""),
                type="date",
                default_value=AbsenceConsoleState.day,
            ),
            kind_select("record_kind", errors.get("record_kind", "")),
            text_field(
                "record_time",
                t("absences.at_time"),
                errors.get("record_time", ""),
                type="time",
                required=False,  # only for a late arrival or an early leave
            ),
            rx.el.button(
                t("absences.console.record"),
                type="submit",
                class_name="button primary",
                id="record-submit",
            ),
            on_submit=AbsenceConsoleState.record,
            no_validate=True,
            class_name="form",
        ),
        aria_labelledby="record-title",
        id="record",
    )


def absences_console_page() -> rx.Component:
    return frame(
        console_nav(STAFF_ABSENCES),
        rx.el.h1(t("absences.console.title")),
        rx.el.form(
            text_field(
                "day",
                t("absences.console.day"),
                "",
                type="date",
                default_value=AbsenceConsoleState.day,
            ),
            rx.el.button(
                t("absences.console.show"), type="submit", class_name="button", id="show-day"
            ),
            on_submit=AbsenceConsoleState.show,
            no_validate=True,
            class_name="form",
        ),
        form_notice(AbsenceConsoleState.notice, element_id="console-absences-notice"),
        rx.el.p(
            t("absences.console.count", count=AbsenceConsoleState.rows.length()),
            aria_live="polite",
            id="absence-count",
        ),
        card(
            rx.cond(
                AbsenceConsoleState.rows.length() > 0,
                rx.el.ul(
                    rx.foreach(AbsenceConsoleState.rows, _row),
                    class_name="plain-list",
                    id="day-absences",
                ),
                rx.el.p(t("absences.console.none"), id="day-absences"),
            ),
        ),
        _record_form(),
    )
