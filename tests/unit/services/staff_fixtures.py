"""Named people and places of the demo for the staff tests, and a commune administrator."""

from __future__ import annotations

import re

from sqlmodel import Session, col, select

from portail_famille.models import (
    Organisation,
    OutboxMail,
    School,
    StaffMembership,
    StaffRole,
    UserAccount,
)
from portail_famille.services.mail import readable_body

COMMUNE_ADMIN_EMAIL = "maire@saint-aubin.example.org"


def user_id(session: Session, email: str) -> int:
    user = session.exec(select(UserAccount).where(UserAccount.email == email)).one()
    assert user.id is not None
    return user.id


def organisation_id(session: Session, slug: str) -> int:
    org = session.exec(select(Organisation).where(Organisation.slug == slug)).one()
    assert org.id is not None
    return org.id


def school_id(session: Session, code: str) -> int:
    school = session.exec(select(School).where(School.code == code)).one()
    assert school.id is not None
    return school.id


def commune_admin(session: Session) -> int:
    """An administrator of the commune only (the demo has none)."""
    user = UserAccount(email=COMMUNE_ADMIN_EMAIL, display_name="Mairie de Saint-Aubin")
    session.add(user)
    session.flush()
    assert user.id is not None
    session.add(
        StaffMembership(
            user_id=user.id,
            organisation_id=organisation_id(session, "saint-aubin"),
            role=StaffRole.ADMIN,
        )
    )
    session.flush()
    return user.id


def last_code_mailed_to(session: Session, email: str) -> str:
    """The 8-digit code of the newest mail to `email`, read from the outbox as sent."""
    mail = session.exec(
        select(OutboxMail).where(OutboxMail.recipient == email).order_by(col(OutboxMail.id).desc())
    ).first()
    assert mail is not None, f"no mail to {email}"
    body = readable_body(mail)
    found = re.search(r"\b(\d{8})\b", body)
    assert found, body
    return found.group(1)
