"""Demo results and records: Thomas's and Léa's marks and report cards, the families' records.

Called once by load_demo, after the children, schools and school years exist.
"""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime

from sqlmodel import Session, col, select

from portail_famille.models import (
    Child,
    ChildRecord,
    Enrolment,
    ExamResult,
    Family,
    FamilyRecord,
    Mark,
    PickupPerson,
    ReportCard,
    SchoolYear,
    Subject,
)
from portail_famille.services.demo_results_data import LEA_SUBJECTS, THOMAS_SUBJECTS
from portail_famille.services.sealing import seal

PUBLISHED = datetime(2026, 11, 20, 16, 0, tzinfo=UTC)
# A mark the teacher has not released: it must never reach a family (tests look for it).
UNPUBLISHED_TITLE = "Situation d'évaluation de fin d'étape"


def _reference() -> str:
    return secrets.token_urlsafe(16)


def _child(session: Session, file_number: str, organisation_id: int) -> Child:
    return session.exec(
        select(Child).where(
            Child.file_number == file_number, Child.organisation_id == organisation_id
        )
    ).one()


def _years(session: Session, organisation_id: int) -> list[SchoolYear]:
    """The organisation's years, the current one first."""
    return list(
        session.exec(
            select(SchoolYear)
            .where(SchoolYear.organisation_id == organisation_id)
            .order_by(col(SchoolYear.starts_on).desc())
        ).all()
    )


def _school_results(session: Session, child: Child, subjects: list, hidden_in: str) -> None:
    """Subjects, marks (one unpublished in `hidden_in`) and report cards of one child."""
    assert child.id is not None
    enrolment = session.exec(select(Enrolment).where(Enrolment.child_id == child.id)).first()
    assert enrolment is not None
    current, *earlier = _years(session, child.organisation_id)
    assert current.id is not None
    for name, teacher, email, marks in subjects:
        subject = Subject(
            child_id=child.id,
            school_id=enrolment.school_id,
            school_year_id=current.id,
            name=name,
            teacher_name=teacher,
            teacher_email=f"{email}@mille-lacs.example.org",
        )
        session.add(subject)
        session.flush()
        assert subject.id is not None
        for title, day, score, out_of in marks:
            session.add(
                Mark(
                    subject_id=subject.id,
                    title=title,
                    assessed_on=day,
                    score=score,
                    out_of=out_of,
                    published_at=PUBLISHED,
                )
            )
        if name == hidden_in:
            session.add(
                Mark(
                    subject_id=subject.id,
                    title=UNPUBLISHED_TITLE,
                    assessed_on=date(2026, 11, 18),
                    score=12,
                    out_of=100,
                )
            )
    terms = [(current, 1, date(2026, 11, 20), 0)] + [
        (year, term, date(year.starts_on.year + (term > 1), (11, 3, 6)[term - 1], 20), term)
        for year in earlier
        for term in (1, 2, 3)
    ]
    for year, term, issued, shift in terms:
        assert year.id is not None
        lines = [
            {
                "subject": name,
                "result": round(sum(m[2] / m[3] for m in marks) / len(marks) * 100) - 3 + shift,
                "average": 74 + shift,
                "comment": "Bon travail, continue tes efforts."
                if term == 1
                else "Progrès constants.",
            }
            for name, _t, _e, marks in subjects
        ]
        session.add(
            ReportCard(
                reference=_reference(),
                child_id=child.id,
                school_id=enrolment.school_id,
                school_year_id=year.id,
                term=term,
                issued_on=issued,
                lines=lines,
            )
        )


def _records(session: Session, child: Child, **fields: object) -> None:
    assert child.id is not None
    session.add(ChildRecord(child_id=child.id, reference=_reference(), **fields))  # type: ignore[arg-type]


