"""Which of the guardian's children the tiles show: one selection shared by home and every tile.

The page only ever sends a position; the child's id stays here and is re-checked at every use.
"""

from __future__ import annotations

import reflex as rx

from portail_famille.db import session_scope
from portail_famille.paths import SIGN_IN_PAGE
from portail_famille.services.access import Forbidden, Right, child_for_guardian, guardian_links
from portail_famille.state.lang import LangState
from portail_famille.state.session import SessionState


class ChildSelectionState(rx.State):
    first_names: list[str] = []
    selected: int = 0
    _child_ids: list[int] = []

    async def _refresh(self) -> int | None:
        """Reloads the signed-in guardian's children; the signed-in user's id, or None."""
        user_id = await (await self.get_state(SessionState))._current_user_id()
        if user_id is None:
            self.first_names, self._child_ids, self.selected = [], [], 0
            return None
        previous = self._ordered_child_ids()[self.selected] if self._ordered_child_ids() else None
        with session_scope() as session:
            links = guardian_links(session, user_id, "view")
        ids: list[int] = []
        names: list[str] = []
        for _guardian, _link, child in links:
            if child.id is not None and child.id not in ids:
                ids.append(child.id)
                names.append(child.first_name)
        self._child_ids, self.first_names = ids, names
        self.selected = ids.index(previous) if previous in ids else 0
        return user_id

    def _ordered_child_ids(self) -> list[int]:
        """The children in the order the page shows them (backend only)."""
        return list(self._child_ids)

    @rx.event
    async def load(self):
        """First on_load of every parent page: no guardian, no page."""
        if await self._refresh() is None:
            return rx.redirect(SIGN_IN_PAGE)
        return LangState.apply_html_lang

    @rx.event
    def select(self, position: int):
        if isinstance(position, int) and 0 <= position < len(self._child_ids):
            self.selected = position

    async def _selected_child(self, right: Right = "view") -> tuple[int, int] | None:
        """(user id, child id) of the selected child if the link grants `right` now, else None."""
        user_id = await (await self.get_state(SessionState))._current_user_id()
        if user_id is None or not 0 <= self.selected < len(self._child_ids):
            return None
        child_id = self._child_ids[self.selected]
        try:
            with session_scope() as session:
                child_for_guardian(session, user_id, child_id, right)
        except Forbidden:
            return None
        return user_id, child_id
