"""The school's side of absences: the day's list, recording one, marking one justified.

An unjustified absence the school records is e-mailed to the child's guardians at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from sqlmodel import Session, col, select

from portail_famille.config import get_settings
from portail_famille.i18n.catalog import translate
from portail_famille.i18n.formatting import format_day, locale_for
from portail_famille.models import (
    Absence,
    AbsenceKind,
    AbsenceReason,
    AbsenceSource,
    Child,
    Enrolment,
    Guardian,
    GuardianChildLink,
    GuardianEmail,
    School,
    SchoolYear,
    UserAccount,
)
from portail_famille.models.base import utcnow
from portail_famille.services import audit
from portail_famille.services.absences import same_absence
from portail_famille.services.access import Forbidden, StaffScope, staff_scope
from portail_famille.services.mail import send_message
from portail_famille.services.messaging import notify_child_guardians
from portail_famille.services.placement import current_placement
from portail_famille.services.submissions import add_unique


@dataclass(frozen=True)
class StaffAbsenceRow:
    absence_id: int
    child_name: str
    school: str
    group_name: str
    starts_on: date
    ends_on: date
    kind: AbsenceKind
    at_time: time | None
    source: AbsenceSource
    justified: bool
    reason_fr: str
    reason_en: str
    reason_text: str


@dataclass(frozen=True)
class PupilChoice:
    child_id: int
    label: str  # "Léa Gagnon — 401"


def _in_scope(scope: StaffScope, organisation_id: int, school_id: int) -> bool:
    return scope.allows_school(organisation_id, school_id)


def day_absences(session: Session, user_id: int, day: date) -> list[StaffAbsenceRow]:
    """Absences covering `day` in the schools the staff member may see, family-declared first."""
    scope = staff_scope(session, user_id)
    rows = session.exec(
        select(Absence, Child, School, AbsenceReason)
        .join(Child, col(Child.id) == Absence.child_id)
        .join(School, col(School.id) == Absence.school_id)
        .join(AbsenceReason, col(AbsenceReason.id) == Absence.reason_id, isouter=True)
        .where(
            col(Absence.organisation_id).in_(scope.organisation_ids),
            col(Absence.starts_on) <= day,
            col(Absence.ends_on) >= day,
        )
    ).all()
    found = []
    for absence, child, school, reason in rows:
        if not _in_scope(scope, absence.organisation_id, absence.school_id):
            continue
        placement = current_placement(session, child.id or 0)
        found.append(
            StaffAbsenceRow(
                absence_id=absence.id or 0,
                child_name=f"{child.first_name} {child.last_name}",
                school=school.name,
                group_name=(placement.enrolment.group_name or "") if placement else "",
                starts_on=absence.starts_on,
                ends_on=absence.ends_on,
                kind=absence.kind,
                at_time=absence.at_time,
                source=absence.source,
                justified=absence.justified,
                reason_fr=reason.label_fr if reason else "",
                reason_en=reason.label_en if reason else "",
                reason_text=absence.reason_text,
            )
        )
    found.sort(key=lambda r: (r.source != AbsenceSource.FAMILY, r.school, r.child_name))
    return found


def pupils_for_staff(session: Session, user_id: int) -> list[PupilChoice]:
    """The active children of this year in the staff member's schools, by name."""
    scope = staff_scope(session, user_id)
    rows = session.exec(
        select(Child, Enrolment, School)
        .join(Enrolment, col(Enrolment.child_id) == Child.id)
        .join(School, col(School.id) == Enrolment.school_id)
        .join(SchoolYear, col(SchoolYear.id) == Enrolment.school_year_id)
        .where(
            col(SchoolYear.is_current).is_(True),
            col(Enrolment.active).is_(True),
            col(School.organisation_id).in_(scope.organisation_ids),
        )
        .order_by(col(Child.last_name), col(Child.first_name), col(Child.id))
    ).all()
    return [
        PupilChoice(
            child.id or 0,
            f"{child.first_name} {child.last_name} — {enrolment.group_name or enrolment.grade}",
        )
        for child, enrolment, school in rows
        if _in_scope(scope, school.organisation_id, school.id or 0)
    ]


