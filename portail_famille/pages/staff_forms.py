"""The admin's two forms: invite someone new, give an existing staff member one more role."""

from __future__ import annotations

import reflex as rx

from portail_famille.components.fields import checked_field
from portail_famille.components.layout import card, field_label
from portail_famille.models import StaffRole
from portail_famille.pages.catalogue_text import text_of
from portail_famille.state.lang import LangState, t
from portail_famille.state.staff_admin import StaffAdminState, StaffView

ROLE_ERRORS = ["staff.error.role", "staff.error.admin_school", "staff.error.forbidden"]


def role_label(role: rx.Var[str]) -> rx.Component:
    return rx.match(role, *[(r.value, t(f"staff.role.{r.value}")) for r in StaffRole], role)


def _role_options() -> list[rx.Component]:
    return [
        rx.el.option(t("staff.choose"), value=""),
        *[rx.el.option(t(f"staff.role.{r.value}"), value=r.value) for r in StaffRole],
    ]


def _organisation_select(field_id: str) -> rx.Component:
    return rx.el.div(
        field_label(t("staff.field.organisation"), field_id),
        rx.el.select(
            rx.foreach(
                StaffAdminState.organisations,
                lambda name, i: rx.el.option(name, value=i.to_string()),
            ),
            id=field_id,
            name="organisation",
            value=StaffAdminState.organisation_position.to_string(),
            on_change=StaffAdminState.pick_organisation,
            class_name="input",
        ),
        class_name="field",
    )


def _school_select(field_id: str) -> rx.Component:
    return rx.el.div(
        field_label(t("staff.field.school"), field_id),
        rx.el.select(
            rx.el.option(t("staff.school.all"), value=""),
            rx.foreach(
                StaffAdminState.schools,
                lambda name, i: rx.el.option(name, value=i.to_string()),
            ),
            id=field_id,
            name="school",
            class_name="input",
        ),
        class_name="field",
    )


def invite_form() -> rx.Component:
    errors = StaffAdminState.form_errors
    return card(
        rx.el.h2(t("staff.invite_heading"), id="invite-heading"),
        rx.el.p(t("staff.invite_intro"), class_name="muted"),
        rx.el.form(
            checked_field(
                rx.el.input,
                field_id="invite-email",
                label=t("staff.field.email"),
                has_error=errors["email"] != "",
                error_text=text_of(errors["email"], ["staff.error.email"]),
                name="email",
                type="email",
                auto_complete="off",
                max_length=254,
                required=True,
                class_name="input",
            ),
            checked_field(
                rx.el.input,
                field_id="invite-name",
                label=t("staff.field.name"),
                has_error=errors["name"] != "",
                error_text=text_of(errors["name"], ["staff.error.name"]),
                name="name",
                max_length=200,
                required=True,
                class_name="input",
            ),
            _organisation_select("invite-organisation"),
            checked_field(
                lambda **props: rx.el.select(*_role_options(), **props),
                field_id="invite-role",
                label=t("staff.field.role"),
                has_error=errors["role"] != "",
                error_text=text_of(errors["role"], ROLE_ERRORS),
                name="role",
                required=True,
                class_name="input",
            ),
            _school_select("invite-school"),
            rx.el.button(
                t("staff.invite_submit"), type="submit", class_name="button primary", id="invite"
            ),
            on_submit=StaffAdminState.invite,
            reset_on_submit=False,
            class_name="form",
        ),
        aria_labelledby="invite-heading",
    )


def _person_option(person: rx.Var[StaffView], index: rx.Var[int]) -> rx.Component:
    return rx.el.option(person.name, value=index.to_string())


def add_role_form() -> rx.Component:
    return card(
        rx.el.h2(t("staff.add_role_heading"), id="add-role-heading"),
        rx.el.form(
            field_label(t("staff.field.person"), "role-person"),
            rx.el.select(
                rx.el.option(t("staff.choose"), value=""),
                rx.foreach(StaffAdminState.staff, _person_option),
                id="role-person",
                name="person",
                required=True,
                class_name="input",
            ),
            _organisation_select("role-organisation"),
            field_label(t("staff.field.role"), "role-role"),
            rx.el.select(
                *_role_options(), id="role-role", name="role", required=True, class_name="input"
            ),
            _school_select("role-school"),
            rx.el.button(
                t("staff.add_role_submit"), type="submit", class_name="button", id="add-role"
            ),
            on_submit=StaffAdminState.add_role,
            class_name="form",
        ),
        aria_labelledby="add-role-heading",
    )


def change_role_form() -> rx.Component:
    """One role someone holds becomes another kind, or is bound to a school (or to every one)."""
    return card(
        rx.el.h2(t("staff.change_role_heading"), id="change-role-heading"),
        rx.el.p(t("staff.change_role_intro"), class_name="muted"),
        rx.el.form(
            field_label(t("staff.field.held_role"), "change-membership"),
            rx.el.select(
                rx.el.option(t("staff.choose"), value=""),
                rx.foreach(
                    StaffAdminState.role_choices,
                    lambda labels, i: rx.el.option(labels[LangState.language], value=i.to_string()),
                ),
                id="change-membership",
                name="membership",
                required=True,
                class_name="input",
            ),
            _organisation_select("change-organisation"),
            field_label(t("staff.field.role"), "change-role"),
            rx.el.select(
                *_role_options(), id="change-role", name="role", required=True, class_name="input"
            ),
            _school_select("change-school"),
            rx.el.button(
                t("staff.change_role_submit"),
                type="submit",
                class_name="button",
                id="change-role-submit",
            ),
            on_submit=StaffAdminState.change_role,
            class_name="form",
        ),
        aria_labelledby="change-role-heading",
    )
