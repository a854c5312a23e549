"""The staff console's home: find a family of the organisation."""

from __future__ import annotations

import reflex as rx

from portail_famille.components.layout import card, field_label
from portail_famille.pages.common import frame
from portail_famille.pages.console_nav import console_nav
from portail_famille.pages.counts import count_line
from portail_famille.paths import STAFF_HOME
from portail_famille.state.console import ConsoleState, FamilyView
from portail_famille.state.lang import t


def _family_row(family: rx.Var[FamilyView]) -> rx.Component:
    return rx.el.li(
        rx.el.h3(family.name, class_name="family-name"),
        rx.el.p(family.organisation, class_name="muted"),
        rx.el.dl(
            rx.el.div(
                rx.el.dt(t("console.guardians")), rx.el.dd(family.guardians), class_name="fact"
            ),
            rx.el.div(rx.el.dt(t("console.emails")), rx.el.dd(family.emails), class_name="fact"),
            rx.el.div(
                rx.el.dt(t("console.children")), rx.el.dd(family.children), class_name="fact"
            ),
            class_name="facts",
        ),
        class_name="family-row",
    )


def console_home() -> rx.Component:
    return frame(
        console_nav(STAFF_HOME),
        rx.el.h1(t("console.title")),
        rx.el.form(
            field_label(t("console.search"), "family-query"),
            rx.el.div(
                rx.el.input(
                    id="family-query",
                    name="query",
                    type="search",
                    class_name="input",
                    max_length=100,
                ),
                rx.el.button(t("console.search_button"), type="submit", class_name="button"),
                class_name="search-row",
            ),
            on_submit=ConsoleState.search,
            role="search",
            class_name="form",
        ),
        count_line(
            "console.count", ConsoleState.total, ConsoleState.families.length(), "family-count"
        ),
        card(
            rx.cond(
                ConsoleState.families.length() > 0,
                rx.el.ul(
                    rx.foreach(ConsoleState.families, _family_row),
                    class_name="family-list",
                    id="families",
                ),
                rx.el.p(t("console.no_family")),
            ),
        ),
    )