def load_results_and_records(session: Session, school_centre_id: int, commune_id: int) -> None:
    """Adds the demo's results and records; children must already be in the session."""
    thomas = _child(session, "1000002", school_centre_id)
    lea = _child(session, "1000001", school_centre_id)
    _school_results(session, thomas, THOMAS_SUBJECTS, hidden_in="Mathématiques")
    _school_results(session, lea, LEA_SUBJECTS, hidden_in="Français")
    previous = _years(session, school_centre_id)[1]
    assert previous.id is not None and thomas.id is not None
    session.add(
        ExamResult(
            child_id=thomas.id,
            school_year_id=previous.id,
            exam="Épreuve ministérielle de mathématiques",
            sat_on=date(2026, 6, 10),
            result=83,
            passed=True,
        )
    )
    session.add(
        ExamResult(
            child_id=thomas.id,
            school_year_id=previous.id,
            exam="Épreuve ministérielle de français, écriture",
            sat_on=date(2026, 6, 3),
            result=77,
            passed=True,
        )
    )

    _records(
        session,
        thomas,
        transport="Autobus 14 — arrêt rue des Pins, 7 h 32",
        allergies="Aucune connue",
        doctor_name="Dre Nathalie Bergeron",
        doctor_phone="+1 819 555-0190",
        notes="Fait partie de l'équipe de basketball.",
        photo_consent=True,
        may_leave_alone=True,
    )
    _records(
        session,
        lea,
        transport="Autobus 7 — arrêt chemin du Lac, 7 h 50",
        allergies="Arachides (auto-injecteur d'épinéphrine dans son sac)",
        medication="EpiPen Jr 0,15 mg",
        doctor_name="Dre Nathalie Bergeron",
        doctor_phone="+1 819 555-0190",
        notes="Lunettes pour la lecture.",
        photo_consent=True,
    )
    jade = _child(session, "2000001", commune_id)
    hugo = _child(session, "2000002", commune_id)
    _records(
        session,
        jade,
        transport="À pied, accompagnée",
        allergies="Lactose (intolérance)",
        medication="Aucun",
        doctor_name="Dr Paul Lemoine",
        doctor_phone="02 99 11 22 33",
        notes="Repas sans lactose à la cantine.",
        photo_consent=True,
    )
    _records(
        session,
        hugo,
        transport="Voiture (parents)",
        allergies="Aucune",
        doctor_name="Dr Paul Lemoine",
        doctor_phone="02 99 11 22 33",
        notes="Fait la sieste l'après-midi.",
    )
    for child in session.exec(select(Child)).all():
        if child.id not in {thomas.id, lea.id, jade.id, hugo.id}:
            _records(session, child)
    for child, people in (
        (
            lea,
            [
                ("Luc Gagnon", "Père", "+1 819 555-0143"),
                ("Denise Tremblay", "Grand-mère", "+1 819 555-0177"),
            ],
        ),
        (thomas, [("Luc Gagnon", "Père", "+1 819 555-0143")]),
        (
            jade,
            [
                ("Julien Martin", "Père", "06 12 34 56 78"),
                ("Monique Martin", "Grand-mère", "06 98 76 54 32"),
            ],
        ),
        (
            hugo,
            [
                ("Julien Martin", "Père", "06 12 34 56 78"),
                ("Léna Rousseau", "Voisine", "06 55 44 33 22"),
            ],
        ),
    ):
        assert child.id is not None
        session.add_all(
            PickupPerson(child_id=child.id, name=n, relation=r, phone=p) for n, r, p in people
        )

    families = {f.name: f for f in session.exec(select(Family)).all()}
    martin, tremblay = families["Famille Martin"], families["Famille Tremblay"]
    assert martin.id is not None and tremblay.id is not None
    session.add(
        FamilyRecord(
            family_id=martin.id,
            spouse_name="Julien Martin",
            spouse_phone="06 12 34 56 78",
            tax_number="3012345678901",
            tax_year=2025,
            family_quotient=850,
            caf_number="1234567",
            bank_holder="Claire et Julien Martin",
            bank_account_sealed=seal("FR76 3000 6000 0112 3456 7890 189"),
        )
    )
    session.add(
        FamilyRecord(
            family_id=tremblay.id,
            tax_year=2025,
            bank_holder="Marie Tremblay",
            bank_account_sealed=seal("815 30001 0045213"),
        )
    )
