"""The home page's "to do" card: pending requests, and the yearly records and consents check.

Households are sent as positions; their ids stay here and the service re-checks the guardian.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import reflex as rx

from portail_famille.db import session_scope
from portail_famille.i18n import LANGUAGES
from portail_famille.i18n.formatting import format_day, locale_for
from portail_famille.services.access import Forbidden
from portail_famille.services.local_time import guardian_today
from portail_famille.services.records_confirmation import (
    ConfirmationDue,
    confirm,
    confirmations_for_guardian,
)
from portail_famille.services.requests import pending_count_for_guardian
from portail_famille.state.form_values import is_checked
from portail_famille.state.request_form_views import texts
from portail_famille.state.session import SessionState


@dataclass
class DueView:
    family_name: str
    due_on: dict[str, str]
    overdue: bool
    records_confirmed: bool
    consents_given: bool


def due_views(dues: list[ConfirmationDue], today: date) -> list[DueView]:
    """The campaigns still incomplete (a complete one leaves the home page)."""
    return [
        DueView(
            family_name=due.family_name,
            due_on={
                lang: format_day(due.due_on, locale_for(lang, due.country)) for lang in LANGUAGES
            },
            overdue=today > due.due_on,
            records_confirmed=due.records_confirmed,
            consents_given=due.consents_given,
        )
        for due in dues
        if not due.complete
    ]


class HomeDueState(rx.State):
    pending_requests: int = 0
    dues: list[DueView] = []
    error_at: int = -1  # the position of the household whose form was refused
    error: dict[str, str] = {}
    notice: dict[str, str] = {}
    _family_ids: list[int] = []

    @rx.event
    async def load(self):
        self.error_at, self.error, self.notice = -1, {}, {}
        await self._refresh()

    async def _refresh(self) -> int | None:
        user_id = await (await self.get_state(SessionState))._current_user_id()
        self.pending_requests, self.dues, self._family_ids = 0, [], []
        if user_id is None:
            return None
        try:
            with session_scope() as session:
                self.pending_requests = pending_count_for_guardian(session, user_id=user_id)
                dues = confirmations_for_guardian(session, user_id=user_id)
                today = guardian_today(session, user_id)
        except Forbidden:
            return None
        incomplete = [due for due in dues if not due.complete]
        self._family_ids = [due.family_id for due in incomplete]
        self.dues = due_views(incomplete, today)
        return user_id

    @rx.event
    async def confirm(self, form: dict):
        """One household's form; it carries its position in a hidden field."""
        user_id = await (await self.get_state(SessionState))._current_user_id()
        raw = str(form.get("household", ""))
        position = int(raw) if raw.isdigit() else -1
        if user_id is None or not 0 <= position < len(self._family_ids):
            return
        records, consents = is_checked(form, "records"), is_checked(form, "consents")
        self.error_at, self.error, self.notice = -1, {}, {}
        if not records and not consents:
            self.error_at, self.error = position, texts("requests_family.confirm.error")
            return
        try:
            with session_scope() as session:
                confirm(
                    session,
                    user_id=user_id,
                    family_id=self._family_ids[position],
                    records=records,
                    consents=consents,
                )
        except Forbidden:
            self.error_at, self.error = position, texts("requests_family.error.forbidden")
            return
        self.notice = texts("requests_family.confirm.done")
        await self._refresh()
