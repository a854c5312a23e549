"""The schools card of the admin's organisation screen: create a school, change one's code or name.

The organisation is the one the organisation screen has open (its backend var); the rows travel
to the page by position only, and every handler re-checks the admin's rights through the service.
"""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from portail_famille.db import session_scope
from portail_famille.i18n.catalog import translate
from portail_famille.services import schools
from portail_famille.services.access import Forbidden
from portail_famille.state.lang import current_language
from portail_famille.state.organisation_settings import OrganisationSettingsState
from portail_famille.state.session import SessionState


@dataclass
class SchoolView:
    code: str
    name: str


class SchoolsState(rx.State):
    schools: list[SchoolView] = []
    errors: dict[str, str] = {}
    notice: str = ""
    _school_ids: list[int] = []

    async def _who(self) -> tuple[int, int] | None:
        """(user id, organisation id) of the signed-in admin and the organisation on screen."""
        user_id = await (await self.get_state(SessionState))._current_user_id()
        organisation = await self.get_state(OrganisationSettingsState)
        ids, position = organisation._organisation_ids, organisation.organisation_position
        if user_id is None or not 0 <= position < len(ids):
            return None
        return user_id, ids[position]

    def _refresh(self, user_id: int, organisation_id: int) -> None:
        try:
            with session_scope() as session:
                rows = schools.schools_of(session, user_id=user_id, organisation_id=organisation_id)
        except Forbidden:
            rows = []
        self._school_ids = [r.school_id for r in rows]
        self.schools = [SchoolView(r.code, r.name) for r in rows]

    @rx.event
    async def load(self):
        self.errors, self.notice = {}, ""
        who = await self._who()
        if who is None:
            self.schools, self._school_ids = [], []
            return
        self._refresh(*who)

    @rx.event
    async def save_school(self, form: dict):
        """Saves the row at `position` ("new" for the add form)."""
        language = await current_language(self)
        who = await self._who()
        if who is None:
            return
        user_id, organisation_id = who
        raw = str(form.get("position", "")).strip()
        school_id: int | None = None
        if raw != "new":
            if not raw.isdigit() or int(raw) >= len(self._school_ids):
                return
            school_id = self._school_ids[int(raw)]
        code = str(form.get("code", ""))[: schools.CODE_MAX + 1]
        name = str(form.get("name", ""))[: schools.NAME_MAX + 1]
        self.errors, self.notice = {}, ""
        try:
            with session_scope() as session:
                schools.save_school(
                    session,
                    user_id=user_id,
                    organisation_id=organisation_id,
                    school_id=school_id,
                    code=code,
                    name=name,
                )
        except Forbidden:
            self.errors = {"form": translate(language, "records_admin.error.forbidden")}
        except schools.SchoolError as problem:
            self.errors = {
                f"{raw}-{field}": translate(language, key) for field, key in problem.errors.items()
            }
        else:
            self.notice = translate(language, "schools.notice.saved")
        self._refresh(user_id, organisation_id)
