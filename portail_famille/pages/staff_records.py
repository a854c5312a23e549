"""The console's record search: a child by name (accents ignored), file number or permanent code."""

from __future__ import annotations

import reflex as rx

from portail_famille.components.layout import card, field_label
from portail_famille.pages.common import frame
from portail_famille.pages.console_nav import console_nav
from portail_famille.pages.counts import count_line
from portail_famille.paths import STAFF_RECORDS
from portail_famille.state.lang import t
from portail_famille.state.staff_records import ChildHitView, StaffRecordsState


def _hit(hit: rx.Var[ChildHitView], index: rx.Var[int]) -> rx.Component:
    return rx.el.li(
        rx.el.h3(
            rx.el.button(
                hit.name,
                type="button",
                on_click=StaffRecordsState.open_child(index),
                class_name="link-button",
            ),
        ),
        rx.el.p(
            t("records_admin.file_number_short", number=hit.file_number),
            rx.cond(hit.permanent_code != "", rx.el.span(" · ", hit.permanent_code)),
            class_name="muted",
        ),
        rx.el.p(
            rx.cond(hit.school != "", rx.el.span(hit.school, " · ", hit.grade)),
            rx.cond(
                ~hit.active, rx.el.span(" ", t("records_admin.inactive"), class_name="badge warn")
            ),
        ),
        rx.cond(hit.families != "", rx.el.p(hit.families, " — ", hit.guardians)),
        class_name="family-row",
    )


def staff_records_page() -> rx.Component:
    return frame(
        console_nav(STAFF_RECORDS),
        rx.el.h1(t("records_admin.search.title")),
        rx.el.form(
            field_label(t("records_admin.search.label"), "record-query"),
            rx.el.p(t("records_admin.search.hint"), id="record-query-hint", class_name="hint"),
            rx.el.div(
                rx.el.input(
                    id="record-query",
                    name="query",
                    type="search",
                    class_name="input",
                    max_length=100,
                    aria_describedby="record-query-hint",
                    default_value=StaffRecordsState.query,
                ),
                rx.el.button(
                    t("records_admin.search.button"),
                    type="submit",
                    class_name="button",
                    id="record-search",
                ),
                class_name="search-row",
            ),
            on_submit=StaffRecordsState.search,
            role="search",
            class_name="form",
        ),
        rx.cond(
            StaffRecordsState.searched,
            count_line(
                "records_admin.search.count",
                StaffRecordsState.total,
                StaffRecordsState.results.length(),
                "record-count",
            ),
            rx.el.p(aria_live="polite", id="record-count"),
        ),
        rx.cond(
            StaffRecordsState.results.length() > 0,
            card(
                rx.el.ul(
                    rx.foreach(StaffRecordsState.results, _hit),
                    class_name="family-list",
                    id="record-results",
                ),
            ),
        ),
    )
