"""Sign in by e-mail and password: a plain form post, so the server alone handles the cookie."""

from __future__ import annotations

import reflex as rx

from portail_famille.components.layout import card, field_label
from portail_famille.components.native_form import native_form
from portail_famille.pages.common import frame
from portail_famille.pages.help import help_links
from portail_famille.pages.signin_providers import provider_buttons
from portail_famille.paths import PASSWORD_RESET_PAGE, SIGN_UP_PAGE
from portail_famille.state.lang import t
from portail_famille.state.signin import SIGN_IN_ERRORS, SignInState


def sign_in_page() -> rx.Component:
    return frame(
        card(
            rx.el.h1(t("signin.title")),
            rx.el.p(t("signin.intro")),
            rx.cond(
                SignInState.error != "",
                rx.el.p(
                    rx.match(
                        SignInState.error,
                        *[(code, t(key)) for code, key in SIGN_IN_ERRORS.items()],
                        "",
                    ),
                    role="alert",
                    id="sign-in-error",
                    class_name="error",
                ),
            ),
            native_form(
                field_label(t("signin.email"), "email"),
                rx.el.input(
                    id="email",
                    name="email",
                    type="email",
                    required=True,
                    auto_complete="username",
                    class_name="input",
                    aria_describedby=rx.cond(SignInState.error != "", "sign-in-error", ""),
                ),
                field_label(t("signin.password"), "password"),
                rx.el.input(
                    id="password",
                    name="password",
                    type="password",
                    required=True,
                    auto_complete="current-password",
                    class_name="input",
                ),
                rx.el.div(
                    rx.el.input(
                        id="remember",
                        name="remember",
                        type="checkbox",
                        value="on",
                        on_change=SignInState.set_remember,
                    ),
                    rx.el.label(t("signin.remember"), html_for="remember"),
                    class_name="checkbox-row",
                ),
                rx.el.button(
                    t("signin.submit"),
                    type="submit",
                    class_name="button primary",
                    id="sign-in-submit",
                ),
                action="/api/auth/signin",
                method="post",
                class_name="form",
            ),
            provider_buttons(),
            rx.el.div(
                rx.el.a(t("signin.create_account"), href=SIGN_UP_PAGE, id="sign-up-link"),
                rx.el.a(t("signin.forgot"), href=PASSWORD_RESET_PAGE, id="forgot-link"),
                class_name="links",
            ),
            class_name="card narrow",
        ),
        help_links(),
    )
