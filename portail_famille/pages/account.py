"""Pages of the account itself: create it, recover it, add a child to it, set it up."""

from __future__ import annotations

import reflex as rx

from portail_famille.components.forms import form_notice, select_field, text_field
from portail_famille.components.layout import card
from portail_famille.pages.code_flow import code_flow_page
from portail_famille.pages.common import frame
from portail_famille.state.lang import t
from portail_famille.state.link_child import LinkChildState
from portail_famille.state.password_reset import PasswordResetState
from portail_famille.state.signup import SignUpState


def sign_up_page() -> rx.Component:
    return code_flow_page(
        SignUpState,
        title_key="signup.title",
        intro_key="signup.intro",
        send_key="signup.send_code",
        sent_key="signup.sent",
        choice_label_key="signup.password",
        submit_key="signup.submit",
    )


def password_reset_page() -> rx.Component:
    return code_flow_page(
        PasswordResetState,
        title_key="reset.title",
        intro_key="reset.intro",
        send_key="signup.send_code",
        sent_key="reset.sent",
        choice_label_key="reset.new_password",
        submit_key="reset.submit",
    )


def _method_tab(method: str, label_key: str) -> rx.Component:
    return rx.el.button(
        t(label_key),
        type="button",
        aria_pressed=rx.cond(LinkChildState.method == method, "true", "false"),
        on_click=LinkChildState.choose(method),
        class_name="chip",
        id=f"method-{method}",
    )


def _identity_form() -> rx.Component:
    errors = LinkChildState.errors
    return rx.el.form(
        select_field(
            "organisation",
            t("link.organisation"),
            errors.get("organisation", ""),
            LinkChildState.organisation_names,
            "—",
        ),
        text_field(
            "first_name",
            t("link.first_name"),
            errors.get("first_name", ""),
            auto_complete="off",
            max_length=100,
        ),
        text_field(
            "last_name",
            t("link.last_name"),
            errors.get("last_name", ""),
            auto_complete="off",
            max_length=100,
        ),
        text_field("birth_date", t("link.birth_date"), errors.get("birth_date", ""), type="date"),
        text_field(
            "identifier",
            t("link.identifier"),
            errors.get("identifier", ""),
            auto_complete="off",
            max_length=20,
        ),
        rx.el.button(
            t("link.submit"), type="submit", class_name="button primary", id="link-identity"
        ),
        on_submit=LinkChildState.submit_identity,
        no_validate=True,
        class_name="form",
    )


def _codes_form() -> rx.Component:
    errors = LinkChildState.errors
    return rx.el.form(
        text_field(
            "child_code",
            t("link.child_code"),
            errors.get("child_code", ""),
            auto_complete="off",
            max_length=40,
        ),
        text_field(
            "payer_code",
            t("link.payer_code"),
            errors.get("payer_code", ""),
            auto_complete="off",
            max_length=40,
        ),
        rx.el.button(t("link.submit"), type="submit", class_name="button primary", id="link-codes"),
        on_submit=LinkChildState.submit_codes,
        no_validate=True,
        class_name="form",
    )


def link_child_page() -> rx.Component:
    return frame(
        card(
            rx.el.h1(t("link.title")),
            rx.el.p(t("link.intro")),
            rx.el.p(
                t("link.joining_account", account=LinkChildState.account_label),
                id="link-account",
                class_name="notice",
            ),
            rx.el.div(
                _method_tab("identity", "link.by_identity"),
                _method_tab("codes", "link.by_codes"),
                role="group",
                aria_label=t("link.title"),
                class_name="tabs",
            ),
            form_notice(LinkChildState.refusal, kind="error", element_id="link-refusal"),
            rx.cond(LinkChildState.method == "codes", _codes_form(), _identity_form()),
            class_name="card narrow",
        )
    )
