"""The admin's staff page: who works in their organisations, with which roles, and access."""

from __future__ import annotations

import reflex as rx

from portail_famille.components.fields import notice
from portail_famille.components.layout import card
from portail_famille.pages.catalogue_text import text_of
from portail_famille.pages.common import frame
from portail_famille.pages.console_nav import console_nav
from portail_famille.pages.staff_forms import (
    add_role_form,
    change_role_form,
    invite_form,
    role_label,
)
from portail_famille.paths import STAFF_PEOPLE
from portail_famille.state.lang import t
from portail_famille.state.staff_admin import RoleView, StaffAdminState, StaffView

NOTICES = [
    "staff.notice.invited",
    "staff.notice.role_added",
    "staff.notice.role_removed",
    "staff.notice.disabled",
    "staff.notice.enabled",
    "staff.notice.role_changed",
]
ERRORS = ["staff.error.forbidden", "staff.error.self", "staff.error.person", "staff.error.role"]
ERRORS += ["staff.error.admin_school", "staff.error.last_admin", "staff.error.duplicate_role"]


def _role(person: rx.Var[StaffView], index: rx.Var[int]):
    def row(role: rx.Var[RoleView], position: rx.Var[int]) -> rx.Component:
        return rx.el.li(
            rx.el.span(
                role_label(role.role),
                " · ",
                role.organisation,
                " · ",
                rx.cond(role.school != "", role.school, t("staff.all_schools")),
            ),
            rx.el.button(
                t("staff.remove_role"),
                type="button",
                aria_label=t("staff.remove_role_named", name=person.name),
                on_click=StaffAdminState.remove_role(index, position),
                class_name="link-button inline",
            ),
            class_name="role-row",
        )

    return row


def _person(person: rx.Var[StaffView], index: rx.Var[int]) -> rx.Component:
    return rx.el.li(
        rx.el.h3(person.name),
        rx.el.p(person.email, class_name="muted"),
        rx.el.span(
            rx.cond(person.active, t("staff.status.active"), t("staff.status.disabled")),
            class_name=rx.cond(person.active, "badge", "badge warn"),
        ),
        rx.el.ul(rx.foreach(person.roles, _role(person, index)), class_name="role-list"),
        rx.cond(
            person.active,
            rx.el.button(
                t("staff.disable"),
                type="button",
                aria_label=t("staff.disable_named", name=person.name),
                on_click=StaffAdminState.change_account_status(index, False),
                class_name="button",
            ),
            rx.el.button(
                t("staff.enable"),
                type="button",
                aria_label=t("staff.enable_named", name=person.name),
                on_click=StaffAdminState.change_account_status(index, True),
                class_name="button",
            ),
        ),
        class_name="staff-row",
    )


def staff_people_page() -> rx.Component:
    return frame(
        console_nav(STAFF_PEOPLE),
        rx.el.h1(t("staff.title")),
        rx.cond(
            StaffAdminState.notice != "",
            notice(text_of(StaffAdminState.notice, NOTICES), element_id="staff-notice"),
        ),
        rx.cond(
            StaffAdminState.error != "",
            rx.el.p(
                text_of(StaffAdminState.error, ERRORS),
                role="alert",
                class_name="error",
                id="staff-error",
                tab_index=-1,
            ),
        ),
        card(
            rx.el.h2(t("staff.list_heading"), id="staff-heading"),
            rx.cond(
                StaffAdminState.staff.length() > 0,
                rx.el.ul(rx.foreach(StaffAdminState.staff, _person), class_name="staff-list"),
                rx.el.p(t("staff.no_staff")),
            ),
            aria_labelledby="staff-heading",
            id="staff",
        ),
        invite_form(),
        add_role_form(),
        change_role_form(),
    )
