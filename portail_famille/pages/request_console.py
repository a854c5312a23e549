"""The console's request queue: filters, each request field by field (before → after), a decision
per field with a comment, conflicts shown, and bulk approval with a progress bar."""

from __future__ import annotations

import reflex as rx

from portail_famille.components.forms import form_notice
from portail_famille.components.layout import card, field_label
from portail_famille.pages.common import frame
from portail_famille.pages.console_nav import console_nav
from portail_famille.pages.counts import count_line
from portail_famille.paths import STAFF_REQUESTS
from portail_famille.state.lang import LangState, t
from portail_famille.state.request_console import RequestConsoleState
from portail_famille.state.request_views import ConsoleField, ConsoleRow, DocumentRow

S = RequestConsoleState
LANG = LangState.language


def _select(name: str, label, options, value) -> rx.Component:
    return rx.el.div(
        field_label(label, f"filter-{name}"),
        rx.el.select(
            rx.el.option(t("requests.console.all"), value=""),
            options,
            id=f"filter-{name}",
            name=name,
            default_value=value,
            class_name="input",
        ),
        class_name="field",
    )


def _age(name: str, label, value) -> rx.Component:
    return rx.el.div(
        field_label(label, f"filter-{name}"),
        rx.el.input(
            id=f"filter-{name}",
            name=name,
            type="number",
            min="0",
            max="25",
            input_mode="numeric",
            default_value=value,
            class_name="input",
        ),
        class_name="field",
    )


def _filters() -> rx.Component:
    return card(
        rx.el.h2(t("requests.console.filters"), id="filters-title"),
        rx.el.form(
            rx.el.div(
                _select(
                    "category",
                    t("requests.console.category"),
                    rx.foreach(
                        S.categories,
                        lambda c, i: rx.el.option(c[LANG], value=i.to_string()),
                    ),
                    S.chosen_category,
                ),
                _select(
                    "school",
                    t("requests.console.school"),
                    rx.foreach(S.schools, lambda s, i: rx.el.option(s, value=i.to_string())),
                    S.chosen_school,
                ),
                _age("min_age", t("requests.console.min_age"), S.min_age),
                _age("max_age", t("requests.console.max_age"), S.max_age),
                class_name="filters",
            ),
            rx.el.button(
                t("requests.console.apply_filters"),
                type="submit",
                class_name="button",
                id="apply-filters",
            ),
            on_submit=S.filter,
            no_validate=True,
            class_name="form",
        ),
        aria_labelledby="filters-title",
    )


def _field(field: rx.Var[ConsoleField], index: rx.Var[int], row_index: rx.Var[int]):
    box_id = f"accept-{row_index}-{index}"
    return rx.el.li(
        rx.el.div(
            rx.el.input(
                type="checkbox",
                id=box_id,
                name=f"accept-{index}",
                default_checked=~field.conflict,
            ),
            rx.el.label(
                t("requests.console.accept_field", field=field.label[LANG]), html_for=box_id
            ),
            class_name="checkbox-row",
        ),
        rx.el.p(
            rx.el.span(
                rx.cond(field.before[LANG] != "", field.before[LANG], t("requests.console.empty")),
                class_name="before",
            ),
            rx.el.span("→", aria_hidden="true"),
            rx.el.span(t("requests.console.becomes"), class_name="sr-only"),
            rx.el.span(
                rx.cond(
                    field.proposed[LANG] != "", field.proposed[LANG], t("requests.console.empty")
                ),
                class_name="after",
            ),
            class_name="change",
        ),
        rx.cond(
            field.conflict,
            rx.el.p(
                t(
                    "requests.console.changed_since",
                    value=rx.cond(
                        field.current[LANG] != "",
                        field.current[LANG],
                        t("requests.console.empty"),
                    ),
                ),
                role="note",
            ),
        ),
        class_name=rx.cond(field.conflict, "request-field conflict", "request-field"),
    )


def _document(document: rx.Var[DocumentRow]) -> rx.Component:
    return rx.el.li(rx.el.a(document.filename, href=document.href, target="_blank"))


def _request(row: rx.Var[ConsoleRow], index: rx.Var[int]) -> rx.Component:
    title_id = f"request-{index}-title"
    return rx.el.li(
        card(
            rx.el.h3(row.category[LANG], " — ", row.title, id=title_id),
            rx.el.p(
                row.family,
                rx.cond(row.school != "", rx.fragment(" · ", row.school)),
                rx.cond(row.age != "", rx.fragment(" · ", t("requests.console.age", age=row.age))),
                class_name="muted",
            ),
            rx.el.p(
                t("requests.console.asked", who=row.asked_by, when=row.created[LANG]),
                class_name="muted",
            ),
            rx.cond(
                row.has_conflict,
                rx.el.p(t("requests.console.conflict_notice"), class_name="badge warn"),
            ),
            rx.el.form(
                rx.el.input(type="hidden", name="position", value=index.to_string()),
                rx.el.ul(
                    rx.foreach(row.fields, lambda f, i: _field(f, i, index)),
                    class_name="request-fields",
                ),
                rx.cond(
                    row.documents.length() > 0,
                    rx.el.div(
                        rx.el.p(t("requests.console.documents")),
                        rx.el.ul(rx.foreach(row.documents, _document)),
                    ),
                ),
                rx.cond(
                    row.has_conflict,
                    rx.el.div(
                        rx.el.input(type="checkbox", id=f"anyway-{index}", name="apply_anyway"),
                        rx.el.label(t("requests.console.apply_anyway"), html_for=f"anyway-{index}"),
                        class_name="checkbox-row",
                    ),
                ),
                rx.el.div(
                    field_label(t("requests.console.comment"), f"comment-{index}"),
                    rx.el.textarea(
                        id=f"comment-{index}", name="comment", rows=2, class_name="input"
                    ),
                    class_name="field",
                ),
                rx.el.div(
                    rx.el.button(
                        t("requests.console.decide"),
                        type="submit",
                        class_name="button primary",
                        id=f"decide-{index}",
                    ),
                    class_name="request-actions",
                ),
                on_submit=S.decide,
                no_validate=True,
                class_name="form",
            ),
            aria_labelledby=title_id,
        ),
        key=row.key,
    )


def _bulk() -> rx.Component:
    return rx.el.div(
        rx.el.button(
            t("requests.console.approve_all"),
            type="button",
            on_click=S.approve_all,
            disabled=S.busy | (S.rows.length() == 0),
            class_name="button",
            id="approve-all",
        ),
        rx.el.p(t("requests.console.approve_all_hint"), class_name="muted"),
        rx.cond(
            S.busy,
            rx.el.div(
                rx.el.label(
                    t("requests.console.progress", done=S.bulk_done, total=S.bulk_total),
                    html_for="bulk-progress",
                ),
                rx.el.progress(value=S.progress, max=100, id="bulk-progress"),
                class_name="field",
            ),
        ),
    )


def request_console_page() -> rx.Component:
    return frame(
        rx.el.link(rel="stylesheet", href="/requests.css"),
        console_nav(STAFF_REQUESTS),
        rx.el.h1(t("requests.console.title")),
        _filters(),
        form_notice(S.notice, element_id="requests-notice"),
        form_notice(S.error, kind="error", element_id="requests-error"),
        count_line("requests.console.count", S.total, S.rows.length(), "request-count"),
        _bulk(),
        rx.cond(
            S.rows.length() > 0,
            rx.el.ul(rx.foreach(S.rows, _request), class_name="plain-list", id="request-queue"),
            card(rx.el.p(t("requests.console.none"), id="request-queue")),
        ),
    )
