"""A child's record as staff open it: identity, enrolments, guardians and their rights, documents,
requests and history. Every opening is audited; health data only with a stated reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlmodel import Session, col, select

from portail_famille.models import (
    AuditEntry,
    ChangeRequest,
    Child,
    ChildRecord,
    Enrolment,
    Family,
    Guardian,
    GuardianChildLink,
    GuardianEmail,
    Organisation,
    ReportCard,
    School,
    SchoolYear,
    UserAccount,
)
from portail_famille.services import audit
from portail_famille.services.access import StaffScope
from portail_famille.services.audit_log import staff_roles
from portail_famille.services.records import ChildSheet, child_sheet
from portail_famille.services.records_search import child_for_staff, scope_of
from portail_famille.services.statements import current_statements

REASON_MIN, REASON_MAX = 5, 300


class ReasonMissing(ValueError):
    """Health data opens only with a reason of REASON_MIN characters or more."""


@dataclass(frozen=True)
class EnrolmentRow:
    school_year: str
    school: str
    grade: str
    group_name: str
    active: bool


@dataclass(frozen=True)
class GuardianRow:
    name: str
    family: str
    relationship: str
    phone: str
    emails: list[str]
    has_account: bool
    shared_custody: bool
    can_view: bool
    can_book: bool
    can_pay: bool
    receives_statements: bool
    is_payer: bool


@dataclass(frozen=True)
class ChildDocument:
    kind: str  # "child_sheet", "report_card", "statement"
    title_key: str  # catalogue key of the document's name
    number: int  # a report card's term; 0 otherwise
    issued_on: date | None
    reference: str  # the opaque reference its download route takes (state/staff_child.py)


@dataclass(frozen=True)
class ChildRequestRow:
    category: str
    status: str
    created_at: datetime


@dataclass(frozen=True)
class HistoryRow:
    at: datetime
    actor: str
    role: str  # StaffRole value, or "" for a family member or the system
    action: str


@dataclass
class StaffChildRecord:
    sheet: ChildSheet
    permanent_code: str
    timezone: str
    enrolments: list[EnrolmentRow] = field(default_factory=list)
    guardians: list[GuardianRow] = field(default_factory=list)
    documents: list[ChildDocument] = field(default_factory=list)
    requests: list[ChildRequestRow] = field(default_factory=list)
    history: list[HistoryRow] = field(default_factory=list)


@dataclass(frozen=True)
class HealthData:
    allergies: str
    medication: str
    doctor_name: str
    doctor_phone: str


def _enrolments(session: Session, child_id: int) -> list[EnrolmentRow]:
    rows = session.exec(
        select(Enrolment, School, SchoolYear)
        .join(School, col(School.id) == Enrolment.school_id)
        .join(SchoolYear, col(SchoolYear.id) == Enrolment.school_year_id)
        .where(Enrolment.child_id == child_id)
        .order_by(col(SchoolYear.starts_on).desc(), col(Enrolment.id))
    ).all()
    return [
        EnrolmentRow(year.label, school.name, e.grade, e.group_name or "", e.active)
        for e, school, year in rows
    ]


def _guardians(session: Session, child_id: int) -> list[GuardianRow]:
    rows = session.exec(
        select(GuardianChildLink, Guardian, Family)
        .join(Guardian, col(Guardian.id) == GuardianChildLink.guardian_id)
        .join(Family, col(Family.id) == Guardian.family_id)
        .where(GuardianChildLink.child_id == child_id)
        .order_by(col(Family.name), col(Guardian.id))
    ).all()
    emails: dict[int, list[str]] = {}
    for row in session.exec(
        select(GuardianEmail).where(
            col(GuardianEmail.guardian_id).in_([g.id for _l, g, _f in rows])
        )
    ).all():
        emails.setdefault(row.guardian_id, []).append(row.email)
    return [
        GuardianRow(
            name=f"{g.first_name} {g.last_name}",
            family=family.name,
            relationship=str(link.relationship),
            phone=g.phone or "",
            emails=emails.get(g.id or 0, []),
            has_account=g.user_id is not None and link.claimed_at is not None,
            shared_custody=link.shared_custody,
            can_view=link.can_view,
            can_book=link.can_book,
            can_pay=link.can_pay,
            receives_statements=link.receives_statements,
            is_payer=link.is_payer,
        )
        for link, g, family in rows
    ]


def documents_for_child(
    session: Session, *, child: Child, scope: StaffScope
) -> list[ChildDocument]:
    """The child's documents staff may open (each link re-checks on download).

    The hook other features extend: the finances feature adds "last statement deposited" here.
    """
    documents: list[ChildDocument] = []
    record = session.exec(select(ChildRecord).where(ChildRecord.child_id == child.id)).first()
    if record is not None:
        documents.append(
            ChildDocument("child_sheet", "records_admin.doc.child_sheet", 0, None, record.reference)
        )
    cards = session.exec(
        select(ReportCard)
        .where(ReportCard.child_id == child.id)
        .order_by(col(ReportCard.issued_on).desc(), col(ReportCard.id).desc())
    ).all()
    documents += [
        ChildDocument(
            "report_card",
            "records_admin.doc.report_card",
            card.term,
            card.issued_on,
            card.reference,
        )
        for card in cards
        if scope.allows_school(child.organisation_id, card.school_id)
    ]
    # Seed 000: staff open the last statement deposited for the child, one per source and payer.
    documents += [
        ChildDocument(
            "statement",
            f"records_admin.doc.statement.{statement.source}",
            0,
            statement.deposited_at.date(),
            statement.reference,
        )
        for statement in current_statements(session, [child.id] if child.id else [])
        if scope.allows_school(statement.organisation_id, statement.school_id)
    ]
    return documents


def requests_for_child(
    session: Session, *, child: Child, limit: int = 100
) -> list[ChildRequestRow]:
    """The child's change requests (services/requests.py), newest first."""
    rows = session.exec(
        select(ChangeRequest)
        .where(ChangeRequest.child_id == child.id)
        .order_by(col(ChangeRequest.created_at).desc(), col(ChangeRequest.id).desc())
        .limit(limit)
    ).all()
    return [ChildRequestRow(str(r.category), str(r.status), r.created_at) for r in rows]


