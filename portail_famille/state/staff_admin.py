"""The admin's staff screen: accounts of their organisations, invitations, roles, disabling.

The page sends back only positions in the lists it was given; ids stay in backend vars and every
service call re-checks the admin's rights on the server.
"""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx
from sqlmodel import col, select

from portail_famille.db import session_scope
from portail_famille.i18n import LANGUAGES
from portail_famille.i18n.catalog import translate
from portail_famille.models import Organisation, School
from portail_famille.paths import SIGN_IN_PAGE, STAFF_HOME
from portail_famille.services import staff
from portail_famille.services.access import Forbidden
from portail_famille.services.staff_access import admin_organisation_ids
from portail_famille.services.staff_invitations import invite_staff
from portail_famille.state.event_arguments import item_at
from portail_famille.state.lang import LangState
from portail_famille.state.session import SessionState
from portail_famille.state.signals import focus_element


@dataclass
class RoleView:
    role: str
    organisation: str
    school: str


@dataclass
class StaffView:
    name: str
    email: str
    active: bool
    roles: list[RoleView]


# The invite form's fields that can show an error; every key always present for the page.
NO_FORM_ERRORS = {"email": "", "name": "", "role": ""}


def _position(raw: object, size: int) -> int | None:
    """A list position sent by the page, or None if it is not one."""
    text = str(raw).strip()
    if not text.isdigit() or int(text) >= size:
        return None
    return int(text)


