"""The two steps of sign-up and of the forgotten password: the address, then code and password."""

from __future__ import annotations

from typing import Any

import reflex as rx

from portail_famille.components.forms import (
    form_notice,
    password_field,
    remember_checkbox,
    text_field,
)
from portail_famille.components.layout import card
from portail_famille.pages.common import frame
from portail_famille.paths import SIGN_IN_PAGE
from portail_famille.state.lang import t


def _email_step(state: Any, send_key: str) -> rx.Component:
    return rx.el.form(
        text_field(
            "email",
            t("signin.email"),
            state.errors.get("email", ""),
            type="email",
            auto_complete="email",
            max_length=254,
        ),
        rx.el.button(t(send_key), type="submit", class_name="button primary", id="send-code"),
        on_submit=state.request_code,
        no_validate=True,
        class_name="form",
    )


def _code_step(state: Any, sent_key: str, choice_label_key: str, submit_key: str) -> rx.Component:
    return rx.fragment(
        rx.el.p(
            rx.cond(state.replaced, t("signup.replaced"), t(sent_key)),
            role="status",
            id="code-sent",
            class_name=rx.cond(state.replaced, "notice success", "notice"),
        ),
        rx.el.p(t("signup.sent_to", email=state.email), class_name="muted"),
        rx.el.form(
            text_field(
                "code",
                t("signup.code"),
                state.errors.get("code", ""),
                auto_complete="one-time-code",
                input_mode="numeric",
                max_length=12,
            ),
            password_field(
                "password",
                t(choice_label_key),
                state.errors.get("password", ""),
                new=True,
                hint=t("password.hint"),
            ),
            password_field(
                "password2", t("signup.password2"), state.errors.get("password2", ""), new=True
            ),
            remember_checkbox(t("signin.remember")),
            rx.el.button(t(submit_key), type="submit", class_name="button primary", id="finish"),
            on_submit=state.complete,
            no_validate=True,
            class_name="form",
        ),
        rx.el.div(
            rx.el.button(
                t("signup.resend"),
                type="button",
                on_click=state.resend,
                class_name="button",
                id="resend-code",
            ),
            rx.el.button(
                t("signup.other_address"),
                type="button",
                on_click=state.other_address,
                class_name="button",
                id="other-address",
            ),
            class_name="row-actions",
        ),
    )


def code_flow_page(
    state: Any,
    *,
    title_key: str,
    intro_key: str,
    send_key: str,
    sent_key: str,
    choice_label_key: str,
    submit_key: str,
) -> rx.Component:
    return frame(
        card(
            rx.el.h1(t(title_key)),
            rx.el.p(t(intro_key)),
            form_notice(state.notice, kind="error"),
            rx.cond(
                state.step == "code",
                _code_step(state, sent_key, choice_label_key, submit_key),
                _email_step(state, send_key),
            ),
            rx.el.div(rx.el.a(t("nav.sign_in"), href=SIGN_IN_PAGE), class_name="links"),
            class_name="card narrow",
        )
    )
