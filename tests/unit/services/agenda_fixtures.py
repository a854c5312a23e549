"""Demo people the agenda and absences tests use, by e-mail and by first name."""

from __future__ import annotations

from sqlmodel import Session, select

from portail_famille.models import Child, UserAccount


def user_id(session: Session, email: str) -> int:
    user = session.exec(select(UserAccount).where(UserAccount.email == email)).one()
    assert user.id is not None
    return user.id


def child_id(session: Session, first_name: str) -> int:
    child = session.exec(select(Child).where(Child.first_name == first_name)).one()
    assert child.id is not None
    return child.id
