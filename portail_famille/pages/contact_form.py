"""The help form: every field required, each error told next to its field."""

from __future__ import annotations

import reflex as rx

from portail_famille.components.fields import checked_field, notice
from portail_famille.components.layout import card
from portail_famille.components.submission import submission_token
from portail_famille.pages.catalogue_text import text_of
from portail_famille.pages.common import frame
from portail_famille.services.help import CONTACT_FIELDS
from portail_famille.state.help import ContactFormState
from portail_famille.state.lang import t

ERRORS = [
    "help.error.required",
    "help.error.too_long",
    "help.error.email",
    "help.error.phone",
    "help.error.school",
]
# Field -> (label key, what the input is), in the order the form asks.
INPUTS: dict[str, tuple[str, dict]] = {
    "name": ("help.form.name", {"auto_complete": "name"}),
    "email": ("help.form.email", {"type": "email", "auto_complete": "email"}),
    "phone": ("help.form.phone", {"type": "tel", "auto_complete": "tel"}),
    "child_name": ("help.form.child_name", {"auto_complete": "off"}),
    "subject": ("help.form.subject", {}),
}


def _checked(name: str, label_key: str, control, **props) -> rx.Component:
    error = ContactFormState.errors[name]
    return checked_field(
        control,
        field_id=f"contact-{name}",
        label=t(label_key),
        has_error=error != "",
        error_text=text_of(error, ERRORS),
        name=name,
        required=True,
        class_name="input",
        **props,
    )


def _school_select(**props) -> rx.Component:
    return rx.el.select(
        rx.el.option(t("help.form.choose"), value=""),
        rx.foreach(
            ContactFormState.school_options,
            lambda label, i: rx.el.option(label, value=i.to_string()),
        ),
        **props,
    )


def _form() -> rx.Component:
    return rx.el.form(
        _checked("school", "help.form.school", _school_select),
        *[
            _checked(name, label, rx.el.input, max_length=CONTACT_FIELDS[name], **extra)
            for name, (label, extra) in INPUTS.items()
        ],
        _checked(
            "message",
            "help.form.message",
            rx.el.textarea,
            max_length=CONTACT_FIELDS["message"],
            rows=6,
        ),
        rx.cond(
            ContactFormState.wait_seconds > 0,
            rx.el.p(
                t("help.form.throttled", seconds=ContactFormState.wait_seconds),
                role="alert",
                class_name="error",
                id="contact-throttled",
            ),
        ),
        submission_token(ContactFormState.form_nonce),
        rx.el.button(
            t("help.form.submit"), type="submit", class_name="button primary", id="contact-submit"
        ),
        on_submit=ContactFormState.submit,
        reset_on_submit=False,
        no_validate=True,  # our per-field messages, in the page's language, replace the browser's
        class_name="form",
    )


def contact_form_page() -> rx.Component:
    return frame(
        card(
            rx.el.h1(t("help.form.title")),
            rx.cond(
                ContactFormState.sent,
                rx.fragment(
                    notice(t("help.form.sent"), element_id="contact-sent"),
                    rx.el.button(
                        t("help.form.another"),
                        type="button",
                        on_click=ContactFormState.write_another,
                        class_name="button",
                    ),
                ),
                rx.fragment(rx.el.p(t("help.form.intro")), _form()),
            ),
            class_name="card narrow",
        ),
    )
