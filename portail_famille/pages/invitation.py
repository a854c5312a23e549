"""A staff member accepts their invitation: e-mail, code, and a password of their own."""

from __future__ import annotations

import reflex as rx

from portail_famille.components.fields import checked_field, notice
from portail_famille.components.layout import card
from portail_famille.pages.catalogue_text import text_of
from portail_famille.pages.common import frame
from portail_famille.paths import SIGN_IN_PAGE
from portail_famille.state.invitation import InvitationState
from portail_famille.state.lang import t

PASSWORD_ERRORS = [
    "staff.invitation.required",
    "password.too_short",
    "password.too_long",
    "password.too_common",
    "password.contains_email",
]


def _field(name: str, label_key: str, keys: list[str], **props) -> rx.Component:
    error = InvitationState.errors[name]
    return checked_field(
        rx.el.input,
        field_id=f"invitation-{name}",
        label=t(label_key),
        has_error=error != "",
        error_text=text_of(error, keys),
        name=name,
        required=True,
        class_name="input",
        **props,
    )


def _form() -> rx.Component:
    code_error = InvitationState.errors["form"]
    return rx.el.form(
        rx.cond(
            code_error != "",
            rx.el.p(
                text_of(code_error, ["staff.invitation.invalid"]),
                role="alert",
                id="invitation-form-error",
                class_name="error",
            ),
        ),
        _field(
            "email",
            "staff.invitation.email",
            ["staff.invitation.required"],
            type="email",
            auto_complete="username",
            max_length=254,
        ),
        _field(
            "code",
            "staff.invitation.code",
            ["staff.invitation.required"],
            input_mode="numeric",
            auto_complete="one-time-code",
            max_length=12,
        ),
        _field(
            "password",
            "staff.invitation.password",
            PASSWORD_ERRORS,
            type="password",
            auto_complete="new-password",
            max_length=256,
        ),
        _field(
            "confirm",
            "staff.invitation.confirm",
            ["staff.invitation.required", "staff.invitation.mismatch"],
            type="password",
            auto_complete="new-password",
            max_length=256,
        ),
        rx.el.button(
            t("staff.invitation.submit"),
            type="submit",
            class_name="button primary",
            id="invitation-submit",
        ),
        on_submit=InvitationState.accept,
        no_validate=True,
        class_name="form",
    )


def invitation_page() -> rx.Component:
    return frame(
        card(
            rx.el.h1(t("staff.invitation.title")),
            rx.cond(
                InvitationState.done,
                rx.fragment(
                    notice(t("staff.invitation.done"), element_id="invitation-done"),
                    rx.el.a(t("staff.invitation.sign_in"), href=SIGN_IN_PAGE, class_name="button"),
                ),
                rx.fragment(rx.el.p(t("staff.invitation.intro")), _form()),
            ),
            class_name="card narrow",
        ),
    )
