"""The settings section of the private iCalendar address: create, replace, turn off.

The address is shown once, right after it is made: only its hash is kept.
"""

from __future__ import annotations

import reflex as rx

from portail_famille.config import get_settings
from portail_famille.db import session_scope
from portail_famille.i18n import LANGUAGES
from portail_famille.i18n.catalog import translate
from portail_famille.i18n.formatting import format_moment
from portail_famille.services.access import Forbidden, guardian_links
from portail_famille.services.accounts import account_timezone
from portail_famille.services.calendar_feed import FEED_PATH, active_feed, renew_feed, revoke_feed
from portail_famille.state.lang import current_language
from portail_famille.state.session import SessionState


class CalendarFeedState(rx.State):
    offered: bool = False  # a guardian with at least one child
    active: bool = False
    since: rx.Field[dict[str, str]] = rx.field(default_factory=dict)
    address: str = ""  # the new address, this once
    notice: str = ""

    @rx.event
    async def load(self):
        self.address, self.notice = "", ""
        await self._refresh()

    async def _refresh(self) -> int | None:
        user_id = await (await self.get_state(SessionState))._current_user_id()
        if user_id is None:
            self.offered = self.active = False
            return None
        with session_scope() as session:
            self.offered = bool(guardian_links(session, user_id, "view"))
            feed = active_feed(session, user_id)
            timezone = account_timezone(session, user_id)
        self.active = feed is not None
        self.since = (
            {lang: format_moment(feed.created_at, timezone, lang) for lang in LANGUAGES}
            if feed
            else {}
        )
        return user_id

    @rx.event
    async def renew(self):
        language = await current_language(self)
        user_id = await self._refresh()
        if user_id is None:
            return
        try:
            with session_scope() as session:
                token = renew_feed(session, user_id)
        except Forbidden:
            self.notice = translate(language, "feed.no_children")
            return
        base = get_settings().base_url.rstrip("/")
        await self._refresh()
        self.address, self.notice = base + FEED_PATH.format(token=token), ""

    @rx.event
    async def revoke(self):
        language = await current_language(self)
        user_id = await self._refresh()
        if user_id is None:
            return
        with session_scope() as session:
            revoke_feed(session, user_id)
        await self._refresh()
        self.address, self.notice = "", translate(language, "feed.revoked")