def child_history(session: Session, *, child: Child, limit: int = 200) -> list[HistoryRow]:
    """Audit entries about this child, newest first, with who acted and in which role."""
    entries = session.exec(
        select(AuditEntry)
        .where(AuditEntry.child_id == child.id)
        .order_by(col(AuditEntry.at).desc(), col(AuditEntry.id).desc())
        .limit(limit)
    ).all()
    actor_ids = {e.actor_user_id for e in entries if e.actor_user_id is not None}
    names = {
        u.id: u.display_name
        for u in session.exec(select(UserAccount).where(col(UserAccount.id).in_(actor_ids))).all()
    }
    roles = staff_roles(session, actor_ids, {child.organisation_id})
    return [
        HistoryRow(
            at=e.at,
            actor=names.get(e.actor_user_id or 0, ""),
            role=roles[e.actor_user_id].value if e.actor_user_id in roles else "",
            action=e.action,
        )
        for e in entries
    ]


def open_child_record(
    session: Session, *, user_id: int | None, child_id: int | None
) -> StaffChildRecord:
    """The record for a staff member who may reach the child; audited. Forbidden otherwise.

    The sheet carries the ChildRecord row (health included): callers show health data only
    through `open_health_data`."""
    child = child_for_staff(session, user_id, child_id)
    scope = scope_of(session, user_id)
    organisation = session.get(Organisation, child.organisation_id)
    assert organisation is not None and child.id is not None
    audit.record(
        session,
        action="child.record_viewed",
        actor_user_id=user_id,
        organisation_id=child.organisation_id,
        object_type="child",
        object_id=child.id,
    )
    session.flush()
    return StaffChildRecord(
        sheet=child_sheet(session, child),
        permanent_code=child.permanent_code or "",
        timezone=organisation.timezone,
        enrolments=_enrolments(session, child.id),
        guardians=_guardians(session, child.id),
        documents=documents_for_child(session, child=child, scope=scope),
        requests=requests_for_child(session, child=child),
        history=child_history(session, child=child),
    )


def open_health_data(
    session: Session, *, user_id: int | None, child_id: int | None, reason: str
) -> HealthData:
    """The child's health data for staff who state why; the reason goes in the audit log."""
    child = child_for_staff(session, user_id, child_id)
    reason = " ".join(reason.split())[:REASON_MAX]
    if len(reason) < REASON_MIN:
        raise ReasonMissing
    record = session.exec(select(ChildRecord).where(ChildRecord.child_id == child.id)).first()
    audit.record(
        session,
        action="child.health_viewed",
        actor_user_id=user_id,
        organisation_id=child.organisation_id,
        object_type="child",
        object_id=child.id,
        reason=reason,
    )
    if record is None:
        return HealthData("", "", "", "")
    return HealthData(
        record.allergies or "",
        record.medication or "",
        record.doctor_name or "",
        record.doctor_phone or "",
    )
