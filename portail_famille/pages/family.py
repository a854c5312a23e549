"""The parent's home: each child in one tap, then what the school holds about them."""

from __future__ import annotations

import reflex as rx

from portail_famille.components.layout import card
from portail_famille.pages.child_switcher import child_switcher
from portail_famille.pages.common import frame
from portail_famille.pages.home_due import due_card
from portail_famille.pages.payments import home_payments
from portail_famille.pages.resources import latest_news, unread_link
from portail_famille.pages.tiles import tile_grid
from portail_famille.paths import LINK_CHILD_PAGE
from portail_famille.state.children import ChildSelectionState
from portail_famille.state.family import ChildView, FamilyHomeState
from portail_famille.state.lang import t
from portail_famille.state.session import SessionState


def _fact(label: rx.Var, value: rx.Var) -> rx.Component:
    return rx.el.div(rx.el.dt(label), rx.el.dd(value), class_name="fact")


def _child_card() -> rx.Component:
    child = FamilyHomeState.children[ChildSelectionState.selected].to(ChildView)
    return card(
        rx.el.h2(child.full_name, id="child-name"),
        rx.el.div(
            rx.cond(
                child.shared_custody, rx.el.span(t("family.shared_custody"), class_name="badge")
            ),
            rx.cond(
                child.enrolled & ~child.active,
                rx.el.span(t("family.inactive"), class_name="badge warn"),
            ),
            class_name="badges",
        ),
        rx.el.dl(
            _fact(t("family.organisation"), child.organisation),
            rx.cond(
                child.enrolled,
                rx.fragment(
                    _fact(t("family.school"), child.school),
                    _fact(t("family.grade"), child.grade),
                    _fact(t("family.group"), child.group_name),
                    _fact(t("family.year"), child.school_year),
                ),
                _fact(t("family.school"), t("family.not_enrolled")),
            ),
            class_name="facts",
        ),
        aria_labelledby="child-name",
        id="child-card",
    )


def family_home() -> rx.Component:
    return frame(
        rx.el.h1(t("family.title")),
        rx.el.p(
            t("family.hello", name=SessionState.display_name),
            " ",
            unread_link(),
            class_name="muted",
        ),
        rx.cond(
            FamilyHomeState.children.length() > ChildSelectionState.selected,
            rx.fragment(
                home_payments(),
                child_switcher(),
                _child_card(),
                due_card(),
                tile_grid(),
                latest_news(),
            ),
            rx.el.p(t("family.first_time"), class_name="notice", id="first-time"),
        ),
        rx.el.a(t("family.add_child"), href=LINK_CHILD_PAGE, class_name="button", id="add-child"),
    )
