"""Account settings, in sections a parent can reach on a phone without scrolling sideways."""

from __future__ import annotations

import reflex as rx

from portail_famille.components.forms import form_notice, password_field, text_field
from portail_famille.components.layout import card
from portail_famille.components.native_form import native_form
from portail_famille.pages.calendar_feed import calendar_feed_section
from portail_famille.pages.common import frame, language_switch_control
from portail_famille.paths import SECOND_FACTOR_SETTINGS
from portail_famille.state.lang import LangState, t
from portail_famille.state.session import SessionState
from portail_famille.state.settings import DeviceView, SettingsState


def _section(section_id: str, title_key: str, *children: rx.Component) -> rx.Component:
    return card(
        rx.el.h2(t(title_key), id=f"{section_id}-title"),
        *children,
        form_notice(SettingsState.notices.get(section_id, ""), element_id=f"{section_id}-notice"),
        aria_labelledby=f"{section_id}-title",
        id=section_id,
    )


def _notification_row(email: rx.Var[str], index: rx.Var[int]) -> rx.Component:
    return rx.el.li(
        rx.el.span(email),
        rx.el.button(
            t("settings.notification_remove", email=email),
            type="button",
            on_click=SettingsState.remove_notification(index),
            class_name="button",
        ),
        class_name="address-row row-actions",
    )


def _notifications() -> rx.Component:
    return _section(
        "notifications",
        "settings.notifications",
        rx.el.p(t("settings.notifications_intro"), class_name="muted"),
        rx.cond(
            SettingsState.notification_emails.length() > 0,
            rx.el.ul(
                rx.foreach(SettingsState.notification_emails, _notification_row),
                class_name="plain-list",
            ),
            rx.el.p(t("settings.notification_none")),
        ),
        rx.el.form(
            text_field(
                "notification_email",
                t("settings.notification_new"),
                SettingsState.errors.get("notification_email", ""),
                type="email",
                auto_complete="email",
                max_length=254,
            ),
            rx.el.button(t("settings.notification_add"), type="submit", class_name="button"),
            on_submit=SettingsState.add_notification,
            reset_on_submit=True,
            no_validate=True,
            class_name="form",
        ),
    )


def _password() -> rx.Component:
    errors = SettingsState.errors
    return _section(
        "password",
        "settings.password_title",
        rx.cond(
            SettingsState.has_password,
            rx.el.form(
                password_field(
                    "password_current",
                    t("settings.current_password"),
                    errors.get("password_current", ""),
                ),
                password_field(
                    "new_password",
                    t("reset.new_password"),
                    errors.get("new_password", ""),
                    new=True,
                    hint=t("password.hint"),
                ),
                password_field(
                    "new_password2",
                    t("signup.password2"),
                    errors.get("new_password2", ""),
                    new=True,
                ),
                rx.el.button(
                    t("reset.submit"),
                    type="submit",
                    class_name="button primary",
                    id="change-password",
                ),
                on_submit=SettingsState.change_password,
                reset_on_submit=True,
                no_validate=True,
                class_name="form",
            ),
            rx.el.p(t("settings.no_password")),
        ),
    )


def _email() -> rx.Component:
    errors = SettingsState.errors
    return _section(
        "email",
        "settings.email_title",
        rx.el.p(t("settings.current_email", email=SettingsState.email), id="current-email"),
        rx.cond(
            SettingsState.email_step == "confirm",
            rx.el.form(
                text_field(
                    "email_code",
                    t("signup.code"),
                    errors.get("email_code", ""),
                    auto_complete="one-time-code",
                    input_mode="numeric",
                    max_length=12,
                ),
                rx.el.button(
                    t("settings.confirm"),
                    type="submit",
                    class_name="button primary",
                    id="confirm-email",
                ),
                on_submit=SettingsState.confirm_email_change,
                no_validate=True,
                class_name="form",
            ),
            rx.el.form(
                text_field(
                    "new_email",
                    t("settings.new_email"),
                    errors.get("new_email", ""),
                    type="email",
                    auto_complete="email",
                    max_length=254,
                ),
                password_field(
                    "email_current",
                    t("settings.current_password"),
                    errors.get("email_current", ""),
                ),
                rx.el.button(
                    t("settings.send_code"),
                    type="submit",
                    class_name="button",
                    id="send-email-code",
                ),
                on_submit=SettingsState.request_email_change,
                no_validate=True,
                class_name="form",
            ),
        ),
    )


def _device(device: rx.Var[DeviceView], index: rx.Var[int]) -> rx.Component:
    return rx.el.li(
        rx.el.p(
            rx.cond(device.name != "", device.name, t("settings.unknown_device")),
            rx.cond(device.current, rx.el.span(t("settings.device_current"), class_name="badge")),
            class_name="row-actions",
        ),
        rx.el.p(
            t("settings.device_seen", date=device.last_seen[LangState.language]), class_name="muted"
        ),
        rx.cond(
            ~device.current,
            rx.el.button(
                t("settings.device_sign_out"),
                type="button",
                on_click=SettingsState.sign_out_device(index),
                class_name="button",
            ),
        ),
        class_name="device",
    )


def _devices() -> rx.Component:
    return _section(
        "devices",
        "settings.devices_title",
        rx.el.ul(
            rx.foreach(SettingsState.devices, _device), class_name="plain-list", id="device-list"
        ),
        native_form(
            rx.el.input(type="hidden", name="everywhere", value="1"),
            rx.el.button(
                t("settings.sign_out_everywhere"),
                type="submit",
                class_name="button",
                id="sign-out-everywhere",
            ),
            action="/api/auth/signout",
            method="post",
        ),
    )


def settings_page() -> rx.Component:
    return frame(
        rx.el.h1(t("settings.title")),
        card(
            rx.el.h2(t("settings.language"), id="language-title"),
            language_switch_control("settings-lang", on_light=True),
            aria_labelledby="language-title",
        ),
        _notifications(),
        _password(),
        _email(),
        _devices(),
        rx.cond(SessionState.is_staff, _second_factor_link()),
        calendar_feed_section(),
    )


def _second_factor_link() -> rx.Component:
    return card(
        rx.el.h2(t("mfa.settings.title"), id="second-factor-title"),
        rx.el.p(t("mfa.settings.link_intro")),
        rx.el.a(t("mfa.settings.link"), href=SECOND_FACTOR_SETTINGS, id="second-factor-link"),
        aria_labelledby="second-factor-title",
    )
