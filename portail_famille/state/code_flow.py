"""Two-step forms that e-mail a code: the address, then the code with a new password.

Sign-up and the forgotten password share this flow; each state says what asking and finishing do.
"""

from __future__ import annotations

import smtplib

import reflex as rx
from sqlmodel import Session

from portail_famille.db import session_scope
from portail_famille.domain.codes import normalise_email
from portail_famille.i18n.catalog import translate
from portail_famille.models import UserAccount
from portail_famille.services import throttle
from portail_famille.services.accounts import AccountError
from portail_famille.services.tickets import issue_ticket
from portail_famille.state.form_values import is_checked
from portail_famille.state.lang import current_language
from portail_famille.state.session import SessionState
from portail_famille.state.signals import post_ticket

MAIL_ERRORS = (smtplib.SMTPException, OSError)


def password_form_errors(form: dict, language: str) -> dict[str, str]:
    """Field errors of a form with `code`, `password` and its confirmation `password2`."""
    errors: dict[str, str] = {}
    if not str(form.get("code", "")).strip():
        errors["code"] = translate(language, "field.required")
    password = str(form.get("password", ""))
    if not password:
        errors["password"] = translate(language, "field.required")
    elif password != str(form.get("password2", "")):
        errors["password2"] = translate(language, "password.mismatch")
    return errors


class EmailCodeFlow(rx.State, mixin=True):
    step: str = "email"  # "email", then "code"
    email: str = ""
    # Asked again: any code sent before no longer works, and the page says so. Known from this
    # tab's own requests only, so it reads the same whether or not the address is on file.
    replaced: bool = False
    errors: dict[str, str] = {}
    notice: str = ""

    _throttle_kind: str = ""  # per client address: how many codes it asked for
    _asked: list[str] = []  # the addresses this tab asked a code for

    def _ask(self, session: Session, email: str, language: str) -> None:
        """Sends the mail (its content, not the page, says whether the address is on file)."""
        raise NotImplementedError

    def _finish(
        self, session: Session, email: str, code: str, password: str, language: str
    ) -> UserAccount:
        raise NotImplementedError

    def _start_over(self) -> None:
        self.step, self.errors, self.notice, self.replaced = "email", {}, "", False

    @rx.event
    def load(self):
        self._start_over()

    @rx.event
    async def request_code(self, form: dict):
        await self._send(str(form.get("email", "")).strip()[:254])

    @rx.event
    async def resend(self):
        await self._send(self.email)

    @rx.event
    def other_address(self):
        self._start_over()

    async def _send(self, email: str) -> None:
        language = await current_language(self)
        self.errors, self.notice = {}, ""
        if not email:
            self.errors = {"email": translate(language, "field.required")}
            return
        client = (await self.get_state(SessionState))._client_address()
        try:
            with session_scope() as session:
                if throttle.wait_seconds(session, self._throttle_kind, client) > 0:
                    self.notice = translate(language, "signin.throttled")
                    return
                throttle.record_failure(session, self._throttle_kind, client)
                self._ask(session, email, language)
        except AccountError as error:
            self.errors = {"email": translate(language, error.code)}
            return
        except MAIL_ERRORS:
            self.notice = translate(language, "mail.failed")
            return
        self.email = normalise_email(email)
        self.replaced = self.email in self._asked
        self._asked = [*self._asked[-9:], self.email]
        self.step = "code"

    @rx.event
    async def complete(self, form: dict):
        language = await current_language(self)
        self.errors, self.notice = password_form_errors(form, language), ""
        if self.errors:
            return None
        code = str(form.get("code", "")).strip()[:12]
        password = str(form.get("password", ""))[:1024]
        target = None
        with session_scope() as session:  # a wrong code is saved (one attempt fewer) either way
            try:
                user = self._finish(session, self.email, code, password, language)
                target = issue_ticket(
                    session,
                    user,
                    remember=is_checked(form, "remember"),
                    tab=self.router.session.client_token,
                )
            except AccountError as error:
                field = "password" if error.code.startswith("password.") else "code"
                self.errors = {field: translate(language, error.code)}
        return post_ticket(target) if target else None
