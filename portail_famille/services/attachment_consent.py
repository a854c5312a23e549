"""Staff record (or withdraw) a guardian's written consent to receive confidential documents
attached to e-mails (seed 000): the date it was given and the evidence kept."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from portail_famille.models import (
    AttachmentConsent,
    Enrolment,
    Guardian,
    GuardianChildLink,
)
from portail_famille.models.base import utcnow
from portail_famille.services import audit
from portail_famille.services.access import Forbidden, StaffScope, staff_scope
from portail_famille.services.local_time import organisation_today


class InvalidConsent(ValueError):
    """No evidence, or a date in the future."""


@dataclass(frozen=True)
class ConsentRow:
    guardian_id: int
    name: str
    consented_on: date | None
    evidence: str


def _staff_reaches(session: Session, scope: StaffScope, guardian: Guardian) -> bool:
    schools = scope.schools_by_organisation.get(guardian.organisation_id, frozenset())
    if guardian.organisation_id not in scope.organisation_ids:
        return False
    if schools is None:
        return True
    # A school-bound secretary: guardians of a child enrolled in her school.
    found = session.exec(
        select(Enrolment.id)
        .join(GuardianChildLink, col(GuardianChildLink.child_id) == Enrolment.child_id)
        .where(
            GuardianChildLink.guardian_id == guardian.id,
            col(Enrolment.school_id).in_(list(schools)),
        )
    ).first()
    return found is not None


def _guardian(session: Session, user_id: int, guardian_id: int) -> Guardian:
    scope = staff_scope(session, user_id)
    guardian = session.get(Guardian, guardian_id)
    if guardian is None or not _staff_reaches(session, scope, guardian):
        raise Forbidden
    return guardian


def consent_rows(session: Session, *, user_id: int) -> list[ConsentRow]:
    """The guardians this staff member reaches, with their consent if recorded and current."""
    scope = staff_scope(session, user_id)
    guardians = session.exec(
        select(Guardian)
        .where(col(Guardian.organisation_id).in_(scope.organisation_ids))
        .order_by(col(Guardian.last_name), col(Guardian.first_name), col(Guardian.id))
    ).all()
    consents = {
        c.guardian_id: c
        for c in session.exec(
            select(AttachmentConsent).where(col(AttachmentConsent.withdrawn_at).is_(None))
        ).all()
    }
    rows = []
    for guardian in guardians:
        if guardian.id is None or not _staff_reaches(session, scope, guardian):
            continue
        consent = consents.get(guardian.id)
        rows.append(
            ConsentRow(
                guardian_id=guardian.id,
                name=f"{guardian.first_name} {guardian.last_name}",
                consented_on=consent.consented_on if consent else None,
                evidence=consent.evidence if consent else "",
            )
        )
    return rows


def record_consent(
    session: Session, *, user_id: int, guardian_id: int, consented_on: date, evidence: str
) -> AttachmentConsent:
    guardian = _guardian(session, user_id, guardian_id)
    evidence = evidence.strip()[:300]
    if not evidence:
        raise InvalidConsent("finances.consent.evidence_required")
    if consented_on > organisation_today(session, guardian.organisation_id):
        raise InvalidConsent("finances.consent.date_future")
    consent = session.exec(
        select(AttachmentConsent).where(AttachmentConsent.guardian_id == guardian_id)
    ).first()
    if consent is None:
        consent = AttachmentConsent(
            guardian_id=guardian_id,
            consented_on=consented_on,
            evidence=evidence,
            recorded_by=user_id,
        )
    else:  # one row per guardian: a new consent replaces a withdrawn one
        consent.consented_on, consent.evidence = consented_on, evidence
        consent.recorded_by, consent.recorded_at, consent.withdrawn_at = user_id, utcnow(), None
    session.add(consent)
    audit.record(
        session,
        action="attachment_consent.recorded",
        actor_user_id=user_id,
        organisation_id=guardian.organisation_id,
        object_type="guardian",
        object_id=guardian_id,
    )
    session.flush()
    return consent


def withdraw_consent(session: Session, *, user_id: int, guardian_id: int) -> None:
    guardian = _guardian(session, user_id, guardian_id)
    consent = session.exec(
        select(AttachmentConsent).where(AttachmentConsent.guardian_id == guardian_id)
    ).first()
    if consent is None or consent.withdrawn_at is not None:
        return
    consent.withdrawn_at = utcnow()
    session.add(consent)
    audit.record(
        session,
        action="attachment_consent.withdrawn",
        actor_user_id=user_id,
        organisation_id=guardian.organisation_id,
        object_type="guardian",
        object_id=guardian_id,
    )
