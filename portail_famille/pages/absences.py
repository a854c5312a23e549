"""The Absences tile: the child's absences with their status, declare one, justify one."""

from __future__ import annotations

import reflex as rx

from portail_famille.components.forms import form_notice, text_field
from portail_famille.components.layout import card
from portail_famille.components.submission import submission_token
from portail_famille.pages.absence_fields import (
    kind_select,
    kind_text,
    reason_select,
    status_badges,
)
from portail_famille.pages.child_switcher import child_switcher
from portail_famille.pages.common import frame
from portail_famille.state.absences import AbsencesState, AbsenceView
from portail_famille.state.lang import LangState, t


def _reason_options() -> rx.Var:
    return rx.cond(LangState.language == "en", AbsencesState.reasons_en, AbsencesState.reasons_fr)


def _absence(absence: rx.Var[AbsenceView], index: rx.Var[int]) -> rx.Component:
    day = absence.day[LangState.language]
    return rx.el.li(
        rx.el.h3(day, class_name="absence-day"),
        rx.el.p(kind_text(absence.kind, absence.time)),
        status_badges(absence.by_family, absence.justified),
        rx.cond(
            absence.reason[LangState.language] != "",
            rx.el.p(absence.reason[LangState.language], class_name="muted"),
        ),
        rx.cond(
            ~absence.justified,
            rx.el.button(
                t("absences.justify"),
                type="button",
                aria_label=t("absences.justify_named", day=day),
                on_click=AbsencesState.start_justify(index),
                class_name="button",
            ),
        ),
        class_name="absence-row",
    )


def _justify_form() -> rx.Component:
    errors = AbsencesState.errors
    day = AbsencesState.absences[AbsencesState.justifying].to(AbsenceView).day[LangState.language]
    return card(
        rx.el.h2(t("absences.justify_title", day=day), id="justify-title"),
        rx.el.form(
            reason_select(
                "justify_reason",
                errors.get("justify_reason", ""),
                _reason_options(),
            ),
            text_field(
                "justify_text",
                t("absences.reason_text"),
                errors.get("justify_text", ""),
                max_length=500,
                required=False,
            ),
            rx.el.div(
                rx.el.button(
                    t("absences.submit"),
                    type="submit",
                    class_name="button primary",
                    id="justify-submit",
                ),
                rx.el.button(
                    t("absences.justify_cancel"),
                    type="button",
                    on_click=AbsencesState.cancel_justify,
                    class_name="button",
                ),
                class_name="row-actions",
            ),
            on_submit=AbsencesState.justify,
            no_validate=True,
            class_name="form",
        ),
        aria_labelledby="justify-title",
        id="justify",
    )


def _declare_form() -> rx.Component:
    errors = AbsencesState.errors
    return card(
        rx.el.h2(t("absences.declare"), id="declare-title"),
        rx.el.form(
            text_field(
                "starts_on", t("absences.starts_on"), errors.get("starts_on", ""), type="date"
            ),
            text_field(
                "ends_on",
                t("absences.ends_on"),
                errors.get("ends_on", ""),
                type="date",
                required=False,
            ),
            kind_select("kind", errors.get("kind", "")),
            text_field(
                "at_time",
                t("absences.at_time"),
                errors.get("at_time", ""),
                type="time",
                hint=t("absences.at_time_hint"),
                required=False,
            ),
            reason_select(
                "reason",
                errors.get("reason", ""),
                _reason_options(),
            ),
            text_field(
                "reason_text",
                t("absences.reason_text"),
                errors.get("reason_text", ""),
                max_length=500,
                required=False,
            ),
            submission_token(AbsencesState.form_nonce),
            rx.el.button(
                t("absences.submit"),
                type="submit",
                class_name="button primary",
                id="declare-submit",
            ),
            on_submit=AbsencesState.declare,
            no_validate=True,
            class_name="form",
        ),
        aria_labelledby="declare-title",
        id="declare",
    )


def absences_page() -> rx.Component:
    return frame(
        rx.el.h1(t("absences.title")),
        child_switcher(AbsencesState.reload),
        form_notice(AbsencesState.notice, element_id="absences-notice"),
        rx.cond(AbsencesState.justifying >= 0, _justify_form()),
        card(
            rx.el.h2(t("absences.list"), id="list-title"),
            rx.cond(
                AbsencesState.absences.length() > 0,
                rx.el.ul(
                    rx.foreach(AbsencesState.absences, _absence),
                    class_name="plain-list",
                    id="absences",
                ),
                rx.el.p(t("absences.none"), id="absences"),
            ),
            aria_labelledby="list-title",
        ),
        rx.cond(
            AbsencesState.enrolled,
            _declare_form(),
            rx.el.p(t("absences.not_enrolled"), class_name="notice"),
        ),
    )
