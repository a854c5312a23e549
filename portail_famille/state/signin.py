"""The sign-in page. The form posts to /api/auth/signin, which sets the HttpOnly cookie."""

from __future__ import annotations

import reflex as rx

from portail_famille.paths import GUARDIAN_HOME, STAFF_HOME
from portail_famille.state.lang import LangState
from portail_famille.state.session import SessionState


class SignInState(rx.State):
    show_error: bool = False

    @rx.event
    async def load(self):
        session_state = await self.get_state(SessionState)
        if await session_state.current_user_id() is not None:
            return rx.redirect(STAFF_HOME if session_state.is_staff else GUARDIAN_HOME)
        self.show_error = self.router.url.query_parameters.get("erreur") == "identifiants"
        return LangState.apply_html_lang
