"""What the console navigation shows: admin pages to administrators, and the number of
requests waiting for this staff member."""

from __future__ import annotations

import reflex as rx

from portail_famille.db import session_scope
from portail_famille.services.access import Forbidden
from portail_famille.services.request_queue import pending_count_for_staff
from portail_famille.services.staff_access import admin_organisation_ids
from portail_famille.state.session import SessionState


class ConsoleNavState(rx.State):
    is_admin: bool = False
    pending_requests: int = 0

    @rx.event
    async def load(self):
        # Only decides what the menu shows; the staff page and its handlers check again.
        user_id = await (await self.get_state(SessionState))._current_user_id()
        try:
            with session_scope() as session:
                self.is_admin = bool(admin_organisation_ids(session, user_id))
                self.pending_requests = (
                    0 if user_id is None else pending_count_for_staff(session, user_id=user_id)
                )
        except Forbidden:
            self.is_admin, self.pending_requests = False, 0
