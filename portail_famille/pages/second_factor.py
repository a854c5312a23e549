"""Staff second factor: the code's page after the password, and the enrolment page."""

from __future__ import annotations

import reflex as rx

from portail_famille.components.forms import form_notice, text_field
from portail_famille.components.layout import card, sign_out_form
from portail_famille.components.native_form import native_form
from portail_famille.pages.common import frame
from portail_famille.paths import STAFF_HOME
from portail_famille.state.lang import t
from portail_famille.state.second_factor import (
    SECOND_FACTOR_ERRORS,
    SecondFactorSettingsState,
    SecondFactorSignInState,
)

S = SecondFactorSettingsState


def second_factor_sign_in_page() -> rx.Component:
    error = SecondFactorSignInState.error
    return frame(
        card(
            rx.el.h1(t("mfa.signin.title")),
            rx.el.p(t("mfa.signin.intro")),
            rx.cond(
                error != "",
                rx.el.p(
                    rx.match(error, *[(c, t(k)) for c, k in SECOND_FACTOR_ERRORS.items()], ""),
                    role="alert",
                    id="second-factor-error",
                    class_name="error",
                ),
            ),
            native_form(
                text_field(
                    "code",
                    t("mfa.code"),
                    "",
                    auto_complete="one-time-code",
                    hint=t("mfa.signin.hint"),
                    max_length=64,
                    auto_focus=True,
                ),
                rx.el.button(
                    t("mfa.signin.submit"),
                    type="submit",
                    class_name="button primary",
                    id="second-factor-submit",
                ),
                action="/api/auth/second-factor",
                method="post",
                class_name="form",
            ),
            sign_out_form(t("mfa.cancel")),
            class_name="card narrow",
        ),
    )


def _code_form(handler, button_key: str, button_id: str) -> rx.Component:
    return rx.el.form(
        text_field(
            "code",
            t("mfa.code"),
            S.error,
            auto_complete="one-time-code",
            max_length=64,
        ),
        rx.el.button(t(button_key), type="submit", class_name="button primary", id=button_id),
        on_submit=handler,
        reset_on_submit=True,
        no_validate=True,
        class_name="form",
    )


def _recovery_codes() -> rx.Component:
    return rx.cond(
        S.codes.length() > 0,
        card(
            rx.el.h2(t("mfa.codes.title"), id="recovery-codes-title"),
            rx.el.p(t("mfa.codes.intro")),
            rx.el.ul(
                rx.foreach(S.codes, lambda code: rx.el.li(rx.el.code(code))),
                class_name="plain-list",
                id="recovery-codes",
            ),
            rx.el.button(
                t("mfa.codes.done"), type="button", on_click=S.hide_codes, class_name="button"
            ),
            aria_labelledby="recovery-codes-title",
        ),
    )


def _off() -> rx.Component:
    return rx.el.div(
        rx.el.p(t("mfa.off.intro")),
        rx.el.button(
            t("mfa.off.start"),
            type="button",
            on_click=S.start,
            class_name="button primary",
            id="second-factor-start",
        ),
    )


def _scan() -> rx.Component:
    return rx.el.div(
        rx.el.p(t("mfa.scan.intro")),
        rx.el.p(
            rx.el.a(t("mfa.scan.open_app"), href=S.uri, id="otpauth-link"),
            class_name="button-row",
        ),
        rx.el.p(t("mfa.scan.secret")),
        rx.el.p(rx.el.code(S.secret, id="totp-secret")),
        rx.el.p(t("mfa.scan.confirm"), class_name="muted"),
        _code_form(S.confirm, "mfa.scan.submit", "second-factor-confirm"),
    )


def _on() -> rx.Component:
    return rx.el.div(
        rx.el.p(t("mfa.on.status"), id="second-factor-status"),
        rx.el.p(t("mfa.on.remaining", count=S.remaining.to_string()), class_name="muted"),
        rx.el.h3(t("mfa.on.regenerate")),
        rx.el.p(t("mfa.on.reauth"), class_name="muted"),
        _code_form(S.regenerate, "mfa.on.regenerate_submit", "regenerate-codes"),
        rx.cond(
            S.is_admin,
            rx.el.p(t("mfa.on.admin_keeps"), class_name="muted"),
            rx.el.div(
                rx.el.h3(t("mfa.on.disable")),
                rx.el.p(t("mfa.on.disable_hint"), class_name="muted"),
                _code_form(S.disable, "mfa.on.disable_submit", "disable-second-factor"),
            ),
        ),
    )


def second_factor_settings_page() -> rx.Component:
    return frame(
        rx.el.h1(t("mfa.settings.title")),
        rx.cond(
            S.held,
            rx.el.p(t("mfa.settings.admin_must"), role="alert", class_name="notice error"),
        ),
        form_notice(S.notice, element_id="second-factor-notice"),
        _recovery_codes(),
        card(
            rx.el.h2(t("mfa.settings.authenticator"), id="authenticator-title"),
            rx.match(S.step, ("scan", _scan()), ("on", _on()), _off()),
            rx.cond(
                S.held & (S.step != "on"),
                sign_out_form(t("mfa.cancel")),
            ),
            rx.cond(
                S.step == "on",
                rx.el.a(t("mfa.settings.to_console"), href=STAFF_HOME, class_name="button"),
            ),
            aria_labelledby="authenticator-title",
            id="authenticator",
        ),
    )
