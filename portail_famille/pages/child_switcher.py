"""The row of children's names: one tap switches every tile to that child."""

from __future__ import annotations

from typing import Any

import reflex as rx

from portail_famille.state.children import ChildSelectionState
from portail_famille.state.lang import t


def child_switcher(*on_change: Any) -> rx.Component:
    """Chips for the guardian's children; `on_change` handlers reload the tile after a switch."""

    def chip(name: rx.Var[str], index: rx.Var[int]) -> rx.Component:
        return rx.el.button(
            name,
            type="button",
            aria_pressed=rx.cond(ChildSelectionState.selected == index, "true", "false"),
            on_click=[ChildSelectionState.select(index), *on_change],
            class_name="chip",
        )

    return rx.cond(
        ChildSelectionState.first_names.length() > 0,
        rx.el.div(
            rx.foreach(ChildSelectionState.first_names, chip),
            role="group",
            aria_label=t("family.choose_child"),
            class_name="chips",
            id="children",
        ),
    )
