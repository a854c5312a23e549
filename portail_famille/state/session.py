"""Who is signed in, read on the server from the HttpOnly session cookie at every check."""

from __future__ import annotations

import reflex as rx

from portail_famille.api.cookies import session_token_from_header
from portail_famille.db import session_scope
from portail_famille.services import sessions
from portail_famille.state.lang import LangState


class SessionState(rx.State):
    # Shown on the page: a name and what kind of home to offer. Ids stay on the server.
    display_name: str = ""
    signed_in: bool = False
    is_staff: bool = False

    def current_token(self) -> str | None:
        """The HttpOnly session token, as the websocket handshake carried it. Never sent back."""
        return session_token_from_header(self.router.headers.cookie)

    def client_address(self) -> str:
        return self.router.session.client_ip or "unknown"

    async def current_user_id(self) -> int | None:
        """The signed-in account, checked against the database now (a session can end any time)."""
        token = self.current_token()
        with session_scope() as session:
            user = sessions.user_for_token(session, token)
            if user is None or user.id is None:
                self.display_name, self.signed_in, self.is_staff = "", False, False
                return None
            self.display_name = user.display_name
            self.signed_in = True
            self.is_staff = sessions.is_staff(session, user.id)
            return user.id

    @rx.event
    async def load(self):
        """For public pages: know whether someone is signed in, to offer their home."""
        await self.current_user_id()
        return LangState.apply_html_lang
