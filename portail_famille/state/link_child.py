"""Adding a child to the account: the child's identity, or the access letter's two codes."""

from __future__ import annotations

from datetime import date

import reflex as rx

from portail_famille.db import session_scope
from portail_famille.i18n.catalog import translate
from portail_famille.models import UserAccount
from portail_famille.paths import GUARDIAN_HOME, SIGN_IN_PAGE
from portail_famille.services.access import Forbidden
from portail_famille.services.linking import (
    IdentityProof,
    LinkRefused,
    LinkThrottled,
    link_by_codes,
    link_by_identity,
    organisations,
)
from portail_famille.state.lang import LangState, current_language
from portail_famille.state.session import SessionState

IDENTITY_FIELDS = ("organisation", "first_name", "last_name", "birth_date", "identifier")
CODE_FIELDS = ("child_code", "payer_code")


class LinkChildState(rx.State):
    method: str = "identity"  # or "codes"
    organisation_names: list[str] = []
    errors: dict[str, str] = {}
    refusal: str = ""
    # Whose account the child joins, said above the form: a browser signed into someone else's
    # account (a shared computer, a forged sign-in) must not add a child there unnoticed.
    account_label: str = ""
    _organisation_ids: list[int] = []

    @rx.event
    async def load(self):
        user_id = await (await self.get_state(SessionState))._current_user_id()
        if user_id is None:
            return rx.redirect(SIGN_IN_PAGE)
        with session_scope() as session:
            found = organisations(session)
            user = session.get(UserAccount, user_id)
            self.account_label = f"{user.display_name} <{user.email}>" if user else ""
        self.organisation_names = [org.name for org in found]
        self._organisation_ids = [org.id or 0 for org in found]
        self.errors, self.refusal = {}, ""
        return LangState.apply_html_lang

    @rx.event
    def choose(self, method: str):
        if method in ("identity", "codes"):
            self.method, self.errors, self.refusal = method, {}, ""

    @rx.event
    async def submit_identity(self, form: dict):
        language = await current_language(self)
        values = {name: str(form.get(name, "")).strip()[:100] for name in IDENTITY_FIELDS}
        errors = {
            name: translate(language, "field.required") for name, v in values.items() if not v
        }
        organisation_id = self._organisation_at(values["organisation"])
        if values["organisation"] and organisation_id is None:
            errors["organisation"] = translate(language, "field.required")
        birth_date = None
        if values["birth_date"]:
            try:
                birth_date = date.fromisoformat(values["birth_date"])
            except ValueError:
                errors["birth_date"] = translate(language, "link.date_invalid")
        self.errors, self.refusal = errors, ""
        if errors or organisation_id is None or birth_date is None:
            return None
        proof = IdentityProof(
            organisation_id=organisation_id,
            first_name=values["first_name"],
            last_name=values["last_name"],
            birth_date=birth_date,
            identifier=values["identifier"],
        )
        return await self._link(lambda session, user_id: link_by_identity(session, user_id, proof))

    @rx.event
    async def submit_codes(self, form: dict):
        language = await current_language(self)
        values = {name: str(form.get(name, "")).strip()[:40] for name in CODE_FIELDS}
        self.errors = {
            name: translate(language, "field.required") for name, v in values.items() if not v
        }
        self.refusal = ""
        if self.errors:
            return None
        return await self._link(
            lambda session, user_id: link_by_codes(
                session, user_id, values["child_code"], values["payer_code"]
            )
        )

    def _organisation_at(self, position: str) -> int | None:
        if position.isdigit() and int(position) < len(self._organisation_ids):
            return self._organisation_ids[int(position)]
        return None

    async def _link(self, attempt):
        language = await current_language(self)
        user_id = await (await self.get_state(SessionState))._current_user_id()
        if user_id is None:
            return rx.redirect(SIGN_IN_PAGE)
        linked = False
        with session_scope() as session:  # a refusal is saved too: it feeds the throttle and audit
            try:
                attempt(session, user_id)
                linked = True
            except LinkRefused:
                self.refusal = translate(language, "link.refused")
            except LinkThrottled as wait:
                minutes = max(1, (wait.seconds + 59) // 60)
                self.refusal = translate(language, "link.throttled", minutes=minutes)
            except Forbidden:  # the account was disabled meanwhile
                return rx.redirect(SIGN_IN_PAGE)
        return rx.redirect(GUARDIAN_HOME) if linked else None
