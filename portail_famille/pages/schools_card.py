"""The schools card of the organisation screen: each school's code and name, and a new school."""

from __future__ import annotations

from typing import Any

import reflex as rx

from portail_famille.components.forms import field_error, form_notice
from portail_famille.components.layout import card
from portail_famille.state.lang import t
from portail_famille.state.schools import SchoolsState, SchoolView

S = SchoolsState


def _input(field: str, key: Any, label: Any, value: Any, error: Any, limit: int) -> rx.Component:
    """A labelled input: its id is unique on the page (`key` is the row), its name is `field`."""
    element_id = "school-" + field + "-" + key
    return rx.el.div(
        rx.el.label(label, html_for=element_id, class_name="field-label"),
        rx.el.input(
            id=element_id,
            name=field,
            default_value=value,
            key=value,
            max_length=limit,
            aria_required="true",
            aria_invalid=rx.cond(error != "", "true", "false"),
            aria_describedby=element_id + "-error",
            class_name="input",
        ),
        field_error(element_id, error),
        class_name="field",
    )


def _form(key: Any, code: Any, name: Any, button: Any, labels: tuple[Any, Any]) -> rx.Component:
    return rx.el.form(
        rx.el.input(type="hidden", name="position", value=key),
        _input("code", key, labels[0], code, S.errors.get(key + "-code", ""), 32),
        _input("name", key, labels[1], name, S.errors.get(key + "-name", ""), 200),
        rx.el.button(button, type="submit", class_name="button"),
        on_submit=S.save_school,
        no_validate=True,
        reset_on_submit=False,
        class_name="form",
    )


def _school(school: rx.Var[SchoolView], index: rx.Var[int]) -> rx.Component:
    number = (index + 1).to_string()
    return rx.el.li(
        _form(
            index.to_string(),
            school.code,
            school.name,
            t("schools.save"),
            (t("schools.code_n", n=number), t("schools.name_n", n=number)),
        ),
        class_name="family-row",
    )


def schools_card() -> rx.Component:
    return card(
        rx.el.h2(t("schools.title"), id="org-schools-heading"),
        rx.el.p(t("schools.hint"), class_name="muted"),
        form_notice(S.notice, element_id="schools-notice"),
        form_notice(S.errors.get("form", ""), kind="error", element_id="schools-error"),
        rx.cond(
            S.schools.length() > 0,
            rx.el.ul(rx.foreach(S.schools, _school), class_name="plain-list", id="school-list"),
            rx.el.p(t("schools.none"), class_name="muted"),
        ),
        rx.el.h3(t("schools.add_title")),
        _form("new", "", "", t("schools.add"), (t("schools.code"), t("schools.name"))),
        aria_labelledby="org-schools-heading",
        id="org-schools",
    )
