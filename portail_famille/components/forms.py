"""Form fields whose errors sit next to them, announced to screen readers.

The browser's own validation is off (`no_validate`): its messages are in the browser's language,
not the user's, and the server checks everything anyway.
"""

from __future__ import annotations

from typing import Any

import reflex as rx


def field_error(field_id: str, error: Any) -> rx.Component:
    return rx.cond(
        error != "",
        rx.el.p(error, id=f"{field_id}-error", class_name="error field-error"),
    )


def text_field(
    field_id: str,
    label: Any,
    error: Any,
    *,
    type: str = "text",
    auto_complete: str | None = None,
    hint: Any = None,
    required: bool = True,
    **props: Any,
) -> rx.Component:
    """A labelled input; `error` is a string var, empty when the field is fine.

    `required=False` for a field that may stay empty (or is needed only with another choice)."""
    described = f"{field_id}-error {field_id}-hint" if hint is not None else f"{field_id}-error"
    extra = {"auto_complete": auto_complete} if auto_complete else {}
    return rx.el.div(
        rx.el.label(label, html_for=field_id, class_name="field-label"),
        rx.el.p(hint, id=f"{field_id}-hint", class_name="hint") if hint is not None else None,
        rx.el.input(
            id=field_id,
            name=field_id,
            type=type,
            aria_required="true" if required else "false",
            aria_invalid=rx.cond(error != "", "true", "false"),
            aria_describedby=described,
            class_name="input",
            **extra,
            **props,
        ),
        field_error(field_id, error),
        class_name="field",
    )


def select_field(
    field_id: str, label: Any, error: Any, options: Any, placeholder: Any
) -> rx.Component:
    """A labelled select whose option values are positions in `options` (never database ids)."""
    return rx.el.div(
        rx.el.label(label, html_for=field_id, class_name="field-label"),
        rx.el.select(
            rx.el.option(placeholder, value=""),
            rx.foreach(options, lambda name, index: rx.el.option(name, value=index.to_string())),
            id=field_id,
            name=field_id,
            aria_required="true",
            aria_invalid=rx.cond(error != "", "true", "false"),
            aria_describedby=f"{field_id}-error",
            class_name="input",
        ),
        field_error(field_id, error),
        class_name="field",
    )


def form_notice(text: Any, *, kind: str = "info", element_id: str = "form-notice") -> rx.Component:
    """A message about the whole form, read out when it appears."""
    return rx.cond(
        text != "",
        rx.el.p(
            text,
            id=element_id,
            role="alert" if kind == "error" else "status",
            class_name=f"notice {kind}",
        ),
    )


def password_field(
    field_id: str, label: Any, error: Any, *, new: bool = False, hint: Any = None
) -> rx.Component:
    """A password input that password managers understand (current or new password)."""
    return text_field(
        field_id,
        label,
        error,
        type="password",
        auto_complete="new-password" if new else "current-password",
        hint=hint,
        max_length=256,
    )


def remember_checkbox(label: Any) -> rx.Component:
    """ "Stay signed in on this device": parents live on their phones."""
    return rx.el.div(
        rx.el.input(id="remember", name="remember", type="checkbox", value="on"),
        rx.el.label(label, html_for="remember"),
        class_name="checkbox-row",
    )
