"""The console's import screen (/console/imports) and the access-code letters, phone first."""

from __future__ import annotations

import reflex as rx

from portail_famille.api.letters import LETTERS_PATH
from portail_famille.components.layout import card, field_label
from portail_famille.components.native_form import native_form
from portail_famille.pages.common import frame
from portail_famille.pages.console_nav import console_nav
from portail_famille.paths import IMPORTS_PAGE
from portail_famille.state.imports import ImportState
from portail_famille.state.lang import t

UPLOAD_ID = "import-upload"
KINDS = ("students", "guardians", "enrolments", "marks", "absences", "timetable", "oneroster")


def _choices() -> rx.Component:
    return rx.el.div(
        field_label(t("imports.kind"), "import-kind"),
        rx.el.select(
            *[rx.el.option(t(f"imports.kind.{kind}"), value=kind) for kind in KINDS],
            id="import-kind",
            value=ImportState.kind,
            on_change=ImportState.choose_kind,
            class_name="input",
        ),
        rx.el.div(
            rx.el.input(
                type="checkbox",
                id="import-full",
                checked=ImportState.full,
                on_change=ImportState.choose_full,
            ),
            rx.el.label(t("imports.full"), html_for="import-full"),
            class_name="checkbox-row",
        ),
        class_name="field",
    )


def _upload() -> rx.Component:
    return rx.el.div(
        # The label names the dropzone's hidden file input; the button inside opens it by keyboard.
        rx.el.label(
            rx.upload.root(
                rx.el.button(t("imports.choose_file"), type="button", class_name="button"),
                id=UPLOAD_ID,
                multiple=False,
                max_files=1,
                no_keyboard=True,
            ),
        ),
        rx.el.p(
            rx.foreach(rx.selected_files(UPLOAD_ID), lambda name: rx.el.span(name)),
            id="import-file-name",
            class_name="muted",
        ),
        rx.el.button(
            t("imports.check"),
            type="button",
            id="import-check",
            class_name="button",
            disabled=ImportState.busy,
            on_click=ImportState.upload(rx.upload_files(upload_id=UPLOAD_ID)),
        ),
        class_name="field",
    )


def _progress() -> rx.Component:
    return rx.cond(
        ImportState.busy,
        rx.el.div(
            rx.el.label(t("imports.progress"), html_for="import-progress"),
            rx.el.progress(value=ImportState.progress, max=100, id="import-progress"),
            class_name="field",
        ),
    )


def _lines(items, element_id: str, **props) -> rx.Component:
    return rx.el.ul(rx.foreach(items, lambda line: rx.el.li(line)), id=element_id, **props)


def _report() -> rx.Component:
    return rx.cond(
        ImportState.summary.length() > 0,
        card(
            rx.el.h2(t("imports.report"), tab_index=-1),
            rx.el.p(ImportState.file_name, class_name="muted"),
            rx.el.div(_lines(ImportState.summary, "import-summary"), role="status"),
            rx.cond(
                ImportState.issues.length() > 0,
                _lines(ImportState.issues, "import-issues", class_name="error"),
            ),
            rx.cond(
                ImportState.samples.length() > 0,
                rx.el.details(
                    rx.el.summary(t("imports.details")),
                    _lines(ImportState.samples, "import-samples"),
                ),
            ),
            rx.cond(
                ImportState.can_apply,
                rx.el.button(
                    t("imports.apply"),
                    type="button",
                    id="import-apply",
                    class_name="button",
                    on_click=ImportState.apply,
                ),
            ),
        ),
    )


def _letters() -> rx.Component:
    def letter_form(name: str, label_key: str, button_key: str) -> rx.Component:
        return native_form(
            field_label(t(label_key), f"letters-{name}"),
            rx.el.div(
                rx.el.input(id=f"letters-{name}", name=name, class_name="input", max_length=32),
                rx.el.button(t(button_key), type="submit", class_name="button"),
                class_name="search-row",
            ),
            action=LETTERS_PATH,
            method="post",
            class_name="form",
        )

    return card(
        rx.el.h2(t("letters.heading")),
        rx.el.p(t("letters.explain")),
        letter_form("school", "letters.school", "letters.print_school"),
        letter_form("file_number", "letters.file_number", "letters.print_child"),
    )


def imports_page() -> rx.Component:
    return frame(
        console_nav(IMPORTS_PAGE),
        rx.el.h1(t("imports.title")),
        rx.el.p(ImportState.organisation, class_name="muted"),
        card(_choices(), _upload(), _progress()),
        _report(),
        _letters(),
    )


def register(app: rx.App) -> None:
    """Adds the import screen to the app (its letters route is in api/routes.py)."""
    app.add_page(
        imports_page, route=IMPORTS_PAGE, title="Portail Famille", on_load=ImportState.load
    )
