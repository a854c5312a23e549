"""The guardian's "Qui a consulté le dossier": which staff member viewed, and apart from that
which changed or decided on, the child's record, when, and in which role. Staff names only:
never another family's."""

from __future__ import annotations

import reflex as rx

from portail_famille.components.layout import card
from portail_famille.pages.child_switcher import child_switcher
from portail_famille.pages.common import frame
from portail_famille.pages.records_common import action_label, role_text
from portail_famille.paths import RECORD_PAGE
from portail_famille.state.audit_views import RecordViewersState, ViewerView
from portail_famille.state.lang import LangState, t


def _row(row: rx.Var[ViewerView]) -> rx.Component:
    return rx.el.li(
        rx.el.strong(row.at[LangState.language]),
        rx.el.br(),
        rx.el.span(row.name, class_name="viewer-name"),
        " · ",
        role_text(row.role),
        " · ",
        row.organisation,
        rx.el.br(),
        action_label(row.action_key),
        class_name="document-row",
    )


def _list(rows: rx.Var[list[ViewerView]], list_id: str, heading_key: str, none_key: str):
    return rx.el.section(
        rx.el.h3(t(heading_key), id=f"{list_id}-heading"),
        rx.cond(
            rows.length() > 0,
            rx.el.ul(rx.foreach(rows, _row), class_name="plain-list", id=list_id),
            rx.el.p(t(none_key), id=list_id),
        ),
        aria_labelledby=f"{list_id}-heading",
    )


def record_viewers_page() -> rx.Component:
    return frame(
        rx.el.a(t("records_admin.viewers.back"), href=RECORD_PAGE, class_name="back-link"),
        rx.el.h1(t("records_admin.viewers.title")),
        child_switcher(RecordViewersState.load),
        rx.el.p(t("records_admin.viewers.intro"), class_name="lead"),
        rx.cond(
            RecordViewersState.loaded,
            card(
                rx.el.h2(
                    t("records_admin.viewers.heading", name=RecordViewersState.child_name),
                    id="viewers-heading",
                ),
                _list(
                    RecordViewersState.views,
                    "viewer-list",
                    "audit.viewers.views_heading",
                    "records_admin.viewers.none",
                ),
                _list(
                    RecordViewersState.changes,
                    "change-list",
                    "audit.viewers.changes_heading",
                    "audit.viewers.no_changes",
                ),
                aria_labelledby="viewers-heading",
            ),
        ),
    )
