"""Staff's messaging: the threads of their school or service, replies, and broadcasts."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from portail_famille.db import session_scope
from portail_famille.domain.messages import message_errors
from portail_famille.models import Organisation
from portail_famille.paths import GUARDIAN_HOME, SIGN_IN_PAGE
from portail_famille.services.access import Forbidden
from portail_famille.services.broadcast import broadcast, broadcast_targets
from portail_famille.services.messaging import open_thread, reply, staff_threads
from portail_famille.state.lang import LangState
from portail_famille.state.message_views import (
    ThreadRow,
    message_rows,
    thread_rows,
)
from portail_famille.state.submission_token import fresh_token, token_of
from portail_famille.state.thread_view import ThreadView


@dataclass
class TargetRow:
    kind: str  # school, group or activity
    label: str


class StaffMessagesState(ThreadView, rx.State):
    threads: list[ThreadRow] = []
    body_error: str = ""
    notice: str = ""
    targets: list[TargetRow] = []
    target_error: str = ""
    subject_error: str = ""
    broadcast_body_error: str = ""
    sending: bool = False
    reached: int = -1
    _thread_ids: list[int] = []

    @rx.event
    async def load(self):
        self.opened, self.messages, self.notice, self.reached = -1, [], "", -1
        self.form_nonce = fresh_token()
        return await self._refresh()

    async def _refresh(self):
        user_id = await self._user()
        if user_id is None:
            self.threads, self._thread_ids = [], []
            return rx.redirect(SIGN_IN_PAGE)
        try:
            with session_scope() as session:
                rows = staff_threads(session, user_id)
                targets = broadcast_targets(session, user_id)
        except Forbidden:
            self.threads, self._thread_ids = [], []
            return rx.redirect(GUARDIAN_HOME)
        self._thread_ids = [row.thread_id for row in rows]
        self.threads = thread_rows(rows)
        self.targets = [TargetRow(target.kind, target.label) for target in targets]
        return LangState.apply_html_lang

    @rx.event
    async def open(self, position: int):
        if not isinstance(position, int) or not 0 <= position < len(self._thread_ids):
            return None
        user_id = await self._user()
        if user_id is None:
            return rx.redirect(SIGN_IN_PAGE)
        try:
            with session_scope() as session:
                thread, details = open_thread(
                    session, user_id, self._thread_ids[position], as_staff=True
                )
                organisation = session.get(Organisation, thread.organisation_id)
                assert organisation is not None
                self.messages = message_rows(details, organisation.timezone, organisation.country)
        except Forbidden:
            self.notice = "messages.error"
            return await self._refresh()
        self.opened, self.notice, self.body_error = position, "", ""
        return None

    @rx.event
    async def send_reply(self, form: dict):
        body = str(form.get("body", ""))[:20000]
        self.body_error = message_errors(body).get("body", "")
        if self.body_error or not 0 <= self.opened < len(self._thread_ids):
            return None
        user_id = await self._user()
        if user_id is None:
            return rx.redirect(SIGN_IN_PAGE)
        thread_id = self._thread_ids[self.opened]
        try:
            with session_scope() as session:
                reply(
                    session,
                    user_id=user_id,
                    thread_id=thread_id,
                    as_staff=True,
                    body=body,
                    files=self._pending,
                    token=token_of(form),
                )
        except Forbidden:
            self.notice = "messages.error"
            return await self._close()
        self._pending, self.pending_names, self.notice = [], [], "messages.sent"
        self.form_nonce = fresh_token()
        self.opened, self.messages = -1, []
        return await self._refresh()

    @rx.event(background=True)
    async def send_broadcast(self, form: dict):
        """Mail to every family reached can take a while: the page stays usable meanwhile."""
        subject = str(form.get("subject", ""))[:1000]
        body = str(form.get("body", ""))[:20000]
        target = str(form.get("target", ""))
        errors = message_errors(body, subject)
        async with self:
            self.subject_error = errors.get("subject", "")
            self.broadcast_body_error = errors.get("body", "")
            self.target_error = (
                ""
                if target.isdigit() and int(target) < len(self.targets)
                else "console.broadcast.target_required"
            )
            if errors or self.target_error or self.sending:
                return
            self.sending, self.reached = True, -1
            user_id = await self._user()
        try:
            if user_id is None:
                return
            with session_scope() as session:
                reached = broadcast(
                    session, user_id=user_id, target=int(target), subject=subject, body=body
                )
        except (Forbidden, ValueError):
            async with self:
                self.sending, self.target_error = False, "console.broadcast.target_required"
            return
        async with self:
            self.sending, self.reached = False, reached
            await self._refresh()
