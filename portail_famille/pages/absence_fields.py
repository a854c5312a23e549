"""Form pieces shared by the family's and the school's absence forms."""

from __future__ import annotations

from typing import Any

import reflex as rx

from portail_famille.components.forms import field_error
from portail_famille.state.lang import t


def kind_select(field_id: str, error: Any) -> rx.Component:
    """Full day, arrives late, leaves early: fixed values the server parses and checks."""
    return rx.el.div(
        rx.el.label(t("absences.kind_label"), html_for=field_id, class_name="field-label"),
        rx.el.select(
            rx.el.option(t("absences.full_day"), value="full_day"),
            rx.el.option(t("absences.late_arrival"), value="late_arrival"),
            rx.el.option(t("absences.early_departure"), value="early_departure"),
            id=field_id,
            name=field_id,
            aria_invalid=rx.cond(error != "", "true", "false"),
            aria_describedby=f"{field_id}-error",
            class_name="input",
        ),
        field_error(field_id, error),
        class_name="field",
    )


def reason_select(field_id: str, error: Any, options: Any) -> rx.Component:
    """The organisation's reasons by position, then "other" (explained in a text field)."""
    return rx.el.div(
        rx.el.label(t("absences.reason"), html_for=field_id, class_name="field-label"),
        rx.el.select(
            rx.el.option(t("absences.choose_reason"), value=""),
            rx.foreach(options, lambda name, i: rx.el.option(name, value=i.to_string())),
            rx.el.option(t("absences.other"), value="other"),
            id=field_id,
            name="reason",
            aria_required="true",
            aria_invalid=rx.cond(error != "", "true", "false"),
            aria_describedby=f"{field_id}-error",
            class_name="input",
        ),
        field_error(field_id, error),
        class_name="field",
    )


def kind_text(kind: Any, time: Any) -> Any:
    return rx.match(
        kind,
        ("late_arrival", t("absences.kind.late_arrival", time=time)),
        ("early_departure", t("absences.kind.early_departure", time=time)),
        t("absences.kind.full_day"),
    )


def status_badges(by_family: Any, justified: Any) -> rx.Component:
    return rx.el.div(
        rx.cond(
            justified,
            rx.el.span(t("absences.justified"), class_name="badge"),
            rx.el.span(t("absences.unjustified"), class_name="badge warn"),
        ),
        rx.el.span(
            rx.cond(by_family, t("absences.by_family"), t("absences.by_school")),
            class_name="badge",
        ),
        class_name="badges",
    )
