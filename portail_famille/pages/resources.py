"""News and resources for families: the Resources page, and the pieces the home shows."""

from __future__ import annotations

import reflex as rx

from portail_famille.components.layout import card
from portail_famille.pages.common import frame
from portail_famille.pages.public import news_item
from portail_famille.paths import GUARDIAN_HOME, MESSAGES_PAGE, RESOURCES_PAGE
from portail_famille.state.lang import t
from portail_famille.state.resources import HomeSummaryState, ResourceCard, ResourcesState


def unread_link() -> rx.Component:
    """Beside the greeting: how many messages wait, one tap from the inbox."""
    return rx.el.a(
        t("messages.unread_link", count=HomeSummaryState.unread),
        href=MESSAGES_PAGE,
        class_name=rx.cond(HomeSummaryState.unread > 0, "badge warn", "badge"),
        id="unread-count",
        on_mount=HomeSummaryState.load,
    )


def latest_news() -> rx.Component:
    return rx.cond(
        HomeSummaryState.news.length() > 0,
        card(
            rx.el.h2(t("resources.latest"), id="latest-news-heading"),
            rx.foreach(HomeSummaryState.news, news_item),
            rx.el.a(t("resources.all"), href=RESOURCES_PAGE),
            aria_labelledby="latest-news-heading",
            id="latest-news",
        ),
    )


def _resource(resource: rx.Var[ResourceCard]) -> rx.Component:
    return rx.el.li(
        rx.cond(
            resource.url != "",
            rx.el.a(resource.title, href=resource.url, rel="noopener noreferrer", target="_blank"),
            rx.el.strong(resource.title),
        ),
        rx.el.p(resource.organisation, class_name="muted"),
        rx.cond(resource.body != "", rx.el.p(resource.body)),
        class_name="resource-row",
    )


def resources_page() -> rx.Component:
    return frame(
        rx.el.a(t("nav.my_space"), href=GUARDIAN_HOME, class_name="back-link"),
        rx.el.h1(t("resources.title")),
        card(
            rx.el.h2(t("resources.news"), id="news-heading"),
            rx.cond(
                ResourcesState.news.length() > 0,
                rx.foreach(ResourcesState.news, news_item),
                rx.el.p(t("resources.no_news")),
            ),
            aria_labelledby="news-heading",
        ),
        card(
            rx.el.h2(t("resources.links"), id="links-heading"),
            rx.cond(
                ResourcesState.resources.length() > 0,
                rx.el.ul(rx.foreach(ResourcesState.resources, _resource), id="resources"),
                rx.el.p(t("resources.none")),
            ),
            aria_labelledby="links-heading",
        ),
    )
