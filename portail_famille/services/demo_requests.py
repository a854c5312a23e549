"""Demo requests waiting in the console, on families the other demo scenarios leave alone.

Jean Côté (Mille-Lacs) and Claire Martin (Saint-Aubin) ask; Marie Tremblay's children are kept
free for the family-side walk-through. One of Claire's requests meets a record the service changed
since, so the console shows a conflict. Also the organisations' re-enrolment period and records
confirmation date, and the Mille-Lacs next school year that re-enrolment fills.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from portail_famille.models import (
    Child,
    ChildRecord,
    Organisation,
    OrganisationSettings,
    SchoolYear,
    UserAccount,
)
from portail_famille.services.requests import submit_request

JEAN_EMAIL = "jean.cote@example.org"
CLAIRE_EMAIL = "claire.martin@example.org"


def _user(session: Session, email: str) -> int:
    user = session.exec(select(UserAccount).where(UserAccount.email == email)).one()
    assert user.id is not None
    return user.id


def _child(session: Session, file_number: str) -> int:
    child = session.exec(select(Child).where(Child.file_number == file_number)).one()
    assert child.id is not None
    return child.id


def load_demo_requests(session: Session) -> None:
    organisations = {o.slug: o for o in session.exec(select(Organisation)).all()}
    css, commune = organisations["css-mille-lacs"], organisations["saint-aubin"]
    assert css.id is not None and commune.id is not None
    session.add_all(
        [
            OrganisationSettings(
                organisation_id=css.id,
                reenrolment_opens_on=date(2026, 11, 1),
                reenrolment_closes_on=date(2027, 3, 31),
                records_confirmation_due_on=date(2026, 12, 18),
            ),
            OrganisationSettings(
                organisation_id=commune.id,
                reenrolment_opens_on=date(2027, 3, 1),
                reenrolment_closes_on=date(2027, 5, 31),
                records_confirmation_due_on=date(2027, 1, 15),
            ),
            SchoolYear(
                organisation_id=css.id,
                label="2027-2028",
                starts_on=date(2027, 8, 26),
                ends_on=date(2028, 6, 22),
            ),
        ]
    )
    session.flush()
    jean, claire = _user(session, JEAN_EMAIL), _user(session, CLAIRE_EMAIL)
    felix, jade, hugo = (
        _child(session, "1000005"),
        _child(session, "2000001"),
        _child(session, "2000002"),
    )
    submit_request(
        session,
        user_id=jean,
        category="health",
        child_id=felix,
        values={"allergies": "Pollen (rhume des foins)", "medication": "Ventolin au besoin"},
    )
    submit_request(
        session,
        user_id=jean,
        category="bank",
        values={"bank_holder": "Jean Côté", "bank_account": "00123-815-1234567"},
    )
    submit_request(
        session,
        user_id=claire,
        category="pickup",
        child_id=jade,
        values={"action": "change", "person": "2", "phone": "06 11 22 33 44"},
    )
    submit_request(
        session,
        user_id=claire,
        category="complementary",
        child_id=hugo,
        values={
            "transport": "Voiture (parents)",
            "notes": "Fait la sieste l'après-midi.",
            "may_leave_alone": "no",
            "photo_consent": "yes",
        },
    )
    submit_request(
        session,
        user_id=claire,
        category="health",
        child_id=jade,
        values={
            "allergies": "Lactose (intolérance) et kiwi",
            "medication": "Aucun",
            "doctor_name": "Dr Paul Lemoine",
            "doctor_phone": "02 99 11 22 33",
        },
    )
    # The service recorded something else since Claire asked: the console shows the conflict.
    record = session.exec(select(ChildRecord).where(ChildRecord.child_id == jade)).one()
    record.allergies = "Lactose (intolérance), fruits à coque"
    session.add(record)
    session.flush()
