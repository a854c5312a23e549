"""Staff publish news (menus, outings) and resources for their organisation, and withdraw them."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from portail_famille.db import session_scope
from portail_famille.i18n import LANGUAGES
from portail_famille.i18n.catalog import translate
from portail_famille.i18n.formatting import format_day, locale_for
from portail_famille.paths import GUARDIAN_HOME, SIGN_IN_PAGE
from portail_famille.services import publications
from portail_famille.services.access import Forbidden
from portail_famille.state.form_values import is_checked
from portail_famille.state.lang import LangState, current_language
from portail_famille.state.session import SessionState


@dataclass
class PublicationRow:
    title: str
    organisation: str
    published_on: dict[str, str]  # per language
    online: bool


class PublicationsState(rx.State):
    news: list[PublicationRow] = []
    resources: list[PublicationRow] = []
    errors: dict[str, str] = {}
    notice: str = ""
    # Positions on the page -> ids, never sent to the browser.
    _news_ids: list[int] = []
    _resource_ids: list[int] = []

    async def _staff_user(self) -> int | None:
        return await (await self.get_state(SessionState))._current_user_id()

    @rx.event
    async def load(self):
        self.errors, self.notice = {}, ""
        return await self._refresh()

    async def _refresh(self):
        user_id = await self._staff_user()
        if user_id is None:
            return rx.redirect(SIGN_IN_PAGE)
        try:
            with session_scope() as session:
                news = publications.staff_news(session, user_id)
                resources = publications.staff_resources(session, user_id)
        except Forbidden:  # a parent, not staff
            return rx.redirect(GUARDIAN_HOME)
        self._news_ids = [view.news_id for view, _online in news]
        self.news = [
            PublicationRow(
                title=view.title,
                organisation=view.organisation,
                published_on={
                    lang: format_day(view.published_at.date(), locale_for(lang, view.country))
                    for lang in LANGUAGES
                },
                online=online,
            )
            for view, online in news
        ]
        self._resource_ids = [view.resource_id for view in resources]
        self.resources = [
            PublicationRow(
                title=view.title,
                organisation=view.organisation,
                published_on={lang: "" for lang in LANGUAGES},
                online=view.published,
            )
            for view in resources
        ]
        return LangState.apply_html_lang

    async def _act(self, action) -> None:
        """Runs `action(session, user_id)` in one transaction, then shows the lists again."""
        language = await current_language(self)
        user_id = await self._staff_user()
        if user_id is None:
            return
        try:
            with session_scope() as session:
                action(session, user_id)
        except Forbidden:
            self.notice = translate(language, "publications.error")
            return
        self.notice = translate(language, "publications.published_notice")
        await self._refresh()

    @rx.event
    async def publish_news(self, form: dict):
        language = await current_language(self)
        title = str(form.get("news_title", "")).strip()
        body = str(form.get("news_body", "")).strip()
        errors = {}
        if not title or len(title) > 200:
            errors["news_title"] = translate(language, "publications.title_required")
        if not body or len(body) > 5000:
            errors["news_body"] = translate(language, "publications.body_required")
        self.errors, self.notice = errors, ""
        if errors:
            return
        public = is_checked(form, "news_public")
        await self._act(
            lambda s, uid: publications.publish_news(
                s, user_id=uid, title=title, body=body, public=public
            )
        )

    @rx.event
    async def add_resource(self, form: dict):
        language = await current_language(self)
        title = str(form.get("resource_title", ""))[:200]
        url = str(form.get("resource_url", ""))[:500]
        body = str(form.get("resource_text", ""))[:5000]
        found = publications.resource_errors(title, url, body)
        field = {"title": "resource_title", "url": "resource_url"}
        self.errors = {field[k]: translate(language, key) for k, key in found.items()}
        self.notice = ""
        if self.errors:
            return
        await self._act(
            lambda s, uid: publications.add_resource(
                s, user_id=uid, title=title, url=url, body=body
            )
        )

    @rx.event
    async def toggle_news(self, position: int):
        if isinstance(position, int) and 0 <= position < len(self._news_ids):
            news_id, online = self._news_ids[position], self.news[position].online
            await self._act(
                lambda s, uid: publications.set_news_published(
                    s, user_id=uid, news_id=news_id, published=not online
                )
            )

    @rx.event
    async def toggle_resource(self, position: int):
        if isinstance(position, int) and 0 <= position < len(self._resource_ids):
            resource_id, online = self._resource_ids[position], self.resources[position].online
            await self._act(
                lambda s, uid: publications.set_resource_published(
                    s, user_id=uid, resource_id=resource_id, published=not online
                )
            )
