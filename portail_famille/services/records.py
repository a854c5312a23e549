"""The child's record and the family's record, as a guardian with the view right reads them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, col, select

from portail_famille.domain.masking import mask_account
from portail_famille.models import (
    Child,
    ChildRecord,
    Enrolment,
    Family,
    FamilyRecord,
    Guardian,
    GuardianChildLink,
    GuardianEmail,
    Organisation,
    PickupPerson,
    School,
    SchoolYear,
    Subject,
)
from portail_famille.services.access import child_for_guardian
from portail_famille.services.sealing import unseal


@dataclass(frozen=True)
class Person:
    name: str
    detail: str  # relationship or relation to the child
    phone: str
    email: str


@dataclass
class ChildSheet:
    """Everything the child's sheet shows; also the source of the sheet's PDF."""

    first_name: str
    full_name: str
    birth_date: date
    file_number: str
    organisation: str
    country: str
    school: str = ""
    school_id: int | None = None
    grade: str = ""
    group_name: str = ""
    school_year: str = ""
    subjects: list[Person] = field(default_factory=list)  # name = subject, detail = teacher
    guardians: list[Person] = field(default_factory=list)
    pickups: list[Person] = field(default_factory=list)
    record: ChildRecord | None = None


@dataclass(frozen=True)
class FamilySheet:
    name: str
    guardians: list[Person]
    spouse_name: str
    spouse_phone: str
    tax_number: str
    tax_year: str
    family_quotient: str
    caf_number: str
    bank_holder: str
    bank_masked: str


def _emails(session: Session, guardian_ids: list[int]) -> dict[int, str]:
    rows = session.exec(
        select(GuardianEmail).where(col(GuardianEmail.guardian_id).in_(guardian_ids))
    ).all()
    found: dict[int, str] = {}
    for row in rows:
        found.setdefault(row.guardian_id, row.email)
    return found


def child_sheet(session: Session, child: Child) -> ChildSheet:
    """The child's record; callers check access first."""
    assert child.id is not None
    organisation = session.get(Organisation, child.organisation_id)
    assert organisation is not None
    sheet = ChildSheet(
        first_name=child.first_name,
        full_name=f"{child.first_name} {child.last_name}",
        birth_date=child.birth_date,
        file_number=child.file_number,
        organisation=organisation.name,
        country=organisation.country,
    )
    current = session.exec(
        select(Enrolment, School, SchoolYear)
        .join(School, col(School.id) == Enrolment.school_id)
        .join(SchoolYear, col(SchoolYear.id) == Enrolment.school_year_id)
        .where(Enrolment.child_id == child.id, col(SchoolYear.is_current).is_(True))
        .order_by(col(Enrolment.active).desc())
    ).first()
    if current is not None:
        enrolment, school, year = current
        sheet.school, sheet.school_id, sheet.school_year = school.name, school.id, year.label
        sheet.grade, sheet.group_name = enrolment.grade, enrolment.group_name or ""
        subjects = session.exec(
            select(Subject)
            .where(Subject.child_id == child.id, Subject.school_year_id == year.id)
            .order_by(col(Subject.name))
        ).all()
        sheet.subjects = [
            Person(s.name, s.teacher_name, "", s.teacher_email or "") for s in subjects
        ]
    guardians = session.exec(
        select(Guardian, GuardianChildLink)
        .join(GuardianChildLink, col(GuardianChildLink.guardian_id) == Guardian.id)
        .where(GuardianChildLink.child_id == child.id)
        .order_by(col(Guardian.id))
    ).all()
    emails = _emails(session, [g.id for g, _l in guardians if g.id is not None])
    sheet.guardians = [
        Person(
            f"{g.first_name} {g.last_name}",
            link.relationship,
            g.phone or "",
            emails.get(g.id or 0, ""),
        )
        for g, link in guardians
    ]
    sheet.pickups = [
        Person(p.name, p.relation, p.phone or "", "")
        for p in session.exec(
            select(PickupPerson)
            .where(PickupPerson.child_id == child.id)
            .order_by(col(PickupPerson.id))
        ).all()
    ]
    sheet.record = session.exec(select(ChildRecord).where(ChildRecord.child_id == child.id)).first()
    return sheet


def family_sheet(session: Session, family_id: int) -> FamilySheet:
    """The household's record with the bank account masked: the full number never leaves here."""
    family = session.get(Family, family_id)
    assert family is not None
    guardians = session.exec(
        select(Guardian).where(Guardian.family_id == family_id).order_by(col(Guardian.id))
    ).all()
    emails = _emails(session, [g.id for g in guardians if g.id is not None])
    record = session.exec(select(FamilyRecord).where(FamilyRecord.family_id == family_id)).first()
    account = unseal(record.bank_account_sealed) if record and record.bank_account_sealed else None

    def text(value: object) -> str:
        return "" if value is None else str(value)

    return FamilySheet(
        name=family.name,
        guardians=[
            Person(f"{g.first_name} {g.last_name}", "", g.phone or "", emails.get(g.id or 0, ""))
            for g in guardians
        ],
        spouse_name=text(record and record.spouse_name),
        spouse_phone=text(record and record.spouse_phone),
        tax_number=text(record and record.tax_number),
        tax_year=text(record and record.tax_year),
        family_quotient=text(record and record.family_quotient),
        caf_number=text(record and record.caf_number),
        bank_holder=text(record and record.bank_holder),
        bank_masked=mask_account(account) if account else "",
    )


def records_for_guardian(
    session: Session, user_id: int, child_id: int
) -> tuple[ChildSheet, FamilySheet]:
    """The child's record and the record of the guardian's own household; Forbidden if not."""
    child, link = child_for_guardian(session, user_id, child_id, "view")
    guardian = session.get(Guardian, link.guardian_id)
    assert guardian is not None
    return child_sheet(session, child), family_sheet(session, guardian.family_id)
