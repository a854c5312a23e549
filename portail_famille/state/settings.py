"""Account settings: language, notification addresses, password, e-mail, signed-in devices."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from portail_famille.db import session_scope
from portail_famille.domain.user_agent import describe_device
from portail_famille.i18n import LANGUAGES
from portail_famille.i18n.catalog import translate
from portail_famille.i18n.formatting import format_moment
from portail_famille.models import UserAccount
from portail_famille.paths import SIGN_IN_PAGE
from portail_famille.services import account_settings as settings_service
from portail_famille.services.access import Forbidden
from portail_famille.services.accounts import AccountError, account_timezone
from portail_famille.state.code_flow import MAIL_ERRORS
from portail_famille.state.lang import LangState, current_language
from portail_famille.state.session import SessionState


@dataclass
class DeviceView:
    name: str
    current: bool
    # When it was last active, in each language, so switching language needs no round trip.
    last_seen: dict[str, str]


class SettingsState(rx.State):
    email: str = ""
    has_password: bool = True
    notification_emails: list[str] = []
    devices: list[DeviceView] = []
    email_step: str = "ask"  # "ask", then "confirm" once a code went to the new address
    pending_email: str = ""
    errors: dict[str, str] = {}
    notices: dict[str, str] = {}  # per section: "notifications", "password", "email", "devices"
    _device_ids: list[int] = []

    async def _user_id(self) -> int | None:
        return await (await self.get_state(SessionState))._current_user_id()

    @rx.event
    async def load(self):
        self.errors, self.notices, self.email_step = {}, {}, "ask"
        if not await self._refresh():
            return rx.redirect(SIGN_IN_PAGE)
        return LangState.apply_html_lang

    async def _refresh(self) -> bool:
        user_id = await self._user_id()
        if user_id is None:
            return False
        token = (await self.get_state(SessionState))._current_token()
        with session_scope() as session:
            user = session.get(UserAccount, user_id)
            assert user is not None
            timezone = account_timezone(session, user_id)
            self.email, self.has_password = user.email, user.password_hash is not None
            self.notification_emails = settings_service.notification_emails(session, user_id)
            found = settings_service.devices(session, user_id, token)
        self._device_ids = [device.session_id for device in found]
        self.devices = [
            DeviceView(
                name=describe_device(device.user_agent),
                current=device.current,
                last_seen={
                    language: format_moment(device.last_seen_at, timezone, language)
                    for language in LANGUAGES
                },
            )
            for device in found
        ]
        return True

    async def _act(
        self, section: str, action, fields: dict[str, str], done: str = "settings.saved"
    ):
        """Runs `action(session, user_id)` in one transaction.

        An error goes next to the field that `fields` maps its code's prefix to (key "" for the
        rest), and a success notice to the section.
        """
        language = await current_language(self)
        user_id = await self._user_id()
        if user_id is None:
            return rx.redirect(SIGN_IN_PAGE)
        self.errors, self.notices = {}, {}
        ok = False
        try:
            with session_scope() as session:  # failed password checks still count (throttle)
                try:
                    action(session, user_id)
                    ok = True
                except AccountError as error:
                    field = next(
                        (
                            f
                            for prefix, f in fields.items()
                            if prefix and error.code.startswith(prefix)
                        ),
                        fields.get("", section),
                    )
                    self.errors = {field: translate(language, error.code)}
        except Forbidden:
            return rx.redirect(SIGN_IN_PAGE)
        except MAIL_ERRORS:
            self.notices = {section: translate(language, "mail.failed")}
            return None
        if ok:
            self.notices = {section: translate(language, done)}
            await self._refresh()
        return None

    @rx.event
    async def add_notification(self, form: dict):
        email = str(form.get("notification_email", "")).strip()[:254]
        return await self._act(
            "notifications",
            lambda s, uid: settings_service.add_notification_email(s, uid, email),
            {"": "notification_email"},
        )

    @rx.event
    async def remove_notification(self, position: int):
        if not isinstance(position, int) or not 0 <= position < len(self.notification_emails):
            return None
        email = self.notification_emails[position]
        return await self._act(
            "notifications",
            lambda s, uid: settings_service.remove_notification_email(s, uid, email),
            {},
        )

    @rx.event
    async def change_password(self, form: dict):
        language = await current_language(self)
        current = str(form.get("password_current", ""))[:1024]
        new = str(form.get("new_password", ""))[:1024]
        if new != str(form.get("new_password2", "")):
            self.errors = {"new_password2": translate(language, "password.mismatch")}
            return None
        token = (await self.get_state(SessionState))._current_token()
        return await self._act(
            "password",
            lambda s, uid: settings_service.change_password(s, uid, current, new, token),
            {"password.": "new_password", "": "password_current"},
            done="settings.password_changed",
        )

    @rx.event
    async def request_email_change(self, form: dict):
        current = str(form.get("email_current", ""))[:1024]
        new_email = str(form.get("new_email", "")).strip()[:254]
        result = await self._act(
            "email",
            lambda s, uid: settings_service.request_email_change(s, uid, current, new_email),
            {"settings.current": "email_current", "signin.": "email_current", "": "new_email"},
            done="settings.email_code_sent",
        )
        if not self.errors and "email" in self.notices:
            self.email_step, self.pending_email = "confirm", new_email.lower()
        return result

    @rx.event
    async def confirm_email_change(self, form: dict):
        code = str(form.get("email_code", "")).strip()[:12]
        pending = self.pending_email
        result = await self._act(
            "email",
            lambda s, uid: settings_service.confirm_email_change(s, uid, pending, code),
            {"": "email_code"},
            done="settings.email_changed",
        )
        if not self.errors:
            self.email_step, self.pending_email = "ask", ""
        return result

    @rx.event
    async def sign_out_device(self, position: int):
        if not isinstance(position, int) or not 0 <= position < len(self._device_ids):
            return None
        session_id = self._device_ids[position]
        return await self._act(
            "devices", lambda s, uid: settings_service.sign_out_device(s, uid, session_id), {}
        )
