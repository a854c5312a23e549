"""A list's count as the true total, with "the first N are shown" when the list is a page."""

from __future__ import annotations

from typing import Any

import reflex as rx

from portail_famille.state.lang import t


def count_line(key: str, total: Any, shown: Any, element_id: str) -> rx.Component:
    """`key`'s text with the total (it takes {count}); below it how many are shown, if fewer."""
    return rx.el.div(
        rx.el.p(t(key, count=total), aria_live="polite", id=element_id),
        rx.cond(
            total > shown,
            rx.el.p(t("counts.shown_first", shown=shown), class_name="muted shown-first"),
        ),
    )
