"""Pieces shared by the records and audit pages: a fact line, a section card, action labels."""

from __future__ import annotations

from typing import Any

import reflex as rx

from portail_famille.components.layout import card
from portail_famille.models import StaffRole
from portail_famille.services.audit_words import CHANGED, GUARDIAN_ACTIONS, KIND_ACTIONS, KIND_WORDS
from portail_famille.state.lang import t

ACTION_KEYS = sorted({*GUARDIAN_ACTIONS.values(), *KIND_ACTIONS.values()})


def fact(label_key: str, value: Any) -> rx.Component:
    return rx.el.div(
        rx.el.dt(t(label_key)),
        rx.el.dd(rx.cond(value != "", value, t("records_admin.none"))),
        class_name="fact",
    )


def yes_no(value: Any) -> Any:
    return rx.cond(value, t("records_admin.yes"), t("records_admin.no"))


def section(heading_key: str, section_id: str, *content: rx.Component) -> rx.Component:
    return card(
        rx.el.h2(t(heading_key), id=f"{section_id}-heading"),
        *content,
        aria_labelledby=f"{section_id}-heading",
        id=section_id,
    )


def action_label(key: rx.Var[str]) -> rx.Component:
    return rx.match(key, *[(k, t(k)) for k in ACTION_KEYS], t(CHANGED))


def kind_text(kind: rx.Var[str]) -> rx.Component:
    """What happened (viewed, changed, exported, decided...) as a word."""
    return rx.match(kind, *[(k.value, t(key)) for k, key in KIND_WORDS.items()], t(CHANGED))


def role_text(role: rx.Var[str]) -> rx.Component:
    """A staff role in words; "" (a family member, the system) as the family label."""
    return rx.match(
        role,
        *[(r.value, t(f"staff.role.{r.value}")) for r in StaffRole],
        t("records_admin.role.family"),
    )
