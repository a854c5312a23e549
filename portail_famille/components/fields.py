"""A form field that says what is wrong with it, next to it, the way screen readers expect."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx

from portail_famille.components.layout import field_label


def checked_field(
    control: Callable[..., rx.Component],
    *,
    field_id: str,
    label: Any,
    has_error: Any,
    error_text: Any,
    **props: Any,
) -> rx.Component:
    """Label, control and its error: aria-invalid and aria-describedby follow `has_error`."""
    error_id = f"{field_id}-error"
    return rx.el.div(
        field_label(label, field_id),
        control(
            id=field_id,
            aria_invalid=rx.cond(has_error, "true", "false"),
            aria_describedby=rx.cond(has_error, error_id, ""),
            **props,
        ),
        rx.cond(has_error, rx.el.p(error_text, id=error_id, class_name="error field-error")),
        class_name="field",
    )


def notice(text: Any, *, element_id: str) -> rx.Component:
    """A success message that screen readers announce without moving on from it."""
    return rx.el.p(text, role="status", id=element_id, tab_index=-1, class_name="notice success")
