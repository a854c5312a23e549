"""Staff's inbox of help-form messages: only the schools in their scope."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from portail_famille.db import session_scope
from portail_famille.i18n import LANGUAGES
from portail_famille.i18n.formatting import format_moment, locale_for
from portail_famille.paths import GUARDIAN_HOME, SIGN_IN_PAGE
from portail_famille.services.access import Forbidden
from portail_famille.services.help import (
    contact_messages_page,
    mark_contact_message_handled,
)
from portail_famille.state.lang import LangState
from portail_famille.state.session import SessionState


@dataclass
class MessageView:
    school: str
    sender_name: str
    sender_email: str
    sender_phone: str
    child_name: str
    subject: str
    body: str
    received: dict[str, str]  # the date in each language
    handled: bool


class InboxState(rx.State):
    messages: list[MessageView] = []
    total: int = 0  # every message in scope; the list shows the newest
    error: str = ""
    _message_ids: list[int] = []

    @rx.event
    async def load(self):
        self.error = ""
        return await self._refresh()

    async def _refresh(self):
        user_id = await (await self.get_state(SessionState))._current_user_id()
        if user_id is None:
            self.messages, self._message_ids, self.total = [], [], 0
            return rx.redirect(SIGN_IN_PAGE)
        try:
            with session_scope() as session:
                found = contact_messages_page(session, user_id)
        except Forbidden:
            self.messages, self._message_ids, self.total = [], [], 0
            return rx.redirect(GUARDIAN_HOME)
        rows, self.total = found.rows, found.total
        self._message_ids = [row.message_id for row in rows]
        self.messages = [
            MessageView(
                school=row.school,
                sender_name=row.sender_name,
                sender_email=row.sender_email,
                sender_phone=row.sender_phone,
                child_name=row.child_name,
                subject=row.subject,
                body=row.body,
                received={
                    language: format_moment(
                        row.created_at, row.timezone, locale_for(language, row.country)
                    )
                    for language in LANGUAGES
                },
                handled=row.handled,
            )
            for row in rows
        ]
        return LangState.apply_html_lang

    @rx.event
    async def mark_handled(self, position: int):
        if not isinstance(position, int) or not 0 <= position < len(self._message_ids):
            return
        user_id = await (await self.get_state(SessionState))._current_user_id()
        if user_id is None:
            return rx.redirect(SIGN_IN_PAGE)
        self.error = ""
        try:
            with session_scope() as session:
                mark_contact_message_handled(session, user_id, self._message_ids[position])
        except Forbidden:
            self.error = "inbox.error"
        return await self._refresh()
