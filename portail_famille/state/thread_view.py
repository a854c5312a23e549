"""What the family's and the staff's message screens share: the open thread and its attachments.

A mixin: each screen says who the user is (`_user`) and how its thread list reloads (`_refresh`).
"""

from __future__ import annotations

import reflex as rx

from portail_famille.paths import SIGN_IN_PAGE
from portail_famille.services.attachments import StoredFile
from portail_famille.state.message_views import MessageRow, drop_pending, take_uploads
from portail_famille.state.session import SessionState


class ThreadView(rx.State, mixin=True):
    opened: int = -1  # position of the open thread in the screen's list, -1: the list itself
    messages: list[MessageRow] = []
    pending_names: list[str] = []
    attachment_error: str = ""
    form_nonce: str = ""  # the screen's forms' submission token, new after each message sent
    _pending: list[StoredFile] = []

    async def _user(self) -> int | None:
        return await (await self.get_state(SessionState))._current_user_id()

    async def _refresh(self):
        raise NotImplementedError

    @rx.event
    async def close(self):
        return await self._close()

    async def _close(self):
        self.opened, self.messages = -1, []
        return await self._refresh()

    @rx.event
    async def upload(self, files: list[rx.UploadFile]):
        if await self._user() is None:
            return rx.redirect(SIGN_IN_PAGE)
        self._pending, self.attachment_error = await take_uploads(files, self._pending)
        self.pending_names = [stored.filename for stored in self._pending]
        return None

    @rx.event
    def remove_attachment(self, position: int):
        if isinstance(position, int) and 0 <= position < len(self._pending):
            drop_pending([self._pending.pop(position)])
            self.pending_names = [stored.filename for stored in self._pending]
