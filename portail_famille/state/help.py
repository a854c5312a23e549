"""Help without an account: the schools' contacts and the contact form."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from portail_famille.db import session_scope
from portail_famille.services.help import (
    CONTACT_FIELDS,
    contact_form_problems,
    contact_wait_seconds,
    organisation_directory,
    school_directory,
    send_contact_message,
)
from portail_famille.state.lang import LangState
from portail_famille.state.session import SessionState
from portail_famille.state.signals import focus_element
from portail_famille.state.submission_token import fresh_token, token_of

FORM_FIELDS = ("school", *CONTACT_FIELDS)


@dataclass
class SchoolCard:
    organisation: str
    name: str
    address: str
    phone: str
    email: str


class ContactsState(rx.State):
    schools: list[SchoolCard] = []
    organisations: list[SchoolCard] = []

    @rx.event
    def load(self):
        with session_scope() as session:
            rows = school_directory(session)
            organisations = organisation_directory(session)
        self.organisations = [
            SchoolCard(row.organisation, row.name, row.address, row.phone, row.email)
            for row in organisations
        ]
        self.schools = [
            SchoolCard(row.organisation, row.name, row.address, row.phone, row.email)
            for row in rows
        ]
        return LangState.apply_html_lang


class ContactFormState(rx.State):
    school_options: list[str] = []  # "School (organisation)"
    errors: dict[str, str] = {name: "" for name in FORM_FIELDS}
    wait_seconds: int = 0
    sent: bool = False
    form_nonce: str = ""  # the contact form's submission token, new for each message
    _school_ids: list[int] = []

    @rx.event
    def load(self):
        with session_scope() as session:
            rows = school_directory(session)
        self._school_ids = [row.school_id for row in rows]
        self.school_options = [f"{row.name} ({row.organisation})" for row in rows]
        self.errors, self.sent, self.wait_seconds = dict.fromkeys(FORM_FIELDS, ""), False, 0
        self.form_nonce = fresh_token()
        return LangState.apply_html_lang

    @rx.event
    def write_another(self):
        self.sent, self.form_nonce = False, fresh_token()

    @rx.event
    async def submit(self, form: dict):
        fields = {
            name: str(form.get(name, ""))[: limit + 1] for name, limit in CONTACT_FIELDS.items()
        }
        raw_school = str(form.get("school", "")).strip()
        school = int(raw_school) if raw_school.isdigit() else -1
        chosen = 0 <= school < len(self._school_ids)
        problems = contact_form_problems(fields, chosen)
        self.errors = {name: problems.get(name, "") for name in FORM_FIELDS}
        self.wait_seconds = 0
        if problems:
            first = next(name for name in FORM_FIELDS if name in problems)
            return _focus(f"contact-{first}")
        client_key = (await self.get_state(SessionState))._client_address()
        with session_scope() as session:
            wait = contact_wait_seconds(session, client_key)
            if wait == 0:
                send_contact_message(
                    session,
                    school_id=self._school_ids[school],
                    fields=fields,
                    client_key=client_key,
                    token=token_of(form),
                )
        if wait:
            self.wait_seconds = wait
            return
        self.sent = True
        return _focus("contact-sent")


def _focus(element_id: str):
    """Moves keyboard focus once the page shows the element (ids are ours, never the client's)."""
    return focus_element(element_id)
