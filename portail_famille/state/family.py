"""The parent's home: their children, one tap to switch."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from portail_famille.db import session_scope
from portail_famille.services.families import guardian_children
from portail_famille.state.children import ChildSelectionState
from portail_famille.state.home_due import HomeDueState


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
    # In ChildSelectionState's order, so its `selected` position indexes this list too.
    children: list[ChildView] = []

    @rx.event
    async def load(self):
        selection = await self.get_state(ChildSelectionState)
        user_id = await selection._refresh()
        if user_id is None:
            self.children = []
            return None  # ChildSelectionState.load, first on this page, redirects
        with session_scope() as session:
            cards = {card.child_id: card for card in guardian_children(session, user_id)}
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
            for child_id in selection._ordered_child_ids()
            if (card := cards.get(child_id)) is not None
        ]
        return HomeDueState.load
