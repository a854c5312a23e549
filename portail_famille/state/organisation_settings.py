"""The admin's organisation screen: contacts shown in "Nous joindre" and the absence reasons.

Positions only travel to and from the page; every handler re-checks the admin's rights through
the services.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import reflex as rx
from sqlmodel import Session

from portail_famille.config import oidc_providers
from portail_famille.db import session_scope
from portail_famille.i18n.catalog import translate
from portail_famille.paths import SIGN_IN_PAGE, STAFF_HOME
from portail_famille.services import organisation_settings as org_settings
from portail_famille.services import staff_providers
from portail_famille.services.access import Forbidden
from portail_famille.state.event_arguments import item_at
from portail_famille.state.lang import LangState, current_language
from portail_famille.state.session import SessionState


@dataclass
class ProviderChoice:
    label: str
    allowed: bool  # may open the console for this organisation's staff


@dataclass
class ReasonView:
    label_fr: str
    label_en: str
    in_use: bool


def _position(raw: object, size: int) -> int | None:
    text = str(raw).strip()
    return int(text) if text.isdigit() and int(text) < size else None


class OrganisationSettingsState(rx.State):
    organisations: list[str] = []
    organisation_position: int = 0
    name: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""
    reasons: list[ReasonView] = []
    staff_providers: list[ProviderChoice] = []
    # ISO days, as date inputs take them; "" when unset.
    periods: dict[str, str] = {}
    errors: dict[str, str] = {}
    notice: str = ""
    _organisation_ids: list[int] = []
    _reason_ids: list[int] = []

    async def _user(self) -> int | None:
        return await (await self.get_state(SessionState))._current_user_id()

    @rx.event
    async def load(self):
        return await self._reload()

    async def _reload(self):
        self.errors, self.notice = {}, ""
        user_id = await self._user()
        if user_id is None:
            return rx.redirect(SIGN_IN_PAGE)
        if not self._refresh(user_id):
            return rx.redirect(STAFF_HOME)
        return LangState.apply_html_lang

    def _refresh(self, user_id: int) -> bool:
        try:
            with session_scope() as session:
                organisations = org_settings.administered_organisations(session, user_id=user_id)
                self._organisation_ids = [o.id for o in organisations if o.id is not None]
                self.organisations = [o.name for o in organisations]
                self.organisation_position = min(
                    self.organisation_position, len(self._organisation_ids) - 1
                )
                found = org_settings.settings_for(
                    session,
                    user_id=user_id,
                    organisation_id=self._organisation_ids[self.organisation_position],
                )
        except Forbidden:
            return False
        self.name, self.email, self.phone, self.address = (
            found.name,
            found.email,
            found.phone,
            found.address,
        )
        self.periods = {
            name: value.isoformat() if value else ""
            for name, value in (
                ("reenrolment_opens_on", found.reenrolment_opens_on),
                ("reenrolment_closes_on", found.reenrolment_closes_on),
                ("records_confirmation_due_on", found.records_confirmation_due_on),
            )
        }
        with session_scope() as session:
            allowed = staff_providers.staff_providers(session, found.organisation_id)
        self.staff_providers = [
            ProviderChoice(label=p.label, allowed=name in allowed)
            for name, p in oidc_providers().items()
        ]
        self._reason_ids = [r.reason_id for r in found.reasons]
        self.reasons = [ReasonView(r.label_fr, r.label_en, r.in_use) for r in found.reasons]
        return True

    @rx.event
    async def pick_organisation(self, form: dict):
        chosen = _position(form.get("organisation", ""), len(self._organisation_ids))
        if chosen is not None:
            self.organisation_position = chosen
        from portail_famille.state.schools import SchoolsState  # it reads this state

        loaded = await self._reload()
        return [loaded, SchoolsState.load] if loaded is LangState.apply_html_lang else loaded

    async def _run(self, action: Callable[[Session, int], object], success: str):
        """Runs `action(session, user_id)` in one transaction and reports how it went."""
        language = await current_language(self)
        user_id = await self._user()
        if user_id is None:
            return rx.redirect(SIGN_IN_PAGE)
        self.errors, self.notice = {}, ""
        try:
            with session_scope() as session:
                action(session, user_id)
        except Forbidden:
            self.errors = {"form": translate(language, "records_admin.error.forbidden")}
        except org_settings.SettingsError as problem:
            self.errors = {k: translate(language, v) for k, v in problem.errors.items()}
        else:
            self.notice = translate(language, success)
        if not self._refresh(user_id):
            return rx.redirect(STAFF_HOME)
        return None

    def _organisation(self) -> int | None:
        return item_at(self._organisation_ids, self.organisation_position)

    @rx.event
    async def save_contacts(self, form: dict):
        organisation_id = self._organisation()
        if organisation_id is None:  # the page was never loaded: nothing to save into
            return None
        email, phone = str(form.get("email", ""))[:254], str(form.get("phone", ""))[:32]
        address = str(form.get("address", ""))[:400]

        def action(session: Session, user_id: int) -> None:
            org_settings.update_contacts(
                session,
                user_id=user_id,
                organisation_id=organisation_id,
                email=email,
                phone=phone,
                address=address,
            )

        return await self._run(action, "records_admin.notice.contacts_saved")

    @rx.event
    async def add_reason(self, form: dict):
        organisation_id = self._organisation()
        if organisation_id is None:  # the page was never loaded: nothing to save into
            return None
        fr, en = str(form.get("label_fr", ""))[:200], str(form.get("label_en", ""))[:200]

        def action(session: Session, user_id: int) -> None:
            org_settings.add_reason(
                session, user_id=user_id, organisation_id=organisation_id, label_fr=fr, label_en=en
            )

        return await self._run(action, "records_admin.notice.reason_added")

    @rx.event
    async def rename_reason(self, form: dict):
        position = _position(form.get("position", ""), len(self._reason_ids))
        if position is None:
            return None
        reason_id = self._reason_ids[position]
        fr, en = str(form.get("label_fr", ""))[:200], str(form.get("label_en", ""))[:200]

        def action(session: Session, user_id: int) -> None:
            org_settings.rename_reason(
                session, user_id=user_id, reason_id=reason_id, label_fr=fr, label_en=en
            )

        return await self._run(action, "records_admin.notice.reason_renamed")

    @rx.event
    async def remove_reason(self, position: int):
        if _position(position, len(self._reason_ids)) is None:
            return None
        reason_id = self._reason_ids[position]

        def action(session: Session, user_id: int) -> None:
            org_settings.remove_reason(session, user_id=user_id, reason_id=reason_id)

        return await self._run(action, "records_admin.notice.reason_removed")

    @rx.event
    async def move_reason(self, position: int, step: int):
        if _position(position, len(self._reason_ids)) is None or step not in (-1, 1):
            return None
        reason_id = self._reason_ids[position]

        def action(session: Session, user_id: int) -> None:
            org_settings.move_reason(session, user_id=user_id, reason_id=reason_id, step=step)

        return await self._run(action, "records_admin.notice.reason_moved")

    @rx.event
    async def save_staff_providers(self, form: dict):
        organisation_id = self._organisation()
        if organisation_id is None:  # the page was never loaded: nothing to save into
            return None
        configured = list(oidc_providers())
        chosen = [n for i, n in enumerate(configured) if form.get(f"provider_{i}") in ("on", True)]

        def action(session: Session, user_id: int) -> None:
            staff_providers.set_staff_providers(
                session,
                user_id=user_id,
                organisation_id=organisation_id,
                providers=chosen,
                configured=configured,
            )

        return await self._run(action, "mfa.providers.saved")

    @rx.event
    async def save_periods(self, form: dict):
        organisation_id = self._organisation()
        if organisation_id is None:  # the page was never loaded: nothing to save into
            return None
        names = ("reenrolment_opens_on", "reenrolment_closes_on", "records_confirmation_due_on")
        days: dict[str, date | None] = {}
        bad: dict[str, str] = {}
        for name in names:
            raw = str(form.get(name, "")).strip()[:10]
            try:
                days[name] = date.fromisoformat(raw) if raw else None
            except ValueError:
                days[name], bad[name] = None, "records_admin.error.date"
        if bad:
            language = await current_language(self)
            self.notice = ""
            self.errors = {k: translate(language, v) for k, v in bad.items()}
            return None

        def action(session: Session, user_id: int) -> None:
            org_settings.update_periods(
                session,
                user_id=user_id,
                organisation_id=organisation_id,
                reenrolment_opens_on=days["reenrolment_opens_on"],
                reenrolment_closes_on=days["reenrolment_closes_on"],
                records_confirmation_due_on=days["records_confirmation_due_on"],
            )

        return await self._run(action, "records_admin.notice.periods_saved")
