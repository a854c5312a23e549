"""The console's activity settings: one activity's rules, and the organisation's planning rules."""

from __future__ import annotations

import reflex as rx

from portail_famille.db import session_scope
from portail_famille.i18n.catalog import translate
from portail_famille.paths import GUARDIAN_HOME, SIGN_IN_PAGE
from portail_famille.services.access import Forbidden
from portail_famille.services.planning_settings import (
    SettingsInvalid,
    activity_form,
    create_activity,
    creating_organisation,
    rules_of,
    save_activity,
    save_rules,
)
from portail_famille.services.planning_staff import staff_activities
from portail_famille.state.lang import LangState, current_language
from portail_famille.state.session import SessionState


class PlanningSettingsState(rx.State):
    activities: list[str] = []
    activity: int = 0
    capacity: str = ""
    weekdays: list[int] = []
    cutoff_kind: str = "weekly"
    cutoff_weekday: str = "5"
    cutoff_days: str = "2"
    cutoff_time: str = "12:00"
    rates: str = ""
    periods: str = ""
    service: str = ""
    services: list[str] = []
    rules_allowed: bool = False
    can_create: bool = False
    policy: str = "free"
    threshold: str = "0"
    absence_billing: str = "unjustified"
    history_hidden: str = "10-01"
    errors: dict[str, str] = {}
    notice: str = ""
    version: int = 0  # re-mounts the forms when another activity is shown
    _activity_ids: list[int] = []
    _organisation_ids: list[int] = []

    async def _user(self) -> int | None:
        return await (await self.get_state(SessionState))._current_user_id()

    @rx.event
    async def load(self):
        self.activity, self.errors, self.notice = 0, {}, ""
        result = await self._refresh()
        return result or LangState.apply_html_lang

    async def _refresh(self):
        user_id = await self._user()
        if user_id is None:
            return rx.redirect(SIGN_IN_PAGE)
        try:
            with session_scope() as session:
                activities = staff_activities(session, user_id)
                self.can_create = creating_organisation(session, user_id) is not None
                self._activity_ids = [a.id or 0 for a in activities]
                self._organisation_ids = [a.organisation_id for a in activities]
                self.activities = [a.name for a in activities]
                if not activities:
                    return None
                self.activity = min(self.activity, len(activities) - 1)
                form = activity_form(
                    session, user_id=user_id, activity_id=self._activity_ids[self.activity]
                )
                try:
                    rules = rules_of(
                        session,
                        user_id=user_id,
                        organisation_id=self._organisation_ids[self.activity],
                    )
                    self.rules_allowed = True
                    self.policy, self.absence_billing = (
                        str(rules.booking_policy),
                        str(rules.absence_billing),
                    )
                    cents = rules.balance_threshold_cents
                    self.threshold = f"{cents // 100},{cents % 100:02d}"
                    self.history_hidden = (
                        f"{rules.history_hidden_month:02d}-{rules.history_hidden_day:02d}"
                    )
                except Forbidden:
                    self.rules_allowed = False
        except Forbidden:
            return rx.redirect(GUARDIAN_HOME)
        self.capacity, self.weekdays = form.capacity, form.weekdays
        self.cutoff_kind, self.cutoff_weekday = form.cutoff_kind, str(form.cutoff_weekday)
        self.cutoff_days, self.cutoff_time = form.cutoff_days, form.cutoff_time
        self.rates, self.periods = form.rates, form.periods
        self.service = "" if form.service < 0 else str(form.service)
        self.services = form.services
        self.version += 1
        return None

    @rx.event
    async def pick(self, form: dict):
        raw = str(form.get("activity", ""))
        if raw.isdigit() and int(raw) < len(self._activity_ids):
            self.activity, self.errors, self.notice = int(raw), {}, ""
            return await self._refresh()
        return None

    @rx.event
    async def save(self, form: dict):
        language = await current_language(self)
        user_id = await self._user()
        if user_id is None or not self._activity_ids:
            return None
        try:
            with session_scope() as session:
                save_activity(
                    session,
                    user_id=user_id,
                    activity_id=self._activity_ids[self.activity],
                    values=form,
                )
        except SettingsInvalid as invalid:
            self.errors = {f: translate(language, k) for f, k in invalid.errors.items()}
            self.notice = ""
            return None
        except Forbidden:
            return None
        self.errors, self.notice = {}, translate(language, "planning.settings.saved")
        return await self._refresh()

    @rx.event
    async def create(self, form: dict):
        language = await current_language(self)
        user_id = await self._user()
        if user_id is None:
            return None
        try:
            with session_scope() as session:
                created = create_activity(
                    session,
                    user_id=user_id,
                    name=str(form.get("new_name", "")),
                    kind=str(form.get("new_kind", "")),
                )
                new_id = created.id
        except SettingsInvalid as invalid:
            self.errors = {f: translate(language, k) for f, k in invalid.errors.items()}
            self.notice = ""
            return None
        except Forbidden:
            return None
        self.errors, self.notice = {}, translate(language, "planning.settings.created")
        await self._refresh()
        # Show the new activity's form at once: its days, capacity and rates come next.
        if new_id in self._activity_ids:
            self.activity = self._activity_ids.index(new_id)
            await self._refresh()
        return None

    @rx.event
    async def save_rules(self, form: dict):
        language = await current_language(self)
        user_id = await self._user()
        if user_id is None or not self._organisation_ids:
            return None
        try:
            with session_scope() as session:
                save_rules(
                    session,
                    user_id=user_id,
                    organisation_id=self._organisation_ids[self.activity],
                    values=form,
                )
        except SettingsInvalid as invalid:
            self.errors = {f: translate(language, k) for f, k in invalid.errors.items()}
            return None
        except Forbidden:
            return None
        self.errors, self.notice = {}, translate(language, "planning.settings.saved")
        return await self._refresh()
