"""The family's request form, built from the open category's fields; errors sit next to each field.

Shared by the Record tile (child's and household's data) and the Requests tile (enrolments).
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from portail_famille.components.layout import card
from portail_famille.components.submission import submission_token
from portail_famille.pages.request_files import document_picker, field_error, photo_picker
from portail_famille.state.lang import LangState, t
from portail_famille.state.request_form import RequestFormState
from portail_famille.state.request_form_views import ChoiceView, FieldView

LANG = LangState.language
# Categories whose form needs a word on how to fill it.
EXPLAINED = ("pickup", "bank", "photo", "add_child", "preregistration", "reenrolment")
FORM = RequestFormState

CATEGORIES = [
    "guardian",
    "spouse",
    "tax",
    "caf",
    "bank",
    "pickup",
    "complementary",
    "health",
    "photo",
    "add_child",
    "reenrolment",
    "preregistration",
    "activity_enrolment",
    "late_booking",
    "absence",
]


def in_language(texts: Any) -> Any:
    """A state's dict of texts per language, in the current language."""
    return texts[LANG]


def category_name(category: Any) -> Any:
    return rx.match(category, *[(c, t(f"requests_family.category.{c}")) for c in CATEGORIES], "")


def _control_props(field: rx.Var[FieldView], field_id: Any) -> dict[str, Any]:
    return {
        "id": field_id,
        "name": field.name,
        "aria_required": rx.cond(field.required, "true", "false"),
        "aria_invalid": rx.cond(field.error.contains(LANG), "true", "false"),
        "aria_describedby": field_id + "-error " + field_id + "-hint",
    }


def _text_type(kind: Any) -> Any:
    return rx.match(kind, ("date", "date"), ("phone", "tel"), ("number", "text"), "text")


def _field(field: rx.Var[FieldView]) -> rx.Component:
    field_id = "rq-" + field.name
    props = _control_props(field, field_id)
    label = rx.el.label(field.label[LANG], html_for=field_id, class_name="field-label")
    hint = rx.el.p(
        rx.cond(field.masked != "", t("requests_family.masked_hint", value=field.masked), ""),
        id=field_id + "-hint",
        class_name="hint",
    )
    control = rx.match(
        field.kind,
        (
            "bool",
            rx.el.div(
                rx.el.input(type="checkbox", value="on", default_checked=field.checked, **props),
                label,
                class_name="checkbox-row",
            ),
        ),
        (
            "choice",
            rx.fragment(
                label,
                rx.el.select(
                    rx.el.option(t("requests_family.choose"), value=""),
                    rx.foreach(
                        field.choices,
                        lambda choice: rx.el.option(
                            choice.to(ChoiceView).label[LANG], value=choice.to(ChoiceView).value
                        ),
                    ),
                    default_value=field.value,
                    class_name="input",
                    **props,
                ),
            ),
        ),
        (
            "textarea",
            rx.fragment(
                label,
                rx.el.textarea(
                    default_value=field.value,
                    rows=4,
                    max_length=field.max_length,
                    class_name="input",
                    **props,
                ),
            ),
        ),
        rx.fragment(
            label,
            rx.el.input(
                type=_text_type(field.kind),
                default_value=field.value,
                max_length=field.max_length,
                auto_complete="off",
                class_name="input",
                **props,
            ),
        ),
    )
    return rx.cond(
        field.kind == "file",
        rx.fragment(),
        rx.el.div(
            control, hint, field_error(field_id, field.error), class_name="field", key=field.key
        ),
    )


def request_form(intro: rx.Component | None = None) -> rx.Component:
    """The open category's form (nothing when none is open), then the notice once it is sent."""
    return rx.fragment(
        rx.cond(
            FORM.form_error.contains(LANG) & (FORM.category == ""),
            rx.el.p(in_language(FORM.form_error), role="alert", class_name="notice error"),
        ),
        rx.cond(
            FORM.sent != "",
            rx.el.p(
                t("requests_family.sent"),
                role="status",
                id="request-sent",
                class_name="notice success",
            ),
        ),
        rx.cond(
            FORM.category != "",
            card(
                rx.el.h2(
                    t("requests_family.form_title"),
                    " — ",
                    category_name(FORM.category),
                    id="request-form-title",
                ),
                intro if intro is not None else rx.fragment(),
                rx.el.p(t("requests_family.form_intro"), class_name="muted"),
                rx.match(
                    FORM.category,
                    *[
                        (c, rx.el.p(t(f"requests_family.intro.{c}"), class_name="hint"))
                        for c in EXPLAINED
                    ],
                    rx.fragment(),
                ),
                rx.cond(
                    FORM.form_error.contains(LANG),
                    rx.el.p(
                        in_language(FORM.form_error),
                        role="alert",
                        id="request-form-error",
                        class_name="notice error",
                    ),
                ),
                rx.el.form(
                    rx.foreach(FORM.fields, _field),
                    rx.cond(FORM.category == "photo", photo_picker()),
                    document_picker(),
                    rx.el.div(
                        submission_token(FORM.form_nonce),
                        rx.el.button(
                            t("requests_family.submit"),
                            type="submit",
                            class_name="button primary",
                            id="request-submit",
                        ),
                        rx.el.button(
                            t("requests_family.cancel"),
                            type="button",
                            on_click=FORM.close,
                            class_name="button",
                            id="request-cancel",
                        ),
                        class_name="row-actions",
                    ),
                    on_submit=FORM.submit,
                    no_validate=True,
                    class_name="form",
                ),
                aria_labelledby="request-form-title",
                id="request-form",
            ),
        ),
    )


def propose_button(category: str, label_key: str = "") -> rx.Component:
    """A button that opens that category's form, named for what it changes; says when a request
    of that kind already waits for staff."""
    return rx.fragment(
        rx.el.button(
            t(label_key or f"requests_family.propose.{category}"),
            type="button",
            on_click=FORM.open(category),
            class_name="button",
            id=f"propose-{category}",
        ),
        rx.cond(
            FORM.pending.contains(category),
            rx.el.span(
                t("requests_family.pending_here"),
                class_name="badge warn",
                id=f"pending-{category}",
            ),
        ),
    )
