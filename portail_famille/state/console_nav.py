"""Whether the console navigation offers the staff page: shown to administrators only."""

from __future__ import annotations

import reflex as rx

from portail_famille.db import session_scope
from portail_famille.services.access import Forbidden
from portail_famille.services.staff_access import admin_organisation_ids
from portail_famille.state.session import SessionState


class ConsoleNavState(rx.State):
    is_admin: bool = False

    @rx.event
    async def load(self):
        # Only decides what the menu shows; the staff page and its handlers check again.
        user_id = await (await self.get_state(SessionState)).current_user_id()
        try:
            with session_scope() as session:
                self.is_admin = bool(admin_organisation_ids(session, user_id))
        except Forbidden:
            self.is_admin = False
