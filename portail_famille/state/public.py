"""The public home: news readable before signing in."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from portail_famille.db import session_scope
from portail_famille.i18n import LANGUAGES
from portail_famille.i18n.formatting import format_day, locale_for
from portail_famille.services.news import public_news


@dataclass
class NewsCard:
    organisation: str
    title: str
    body: str
    # The date in each language, so switching language needs no round trip.
    published: dict[str, str]


class PublicHomeState(rx.State):
    news: list[NewsCard] = []

    @rx.event
    def load(self):
        with session_scope() as session:
            items = public_news(session)
        self.news = [
            NewsCard(
                organisation=item.organisation,
                title=item.title,
                body=item.body,
                published={
                    language: format_day(
                        item.published_at.date(), locale_for(language, item.country)
                    )
                    for language in LANGUAGES
                },
            )
            for item in items
        ]
