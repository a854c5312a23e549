"""What the home and the Resources page show: unread messages, news and resources."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from portail_famille.db import session_scope
from portail_famille.i18n import LANGUAGES
from portail_famille.i18n.formatting import format_day, locale_for
from portail_famille.paths import SIGN_IN_PAGE
from portail_famille.services.messaging import unread_count
from portail_famille.services.news import NewsView
from portail_famille.services.publications import guardian_news, guardian_resources
from portail_famille.state.public import NewsCard
from portail_famille.state.session import SessionState


@dataclass
class ResourceCard:
    organisation: str
    title: str
    url: str
    body: str


def news_cards(items: list[NewsView]) -> list[NewsCard]:
    return [
        NewsCard(
            organisation=item.organisation,
            title=item.title,
            body=item.body,
            published={
                language: format_day(item.published_at.date(), locale_for(language, item.country))
                for language in LANGUAGES
            },
        )
        for item in items
    ]


class HomeSummaryState(rx.State):
    """The unread count beside the greeting; the latest news of the family's organisations."""

    unread: int = 0
    news: list[NewsCard] = []

    @rx.event
    async def load(self):
        user_id = await (await self.get_state(SessionState))._current_user_id()
        if user_id is None:
            self.unread, self.news = 0, []
            return
        with session_scope() as session:
            self.unread = unread_count(session, user_id)
            self.news = news_cards(guardian_news(session, user_id, limit=3))


class ResourcesState(rx.State):
    news: list[NewsCard] = []
    resources: list[ResourceCard] = []

    @rx.event
    async def load(self):
        user_id = await (await self.get_state(SessionState))._current_user_id()
        if user_id is None:
            self.news, self.resources = [], []
            return rx.redirect(SIGN_IN_PAGE)
        with session_scope() as session:
            self.news = news_cards(guardian_news(session, user_id, limit=20))
            self.resources = [
                ResourceCard(r.organisation, r.title, r.url, r.body)
                for r in guardian_resources(session, user_id)
            ]
        return None
