"""The header every page shares: brand, language switch, and the signed-in user's actions."""

from __future__ import annotations

import reflex as rx

from portail_famille.components.layout import (
    language_switch,
    page_frame,
    sign_out_form,
    site_header,
)
from portail_famille.paths import (
    GUARDIAN_HOME,
    PUBLIC_HOME,
    SETTINGS_PAGE,
    SIGN_IN_PAGE,
    STAFF_HOME,
)
from portail_famille.state.lang import LangState, t
from portail_famille.state.session import SessionState
from portail_famille.state.signals import page_signals


def language_switch_control(id_prefix: str = "lang", on_light: bool = False) -> rx.Component:
    return language_switch(
        t("lang.label"),
        LangState.language,
        [("fr", t("lang.fr")), ("en", t("lang.en"))],
        LangState.switch,
        id_prefix=id_prefix,
        on_light=on_light,
    )


def _account_actions() -> rx.Component:
    return rx.cond(
        SessionState.signed_in,
        rx.el.div(
            rx.el.a(
                rx.cond(SessionState.is_staff, t("nav.console"), t("nav.my_space")),
                href=rx.cond(SessionState.is_staff, STAFF_HOME, GUARDIAN_HOME),
                class_name="header-link",
            ),
            rx.el.a(t("nav.settings"), href=SETTINGS_PAGE, class_name="header-link"),
            sign_out_form(t("nav.sign_out")),
            class_name="header-actions",
        ),
        rx.el.a(t("nav.sign_in"), href=SIGN_IN_PAGE, class_name="header-link", id="sign-in-link"),
    )


def frame(*content: rx.Component) -> rx.Component:
    header = site_header(t("app.name"), PUBLIC_HOME, language_switch_control(), _account_actions())
    return page_frame(header, t("nav.skip"), page_signals(), *content)
