"""A child's record in the console. Opening it is audited; health data shows only after the staff
member states a reason (audited with it) and is dropped at the next load."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

import reflex as rx

from portail_famille.api.documents import child_sheet_href, report_card_href
from portail_famille.api.finance_documents import statement_href
from portail_famille.db import session_scope
from portail_famille.i18n import LANGUAGES
from portail_famille.i18n.catalog import translate
from portail_famille.i18n.formatting import format_day, format_moment, locale_for
from portail_famille.paths import SIGN_IN_PAGE, STAFF_RECORDS
from portail_famille.services.access import Forbidden
from portail_famille.services.audit_log import action_key
from portail_famille.services.staff_child_record import (
    ReasonMissing,
    StaffChildRecord,
    open_child_record,
    open_health_data,
)
from portail_famille.state.lang import LangState, current_language
from portail_famille.state.session import SessionState
from portail_famille.state.signals import focus_element
from portail_famille.state.tab_storage import forget_once_sent

# Download address of each kind of document; a feature adding a kind adds its route here.
DOCUMENT_HREFS: dict[str, Callable[[str], str]] = {
    "child_sheet": child_sheet_href,
    "report_card": report_card_href,
    "statement": statement_href,
}


@dataclass
class EnrolmentView:
    school_year: str
    school: str
    grade: str
    group_name: str
    active: bool


@dataclass
class GuardianView:
    name: str
    family: str
    relationship: str
    phone: str
    emails: str
    has_account: bool
    shared_custody: bool
    can_view: bool
    can_book: bool
    can_pay: bool
    receives_statements: bool
    is_payer: bool


@dataclass
class DocumentView:
    title_key: str
    number: int
    issued: dict[str, str]  # language -> date, or "" when undated
    href: str


@dataclass
class RequestView:
    category: str
    status: str
    created: dict[str, str]


@dataclass
class HistoryView:
    at: dict[str, str]
    actor: str
    role: str
    action: str
    action_key: str


@dataclass
class IdentityView:
    full_name: str = ""
    born: dict[str, str] = field(default_factory=dict)
    file_number: str = ""
    permanent_code: str = ""
    organisation: str = ""
    school: str = ""
    grade: str = ""
    group_name: str = ""
    transport: str = ""
    notes: str = ""
    photo_consent: bool = False
    may_leave_alone: bool = False


@dataclass
class HealthView:
    allergies: str = ""
    medication: str = ""
    doctor: str = ""


def _days(value: date | None, country: str) -> dict[str, str]:
    if value is None:
        return {lang: "" for lang in LANGUAGES}
    return {lang: format_day(value, locale_for(lang, country)) for lang in LANGUAGES}


def _moments(value: datetime, timezone: str, country: str) -> dict[str, str]:
    return {lang: format_moment(value, timezone, locale_for(lang, country)) for lang in LANGUAGES}


def identity_view(found: StaffChildRecord) -> IdentityView:
    """What the page shows of the child: never the health fields (see HealthView)."""
    sheet, record = found.sheet, found.sheet.record
    return IdentityView(
        full_name=sheet.full_name,
        born=_days(sheet.birth_date, sheet.country),
        file_number=sheet.file_number,
        permanent_code=found.permanent_code,
        organisation=sheet.organisation,
        school=sheet.school,
        grade=sheet.grade,
        group_name=sheet.group_name,
        transport=(record.transport or "") if record else "",
        notes=(record.notes or "") if record else "",
        photo_consent=bool(record and record.photo_consent),
        may_leave_alone=bool(record and record.may_leave_alone),
    )


class StaffChildState(rx.State):
    loaded: bool = False
    child: IdentityView = IdentityView()
    enrolments: list[EnrolmentView] = []
    guardians: list[GuardianView] = []
    documents: list[DocumentView] = []
    requests: list[RequestView] = []
    history: list[HistoryView] = []
    health_shown: bool = False
    health: HealthView = HealthView()
    reason_error: str = ""
    _child: int | None = None  # the chosen child's id (named so: ids never reach the page)

    def _choose(self, child: int) -> None:
        """Called by the search screen; the record's load checks reach again."""
        self._child = child

    async def _user(self) -> int | None:
        return await (await self.get_state(SessionState))._current_user_id()

    @rx.event
    async def load(self):
        self.loaded, self.health_shown, self.health, self.reason_error = (
            False,
            False,
            HealthView(),
            "",
        )
        user_id = await self._user()
        if user_id is None:
            return rx.redirect(SIGN_IN_PAGE)
        if self._child is None:
            return rx.redirect(STAFF_RECORDS)
        try:
            with session_scope() as session:
                found = open_child_record(session, user_id=user_id, child_id=self._child)
        except Forbidden:
            self._child = None
            return rx.redirect(STAFF_RECORDS)
        self._show(found)
        return LangState.apply_html_lang

    def _show(self, found: StaffChildRecord) -> None:
        country, timezone = found.sheet.country, found.timezone
        self.child = identity_view(found)
        self.enrolments = [
            EnrolmentView(e.school_year, e.school, e.grade, e.group_name, e.active)
            for e in found.enrolments
        ]
        self.guardians = [
            GuardianView(
                g.name,
                g.family,
                g.relationship,
                g.phone,
                ", ".join(g.emails),
                g.has_account,
                g.shared_custody,
                g.can_view,
                g.can_book,
                g.can_pay,
                g.receives_statements,
                g.is_payer,
            )
            for g in found.guardians
        ]
        self.documents = [
            DocumentView(
                d.title_key,
                d.number,
                _days(d.issued_on, country),
                DOCUMENT_HREFS[d.kind](d.reference),
            )
            for d in found.documents
            if d.kind in DOCUMENT_HREFS
        ]
        self.requests = [
            RequestView(r.category, r.status, _moments(r.created_at, timezone, country))
            for r in found.requests
        ]
        self.history = [
            HistoryView(
                _moments(h.at, timezone, country), h.actor, h.role, h.action, action_key(h.action)
            )
            for h in found.history
        ]
        self.loaded = True

    @rx.event
    async def show_health(self, form: dict):
        language = await current_language(self)
        user_id = await self._user()
        if user_id is None:
            yield rx.redirect(SIGN_IN_PAGE)
            return
        try:
            with session_scope() as session:
                health = open_health_data(
                    session,
                    user_id=user_id,
                    child_id=self._child,
                    reason=str(form.get("reason", ""))[:1000],
                )
        except ReasonMissing:
            self.reason_error = translate(language, "records_admin.error.reason")
            yield focus_element("reason")
            return
        except Forbidden:
            self._child = None
            yield rx.redirect(STAFF_RECORDS)
            return
        self.reason_error = ""
        self.health = HealthView(
            health.allergies,
            health.medication,
            " · ".join(x for x in (health.doctor_name, health.doctor_phone) if x),
        )
        self.health_shown = True
        yield  # the page receives the health data now; the tab's stored state does not keep it
        forget_once_sent(self, "health", "health_shown")

    @rx.event
    def hide_health(self):
        self.health_shown, self.health = False, HealthView()