class StaffAdminState(rx.State):
    staff: list[StaffView] = []
    organisations: list[str] = []
    organisation_position: int = 0
    schools: list[str] = []  # of the chosen organisation
    notice: str = ""  # catalogue key of the last action's success
    error: str = ""  # catalogue key of the last list action's failure
    form_errors: dict[str, str] = NO_FORM_ERRORS  # invite form: field -> catalogue key
    _organisation_ids: list[int] = []
    _school_ids: list[int] = []
    # One entry per role held, labelled in each language, for the "change a role" form.
    role_choices: list[dict[str, str]] = []
    _staff_user_ids: list[int] = []
    _membership_ids: list[list[int]] = []
    _role_choice_memberships: list[int] = []

    async def _actor(self) -> int | None:
        return await (await self.get_state(SessionState))._current_user_id()

    @rx.event
    async def load(self):
        actor = await self._actor()
        if actor is None:
            return rx.redirect(SIGN_IN_PAGE)
        self.notice, self.error, self.form_errors = "", "", dict(NO_FORM_ERRORS)
        if not self._refresh(actor):
            return rx.redirect(STAFF_HOME)
        return LangState.apply_html_lang

    def _refresh(self, actor: int) -> bool:
        """Reloads everything the page shows; False when the actor administers nothing."""
        try:
            with session_scope() as session:
                orgs = admin_organisation_ids(session, actor)
                rows = staff.list_staff(session, actor)
                organisations = session.exec(
                    select(Organisation)
                    .where(col(Organisation.id).in_(orgs))
                    .order_by(col(Organisation.name))
                ).all()
        except Forbidden:
            self.staff, self._staff_user_ids, self._membership_ids = [], [], []
            return False
        self.staff = [
            StaffView(
                row.name,
                row.email,
                row.active,
                [RoleView(r.role.value, r.organisation, r.school) for r in row.roles],
            )
            for row in rows
        ]
        self._staff_user_ids = [row.user_id for row in rows]
        self._membership_ids = [[r.membership_id for r in row.roles] for row in rows]
        self._role_choice_memberships = [r.membership_id for row in rows for r in row.roles]
        self.role_choices = [
            {
                lang: " · ".join(
                    x
                    for x in (
                        row.name,
                        translate(lang, f"staff.role.{r.role.value}"),
                        r.organisation,
                        r.school or translate(lang, "staff.all_schools"),
                    )
                    if x
                )
                for lang in LANGUAGES
            }
            for row in rows
            for r in row.roles
        ]
        self._organisation_ids = [org.id for org in organisations if org.id is not None]
        self.organisations = [org.name for org in organisations]
        self.organisation_position = min(self.organisation_position, len(organisations) - 1)
        self._load_schools()
        return True

    def _load_schools(self) -> None:
        org_id = self._organisation_ids[self.organisation_position]
        with session_scope() as session:
            schools = session.exec(
                select(School).where(School.organisation_id == org_id).order_by(col(School.name))
            ).all()
        self._school_ids = [school.id for school in schools if school.id is not None]
        self.schools = [school.name for school in schools]

    @rx.event
    def pick_organisation(self, position: str):
        chosen = _position(position, len(self._organisation_ids))
        if chosen is not None:
            self.organisation_position = chosen
            self._load_schools()

    def _target(self, form: dict) -> tuple[int | None, int | None, bool]:
        """(organisation id, school id or None, whether the school field was valid)."""
        org_id = item_at(self._organisation_ids, self.organisation_position)
        if org_id is None:  # the page was never loaded
            return None, None, False
        raw_school = str(form.get("school", "")).strip()
        if raw_school == "":
            return org_id, None, True
        school = _position(raw_school, len(self._school_ids))
        return org_id, self._school_ids[school] if school is not None else None, school is not None

    async def _run(self, action, success: str, field_errors: bool = False):
        """Runs `action(session, actor)` in one transaction and reports its outcome."""
        actor = await self._actor()
        if actor is None:
            return rx.redirect(SIGN_IN_PAGE)
        self.notice, self.error, self.form_errors = "", "", dict(NO_FORM_ERRORS)
        try:
            with session_scope() as session:
                action(session, actor)
        except Forbidden:
            self.error = "staff.error.forbidden"
        except staff.StaffError as problem:
            self._report(problem.code, field_errors)
        else:
            self.notice = success
        if not self._refresh(actor):
            return rx.redirect(STAFF_HOME)
        wrong = [f"invite-{name}" for name, key in self.form_errors.items() if key]
        target = "staff-notice" if self.notice else "staff-error" if self.error else ""
        target = wrong[0] if wrong else target
        if target:
            return focus_element(target)
        return None

    def _report(self, code: str, field_errors: bool) -> None:
        fields = {"staff.error.email": "email", "staff.error.name": "name"}
        if field_errors:
            self.form_errors = {**NO_FORM_ERRORS, fields.get(code, "role"): code}
        else:
            self.error = code

    @rx.event
    async def invite(self, form: dict):
        org_id, school_id, school_ok = self._target(form)
        email, name = str(form.get("email", ""))[:254], str(form.get("name", ""))[:300]
        role = str(form.get("role", ""))
        if not school_ok:
            self.form_errors = {**NO_FORM_ERRORS, "role": "staff.error.forbidden"}
            return

        def action(session, actor):
            invite_staff(
                session,
                actor,
                email=email,
                name=name,
                role=role,
                organisation_id=org_id,
                school_id=school_id,
            )

        return await self._run(action, "staff.notice.invited", field_errors=True)

    @rx.event
    async def add_role(self, form: dict):
        person = _position(form.get("person", ""), len(self._staff_user_ids))
        org_id, school_id, school_ok = self._target(form)
        if person is None or not school_ok:
            self.error = "staff.error.person" if person is None else "staff.error.forbidden"
            return
        user_id, role = self._staff_user_ids[person], str(form.get("role", ""))

        def action(session, actor):
            staff.add_role(
                session, actor, user_id, role=role, organisation_id=org_id, school_id=school_id
            )

        return await self._run(action, "staff.notice.role_added")

    @rx.event
    async def remove_role(self, person: int, role: int):
        if _position(person, len(self._membership_ids)) is None:
            return
        if _position(role, len(self._membership_ids[person])) is None:
            return
        membership_id = self._membership_ids[person][role]
        return await self._run(
            lambda session, actor: staff.remove_role(session, actor, membership_id),
            "staff.notice.role_removed",
        )

    @rx.event
    async def change_account_status(self, person: int, active: bool):
        if _position(person, len(self._staff_user_ids)) is None or not isinstance(active, bool):
            return
        user_id = self._staff_user_ids[person]
        return await self._run(
            lambda session, actor: staff.set_account_active(session, actor, user_id, active=active),
            "staff.notice.enabled" if active else "staff.notice.disabled",
        )

    @rx.event
    async def change_role(self, form: dict):
        """Another kind of role, or another school binding, for one role someone holds."""
        chosen = _position(form.get("membership", ""), len(self._role_choice_memberships))
        _org_id, school_id, school_ok = self._target(form)
        if chosen is None or not school_ok:
            self.notice = ""
            self.error = "staff.error.person" if chosen is None else "staff.error.forbidden"
            return None
        membership_id, role = self._role_choice_memberships[chosen], str(form.get("role", ""))

        def action(session, actor):
            staff.change_role(session, actor, membership_id, role=role, school_id=school_id)

        return await self._run(action, "staff.notice.role_changed")
