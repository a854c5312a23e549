"""The parent's home: their children, one tap to switch."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from portail_famille.db import session_scope
from portail_famille.paths import SIGN_IN_PAGE
from portail_famille.services.families import guardian_children
from portail_famille.state.lang import LangState
from portail_famille.state.session import SessionState


@dataclass
class ChildView:
    first_name: str
    full_name: str
    organisation: str
    school: str
    grade: str
    group_name: str
    school_year: str
    active: bool
    enrolled: bool
    shared_custody: bool


class FamilyHomeState(rx.State):
    children: list[ChildView] = []
    selected: int = 0
    # Which child each position is: the page only ever sends a position back.
    _child_ids: list[int] = []

    @rx.var
    def current(self) -> ChildView | None:
        return self.children[self.selected] if 0 <= self.selected < len(self.children) else None

    @rx.event
    async def load(self):
        user_id = await (await self.get_state(SessionState)).current_user_id()
        if user_id is None:
            self.children, self._child_ids = [], []
            return rx.redirect(SIGN_IN_PAGE)
        with session_scope() as session:
            cards = guardian_children(session, user_id)
        self._child_ids = [card.child_id for card in cards]
        self.children = [
            ChildView(
                first_name=card.first_name,
                full_name=f"{card.first_name} {card.last_name}",
                organisation=card.organisation,
                school=card.school,
                grade=card.grade,
                group_name=card.group_name,
                school_year=card.school_year,
                active=card.active,
                enrolled=bool(card.school),
                shared_custody=card.shared_custody,
            )
            for card in cards
        ]
        self.selected = min(self.selected, max(len(self.children) - 1, 0))
        return LangState.apply_html_lang

    @rx.event
    def select_child(self, position: int):
        if isinstance(position, int) and 0 <= position < len(self._child_ids):
            self.selected = position
