"""The public home: what the portal is, and the organisations' news."""

from __future__ import annotations

import reflex as rx

from portail_famille.components.layout import card
from portail_famille.pages.common import frame
from portail_famille.pages.help import help_links
from portail_famille.paths import SIGN_IN_PAGE
from portail_famille.state.lang import LangState, t
from portail_famille.state.public import NewsCard, PublicHomeState


def news_item(item: rx.Var[NewsCard]) -> rx.Component:
    return rx.el.article(
        rx.el.h3(item.title, class_name="news-title"),
        rx.el.p(
            item.organisation,
            " · ",
            t("public.published", date=item.published[LangState.language]),
            class_name="muted",
        ),
        rx.el.p(item.body),
        class_name="news-item",
    )


def public_home() -> rx.Component:
    return frame(
        rx.el.h1(t("public.title")),
        rx.el.p(t("public.intro"), class_name="lead"),
        rx.el.a(t("nav.sign_in"), href=SIGN_IN_PAGE, class_name="button primary"),
        card(
            rx.el.h2(t("public.news"), id="news-heading"),
            rx.cond(
                PublicHomeState.news.length() > 0,
                rx.foreach(PublicHomeState.news, news_item),
                rx.el.p(t("public.no_news")),
            ),
            aria_labelledby="news-heading",
        ),
        help_links(),
    )
