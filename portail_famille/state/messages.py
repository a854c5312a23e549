"""The family's messages: inbox, one open thread, a new message to a child's school or service."""

from __future__ import annotations

import reflex as rx

from portail_famille.db import session_scope
from portail_famille.domain.messages import message_errors
from portail_famille.models import Organisation
from portail_famille.paths import SIGN_IN_PAGE
from portail_famille.services.access import Forbidden
from portail_famille.services.messaging import (
    guardian_threads,
    open_thread,
    recipients_for_child,
    reply,
    start_thread,
)
from portail_famille.state.children import ChildSelectionState
from portail_famille.state.message_views import (
    ThreadRow,
    message_rows,
    thread_rows,
)
from portail_famille.state.submission_token import fresh_token, token_of
from portail_famille.state.thread_view import ThreadView


class MessagesState(ThreadView, rx.State):
    threads: list[ThreadRow] = []
    recipients: list[str] = []
    subject_error: str = ""
    body_error: str = ""
    recipient_error: str = ""
    notice: str = ""
    _thread_ids: list[int] = []

    @rx.event
    async def load(self):
        self.opened, self.messages, self.notice = -1, [], ""
        self.form_nonce = fresh_token()
        return await self._refresh()

    async def _refresh(self):
        user_id = await self._user()
        if user_id is None:
            self.threads, self._thread_ids, self.recipients = [], [], []
            return rx.redirect(SIGN_IN_PAGE)
        selected = await (await self.get_state(ChildSelectionState))._selected_child("view")
        with session_scope() as session:
            rows = guardian_threads(session, user_id)
            options = recipients_for_child(session, *selected) if selected else []
        self._thread_ids = [row.thread_id for row in rows]
        self.threads = thread_rows(rows)
        self.recipients = [option.label for option in options]
        return None

    @rx.event
    async def open(self, position: int):
        if not isinstance(position, int) or not 0 <= position < len(self._thread_ids):
            return None
        user_id = await self._user()
        if user_id is None:
            return rx.redirect(SIGN_IN_PAGE)
        return await self._open(user_id, position)

    async def _open(self, user_id: int, position: int):
        try:
            with session_scope() as session:
                thread, details = open_thread(
                    session, user_id, self._thread_ids[position], as_staff=False
                )
                organisation = session.get(Organisation, thread.organisation_id)
                assert organisation is not None
                self.messages = message_rows(details, organisation.timezone, organisation.country)
        except Forbidden:
            self.notice = "messages.error"
            return await self._close()
        self.notice, self.body_error = "", ""
        await self._refresh()  # the thread is read now: its unread badge goes
        self.opened = position
        return None

    @rx.event
    async def send(self, form: dict):
        """A new thread about the selected child, to the chosen recipient."""
        subject = str(form.get("subject", ""))[:1000]
        body = str(form.get("body", ""))[:20000]
        recipient = str(form.get("recipient", ""))
        errors = message_errors(body, subject)
        self.subject_error = errors.get("subject", "")
        self.body_error = errors.get("body", "")
        self.recipient_error = (
            ""
            if recipient.isdigit() and int(recipient) < len(self.recipients)
            else "messages.recipient_required"
        )
        if errors or self.recipient_error:
            return None
        selected = await (await self.get_state(ChildSelectionState))._selected_child("view")
        if selected is None:
            return rx.redirect(SIGN_IN_PAGE)
        user_id, child_id = selected
        try:
            with session_scope() as session:
                start_thread(
                    session,
                    user_id=user_id,
                    child_id=child_id,
                    recipient=int(recipient),
                    subject=subject,
                    body=body,
                    files=self._pending,
                    token=token_of(form),
                )
        except (Forbidden, ValueError):
            self.recipient_error = "messages.recipient_required"
            return None
        self._pending, self.pending_names, self.notice = [], [], "messages.sent"
        self.form_nonce = fresh_token()
        await self._refresh()
        return [rx.set_value("message-subject", ""), rx.set_value("message-body", "")]

    @rx.event
    async def send_reply(self, form: dict):
        body = str(form.get("body", ""))[:20000]
        self.body_error = message_errors(body).get("body", "")
        if self.body_error or not 0 <= self.opened < len(self._thread_ids):
            return None
        user_id = await self._user()
        if user_id is None:
            return rx.redirect(SIGN_IN_PAGE)
        position = self.opened
        try:
            with session_scope() as session:
                reply(
                    session,
                    user_id=user_id,
                    thread_id=self._thread_ids[position],
                    as_staff=False,
                    body=body,
                    files=self._pending,
                    token=token_of(form),
                )
        except Forbidden:
            self.notice = "messages.error"
            return await self._close()
        self._pending, self.pending_names = [], []
        self.form_nonce = fresh_token()
        await self._refresh()
        # The thread moved to the top of the inbox (newest first): show it with the reply.
        return await self._open(user_id, 0)
