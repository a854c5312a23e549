"""The console's records: search a child, then open the child's record (audited).

The page sends positions in the result list; the child's id stays in a backend var of the record
screen, and every load re-checks the staff member's reach before showing anything.
"""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from portail_famille.db import session_scope
from portail_famille.paths import GUARDIAN_HOME, SIGN_IN_PAGE, STAFF_CHILD_RECORD
from portail_famille.services.access import Forbidden
from portail_famille.services.records_search import search_children_page
from portail_famille.state.lang import LangState
from portail_famille.state.session import SessionState
from portail_famille.state.staff_child import StaffChildState


@dataclass
class ChildHitView:
    name: str
    file_number: str
    permanent_code: str
    school: str
    grade: str
    active: bool
    families: str
    guardians: str


class StaffRecordsState(rx.State):
    query: str = ""
    searched: bool = False
    results: list[ChildHitView] = []
    total: int = 0  # every child found, the list shows the first ones
    _child_ids: list[int] = []

    @rx.event
    async def load(self):
        return await self._refresh()

    @rx.event
    async def search(self, form: dict):
        self.query = str(form.get("query", ""))[:100]
        return await self._refresh()

    async def _refresh(self):
        user_id = await (await self.get_state(SessionState))._current_user_id()
        self.results, self._child_ids, self.searched, self.total = [], [], False, 0
        if user_id is None:
            return rx.redirect(SIGN_IN_PAGE)
        try:
            with session_scope() as session:
                found = search_children_page(session, user_id=user_id, query=self.query)
        except Forbidden:
            return rx.redirect(GUARDIAN_HOME)
        self.searched = bool(self.query.strip())
        hits, self.total = found.rows, found.total
        self._child_ids = [hit.child_id for hit in hits]
        self.results = [
            ChildHitView(
                name=hit.name,
                file_number=hit.file_number,
                permanent_code=hit.permanent_code,
                school=hit.school,
                grade=hit.grade,
                active=hit.active,
                families=", ".join(hit.families),
                guardians=", ".join(hit.guardians),
            )
            for hit in hits
        ]
        return LangState.apply_html_lang

    @rx.event
    async def open_child(self, position: int):
        if not isinstance(position, int) or not 0 <= position < len(self._child_ids):
            return None
        record = await self.get_state(StaffChildState)
        record._choose(self._child_ids[position])
        return rx.redirect(STAFF_CHILD_RECORD)
