"""The page frame every screen shares: skip link, header, main landmark. Phone first."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx

from portail_famille.components.native_form import native_form

MAIN_ID = "contenu"


def skip_link(label: Any) -> rx.Component:
    return rx.el.a(label, href=f"#{MAIN_ID}", class_name="skip-link")


def language_switch(
    label: Any,
    current: Any,
    options: list[tuple[str, Any]],
    on_pick: Any,
    id_prefix: str = "lang",
    on_light: bool = False,
) -> rx.Component:
    """Two buttons, the current one marked pressed, so it reads right to a screen reader."""
    return rx.el.div(
        *[
            rx.el.button(
                text,
                type="button",
                lang=code,
                aria_pressed=rx.cond(current == code, "true", "false"),
                on_click=on_pick(code),
                class_name="lang-button",
                id=f"{id_prefix}-{code}",
            )
            for code, text in options
        ],
        role="group",
        aria_label=label,
        class_name="lang-switch on-light" if on_light else "lang-switch",
    )


def site_header(
    brand: Any, home_href: str, language: rx.Component, *actions: rx.Component
) -> rx.Component:
    return rx.el.header(
        rx.el.div(
            rx.el.a(brand, href=home_href, class_name="brand"),
            rx.el.div(language, *actions, class_name="header-actions"),
            class_name="header-inner",
        ),
        class_name="site-header",
    )


def sign_out_form(label: Any) -> rx.Component:
    """A real form post: the HttpOnly session cookie is cleared by the server, not by scripts."""
    return native_form(
        rx.el.button(label, type="submit", class_name="link-button", id="sign-out"),
        action="/api/auth/signout",
        method="post",
    )


def page_frame(header: rx.Component, skip_label: Any, *content: rx.Component) -> rx.Component:
    return rx.el.div(
        skip_link(skip_label),
        header,
        rx.el.main(*content, id=MAIN_ID, tab_index=-1, class_name="page-main"),
        class_name="page",
    )


def field_label(text: Any, html_for: str) -> rx.Component:
    return rx.el.label(text, html_for=html_for, class_name="field-label")


def card(*children: rx.Component, **props: Any) -> rx.Component:
    props.setdefault("class_name", "card")
    return rx.el.section(*children, **props)


def list_card(
    title: Any,
    items: Any,
    render: Callable[[Any], rx.Component],
    *,
    list_id: str,
    empty: Any,
    list_class: str = "plain-list",
    **props: Any,
) -> rx.Component:
    """A titled section holding a list, or a sentence saying it is empty (same id either way,
    so tests and links find it)."""
    heading_id = f"{list_id}-heading"
    return card(
        rx.el.h2(title, id=heading_id),
        rx.cond(
            items.length() > 0,
            rx.el.ul(rx.foreach(items, render), class_name=list_class, id=list_id),
            rx.el.p(empty, id=list_id),
        ),
        aria_labelledby=heading_id,
        **props,
    )
