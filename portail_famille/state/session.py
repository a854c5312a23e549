"""Who is signed in, read on the server from the HttpOnly session cookie at every check."""

from __future__ import annotations

import reflex as rx

from portail_famille.api.cookies import session_token_from_header
from portail_famille.config import get_settings
from portail_famille.db import session_scope
from portail_famille.domain.client_address import client_address
from portail_famille.services import sessions
from portail_famille.state.lang import LangState


class SessionState(rx.State):
    # Shown on the page: a name and what kind of home to offer. Ids stay on the server.
    display_name: str = ""
    signed_in: bool = False
    is_staff: bool = False
    # Whom this tab's states were filled for (see tab_guard): a different cookie resets them all.
    _tab_claimed: bool = False
    _tab_user_id: int | None = None

    def _current_token(self) -> str | None:
        """The HttpOnly session token, as the websocket handshake carried it. Never sent back."""
        return session_token_from_header(self.router.headers.cookie)

    def _client_address(self) -> str:
        """The client's address, X-Forwarded-For believed only from PORTAIL_TRUSTED_PROXIES."""
        return client_address(
            self.router.session.client_ip,  # the peer: Reflex's trusted_proxy_hops stays 0
            self.router.headers.raw_headers.get("x-forwarded-for"),
            get_settings().trusted_proxy_networks,
        )

    async def _current_user_id(self) -> int | None:
        """The signed-in account, checked against the database now (a session can end any time)."""
        token = self._current_token()
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
        await self._current_user_id()
        return LangState.apply_html_lang
