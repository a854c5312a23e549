"""Helpers of the Results and Record tests: demo children and accounts by name."""

from __future__ import annotations

from sqlmodel import Session, select

from portail_famille.models import Child, ChildRecord, ReportCard
from tests.accounts import account


def child_id(session: Session, first_name: str) -> int:
    child = session.exec(select(Child).where(Child.first_name == first_name)).one()
    assert child.id is not None
    return child.id


def user_id(session: Session, email: str) -> int:
    found = account(session, email).id
    assert found is not None
    return found


def a_report_card(session: Session, first_name: str) -> ReportCard:
    return session.exec(
        select(ReportCard).where(ReportCard.child_id == child_id(session, first_name))
    ).first()  # type: ignore[return-value]


def sheet_reference(session: Session, first_name: str) -> str:
    record = session.exec(
        select(ChildRecord).where(ChildRecord.child_id == child_id(session, first_name))
    ).one()
    return record.reference
