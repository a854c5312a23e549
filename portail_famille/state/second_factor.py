"""The staff second factor: the code asked after the password, and enrolment in the settings.

A session waiting for its code, or an administrator's session until a factor is enrolled, opens
nothing (services/sessions.py): these two states are the only ones that read such a session.
"""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx
from sqlmodel import Session

from portail_famille.api.cookies import session_token_from_header
from portail_famille.db import session_scope
from portail_famille.i18n.catalog import translate
from portail_famille.paths import (
    GUARDIAN_HOME,
    SECOND_FACTOR_PAGE,
    SECOND_FACTOR_SETTINGS,
    SETTINGS_PAGE,
    SIGN_IN_PAGE,
    STAFF_HOME,
)
from portail_famille.services import recovery_codes, second_factor, sessions
from portail_famille.services.access import Forbidden
from portail_famille.services.accounts import AccountError
from portail_famille.state.lang import LangState, current_language

# ?erreur=<code> on the code's page -> the catalogue key of the message shown above the field.
SECOND_FACTOR_ERRORS: dict[str, str] = {
    "code": "mfa.error.wrong_code",
    "attente": "mfa.error.throttled",
}


def held_page(cookie_header: str | None) -> str | None:
    """Where a session that opens nothing yet must go: the code's page or enrolment."""
    with session_scope() as session:
        held = sessions.restricted_user_for_token(session, session_token_from_header(cookie_header))
    if held is None:
        return None
    return SECOND_FACTOR_PAGE if held[1] == "verify" else SECOND_FACTOR_SETTINGS


class SecondFactorSignInState(rx.State):
    error: str = ""  # one of SECOND_FACTOR_ERRORS' codes, or ""

    @rx.event
    async def load(self):
        cookie = self.router.headers.cookie
        with session_scope() as session:
            user = sessions.user_for_token(session, session_token_from_header(cookie))
            home = None
            if user is not None and user.id is not None:
                home = STAFF_HOME if sessions.is_staff(session, user.id) else GUARDIAN_HOME
        if home is not None:
            return rx.redirect(home)
        target = held_page(cookie)
        if target != SECOND_FACTOR_PAGE:
            return rx.redirect(target or SIGN_IN_PAGE)
        code = self.router.url.query_parameters.get("erreur", "")
        self.error = code if code in SECOND_FACTOR_ERRORS else ""
        return LangState.apply_html_lang


class SecondFactorSettingsState(rx.State):
    step: str = "off"  # "off", "scan" (secret shown, first code awaited) or "on"
    held: bool = False  # an administrator kept here until a factor is enrolled
    is_admin: bool = False
    secret: str = ""  # shown while scanning only
    uri: str = ""
    codes: list[str] = []  # recovery codes, shown once right after they are made
    remaining: int = 0
    error: str = ""
    notice: str = ""

    def _account(self) -> tuple[int, bool] | None:
        """The staff account behind this tab (full session, or held at enrolment)."""
        token = session_token_from_header(self.router.headers.cookie)
        with session_scope() as session:
            user = sessions.user_for_token(session, token)
            held = False
            if user is None:
                restricted = sessions.restricted_user_for_token(session, token)
                if restricted is None or restricted[1] != "enrol":
                    return None
                user, held = restricted[0], True
            if user.id is None or not sessions.is_staff(session, user.id):
                return None
            return user.id, held

    def _refresh(self, session: Session, user_id: int, held: bool) -> None:
        self.held = held and second_factor.must_enrol(session, user_id)  # until the first code
        self.is_admin = second_factor.is_admin(session, user_id)
        enrolled = second_factor.has_second_factor(session, user_id)
        if enrolled:
            self.step, self.secret, self.uri = "on", "", ""
        elif self.step == "on":
            self.step = "off"
        self.remaining = recovery_codes.remaining(session, user_id) if enrolled else 0

    @rx.event
    async def load(self):
        self.secret, self.uri, self.codes, self.error, self.notice = "", "", [], "", ""
        self.step = "off"
        account = self._account()
        if account is None:
            token_page = held_page(self.router.headers.cookie)
            return rx.redirect(token_page or SETTINGS_PAGE)
        with session_scope() as session:
            self._refresh(session, *account)
        return LangState.apply_html_lang

    async def _run(self, action: Callable[[Session, int], object], done: str = "") -> object:
        """Runs `action(session, user_id)` in one transaction (wrong codes still count).

        Its result, or None after an error shown next to the field; a redirect when the tab has
        no staff account any more (the caller returns it)."""
        language = await current_language(self)
        account = self._account()
        if account is None:
            return rx.redirect(SIGN_IN_PAGE)
        self.error, self.notice = "", ""
        result: object = None
        try:
            with session_scope() as session:
                try:
                    result = action(session, account[0])
                except AccountError as problem:
                    self.error = translate(language, problem.code)
        except Forbidden:
            return rx.redirect(SETTINGS_PAGE)
        with session_scope() as session:
            self._refresh(session, *account)
        if done and not self.error:
            self.notice = translate(language, done)
        return result

    @rx.event
    async def start(self):
        result = await self._run(second_factor.begin)
        if not isinstance(result, second_factor.Enrolment):
            return result
        self.step, self.secret, self.uri, self.codes = "scan", result.secret, result.uri, []
        return None

    async def _show_codes(self, action: Callable[[Session, int], object], done: str):
        result = await self._run(action, done)
        if not isinstance(result, list):
            return result
        self.codes = [str(code) for code in result]
        return None

    @rx.event
    async def confirm(self, form: dict):
        code = _code(form)
        return await self._show_codes(
            lambda s, uid: second_factor.confirm(s, uid, code), "mfa.notice.enrolled"
        )

    @rx.event
    async def regenerate(self, form: dict):
        code = _code(form)
        return await self._show_codes(
            lambda s, uid: second_factor.regenerate_recovery_codes(s, uid, code),
            "mfa.notice.regenerated",
        )

    @rx.event
    async def disable(self, form: dict):
        code = _code(form)
        result = await self._run(
            lambda s, uid: second_factor.disable(s, uid, code), "mfa.notice.disabled"
        )
        self.codes = []
        return result

    @rx.event
    def hide_codes(self):
        self.codes = []


def _code(form: object) -> str:
    """The code field of a submitted form, whatever the client sent."""
    value = form.get("code", "") if isinstance(form, dict) else ""
    return str(value)[:64]
