"""The staff console's home: the families of the staff member's organisation (and school)."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from portail_famille.db import session_scope
from portail_famille.paths import GUARDIAN_HOME, SIGN_IN_PAGE
from portail_famille.services.access import Forbidden, staff_scope
from portail_famille.services.families import families_page
from portail_famille.state.lang import LangState
from portail_famille.state.session import SessionState


@dataclass
class FamilyView:
    name: str
    organisation: str
    guardians: str
    emails: str
    children: str


class ConsoleState(rx.State):
    query: str = ""
    families: list[FamilyView] = []
    total: int = 0  # every family found; the list shows the first ones

    @rx.event
    async def load(self):
        return await self._refresh()

    @rx.event
    async def search(self, form: dict):
        self.query = str(form.get("query", ""))[:100]
        return await self._refresh()

    async def _refresh(self):
        user_id = await (await self.get_state(SessionState))._current_user_id()
        self.total = 0
        if user_id is None:
            self.families = []
            return rx.redirect(SIGN_IN_PAGE)
        try:
            with session_scope() as session:
                found = families_page(session, staff_scope(session, user_id), self.query)
        except Forbidden:  # signed in, but not staff anywhere
            self.families = []
            return rx.redirect(GUARDIAN_HOME)
        self.families = [
            FamilyView(
                name=row.name,
                organisation=row.organisation,
                guardians=", ".join(row.guardians),
                emails=", ".join(row.emails),
                children=", ".join(row.children),
            )
            for row in found.rows
        ]
        self.total = found.total
        return LangState.apply_html_lang
