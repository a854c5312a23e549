"""Whether the parent's home shows the Planning tile: only when one of the guardian's children
is registered for an activity they may book."""

from __future__ import annotations

import reflex as rx

from portail_famille.db import session_scope
from portail_famille.services.access import guardian_links
from portail_famille.services.planning_catalog import child_activities
from portail_famille.state.session import SessionState


class PlanningTileState(rx.State):
    visible: bool = False

    @rx.event
    async def load(self):
        user_id = await (await self.get_state(SessionState))._current_user_id()
        self.visible = False
        if user_id is None:
            return
        with session_scope() as session:
            for _guardian, _link, child in guardian_links(session, user_id, "book"):
                if child.id is not None and child_activities(session, child.id):
                    self.visible = True
                    return