def _guardian_recipients(session: Session, child_id: int) -> list[tuple[str, str]]:
    """(e-mail, language) of each guardian who may view the child, each address once."""
    rows = session.exec(
        select(Guardian, GuardianEmail)
        .join(GuardianChildLink, col(GuardianChildLink.guardian_id) == Guardian.id)
        .join(GuardianEmail, col(GuardianEmail.guardian_id) == Guardian.id)
        .where(GuardianChildLink.child_id == child_id, col(GuardianChildLink.can_view).is_(True))
        .order_by(col(Guardian.id), col(GuardianEmail.id))
    ).all()
    recipients: dict[str, str] = {}
    for guardian, email in rows:
        account = session.get(UserAccount, guardian.user_id) if guardian.user_id else None
        recipients.setdefault(email.email, account.locale if account else "fr")
        if account is not None:
            recipients.setdefault(account.email, account.locale)
    return list(recipients.items())


class AbsenceAlreadyRecorded(Exception):
    """The same absence (child, day, kind, time) exists: nothing recorded, nobody told again."""


def record_absence(
    session: Session, user_id: int, child_id: int, day: date, kind: AbsenceKind, at: time | None
) -> Absence:
    """Records an unjustified absence of a child of the staff member's schools and tells the family.

    Mail goes out inside the transaction: if it fails, nothing is recorded.
    """
    scope = staff_scope(session, user_id)
    placement = current_placement(session, child_id)
    if placement is None or not placement.enrolment.active:
        raise Forbidden
    organisation_id = placement.organisation.id or 0
    if not _in_scope(scope, organisation_id, placement.school_id):
        raise Forbidden
    if same_absence(session, child_id, day, day, kind, at):
        raise AbsenceAlreadyRecorded  # the family declared it, or it was just recorded
    absence = Absence(
        organisation_id=organisation_id,
        school_id=placement.school_id,
        child_id=child_id,
        starts_on=day,
        ends_on=day,
        kind=kind,
        at_time=None if kind == AbsenceKind.FULL_DAY else at,
        source=AbsenceSource.SCHOOL,
        justified=False,
        created_by_user_id=user_id,
    )
    if not add_unique(session, absence):
        raise AbsenceAlreadyRecorded  # a twin submit got there first: one row, one mail
    audit.record(
        session,
        action="absence.record",
        actor_user_id=user_id,
        organisation_id=organisation_id,
        object_type="absence",
        object_id=absence.id,
        child_id=child_id,
    )
    child = session.get(Child, child_id)
    assert child is not None

    def portal_text(language: str) -> tuple[str, str]:
        params = {
            "child": child.first_name,
            "day": format_day(day, locale_for(language, placement.organisation.country)),
            "school": placement.school.name,
            "base_url": get_settings().base_url,
        }
        return (
            translate(language, "mail.absence_recorded.subject", **params),
            translate(language, "mail.absence_recorded.body", **params),
        )

    # The family reads it in the portal's inbox too, not only by e-mail.
    notify_child_guardians(
        session,
        author_id=user_id,
        organisation_id=organisation_id,
        school_id=placement.school_id,
        child_id=child_id,
        text_for=portal_text,
    )
    for email, language in _guardian_recipients(session, child_id):
        send_message(
            session,
            recipient=email,
            template="absence_recorded",
            language=language,
            organisation_id=organisation_id,
            child=child.first_name,
            day=format_day(day, locale_for(language, placement.organisation.country)),
            school=placement.school.name,
        )
    return absence


def mark_justified(session: Session, user_id: int, absence_id: int) -> Absence:
    """Staff accept an absence as justified; Forbidden outside their schools."""
    scope = staff_scope(session, user_id)
    absence = session.get(Absence, absence_id)
    if absence is None or not _in_scope(scope, absence.organisation_id, absence.school_id):
        raise Forbidden
    if not absence.justified:
        absence.justified = True
        absence.justified_by_user_id = user_id
        absence.justified_at = utcnow()
        session.add(absence)
        audit.record(
            session,
            action="absence.mark_justified",
            actor_user_id=user_id,
            organisation_id=absence.organisation_id,
            object_type="absence",
            object_id=absence.id,
            child_id=absence.child_id,
        )
    return absence
